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
        let g = pool.outputs[c]
        var received = [[String]](repeating: [], count: pool.inputLength)
        var numbers = [[String]](repeating: [], count: pool.inputLength)
        var lines = ["  upstream g = ∂L/∂y = " + list(g)]
        let shown = Set(visibleIndices(pool.outputLength, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all).compactMap { $0 })
        for i in 0..<pool.outputLength {
            let inputs = pool.window(step: i).compactMap { position -> Int? in
                if case .input(let index) = pool.slot(position) { return index }
                return nil
            }
            let covers = inputs.isEmpty ? "only padding" : N.series(inputs.map { x(c, $0) })
            if pool.kind == .max {
                guard let winner = winner(c, inputs) else {
                    if shown.contains(i) { lines.append("  window \(i) covers \(covers): no element takes g\(i)") }
                    continue
                }
                received[winner].append("g\(i)")
                numbers[winner].append(N.term(g[i]))
                if shown.contains(i) {
                    lines.append("  window \(i) covers \(covers): its maximum \(x(c, winner)) = \(N.number(pool.rows[c][winner])) takes g\(i) = \(N.number(g[i]))")
                }
            } else {
                let divisor = pool.divisor(step: i).value
                for index in inputs {
                    received[index].append("g\(i)/\(divisor)")
                    numbers[index].append(N.term(g[i]) + "/\(divisor)")
                }
                if shown.contains(i) {
                    lines.append("  window \(i) covers \(covers): each gets g\(i)/\(divisor) = \(N.term(g[i]))/\(divisor) = \(N.number(g[i] / Double(divisor)))")
                }
            }
            if i == StepLayout.headSteps, shown.count < pool.outputLength { lines.append(StepLayout.hiddenSteps(total: pool.outputLength)) }
        }
        for t in visibleIndices(pool.inputLength, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all) {
            guard let t else { lines.append("  …"); continue }
            let name = "∂L/∂" + x(c, t)
            if received[t].isEmpty {
                let why = pool.kind == .max ? "never a window's maximum" : "no window covers it"
                lines.append("  \(name) = \(N.number(gradient[t])): \(why)")
            } else {
                let sum = received[t].count == 1 ? "" : " = " + numbers[t].joined(separator: " + ")
                lines.append("  \(name) = " + received[t].joined(separator: " + ") + sum + " = " + N.number(gradient[t]))
            }
        }
        return lines
    }

    /// The first maximum of the window (a NaN wins), as the forward and the engine pick it.
    private func winner(_ c: Int, _ inputs: [Int]) -> Int? {
        var best: Int?
        for index in inputs {
            let value = pool.rows[c][index]
            guard let current = best else { best = index; if value.isNaN { break }; continue }
            if value.isNaN { return index }
            if value > pool.rows[c][current] { best = index }
        }
        return best
    }

    private func x(_ c: Int, _ t: Int) -> String { pool.channels > 1 ? "x[\(c), \(t)]" : "x[\(t)]" }

    private func list(_ values: [Double]) -> String {
        let shown = visibleIndices(values.count, head: BackwardValues.headElements, tail: BackwardValues.tailElements, all: all)
        return "[" + shown.map { $0.map { N.number(values[$0]) } ?? "…" }.joined(separator: ", ") + "]"
    }
}
