/// The parser's tokens, scanned as the parser reaches them and forgotten once it is past the
/// top-level statement that held them.
///
/// Scanning a whole program before parsing it kept every token at once: 1.3 million tokens of
/// 40 bytes for a 100,000-line script, 52 MB written once and read once, whose page faults alone
/// took a tenth of the run. Here the lexer runs just ahead of the parser, and between top-level
/// statements the tokens behind the parser are dropped, so only one statement's tokens (and a
/// few before it, for messages about the previous token) are held. Indices stay those of the
/// whole program; the parser reads any token of the statement it is parsing, and any token
/// ahead (scanning up to it), as it did from the array.
final class TokenStream {
    /// Scans the rest, until ``isScanned``.
    @exclusivity(unchecked) private var lexer: Lexer
    /// Whether the final `.eof` is in ``buffer``.
    private var isScanned: Bool
    /// Tokens from index ``base`` on.
    @exclusivity(unchecked) private var buffer: [Token]
    /// The program index of `buffer[0]`.
    private var base = 0
    /// What stops the lexer of an enormous program, checked every ``ReadingLimit/interval`` tokens.
    private let limit: ReadingLimit
    /// Tokens scanned so far, for the limit's interval.
    private var scanned = 0
    /// The lexer's diagnostics, once it has finished (or been stopped).
    private(set) var lexicalDiagnostics: [Diagnostic] = []

    /// Tokens scanned before, ending with `.eof`, with their literals' values.
    init(tokens: [Token], diagnostics: [Diagnostic], literals: [Int: LiteralValue]) {
        buffer = tokens.isEmpty ? [Token(kind: .eof, range: SourceRange(start: 0, end: 0))] : tokens
        lexicalDiagnostics = diagnostics
        lexer = Lexer(source: SourceFile(name: "", text: ""))
        lexer.literals = literals
        limit = .none
        isScanned = true
    }

    /// Tokens scanned from `source` as they are needed.
    init(source: SourceFile, limit: ReadingLimit) {
        lexer = Lexer(source: source)
        self.limit = limit
        isScanned = false
        buffer = []
        buffer.reserveCapacity(Self.keptTokens * 2)
    }

    /// How many tokens are held before the ones behind the parser are dropped.
    private static let keptTokens = 4_096
    /// How many tokens before the current statement stay readable (`previous`, messages).
    private static let margin = 16

    /// The token at program index `index`; past the end, the final `.eof`.
    @inline(__always)
    subscript(index: Int) -> Token {
        let offset = index - base
        if offset >= 0, offset < buffer.count { return buffer[offset] }
        return slowToken(at: index)
    }

    /// The text of a `.string` or `.fstringMiddle` token, escapes decoded.
    func text(of token: Token) -> String {
        if case .text(let text)? = lexer.literals[token.range.start] { return text }
        return ""
    }

    /// The value of a `.bigInteger` token.
    func bigInteger(of token: Token) -> BigInteger? {
        if case .bigInteger(let value)? = lexer.literals[token.range.start] { return value }
        return nil
    }

    /// Whether `index` is at or past the final `.eof`, where the parser stops advancing.
    @inline(__always)
    func isAtEnd(_ index: Int) -> Bool {
        if case .eof = self[index].kind { return true }
        return false
    }

    private func slowToken(at index: Int) -> Token {
        // Before the kept tokens: the parser never reads that far back (see `forget(before:)`);
        // the oldest kept token stands in rather than failing.
        if index < base { return buffer.first ?? Token(kind: .eof, range: SourceRange(start: 0, end: 0)) }
        while index - base >= buffer.count, scanOne() {}
        return buffer[Swift.min(index - base, buffer.count - 1)]
    }

    /// Scans one more token; false when the final `.eof` was already scanned.
    private func scanOne() -> Bool {
        guard !isScanned else { return false }
        let token = lexer.next()
        let isEnd = if case .eof = token.kind { true } else { false }
        let range = token.range
        buffer.append(token)
        scanned += 1
        if !isEnd, scanned % ReadingLimit.interval == 0, let stop = limit.stop(at: range, in: lexer.source) {
            lexer.diagnostics.append(stop)
            buffer.append(Token(kind: .eof, range: SourceRange(start: range.end, end: range.end)))
            finishScanning()
        } else if isEnd {
            finishScanning()
        }
        return true
    }

    private func finishScanning() {
        lexicalDiagnostics = lexer.diagnostics
        isScanned = true
    }

    /// Scans everything left (what the parser did not reach, after a limit stopped it).
    func scanAll() {
        while scanOne() {}
    }

    /// Drops tokens before `index` (less a margin) once enough are held. The parser calls it
    /// between top-level statements, so it never reads back past the statement it is in.
    func forget(before index: Int) {
        let drop = index - Self.margin - base
        guard buffer.count >= Self.keptTokens, drop > 0, drop <= buffer.count else { return }
        buffer.removeSubrange(0..<drop)
        base += drop
    }

    /// Makes `index` the end: the parser stops there, and nothing more is scanned.
    func end(at index: Int) {
        let token = self[index]
        let offset = Swift.max(0, Swift.min(index - base, buffer.count))
        buffer.removeSubrange(offset...)
        buffer.append(Token(kind: .eof, range: token.range))
        if !isScanned { finishScanning() }
    }

    /// The first index at or after `index` whose token starts at or after `offset`.
    func firstIndex(from index: Int, startingAtOrAfter offset: Int) -> Int {
        var position = Swift.max(index, base)
        while self[position].range.start < offset, !isAtEnd(position) { position += 1 }
        return position
    }
}
