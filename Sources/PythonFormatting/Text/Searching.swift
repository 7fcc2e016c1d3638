extension PythonString {
    /// `text.find(sub, start, end)`: the first code-point index of `sub` within `text[start:end]`,
    /// or -1. Like every search here, `start` and `end` are slice bounds (negative from the end).
    public static func find(_ text: String, _ sub: String, start: Int? = nil, end: Int? = nil) -> Int {
        search(text, sub, start: start, end: end, fromEnd: false) ?? -1
    }

    /// `text.rfind(sub, start, end)`: the last index of `sub`, or -1.
    public static func rfind(_ text: String, _ sub: String, start: Int? = nil, end: Int? = nil) -> Int {
        search(text, sub, start: start, end: end, fromEnd: true) ?? -1
    }

    /// `text.index(sub, start, end)`: `find`, but an error when absent.
    public static func index(_ text: String, _ sub: String, start: Int? = nil, end: Int? = nil) throws(PythonFormatError) -> Int {
        guard let found = search(text, sub, start: start, end: end, fromEnd: false) else { throw .substringNotFound }
        return found
    }

    /// `text.rindex(sub, start, end)`: `rfind`, but an error when absent.
    public static func rindex(_ text: String, _ sub: String, start: Int? = nil, end: Int? = nil) throws(PythonFormatError) -> Int {
        guard let found = search(text, sub, start: start, end: end, fromEnd: true) else { throw .substringNotFound }
        return found
    }

    /// `text.count(sub, start, end)`: non-overlapping occurrences; an empty `sub` occurs between
    /// every two characters and at both ends.
    public static func count(_ text: String, _ sub: String, start: Int? = nil, end: Int? = nil) -> Int {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(sub.unicodeScalars)
        let range = searchRange(start, end, count: scalars.count)
        guard range.upperBound - range.lowerBound >= needle.count else { return 0 }
        if needle.isEmpty { return range.upperBound - range.lowerBound + 1 }
        var found = 0
        var position = range.lowerBound
        while let next = firstIndex(of: needle, in: scalars, within: position..<range.upperBound) {
            found += 1
            position = next + needle.count
        }
        return found
    }

    /// `text.replace(old, new, count)`: the first `count` occurrences (all when negative); an
    /// empty `old` inserts `new` before every character and at the end.
    public static func replace(_ text: String, _ old: String, _ new: String, count: Int = -1) -> String {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(old.unicodeScalars)
        var limit = count < 0 ? Int.max : count
        var out = ""
        if needle.isEmpty {
            for scalar in scalars {
                if limit > 0 { out += new; limit -= 1 }
                out.unicodeScalars.append(scalar)
            }
            if limit > 0 { out += new }
            return out
        }
        var position = 0
        while limit > 0, let found = firstIndex(of: needle, in: scalars, within: position..<scalars.count) {
            out += string(scalars[position..<found]) + new
            position = found + needle.count
            limit -= 1
        }
        return out + string(scalars[position...])
    }

    /// `text.startswith(prefixes, start, end)`: whether `text[start:end]` starts with any of them.
    public static func startsWith(_ text: String, _ prefixes: [String], start: Int? = nil, end: Int? = nil) -> Bool {
        prefixes.contains { tailMatches(text, $0, start: start, end: end, atEnd: false) }
    }

    /// `text.startswith(prefix, start, end)`.
    public static func startsWith(_ text: String, _ prefix: String, start: Int? = nil, end: Int? = nil) -> Bool {
        startsWith(text, [prefix], start: start, end: end)
    }

    /// `text.endswith(suffixes, start, end)`: whether `text[start:end]` ends with any of them.
    public static func endsWith(_ text: String, _ suffixes: [String], start: Int? = nil, end: Int? = nil) -> Bool {
        suffixes.contains { tailMatches(text, $0, start: start, end: end, atEnd: true) }
    }

    /// `text.endswith(suffix, start, end)`.
    public static func endsWith(_ text: String, _ suffix: String, start: Int? = nil, end: Int? = nil) -> Bool {
        endsWith(text, [suffix], start: start, end: end)
    }

    /// CPython's `tailmatch`.
    private static func tailMatches(_ text: String, _ sub: String, start: Int?, end: Int?, atEnd: Bool) -> Bool {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(sub.unicodeScalars)
        let range = searchRange(start, end, count: scalars.count)
        let last = range.upperBound - needle.count
        if last < range.lowerBound { return false }
        let from = atEnd ? last : range.lowerBound
        return scalars[from..<(from + needle.count)].elementsEqual(needle)
    }

    /// `find`/`rfind` on code points within the slice bounds.
    private static func search(_ text: String, _ sub: String, start: Int?, end: Int?, fromEnd: Bool) -> Int? {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(sub.unicodeScalars)
        let range = searchRange(start, end, count: scalars.count)
        guard range.upperBound - range.lowerBound >= needle.count else { return nil }
        let window = range.lowerBound..<range.upperBound
        return fromEnd
            ? lastIndex(of: needle, in: scalars, within: window)
            : firstIndex(of: needle, in: scalars, within: window)
    }

    /// CPython's `ADJUST_INDICES`: slice bounds for a search, clamped to the text. The lower
    /// bound may exceed the upper one (then nothing is found, not even an empty string).
    private static func searchRange(_ start: Int?, _ end: Int?, count: Int) -> (lowerBound: Int, upperBound: Int) {
        var end = end ?? Int.max
        var start = start ?? 0
        if end > count { end = count } else if end < 0 { end = Swift.max(0, end + count) }
        if start < 0 { start = Swift.max(0, start + count) }
        return (start, end)
    }

    /// The first place `needle` starts wholly inside `range`.
    static func firstIndex(of needle: [Unicode.Scalar], in scalars: [Unicode.Scalar], within range: Range<Int>) -> Int? {
        guard range.count >= needle.count else { return nil }
        return (range.lowerBound...(range.upperBound - needle.count)).first {
            scalars[$0..<($0 + needle.count)].elementsEqual(needle)
        }
    }

    /// The last place `needle` starts wholly inside `range`.
    static func lastIndex(of needle: [Unicode.Scalar], in scalars: [Unicode.Scalar], within range: Range<Int>) -> Int? {
        guard range.count >= needle.count else { return nil }
        return (range.lowerBound...(range.upperBound - needle.count)).reversed().first {
            scalars[$0..<($0 + needle.count)].elementsEqual(needle)
        }
    }
}
