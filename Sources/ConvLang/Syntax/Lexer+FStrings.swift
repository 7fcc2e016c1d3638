/// f-strings, read as Python 3.12 tokenizes them: the literal text becomes FSTRING_MIDDLE
/// tokens and each replacement field's expression becomes ordinary tokens at its own place in
/// the source, so the parser reads it with the real expression grammar and every error points
/// into the string. Quotes inside a field follow Python 3.11: the f-string's own quote ends it.
extension Lexer {
    /// One f-string being scanned.
    struct FStringFrame {
        /// One open replacement field.
        struct Field {
            /// The bracket depth just inside its `{`: a `}`, `:` or `!` at this depth is the field's own.
            var depth: Int
            /// Whether its format spec (after `:`) is being read, as text.
            var inSpec: Bool
            /// Where its `{` is.
            var start: Int
        }

        var quote: UInt8
        /// 1, or 3 for a triple-quoted f-string.
        var delimiter: Int
        var isRaw: Bool
        /// Where the prefix starts.
        var start: Int
        /// The bracket depth outside the f-string, restored when it ends.
        var bracketDepthOutside: Int
        /// The open fields, innermost last (a format spec may hold fields).
        var fields: [Field] = []

        /// Whether a field's expression is being read (ordinary tokens) rather than text.
        var isInExpression: Bool { fields.last.map { !$0.inSpec } ?? false }
    }

    /// Whether the innermost f-string ends at its line's end, so a line break inside a field
    /// leaves it unterminated.
    var isInOneLineFString: Bool { fstrings.last?.delimiter == 1 }

    /// FSTRING_START: the prefix and the opening quote(s).
    mutating func fstringStart(from start: Int, quote: UInt8, isRaw: Bool) -> Token {
        let delimiter = peek(1) == quote && peek(2) == quote ? 3 : 1
        position += delimiter
        fstrings.append(FStringFrame(quote: quote, delimiter: delimiter, isRaw: isRaw, start: start,
                                     bracketDepthOutside: bracketDepth))
        return Token(kind: .fstringStart, range: SourceRange(start: start, end: position))
    }

    /// In literal text or a format spec: the next run of text, or the brace or closing quote
    /// that ends it.
    mutating func fstringText() -> Token {
        guard let frame = fstrings.last else { return endOfText() }
        let start = position
        let inSpec = !frame.fields.isEmpty
        var value: [UInt8] = []
        var failed = false
        let stop = scanText(quote: frame.quote, delimiter: frame.delimiter, isRaw: frame.isRaw,
                            braces: inSpec ? .fieldsOnly : .fieldsAndDoubling, into: &value, failed: &failed)
        if position > start {
            let range = SourceRange(start: start, end: position)
            if failed { return Token(kind: .invalid, range: range) }
            literals[range.start] = .text(String(decoding: value, as: UTF8.self))
            return Token(kind: .fstringMiddle, range: range)
        }
        switch stop {
        case .closingQuote where inSpec:
            return unclosedField(frame)
        case .closingQuote:
            position += frame.delimiter
            fstrings.removeLast()
            bracketDepth = frame.bracketDepthOutside
            return Token(kind: .fstringEnd, range: SourceRange(start: start, end: position))
        case .openBrace:
            position += 1
            bracketDepth += 1
            fstrings[fstrings.count - 1].fields.append(FStringFrame.Field(depth: bracketDepth, inSpec: false, start: start))
            return Token(kind: .leftBrace, range: SourceRange(start: start, end: position))
        case .closeBrace where inSpec:
            return closeField(from: start)
        case .closeBrace:
            position += 1
            return invalid(SourceRange(start: start, end: position), "f-string: single '}' is not allowed",
                           notes: ["write '}}' for a literal brace"])
        case .lineEnd, .endOfInput:
            return unterminatedFString(atEndOfInput: stop == .endOfInput)
        }
    }

    /// Inside a field's expression: the tokens that belong to the f-string rather than to the
    /// expression (the field's `}` and `:`, or the f-string's closing quote, which leaves the
    /// field open); nil for an ordinary token.
    mutating func fstringFieldBoundary() -> Token? {
        guard let frame = fstrings.last, let field = frame.fields.last else { return nil }
        if bytes[position] == frame.quote, frame.delimiter == 1 || (peek(1) == frame.quote && peek(2) == frame.quote) {
            return unclosedField(frame)
        }
        guard bracketDepth == field.depth else { return nil }
        let start = position
        switch bytes[position] {
        case UInt8(ascii: "}"):
            return closeField(from: start)
        case UInt8(ascii: ":"):
            position += 1
            fstrings[fstrings.count - 1].fields[frame.fields.count - 1].inSpec = true
            return Token(kind: .colon, range: SourceRange(start: start, end: position))
        default:
            return nil
        }
    }

    /// The `}` that closes the innermost field.
    private mutating func closeField(from start: Int) -> Token {
        position += 1
        bracketDepth -= 1
        fstrings[fstrings.count - 1].fields.removeLast()
        return Token(kind: .rightBrace, range: SourceRange(start: start, end: position))
    }

    /// The f-string's closing quote came while a field was open: reported at the field's `{`,
    /// and the f-string ends there.
    private mutating func unclosedField(_ frame: FStringFrame) -> Token {
        let brace = frame.fields.last?.start ?? frame.start
        position += frame.delimiter
        fstrings.removeLast()
        bracketDepth = frame.bracketDepthOutside
        return invalid(SourceRange(start: brace, end: brace + 1), "f-string: expecting '}'",
                       notes: ["close the field with '}' before the string's closing quote"])
    }

    /// An f-string still open at the end of its line (one-line) or of the input: every open
    /// f-string ends here. As with other strings, only a triple-quoted one open at the end of
    /// the input is an unexpected end (more lines can close it), so the REPL asks for more.
    mutating func unterminatedFString(atEndOfInput: Bool) -> Token {
        guard let outermost = fstrings.first else { return endOfText() }
        let innermost = fstrings[fstrings.count - 1]
        let isTripleQuoted = fstrings.contains { $0.delimiter == 3 }
        if atEndOfInput { end.openString = isTripleQuoted ? .tripleQuoted : .oneLine }
        fstrings.removeAll()
        bracketDepth = outermost.bracketDepthOutside
        let closing = String(repeating: innermost.quote == UInt8(ascii: "\"") ? "\"" : "'", count: innermost.delimiter)
        let note = innermost.fields.isEmpty ? "close it with \(closing)" : "close the field with '}' and the string with \(closing)"
        return invalid(SourceRange(start: outermost.start, end: position), "unterminated f-string",
                       notes: [innermost.delimiter == 1 ? note + " on the same line" : note],
                       isUnexpectedEnd: atEndOfInput && isTripleQuoted)
    }

    /// Only reached if the f-string stack were empty, which the callers rule out.
    private func endOfText() -> Token {
        Token(kind: .invalid, range: SourceRange(start: position, end: position))
    }
}
