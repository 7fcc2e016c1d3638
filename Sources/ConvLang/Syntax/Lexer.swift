/// Turns source text into tokens.
///
/// Newlines end statements except inside `(` or `[`, where they are skipped, so a call or a
/// list may span lines. Problems become `.invalid` tokens plus a diagnostic, and scanning goes
/// on, so one run reports every lexical error.
struct Lexer {
    private let source: SourceFile
    fileprivate let bytes: [UInt8]
    private var position = 0
    /// How many `(` and `[` are open; newlines inside them are not statement ends.
    private var bracketDepth = 0
    private(set) var diagnostics: [Diagnostic] = []
    /// What the text ends inside of; see ``End``.
    private(set) var end = End()

    /// What the end of the text is inside of, for a REPL deciding whether an entry goes on and
    /// for completion (nothing is completed inside a string or a comment).
    struct End: Sendable, Equatable {
        /// `(` and `[` still open.
        var openBrackets = 0
        /// The text ends in a `#` comment.
        var isInComment = false
        /// The text ends in a string that was never closed: one-line or triple-quoted.
        var openString: OpenString?

        enum OpenString: Sendable, Equatable { case oneLine, tripleQuoted }
    }

    init(source: SourceFile) {
        self.source = source
        self.bytes = source.bytes
    }

    /// Scans the whole source; the last token is always `.eof`.
    static func tokenize(_ source: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        let scanned = scan(source)
        return (scanned.tokens, scanned.diagnostics)
    }

    /// ``tokenize(_:)``, and what the text ends inside of.
    static func scan(_ source: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic], end: End) {
        var lexer = Lexer(source: source)
        var tokens: [Token] = []
        // Programs average a token per three or four bytes; reserving avoids regrowing a large array.
        tokens.reserveCapacity(source.bytes.count / 3 + 16)
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .eof { break }
        }
        lexer.end.openBrackets = lexer.bracketDepth
        return (tokens, lexer.diagnostics, lexer.end)
    }

    mutating func next() -> Token {
        skipBlanksAndComments()
        let start = position
        guard let byte = peek() else { return Token(kind: .eof, range: SourceRange(start: start, end: start)) }
        if byte == UInt8(ascii: "\n") {
            position += 1
            return Token(kind: .newline, range: SourceRange(start: start, end: position))
        }
        if isDigit(byte) || (byte == UInt8(ascii: ".") && peek(1).map(isDigit) == true) {
            return number()
        }
        if isIdentifierStart(at: position) { return identifier() }
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { return string(quote: byte) }
        return punctuation()
    }

    // MARK: - Skipping

    private mutating func skipBlanksAndComments() {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "\n") where bracketDepth > 0:
                position += 1
            case UInt8(ascii: "\\") where peek(1) == UInt8(ascii: "\n"):
                position += 2  // An explicit line continuation, as in Python.
            case UInt8(ascii: "#"):
                while let next = peek(), next != UInt8(ascii: "\n") { position += 1 }
                if peek() == nil { end.isInComment = true }
            default:
                return
            }
        }
    }

    // MARK: - Token kinds

    /// number -> digits [ "." digits ] [ ("e"|"E") ["+"|"-"] digits ] | "." digits ...
    private mutating func number() -> Token {
        let start = position
        skipDigits()
        if peek() == UInt8(ascii: ".") {
            position += 1
            skipDigits()
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            let afterSign = (peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")) ? 2 : 1
            if peek(afterSign).map(isDigit) == true {
                position += afterSign
                skipDigits()
            }
        }
        let range = SourceRange(start: start, end: position)
        guard let value = exactDecimal(range) ?? Double(source.text(of: range).replacingAll("_", with: "")) else {
            return invalid(range, "malformed number '\(source.text(of: range))'")
        }
        if isIdentifierStart(at: position) {
            // `2x` is almost always a missing operator; say so rather than reading two tokens.
            let nameEnd = scanIdentifierEnd(from: position)
            let whole = SourceRange(start: start, end: nameEnd)
            position = nameEnd
            return invalid(whole, "'\(source.text(of: whole))' is not a number or a name; is an operator missing, as in '2 * x'?")
        }
        return Token(kind: .number(value), range: range)
    }

    private mutating func identifier() -> Token {
        let start = position
        position = scanIdentifierEnd(from: position)
        let range = SourceRange(start: start, end: position)
        // Keywords are 2 to 7 ASCII letters; only such names are worth a look-up.
        let length = position - start
        guard length >= 2, length <= 7, bytes[start..<position].allSatisfy(isASCIILetter) else {
            return Token(kind: .identifier, range: range)
        }
        let kind = TokenKind.keyword(source.text(of: range)) ?? .identifier
        return Token(kind: kind, range: range)
    }

    /// The value of a plain decimal such as `42` or `0.5`, computed exactly without making a
    /// string: when the digits fit in 2^53 and there are at most 22 decimals, one correctly
    /// rounded IEEE division gives the nearest double. Anything else (exponents, `_`, many
    /// digits) returns `nil` and takes the general path.
    private func exactDecimal(_ range: SourceRange) -> Double? {
        var significand: UInt64 = 0
        var decimals = 0
        var seenPoint = false
        for index in range.start..<range.end {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard isDigit(byte), significand < 1 << 49 else { return nil }
            significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
            if seenPoint { decimals += 1 }
        }
        guard decimals <= 22 else { return nil }
        return Double(significand) / Lexer.powersOfTen[decimals]
    }

    /// 10^0 through 10^22, all exact in a double.
    private static let powersOfTen: [Double] = (0...22).reduce(into: []) { table, n in table.append(n == 0 ? 1 : table[n - 1] * 10) }

    /// A string in `"` or `'`, ending on its own line, or in three of them (`"""…"""`), which
    /// may span lines as in Python.
    private mutating func string(quote: UInt8) -> Token {
        let delimiter = peek(1) == quote && peek(2) == quote ? 3 : 1
        let start = position
        position += delimiter
        if let value = scanStringBody(quote: quote, delimiter: delimiter) {
            return Token(kind: .string(value), range: SourceRange(start: start, end: position))
        }
        return unterminatedString(from: start, quote: quote, delimiter: delimiter)
    }

    /// Reads a string's body and its closing quote(s), with `\` escapes; `nil` when the input
    /// ends first, or the line does for a one-line string.
    private mutating func scanStringBody(quote: UInt8, delimiter: Int) -> String? {
        var bytesOfValue: [UInt8] = []
        while let byte = peek() {
            if byte == quote, delimiter == 1 || (peek(1) == quote && peek(2) == quote) {
                position += delimiter
                return String(decoding: bytesOfValue, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\n"), delimiter == 1 { return nil }
            if byte == UInt8(ascii: "\\"), let escaped = peek(1) {
                bytesOfValue.append(unescape(escaped))
                position += 2
                continue
            }
            bytesOfValue.append(byte)
            position += 1
        }
        return nil
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

    private mutating func punctuation() -> Token {
        let start = position
        let byte = bytes[position]
        position += 1
        let kind: TokenKind
        switch byte {
        case UInt8(ascii: "("): bracketDepth += 1; kind = .leftParen
        case UInt8(ascii: ")"): bracketDepth = Swift.max(0, bracketDepth - 1); kind = .rightParen
        case UInt8(ascii: "["): bracketDepth += 1; kind = .leftBracket
        case UInt8(ascii: "]"): bracketDepth = Swift.max(0, bracketDepth - 1); kind = .rightBracket
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ";"): kind = .semicolon
        case UInt8(ascii: "."): kind = .dot
        case UInt8(ascii: ":"): kind = .colon
        case UInt8(ascii: "+"): kind = .plus
        case UInt8(ascii: "-"): kind = .minus
        case UInt8(ascii: "%"): kind = .percent
        case UInt8(ascii: "*"): kind = match(UInt8(ascii: "*")) ? .starStar : .star
        case UInt8(ascii: "/"): kind = match(UInt8(ascii: "/")) ? .slashSlash : .slash
        case UInt8(ascii: "="): kind = match(UInt8(ascii: "=")) ? .equalEqual : .equal
        case UInt8(ascii: "<"): kind = match(UInt8(ascii: "=")) ? .lessEqual : .less
        case UInt8(ascii: ">"): kind = match(UInt8(ascii: "=")) ? .greaterEqual : .greater
        case UInt8(ascii: "!") where match(UInt8(ascii: "=")): kind = .bangEqual
        default:
            return invalidCharacter(from: start)
        }
        return Token(kind: kind, range: SourceRange(start: start, end: position))
    }

    /// Reports one whole (possibly multi-byte) character that starts no token.
    private mutating func invalidCharacter(from start: Int) -> Token {
        while let byte = peek(), byte & 0xC0 == 0x80 { position += 1 }  // UTF-8 continuation bytes
        let range = SourceRange(start: start, end: position)
        let text = source.text(of: range)
        let hint: [String] = switch text {
        case "−": ["this is a Unicode minus sign; type '-'"]
        case "·", "×": ["use '*' to multiply"]
        case "{", "}": ["conv has no blocks; a function is 'fn name(args) = expression'"]
        default: []
        }
        diagnostics.append(Diagnostic(message: "unexpected character '\(text)'", range: range, source: source, notes: hint))
        return Token(kind: .invalid, range: range)
    }

    private mutating func invalid(_ range: SourceRange, _ message: String) -> Token {
        diagnostics.append(Diagnostic(message: message, range: range, source: source))
        return Token(kind: .invalid, range: range)
    }

    // MARK: - Helpers

    private func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < bytes.count ? bytes[index] : nil
    }

    private mutating func match(_ expected: UInt8) -> Bool {
        guard peek() == expected else { return false }
        position += 1
        return true
    }

    private mutating func skipDigits() {
        while let byte = peek(), isDigit(byte) || byte == UInt8(ascii: "_") { position += 1 }
    }

    private func scanIdentifierEnd(from start: Int) -> Int {
        var end = start
        while case let length = identifierCharacterLength(at: end), length > 0 { end += length }
        return end
    }

    private func unescape(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "n"): UInt8(ascii: "\n")
        case UInt8(ascii: "t"): UInt8(ascii: "\t")
        default: byte
        }
    }
}

private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

private func isASCIILetter(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || byte == UInt8(ascii: "_")
}

extension Lexer {
    /// The Unicode scalar starting at `index` and its length in bytes, decoded from UTF-8.
    fileprivate func scalar(at index: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        guard index < bytes.count else { return nil }
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        return (scalar, UTF8.width(scalar))
    }

    /// Whether a name starts at `index`: a letter, `_`, or any alphabetic Unicode character,
    /// so names such as `µ` or `σ2` work while a pasted `−` or `·` does not.
    fileprivate func isIdentifierStart(at index: Int) -> Bool {
        guard index < bytes.count else { return false }
        if bytes[index] < 0x80 { return isASCIILetter(bytes[index]) }
        return scalar(at: index)?.scalar.properties.isAlphabetic == true
    }

    /// The length of the name character at `index`, or 0 when none is there.
    fileprivate func identifierCharacterLength(at index: Int) -> Int {
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
