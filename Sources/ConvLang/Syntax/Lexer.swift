/// Turns source text into tokens, as Python's tokenizer does.
///
/// A NEWLINE ends each line outside brackets; INDENT and DEDENT mark where indented blocks
/// start and end (Lexer+Indentation). Inside `(`, `[` and `{` newlines are skipped, so a call or
/// a list may span lines, and `\` at the end of a line continues it. A program without
/// indentation gets no INDENT or DEDENT at all, and blank lines still give NEWLINEs (the parser
/// skips repeated ones), so such a program lexes as it always did. Problems become `.invalid`
/// tokens plus a diagnostic, and scanning goes on, so one run reports every lexical error.
struct Lexer {
    // The state below is shared by the lexer's files (numbers, strings, f-strings, indentation)
    // and touched by nothing else.
    let source: SourceFile
    let bytes: [UInt8]
    var position = 0
    /// How many `(`, `[` and `{` are open; newlines inside them are not statement ends.
    var bracketDepth = 0
    var diagnostics: [Diagnostic] = []
    /// The values of the string and big-integer tokens, by the offset where each starts.
    var literals: [Int: LiteralValue] = [:]
    /// The indentation of the open blocks, outermost (column 0) first.
    var indentation = [IndentationLevel.top]
    /// Whether the next token starts a line, where indentation is measured.
    var atLineStart = true
    /// Whether the first line's indentation, the program's margin, has been measured.
    var hasMargin = false
    /// DEDENTs still to hand out before the next real token.
    var pendingDedents = 0
    /// The f-strings being scanned, innermost last (a field may hold another f-string).
    var fstrings: [FStringFrame] = []
    /// What the text ends inside of; see ``End``.
    var end = End()

    /// What the end of the text is inside of, for a REPL deciding whether an entry goes on and
    /// for completion (nothing is completed inside a string or a comment).
    struct End: Sendable, Equatable {
        /// `(`, `[` and `{` still open.
        var openBrackets = 0
        /// The text ends in a `#` comment.
        var isInComment = false
        /// The text ends in a string that was never closed: one-line or triple-quoted.
        var openString: OpenString?
        /// The text ends in a `\` that continues its last line.
        var isContinuedLine = false
        /// The text's last logical line is indented (it is inside a block) and no empty line
        /// follows it. A session joins an entry's lines with `\n` and an empty line closes a
        /// block, as in Python's REPL: `"if x:\n    y = 1"` is still open, `"if x:\n    y = 1\n"`
        /// (the empty line typed) is not.
        var isInsideBlock = false

        enum OpenString: Sendable, Equatable { case oneLine, tripleQuoted }
    }

    init(source: SourceFile) {
        self.source = source
        self.bytes = source.bytes
    }

    /// Scans the whole source; the last token is always `.eof`.
    static func tokenize(_ source: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic], literals: [Int: LiteralValue]) {
        let scanned = scan(source)
        return (scanned.tokens, scanned.diagnostics, scanned.literals)
    }

    /// ``tokenize(_:)``, and what the text ends inside of.
    static func scan(
        _ source: SourceFile, limit: ReadingLimit = .none
    ) -> (tokens: [Token], diagnostics: [Diagnostic], literals: [Int: LiteralValue], end: End) {
        var lexer = Lexer(source: source)
        let tokens = lexer.tokenizeAll(limit: limit)
        lexer.end.openBrackets = lexer.bracketDepth
        return (tokens, lexer.diagnostics, lexer.literals, lexer.end)
    }

    /// Scans everything left, or up to where `limit` stops it (a diagnostic says so); the last
    /// token is `.eof`.
    mutating func tokenizeAll(limit: ReadingLimit = .none) -> [Token] {
        var tokens: [Token] = []
        // Programs average a token per three or four bytes, dense arithmetic one per two or
        // three (`a1 = 1 * 2 + 3.5`). Reserving for the dense kind avoids regrowing a large array
        // (a copy, and twice the pages touched); capacity never written costs no memory.
        tokens.reserveCapacity(bytes.count / 2 + 16)
        while true {
            let token = next()
            let isEnd = if case .eof = token.kind { true } else { false }
            let range = token.range
            tokens.append(token)  // the token's last use, so it moves into the array without a copy
            if isEnd { break }
            if tokens.count % ReadingLimit.interval == 0, let stop = limit.stop(at: range, in: source) {
                diagnostics.append(stop)
                tokens.append(Token(kind: .eof, range: SourceRange(start: range.end, end: range.end)))
                break
            }
        }
        return tokens
    }

    mutating func next() -> Token {
        if pendingDedents > 0 {
            pendingDedents -= 1
            return Token(kind: .dedent, range: SourceRange(start: position, end: position))
        }
        if !fstrings.isEmpty, fstrings[fstrings.count - 1].isInExpression == false { return fstringText() }
        if atLineStart {
            atLineStart = false
            // A line that starts at column 0 when no block is open and the margin is 0 changes
            // nothing: the common case, decided without measuring.
            let isPlainLine = hasMargin && indentation.count == 1 && indentation[0].column == 0
                && peek().map(isIndentationByte) == false
            if !isPlainLine, let token = lineStart() { return token }
        }
        skipBlanksAndComments()
        let start = position
        guard let byte = peek() else { return endOfInput() }
        if byte == UInt8(ascii: "\n") {
            if !fstrings.isEmpty { return unterminatedFString(atEndOfInput: false) }
            position += 1
            atLineStart = true
            return Token(kind: .newline, range: SourceRange(start: start, end: position))
        }
        if !fstrings.isEmpty, let token = fstringFieldBoundary() { return token }
        if isDigit(byte) || (byte == UInt8(ascii: ".") && peek(1).map(isDigit) == true) {
            return number()
        }
        if isASCIILetter(byte) {
            if isStringPrefixLetter(byte), let prefix = stringPrefix() { return prefixedString(prefix) }
            return identifier()
        }
        if byte >= 0x80, isIdentifierStart(at: position) { return identifier() }
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { return string(quote: byte, prefix: .plain) }
        return punctuation()
    }

    /// The end of the input: an unfinished f-string is reported, open blocks are closed with
    /// DEDENTs, then `.eof`.
    private mutating func endOfInput() -> Token {
        if !fstrings.isEmpty { return unterminatedFString(atEndOfInput: true) }
        let open = indentation.dropFirst().count { !$0.isSilent }
        indentation = [.top]
        if open > 0 {
            end.isInsideBlock = !Self.endsWithBlankLine(bytes)
            pendingDedents = open - 1
            return Token(kind: .dedent, range: SourceRange(start: position, end: position))
        }
        return Token(kind: .eof, range: SourceRange(start: position, end: position))
    }

    // MARK: - Skipping

    @inline(__always)
    private mutating func skipBlanksAndComments() {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0C:
                position += 1
            case UInt8(ascii: "\n") where bracketDepth > 0 && !isInOneLineFString:
                position += 1
            case UInt8(ascii: "\\") where lineBreakLength(at: position + 1) > 0:
                position += 1 + lineBreakLength(at: position + 1)  // An explicit line continuation, as in Python.
            case UInt8(ascii: "#") where fstrings.isEmpty:
                while let next = peek(), next != UInt8(ascii: "\n") { position += 1 }
                if peek() == nil { end.isInComment = true }
            default:
                return
            }
        }
    }

    /// The length of the line break at `index` (`\n` or `\r\n`), or 0.
    func lineBreakLength(at index: Int) -> Int {
        guard index < bytes.count else { return 0 }
        if bytes[index] == UInt8(ascii: "\n") { return 1 }
        if bytes[index] == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { return 2 }
        return 0
    }

    // MARK: - Names

    private mutating func identifier() -> Token {
        let start = position
        position = scanIdentifierEnd(from: position)
        let range = SourceRange(start: start, end: position)
        // Keywords are 2 to 8 ASCII letters; only such names are worth a look-up.
        let length = position - start
        guard length >= 2, length <= TokenKind.longestKeyword, bytes[start..<position].allSatisfy(isASCIILetter) else {
            return Token(kind: .identifier, range: range)
        }
        let kind = TokenKind.keyword(bytes[start..<position]) ?? .identifier
        return Token(kind: kind, range: range)
    }

    // MARK: - Punctuation

    private mutating func punctuation() -> Token {
        let start = position
        let byte = bytes[position]
        position += 1
        let kind: TokenKind
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            bracketDepth += 1
            kind = byte == UInt8(ascii: "(") ? .leftParen : (byte == UInt8(ascii: "[") ? .leftBracket : .leftBrace)
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            bracketDepth = Swift.max(0, bracketDepth - 1)
            kind = byte == UInt8(ascii: ")") ? .rightParen : (byte == UInt8(ascii: "]") ? .rightBracket : .rightBrace)
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ";"): kind = .semicolon
        case UInt8(ascii: "."): kind = match(UInt8(ascii: "."), UInt8(ascii: ".")) ? .ellipsis : .dot
        case UInt8(ascii: ":"): kind = match(UInt8(ascii: "=")) ? .colonEqual : .colon
        case UInt8(ascii: "~"): kind = .tilde
        case UInt8(ascii: "-"): kind = match(UInt8(ascii: ">")) ? .arrow : augmented(.subtract, otherwise: .minus)
        case UInt8(ascii: "*"): kind = match(UInt8(ascii: "*")) ? augmented(.power, otherwise: .starStar) : augmented(.multiply, otherwise: .star)
        case UInt8(ascii: "/"): kind = match(UInt8(ascii: "/")) ? augmented(.floorDivide, otherwise: .slashSlash) : augmented(.divide, otherwise: .slash)
        case UInt8(ascii: "="): kind = match(UInt8(ascii: "=")) ? .equalEqual : .equal
        case UInt8(ascii: "+"): kind = augmented(.add, otherwise: .plus)
        case UInt8(ascii: "%"): kind = augmented(.remainder, otherwise: .percent)
        case UInt8(ascii: "@"): kind = augmented(.matrixMultiply, otherwise: .at)
        case UInt8(ascii: "&"): kind = augmented(.bitAnd, otherwise: .ampersand)
        case UInt8(ascii: "|"): kind = augmented(.bitOr, otherwise: .pipe)
        case UInt8(ascii: "^"): kind = augmented(.bitXor, otherwise: .caret)
        case UInt8(ascii: "<"):
            if match(UInt8(ascii: ">")) { return unsupported(.diamondOperator, from: start) }
            kind = match(UInt8(ascii: "<")) ? augmented(.shiftLeft, otherwise: .lessLess) : (match(UInt8(ascii: "=")) ? .lessEqual : .less)
        case UInt8(ascii: ">"):
            kind = match(UInt8(ascii: ">")) ? augmented(.shiftRight, otherwise: .greaterGreater) : (match(UInt8(ascii: "=")) ? .greaterEqual : .greater)
        case UInt8(ascii: "!") where match(UInt8(ascii: "=")): kind = .bangEqual
        case UInt8(ascii: "!") where !fstrings.isEmpty: kind = .bang  // an f-string's conversion, `{x!r}`
        case UInt8(ascii: "`"): return backtick(from: start)
        default: return invalidCharacter(from: start)
        }
        return Token(kind: kind, range: SourceRange(start: start, end: position))
    }

    /// `op=` when an `=` follows (consuming it), else the plain operator.
    @inline(__always)
    private mutating func augmented(_ op: BinaryOperator, otherwise plain: TokenKind) -> TokenKind {
        match(UInt8(ascii: "=")) ? .augmentedAssign(op) : plain
    }

    /// One report for a whole `x` in backticks (Python 2's repr), up to the closing backtick on the line.
    private mutating func backtick(from start: Int) -> Token {
        while let next = peek(), next != UInt8(ascii: "\n") {
            position += 1
            if next == UInt8(ascii: "`") { break }
        }
        return unsupported(.backtick, from: start)
    }

    /// Reports one whole (possibly multi-byte) character that starts no token.
    private mutating func invalidCharacter(from start: Int) -> Token {
        while let byte = peek(), byte & 0xC0 == 0x80 { position += 1 }  // UTF-8 continuation bytes
        let range = SourceRange(start: start, end: position)
        let text = source.text(of: range)
        if text == "\\" {
            // A backslash that continues nothing: at the very end the input merely stopped early.
            if peek() == nil { end.isContinuedLine = true }
            return invalid(range, "unexpected character '\\'", notes: ["a '\\' continues a line only at its very end"],
                           isUnexpectedEnd: peek() == nil)
        }
        let hint: [String] = switch text {
        case "−": ["this is a Unicode minus sign; type '-'"]
        case "·", "×": ["use '*' to multiply"]
        case "#": ["an f-string's expression cannot hold a comment"]
        default: []
        }
        return invalid(range, "unexpected character '\(text)'", notes: hint)
    }

    /// Reports a construct of Python that conv refuses, from `start` to the current position.
    mutating func unsupported(_ construct: UnsupportedSyntax, from start: Int) -> Token {
        let range = SourceRange(start: start, end: position)
        diagnostics.append(construct.diagnostic(at: range, in: source))
        return Token(kind: .invalid, range: range)
    }

    mutating func invalid(_ range: SourceRange, _ message: String, notes: [String] = [], isUnexpectedEnd: Bool = false) -> Token {
        diagnostics.append(Diagnostic(message: message, range: range, source: source, notes: notes, isUnexpectedEnd: isUnexpectedEnd))
        return Token(kind: .invalid, range: range)
    }

    // MARK: - Helpers

    func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < bytes.count ? bytes[index] : nil
    }

    mutating func match(_ expected: UInt8) -> Bool {
        guard peek() == expected else { return false }
        position += 1
        return true
    }

    /// Consumes two expected bytes, or nothing.
    private mutating func match(_ first: UInt8, _ second: UInt8) -> Bool {
        guard peek() == first, peek(1) == second else { return false }
        position += 2
        return true
    }

    func scanIdentifierEnd(from start: Int) -> Int {
        var end = start
        // ASCII names, by far the most common, need no decoding.
        while end < bytes.count, isASCIILetter(bytes[end]) || isDigit(bytes[end]) { end += 1 }
        while case let length = identifierCharacterLength(at: end), length > 0 { end += length }
        return end
    }
}

/// Space, tab, form feed or carriage return: what indentation is made of.
func isIndentationByte(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0C || byte == UInt8(ascii: "\r")
}

func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

func isASCIILetter(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || byte == UInt8(ascii: "_")
}

extension Lexer {
    /// The Unicode scalar starting at `index` and its length in bytes, decoded from UTF-8.
    func scalar(at index: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        guard index < bytes.count else { return nil }
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        return (scalar, UTF8.width(scalar))
    }

    /// Whether a name starts at `index`: a letter, `_`, or any alphabetic Unicode character,
    /// so names such as `µ` or `σ2` work while a pasted `−` or `·` does not.
    func isIdentifierStart(at index: Int) -> Bool {
        guard index < bytes.count else { return false }
        if bytes[index] < 0x80 { return isASCIILetter(bytes[index]) }
        return scalar(at: index)?.scalar.properties.isAlphabetic == true
    }

    /// The length of the name character at `index`, or 0 when none is there.
    func identifierCharacterLength(at index: Int) -> Int {
        guard index < bytes.count else { return 0 }
        let byte = bytes[index]
        if byte < 0x80 { return isASCIILetter(byte) || isDigit(byte) ? 1 : 0 }
        guard let (scalar, length) = scalar(at: index) else { return 0 }
        let properties = scalar.properties
        let isNameCharacter = properties.isAlphabetic || properties.numericType != nil
            || properties.generalCategory == .nonspacingMark
        return isNameCharacter ? length : 0
    }
}
