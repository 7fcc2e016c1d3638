/// How numbers read in explanations: the value formatter's 8 significant digits, with a true
/// minus sign, and negative factors in parentheses so `0.5·(−3)` cannot be misread.
enum ExplanationNumbers {
    /// `−2.4`, `0.5`, `3`.
    static func number(_ x: Double) -> String {
        let text = ValueFormatter.format(x)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// A number inside a product or a sum: `(−1)` when negative.
    static func term(_ x: Double) -> String {
        parenthesised(number(x))
    }

    /// `x` rounded to `digits` significant digits for a figure, as PyTorch prints tensors
    /// (`−0.005294`, `0.3793`); whole numbers below 10^8 stay whole (`12345`).
    static func rounded(_ x: Double, digits: Int) -> String {
        guard x.isFinite, x != x.rounded() || abs(x) >= 1e8 else { return number(x) }
        let text = CFormatting.format(x, "%.\(Swift.min(Swift.max(digits, 1), 17))g")
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// A rounded number inside a product or a sum: `(−0.005294)` when negative.
    static func roundedTerm(_ x: Double, digits: Int) -> String {
        parenthesised(rounded(x, digits: digits))
    }

    /// The exact value, in the shortest form that reads back as the same double
    /// (`-0.005293981172144413`), with an ASCII minus so it can be copied into a program.
    static func exact(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    private static func parenthesised(_ text: String) -> String {
        text.hasPrefix("−") ? "(\(text))" : text
    }

    /// `[0.5, −1]`.
    static func list(_ values: [Double]) -> String {
        "[" + values.map(number).joined(separator: ", ") + "]"
    }

    /// `1 zero`, `2 zeros`.
    static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        n == 1 ? "1 \(noun)" : "\(n) \(plural ?? noun + "s")"
    }

    /// `0`, `0 and 1`, `0, 2 and 4`.
    static func series(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        if items.count == 1 { return last }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }
}

/// Which of `count` items to show: all of them, or the first `head` and last `tail` with `nil`
/// standing for the elided middle.
func visibleIndices(_ count: Int, head: Int, tail: Int, all: Bool) -> [Int?] {
    guard !all, count > head + tail + 1 else { return Array(0..<count) }
    return Array(0..<head) + [nil] + Array((count - tail)..<count)
}
