/// Where a pooling's windows send their gradients, for one row: a max window gives its
/// gradient to the element that won it, an average window shares it out divided by its count;
/// then each element's gradient as the sum of what reached it. Fixed and adaptive pools alike.
struct WindowRouting {
    /// One window: the input positions it covers, and the count an average divided by.
    struct Window {
        var inputs: [Int]
        var divisor: Int
    }

    let kind: PoolExplanation.Kind
    let windows: [Window]
    /// The row of the input, the upstream gradient (one per window) and the gradient the engine gave.
    let values: [Double], g: [Double], gradient: [Double]
    /// `x[3]`, `x[1, 3]`: input position `t` by name.
    let name: (Int) -> String
    let all: Bool

    private typealias N = ExplanationNumbers

    func lines() -> [String] {
        var received = [[String]](repeating: [], count: values.count)
        var numbers = [[String]](repeating: [], count: values.count)
        var lines = ["  upstream g = ∂L/∂y = " + BackwardValues.list(g, all: all)]
        let shown = Set(visibleIndices(windows.count, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all).compactMap { $0 })
        for (i, window) in windows.enumerated() {
            let covers = window.inputs.isEmpty ? "only padding" : N.series(window.inputs.map(name))
            if kind == .max {
                guard let winner = winner(window.inputs) else {
                    if shown.contains(i) { lines.append("  window \(i) covers \(covers): no element takes g\(i)") }
                    continue
                }
                received[winner].append("g\(i)")
                numbers[winner].append(N.term(g[i]))
                if shown.contains(i) {
                    lines.append("  window \(i) covers \(covers): its maximum \(name(winner)) = \(N.number(values[winner])) takes g\(i) = \(N.number(g[i]))")
                }
            } else {
                let divisor = window.divisor
                for index in window.inputs {
                    received[index].append("g\(i)/\(divisor)")
                    numbers[index].append(N.term(g[i]) + "/\(divisor)")
                }
                if shown.contains(i) {
                    lines.append("  window \(i) covers \(covers): each gets g\(i)/\(divisor) = \(N.term(g[i]))/\(divisor) = \(N.number(g[i] / Double(divisor)))")
                }
            }
            if i == StepLayout.headSteps, shown.count < windows.count { lines.append(StepLayout.hiddenSteps(total: windows.count)) }
        }
        for t in visibleIndices(values.count, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all) {
            guard let t else { lines.append("  …"); continue }
            let label = "∂L/∂" + name(t)
            if received[t].isEmpty {
                let why = kind == .max ? "never a window's maximum" : "no window covers it"
                lines.append("  \(label) = \(N.number(gradient[t])): \(why)")
            } else {
                let sum = received[t].count == 1 ? "" : " = " + numbers[t].joined(separator: " + ")
                lines.append("  \(label) = " + received[t].joined(separator: " + ") + sum + " = " + N.number(gradient[t]))
            }
        }
        return lines
    }

    /// The first maximum of the window (a NaN wins), as the forward and the engine pick it.
    private func winner(_ inputs: [Int]) -> Int? {
        var best: Int?
        for index in inputs {
            let value = values[index]
            guard let current = best else { best = index; if value.isNaN { break }; continue }
            if value.isNaN { return index }
            if value > values[current] { best = index }
        }
        return best
    }
}
