import ConvAutograd
import ConvNumerics

/// The backward step of a pooling: max pooling gives each window's gradient to the element
/// that won it; average pooling shares it equally among the values it averaged.
struct PoolBackwardText {
    private let pool: PoolExplanation
    private let gradient: [[Double]]?
    private let title: String
    private let sources: BackwardSources
    private let all: Bool

    private typealias N = ExplanationNumbers

    init?(_ step: BackwardStep, title: String, sources: BackwardSources, all: Bool) {
        let (kind, input, parameters): (PoolExplanation.Kind, Tensor, PoolingParameters)
        switch step.record {
        case .maxPool(let x, let p)?: (kind, input, parameters) = (.max, x, p)
        case .avgPool(let x, let p)?: (kind, input, parameters) = (.average, x, p)
        default: return nil
        }
        let callee = kind == .max ? "max_pool1d" : "avg_pool1d"
        guard let pool = PoolExplanation(callee: callee, kind: kind, input: input, parameters: parameters, result: step.upstream)
        else { return nil }
        self.pool = pool
        gradient = step.gradients.first??.rows(pool.channels, length: pool.inputLength)
        (self.title, self.sources, self.all) = (title, sources, all)
    }

    func render() -> [String] {
        let p = pool.parameters
        var settings = "k=\(p.kernelSize), s=\(pool.stride), p=\(p.padding)"
        if pool.kind == .max { settings += ", d=\(p.dilation)" }
        if p.ceilMode { settings += ", ceil_mode=True" }
        if pool.kind == .average, !p.countIncludePad { settings += ", count_include_pad=False" }
        var lines = ["\(title): \(pool.kind == .max ? "a max" : "an average") pooling y = \(pool.callee)(\(sources.describe(0, role: "x"))), "
                     + "\(settings) → L_out = \(pool.outputLength)"]
        if pool.batch > 1 { lines.append("a batch of \(pool.batch) items: showing item 0; every other item is routed the same way") }
        lines.append(pool.kind == .max
                     ? "each window's gradient goes to the element that was its maximum (the first one, when tied); the rest of the window gets nothing"
                     : "each window's gradient is shared equally among what it averaged: g_i divided by the count the forward divided by")
        guard let gradient else {
            return lines + ["\(sources.describe(0, role: "x")) needs no gradient (it does not require grad)"]
        }
        for c in visibleIndices(pool.channels, head: StepLayout.headChannels, tail: 1, all: all) {
            guard let c else { lines.append("…"); continue }
            if pool.channels > 1 { lines.append("channel \(c):") }
            lines += channelLines(c, gradient: gradient[c])
        }
        return lines
    }

    /// Where each window sent its gradient, then each element's sum.
    private func channelLines(_ c: Int, gradient: [Double]) -> [String] {
        let windows = (0..<pool.outputLength).map { i in
            let inputs = pool.window(step: i).compactMap { position -> Int? in
                if case .input(let index) = pool.slot(position) { return index }
                return nil
            }
            return WindowRouting.Window(inputs: inputs, divisor: pool.kind == .average ? pool.divisor(step: i).value : 1)
        }
        return WindowRouting(kind: pool.kind, windows: windows, values: pool.rows[c], g: pool.outputs[c], gradient: gradient,
                             name: { x(c, $0) }, all: all).lines()
    }

    private func x(_ c: Int, _ t: Int) -> String { pool.channels > 1 ? "x[\(c), \(t)]" : "x[\(t)]" }
}
