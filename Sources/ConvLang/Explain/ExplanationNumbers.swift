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
        let text = number(x)
        return text.hasPrefix("−") ? "(\(text))" : text
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
