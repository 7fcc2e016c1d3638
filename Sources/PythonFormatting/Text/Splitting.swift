extension PythonString {
    /// `text.split(separator, maxsplit)`. Without a separator, splits at runs of whitespace and
    /// drops empty pieces (what is left after `maxSplit` splits keeps its trailing whitespace);
    /// with one, splits at each occurrence. A negative `maxSplit` means no limit.
    public static func split(_ text: String, separator: String? = nil, maxSplit: Int = -1) throws(PythonFormatError) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var limit = maxSplit < 0 ? Int.max : maxSplit
        var pieces: [String] = []
        var position = 0
        guard let separator else {
            while limit > 0 {
                while position < scalars.count && isWhitespace(scalars[position]) { position += 1 }
                if position == scalars.count { break }
                let start = position
                while position < scalars.count && !isWhitespace(scalars[position]) { position += 1 }
                pieces.append(string(scalars[start..<position]))
                limit -= 1
            }
            while position < scalars.count && isWhitespace(scalars[position]) { position += 1 }
            if position < scalars.count { pieces.append(string(scalars[position...])) }
            return pieces
        }
        let needle = Array(separator.unicodeScalars)
        if needle.isEmpty { throw .emptySeparator }
        while limit > 0, let found = firstIndex(of: needle, in: scalars, within: position..<scalars.count) {
            pieces.append(string(scalars[position..<found]))
            position = found + needle.count
            limit -= 1
        }
        pieces.append(string(scalars[position...]))
        return pieces
    }

    /// `text.rsplit(separator, maxsplit)`: `split` counting its splits from the end.
    public static func rsplit(_ text: String, separator: String? = nil, maxSplit: Int = -1) throws(PythonFormatError) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var limit = maxSplit < 0 ? Int.max : maxSplit
        var pieces: [String] = []
        var end = scalars.count
        guard let separator else {
            while limit > 0 {
                while end > 0 && isWhitespace(scalars[end - 1]) { end -= 1 }
                if end == 0 { break }
                let stop = end
                while end > 0 && !isWhitespace(scalars[end - 1]) { end -= 1 }
                pieces.append(string(scalars[end..<stop]))
                limit -= 1
            }
            while end > 0 && isWhitespace(scalars[end - 1]) { end -= 1 }
            if end > 0 { pieces.append(string(scalars[..<end])) }
            return pieces.reversed()
        }
        let needle = Array(separator.unicodeScalars)
        if needle.isEmpty { throw .emptySeparator }
        while limit > 0, let found = lastIndex(of: needle, in: scalars, within: 0..<end) {
            pieces.append(string(scalars[(found + needle.count)..<end]))
            end = found
            limit -= 1
        }
        pieces.append(string(scalars[..<end]))
        return pieces.reversed()
    }

    /// `text.splitlines(keepends)`: lines ended by `\n`, `\r`, `\r\n`, `\v`, `\f`, `\x1c`-`\x1e`,
    /// `\x85`, U+2028 or U+2029; no empty last line after a final break.
    public static func splitlines(_ text: String, keepEnds: Bool = false) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var lines: [String] = []
        var position = 0
        while position < scalars.count {
            let start = position
            while position < scalars.count && !isLineBreak(scalars[position]) { position += 1 }
            var end = position
            if position < scalars.count {
                let crlf = scalars[position] == "\r" && position + 1 < scalars.count && scalars[position + 1] == "\n"
                position += crlf ? 2 : 1
                if keepEnds { end = position }
            }
            lines.append(string(scalars[start..<end]))
        }
        return lines
    }

    /// `separator.join(items)`.
    public static func join(_ separator: String, _ items: [String]) -> String {
        items.joined(separator: separator)
    }

    /// `text.strip(characters)`: without characters, whitespace is stripped.
    public static func strip(_ text: String, characters: String? = nil) -> String {
        stripped(text, characters: characters, leading: true, trailing: true)
    }

    /// `text.lstrip(characters)`.
    public static func lstrip(_ text: String, characters: String? = nil) -> String {
        stripped(text, characters: characters, leading: true, trailing: false)
    }

    /// `text.rstrip(characters)`.
    public static func rstrip(_ text: String, characters: String? = nil) -> String {
        stripped(text, characters: characters, leading: false, trailing: true)
    }

    private static func stripped(_ text: String, characters: String?, leading: Bool, trailing: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        let set = characters.map { Set($0.unicodeScalars) }
        let strips = { (scalar: Unicode.Scalar) in set?.contains(scalar) ?? isWhitespace(scalar) }
        var start = 0
        var end = scalars.count
        if leading { while start < end && strips(scalars[start]) { start += 1 } }
        if trailing { while end > start && strips(scalars[end - 1]) { end -= 1 } }
        return string(scalars[start..<end])
    }
}
