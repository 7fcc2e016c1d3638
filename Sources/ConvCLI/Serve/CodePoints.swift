/// Positions in code as clients count them: Unicode code points, as Python indexes a string and
/// as the Jupyter protocol counts `cursor_pos`. Completion works in UTF-8 offsets; these convert.
enum CodePoints {
    /// `cursor` kept inside `text`; the end of `text` when absent.
    static func clamp(_ cursor: Int?, in text: String) -> Int {
        let count = text.unicodeScalars.count
        return min(max(cursor ?? count, 0), count)
    }

    /// The UTF-8 offset of the code point at `index`.
    static func utf8Offset(of index: Int, in text: String) -> Int {
        text.unicodeScalars.prefix(index).reduce(0) { $0 + UTF8.width($1) }
    }

    /// The code point index of a UTF-8 offset (one inside a character counts as the next one).
    static func index(ofUTF8Offset offset: Int, in text: String) -> Int {
        var bytes = 0
        var index = 0
        for scalar in text.unicodeScalars {
            if bytes >= offset { break }
            bytes += UTF8.width(scalar)
            index += 1
        }
        return index
    }
}
