import ConvAutograd
import ConvNumerics

/// `explain pool(x)` for an adaptive pooling: the windows computed from the lengths, then each
/// output as the maximum or the mean of its window, with the numbers.
struct AdaptivePoolExplanation {
    let layer: String
    let isMax: Bool
    let x: Tensor, y: Tensor
    let all: Bool

    private typealias N = ExplanationNumbers

    func render() -> String {
        let length = x.shape.last ?? 0
        let outputs = y.shape.last ?? 0
        let windows = Functional.adaptiveWindows(length: length, outputSize: outputs)
        var lines = ["explain \(layer): L=\(length) → \(N.count(outputs, "window")), whatever the input length",
                     AdaptivePoolBackwardText.windowsLine(windows, length: length)]
        let rows = length == 0 ? 0 : x.count / length
        let (xs, ys) = (x.scalars, y.scalars)
        for row in visibleIndices(rows, head: StepLayout.headChannels, tail: 1, all: all) {
            guard let row else { lines.append("  …"); continue }
            for i in visibleIndices(outputs, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all) {
                guard let i else { lines.append("  …"); continue }
                let members = windows[i].map { row * length + $0 }
                let names = members.map { "x" + GradientSum.index($0, shape: x.shape, compact: true) }
                let values = members.map { isMax ? N.number(xs[$0]) : N.term(xs[$0]) }
                let name = "y" + GradientSum.index(row * outputs + i, shape: y.shape, compact: true)
                let value = N.number(ys[row * outputs + i])
                lines.append(isMax
                             ? "  \(name) = max(\(Self.elided(names, all: all))) = max(\(Self.elided(values, all: all))) = \(value)"
                             : "  \(name) = mean(\(Self.elided(names, all: all))) = (\(Self.elided(values, all: all, separator: " + ")))/\(members.count) = \(value)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `a, b, …, z`: a long window by its first and last elements.
    static func elided(_ items: [String], all: Bool, separator: String = ", ") -> String {
        visibleIndices(items.count, head: StepLayout.headTaps, tail: 2, all: all).map { $0.map { items[$0] } ?? "…" }
            .joined(separator: separator)
    }
}
