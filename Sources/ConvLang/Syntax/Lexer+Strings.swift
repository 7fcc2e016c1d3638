/// String literals, as Python reads them: `"..."` or `'...'` on one line, `"""..."""` across
/// lines, escapes (`\n \t \\ \' \" \r \0 \xhh \uXXXX \UXXXXXXXX`, octal), unknown escapes kept
/// as written, raw strings `r"..."`, and the prefixes of f-strings. Bytes `b"..."` are refused.
extension Lexer {
    /// What the letters before a quote ask for.
    struct StringPrefix {
        var isRaw = false
        var isBytes = false
        var isFormatted = false
        /// How many letters the prefix has.
        var length = 0

        static let plain = StringPrefix()
    }

    /// Where a scan of string text stopped. The delimiter itself is not consumed.
    enum TextStop {
        case closingQuote, openBrace, closeBrace, lineEnd, endOfInput
    }

    /// How braces in string text are read.
    enum BraceRule {
        /// A plain string: braces are text.
        case text
        /// An f-string's literal text: `{{` and `}}` are braces, a single one stops the text.
        case fieldsAndDoubling
        /// A format spec: every brace stops the text (a nested field, or the field's end).
        case fieldsOnly
    }

    /// Whether `byte` may begin a string prefix (`r`, `b`, `f`, `u` in either case).
    func isStringPrefixLetter(_ byte: UInt8) -> Bool {
        switch byte | 0x20 {
        case UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "u"): true
        default: false
        }
    }

    /// The string prefix at the current position (`r`, `b`, `f`, `u`, `rb`, `br`, `fr`, `rf`,
    /// in either case) when a quote follows it.
    func stringPrefix() -> StringPrefix? {
        var prefix = StringPrefix()
        var index = position
        while index < bytes.count, index - position < 2 {
            switch bytes[index] | 0x20 {
            case UInt8(ascii: "r") where !prefix.isRaw: prefix.isRaw = true
            case UInt8(ascii: "b") where !prefix.isBytes && !prefix.isFormatted: prefix.isBytes = true
            case UInt8(ascii: "f") where !prefix.isFormatted && !prefix.isBytes: prefix.isFormatted = true
            case UInt8(ascii: "u") where index == position: break
            default: return nil
            }
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                // `u` only stands alone, as in Python.
                if bytes[position] | 0x20 == UInt8(ascii: "u"), index - position > 1 { return nil }
                prefix.length = index - position
                return prefix
            }
        }
        return nil
    }

    /// A literal with a prefix: an f-string starts, a bytes literal is refused, others are strings.
    mutating func prefixedString(_ prefix: StringPrefix) -> Token {
        let start = position
        position += prefix.length
        let quote = bytes[position]
        if prefix.isFormatted { return fstringStart(from: start, quote: quote, isRaw: prefix.isRaw) }
        let token = string(quote: quote, prefix: prefix, from: start)
        guard prefix.isBytes else { return token }
        if token.kind != .invalid { return unsupported(.bytesLiteral, from: start) }
        return token
    }

    /// A string in `"` or `'`, ending on its own line, or in three of them (`"""…"""`), which
    /// may span lines as in Python.
    mutating func string(quote: UInt8, prefix: StringPrefix, from start: Int? = nil) -> Token {
        let start = start ?? position
        let delimiter = peek(1) == quote && peek(2) == quote ? 3 : 1
        position += delimiter
        var value: [UInt8] = []
        var failed = false
        let stop = scanText(quote: quote, delimiter: delimiter, isRaw: prefix.isRaw, braces: .text, into: &value, failed: &failed)
        guard stop == .closingQuote else { return unterminatedString(from: start, quote: quote, delimiter: delimiter) }
        position += delimiter
        let range = SourceRange(start: start, end: position)
        if failed { return Token(kind: .invalid, range: range) }
        literals[range.start] = .text(String(decoding: value, as: UTF8.self))
        return Token(kind: .string, range: range)
    }

    /// Reads string text into `value` until the closing quote(s), a brace that `braces` stops
    /// at, the end of the line (one-line strings) or of the input. Escapes are decoded unless
    /// `isRaw`; a bad escape is reported and sets `failed`, and the scan goes on.
    mutating func scanText(
        quote: UInt8, delimiter: Int, isRaw: Bool, braces: BraceRule, into value: inout [UInt8], failed: inout Bool
    ) -> TextStop {
        while let byte = peek() {
            if byte == quote, delimiter == 1 || (peek(1) == quote && peek(2) == quote) { return .closingQuote }
            if byte == UInt8(ascii: "\n"), delimiter == 1 { return .lineEnd }
            if byte == UInt8(ascii: "\\") {
                if isRaw {
                    // A raw string keeps the backslash and the character after it, which then
                    // cannot end the string (nor can a line break end a one-line string there).
                    value.append(byte)
                    position += 1
                    if let next = peek() {
                        value.append(next)
                        position += 1
                    }
                } else if !appendEscape(into: &value) {
                    failed = true
                }
                continue
            }
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}"), braces != .text {
                if braces == .fieldsAndDoubling, peek(1) == byte {
                    value.append(byte)
                    position += 2
                    continue
                }
                return byte == UInt8(ascii: "{") ? .openBrace : .closeBrace
            }
            value.append(byte)
            position += 1
        }
        return .endOfInput
    }

    /// Decodes the escape sequence at the current backslash into `value`; false after reporting
    /// a malformed one. Unknown escapes such as `\d` are kept as written, as Python does.
    private mutating func appendEscape(into value: inout [UInt8]) -> Bool {
        let start = position
        guard let code = peek(1) else {
            value.append(UInt8(ascii: "\\"))
            position += 1
            return true
        }
        let lineBreak = lineBreakLength(at: position + 1)
        if lineBreak > 0 {
            position += 1 + lineBreak  // `\` at the end of a line joins the lines
            return true
        }
        if let simple = Self.simpleEscape(code) {
            value.append(simple)
            position += 2
            return true
        }
        switch code {
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            position += 1
            return appendCodePoint(digits: 3, radix: 8, minimum: 1, into: &value, from: start)
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            position += 2
            let count = code == UInt8(ascii: "x") ? 2 : (code == UInt8(ascii: "u") ? 4 : 8)
            return appendCodePoint(digits: count, radix: 16, minimum: count, into: &value, from: start)
        case UInt8(ascii: "N"):
            position += 2
            if peek() == UInt8(ascii: "{") {
                while let byte = peek(), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "\n") { position += 1 }
                _ = match(UInt8(ascii: "}"))
            }
            diagnostics.append(UnsupportedSyntax.namedEscape.diagnostic(at: SourceRange(start: start, end: position), in: source))
            return false
        default:
            value.append(UInt8(ascii: "\\"))
            position += 1
            return true
        }
    }

    private static func simpleEscape(_ code: UInt8) -> UInt8? {
        switch code {
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): code
        case UInt8(ascii: "n"): UInt8(ascii: "\n")
        case UInt8(ascii: "t"): UInt8(ascii: "\t")
        case UInt8(ascii: "r"): UInt8(ascii: "\r")
        case UInt8(ascii: "a"): 0x07
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "v"): 0x0B
        default: nil
        }
    }

    /// Reads between `minimum` and `digits` digits of `radix` and appends the character they
    /// number, in UTF-8; reports a short or impossible one.
    private mutating func appendCodePoint(
        digits: Int, radix: Int, minimum: Int, into value: inout [UInt8], from start: Int
    ) -> Bool {
        var code: UInt32 = 0
        var count = 0
        while count < digits, let byte = peek(), let digit = Character(Unicode.Scalar(byte)).hexDigitValue, digit < radix {
            code = code * UInt32(radix) + UInt32(digit)
            count += 1
            position += 1
        }
        let range = SourceRange(start: start, end: position)
        guard count >= minimum else {
            let escape = source.text(of: SourceRange(start: start, end: start + 2))
            let placeholder = String(repeating: "X", count: digits)
            diagnostics.append(Diagnostic(message: "truncated \(escape)\(placeholder) escape", range: range, source: source,
                                          notes: ["'\(escape)' takes exactly \(digits) hexadecimal digits"]))
            return false
        }
        guard let scalar = Unicode.Scalar(code) else {
            diagnostics.append(Diagnostic(message: "'\(source.text(of: range))' is not a valid character", range: range, source: source))
            return false
        }
        UTF8.encode(scalar) { value.append($0) }
        return true
    }

    /// Reports a string left open. A one-line string is underlined to the end of its line and is
    /// never an unexpected end: more lines cannot close it. An open `"""` always is one, so the
    /// REPL asks for more lines.
    private mutating func unterminatedString(from start: Int, quote: UInt8, delimiter: Int) -> Token {
        let closing = String(repeating: quote == UInt8(ascii: "\"") ? "\"" : "'", count: delimiter)
        let whole = SourceRange(start: start, end: position)
        if peek() == nil { end.openString = delimiter == 1 ? .oneLine : .tripleQuoted }
        let diagnostic = delimiter == 1
            ? Diagnostic(message: "unterminated string", range: whole, source: source,
                         notes: ["close it with \(closing) on the same line"])
            : Diagnostic(message: "unterminated string", range: SourceRange(start: start, end: start + delimiter),
                         source: source, notes: ["close it with \(closing)"], isUnexpectedEnd: true)
        diagnostics.append(diagnostic)
        return Token(kind: .invalid, range: whole)
    }
}
