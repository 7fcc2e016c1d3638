import ConvAutograd
import ConvNumerics

/// The backward step of an adaptive pooling: its windows are computed from the lengths
/// (window `i` from `⌊i·L/o⌋` to `⌈(i+1)·L/o⌉ − 1`), and each sends its gradient back as the
/// pooling with fixed windows does (max: to the winner; average: shared by its count).
struct AdaptivePoolBackwardText {
    private let step: BackwardStep
    private let isMax: Bool
    private let input: Tensor
    private let windows: [Range<Int>]
    private let title: String
    private let sources: BackwardSources
    private let all: Bool

    private typealias N = ExplanationNumbers

    init?(_ step: BackwardStep, title: String, sources: BackwardSources, all: Bool) {
        guard case .adaptivePool(let isMax, let input, let windows)? = step.record, let length = input.shape.last, length > 0,
              step.upstream.count == input.count / length * windows.count else { return nil }
        (self.step, self.isMax, self.input, self.windows) = (step, isMax, input, windows)
        (self.title, self.sources, self.all) = (title, sources, all)
    }

    private var length: Int { input.shape.last ?? 0 }
    private var rowCount: Int { input.count / Swift.max(length, 1) }

    func render() -> [String] {
        let callee = isMax ? "adaptive_max_pool1d" : "adaptive_avg_pool1d"
        var lines = ["\(title): an adaptive \(isMax ? "max" : "average") pooling y = \(callee)(\(sources.describe(0, role: "x")), "
                     + "\(windows.count)), L=\(length) → \(N.count(windows.count, "window"))",
                     Self.windowsLine(windows, length: length)]
        lines.append(isMax
                     ? "each window's gradient goes to the element that was its maximum (the first one, when tied); the rest of the window gets nothing"
                     : "each window's gradient is shared equally among what it averaged: g_i divided by the window's size")
        guard let gradient = step.gradients.first??.scalars else {
            return lines + ["\(sources.describe(0, role: "x")) needs no gradient (it does not require grad)"]
        }
        let (values, g) = (input.scalars, step.upstream.scalars)
        let routed = windows.map { WindowRouting.Window(inputs: Array($0), divisor: $0.count) }
        for row in visibleIndices(rowCount, head: StepLayout.headChannels, tail: 1, all: all) {
            guard let row else { lines.append("…"); continue }
            if rowCount > 1 { lines.append("row " + GradientSum.index(row, shape: Array(input.shape.dropLast()), compact: false) + ":") }
            let base = row * length, out = row * windows.count
            lines += WindowRouting(kind: isMax ? .max : .average, windows: routed, values: Array(values[base..<(base + length)]),
                                   g: Array(g[out..<(out + windows.count)]), gradient: Array(gradient[base..<(base + length)]),
                                   name: { "x" + GradientSum.index(base + $0, shape: input.shape, compact: true) }, all: all).lines()
        }
        return lines
    }

    /// `window i runs from ⌊i·L/o⌋ to ⌈(i+1)·L/o⌉ − 1: 0–1, 1–3, 3–4`, the windows an
    /// adaptive pooling of `length` computes (shared with the forward explanation).
    static func windowsLine(_ windows: [Range<Int>], length: Int) -> String {
        let shown = visibleIndices(windows.count, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: false)
        let spans = shown.map { index -> String in
            guard let index else { return "…" }
            let window = windows[index]
            return window.count == 1 ? "\(window.lowerBound)" : "\(window.lowerBound)–\(window.upperBound - 1)"
        }
        return "window i covers ⌊i·L/o⌋ to ⌈(i+1)·L/o⌉ − 1 (L=\(length), o=\(windows.count)): " + spans.joined(separator: ", ")
    }
}
