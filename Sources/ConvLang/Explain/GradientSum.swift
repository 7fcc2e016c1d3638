/// One gradient element written as the sum it is: `∂L/∂W[0, 1] = g[0, 0]·x[0, 1] + g[1, 0]·x[1, 1]
/// = 1·2 + 1·(−1) = 1`, the terms by name, then with their numbers, then the value the engine
/// computed. A long sum shows its first and last terms around `…`.
enum GradientSum {
    private typealias N = ExplanationNumbers

    /// The line for `name` (`∂L/∂b[0]`), whose `count` terms `term(k)` gives as (symbols, numbers).
    static func line(_ name: String, count: Int, all: Bool, value: Double, term: (Int) -> (String, String)) -> String {
        guard count > 0 else { return "  \(name) = \(N.number(value)): nothing reached it" }
        var symbols: [String] = [], numbers: [String] = []
        for index in visibleIndices(count, head: StepLayout.headTaps, tail: 2, all: all) {
            guard let index else { symbols.append("…"); numbers.append("…"); continue }
            let (symbol, number) = term(index)
            symbols.append(symbol)
            numbers.append(number)
        }
        let written = numbers.joined(separator: " + ")
        // A lone term needs no second writing when it is the value itself (`∂L/∂β[0] = g[0, 0] = 2`).
        let worked = written == N.number(value) || written == N.term(value) ? "" : " = " + written
        return "  \(name) = " + symbols.joined(separator: " + ") + worked + " = " + N.number(value)
    }

    /// `[0, 2]`, or `[2]` when `shape` has one dimension; dimensions of extent 1 are left out
    /// when `compact` (a `(1, 1, L)` tensor's elements read `x[2]`), and so is everything when
    /// nothing is left (`b`).
    static func index(_ flat: Int, shape: [Int], compact: Bool) -> String {
        var rest = flat
        var parts: [(Int, Int)] = []
        for extent in shape.reversed() {
            let size = Swift.max(extent, 1)
            parts.append((rest % size, extent))
            rest /= size
        }
        let kept = parts.reversed().filter { !compact || $0.1 != 1 }.map { String($0.0) }
        return kept.isEmpty ? "" : "[" + kept.joined(separator: ", ") + "]"
    }
}
