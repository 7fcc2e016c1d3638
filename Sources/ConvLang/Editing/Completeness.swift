/// Whether a piece of text is a whole entry, asked of the real lexer and parser, as Lua's
/// interpreter and Python's `codeop` do: a REPL (and a notebook kernel's `is_complete`) never
/// keeps a second grammar of its own that could disagree with the language.
extension Interpreter {
    /// What a REPL should do with the text typed so far.
    public enum Completeness: Sendable {
        /// It parses: run it.
        case complete
        /// It merely stops early; more lines can finish it. The continuation says how the next
        /// line joins it.
        case incomplete(Continuation)
        /// It has a syntax error that no further line can fix (the first such error); run it to
        /// report every error.
        case invalid(Diagnostic)

        /// Whether more lines should be read.
        public var needsMoreInput: Bool {
            if case .incomplete = self { return true }
            return false
        }
    }

    /// Why an entry stops early, which decides how the next line joins it.
    public enum Continuation: Sendable, Hashable {
        /// A `(`, `[` or `{` is open: a line break inside it is only space.
        case insideBrackets
        /// A triple-quoted string is open: the line break is part of the string.
        case insideString
        /// The statement ends in an operator or a comma at the top level, where a line break would
        /// end it: the next line continues the same line (join them with a space).
        case afterOperator
        /// The last line ends in `\`, which continues it on the next line.
        case afterBackslash
        /// A block is open: a header ends in `:` with no block yet, a decorator waits for its
        /// `def`, a `try` for its `except`, or the last line is indented with no empty line after
        /// it (an empty line closes a block, as in Python's REPL). The next line is a line of its own.
        case insideBlock

        /// What goes between the text so far and the next line.
        public var joiner: String { self == .afterOperator ? " " : "\n" }
    }

    /// Whether `text` is complete, stops early (an open bracket or triple-quoted string, a
    /// trailing operator or comma, an open block), or is wrong whatever follows. A one-line
    /// string left open is wrong at once: strings in quotes end on their own line.
    public static func completeness(of text: String) -> Completeness {
        let source = SourceFile(name: "<input>", text: text)
        let (tokens, lexical, literals, end) = Lexer.scan(source)
        let diagnostics = Parser.parse(source, tokens: tokens, lexical: lexical, literals: literals).diagnostics
        guard let first = diagnostics.first else { return end.isInsideBlock ? .incomplete(.insideBlock) : .complete }
        if let wrong = diagnostics.first(where: { !$0.isUnexpectedEnd }) { return .invalid(wrong) }
        if end.openString == .tripleQuoted { return .incomplete(.insideString) }
        if end.openBrackets > 0 { return .incomplete(.insideBrackets) }
        if end.isContinuedLine { return .incomplete(.afterBackslash) }
        if opensBlock(tokens) {
            // An empty line right after a header closes the entry without its block, as in Python's REPL.
            return Lexer.endsWithBlankLine(source.bytes) ? .invalid(first) : .incomplete(.insideBlock)
        }
        // A finished statement that still stops early awaits a clause of its own (a `try` block's
        // `except`), on a new line.
        if let last = tokens.last(where: { ![.newline, .indent, .dedent, .eof].contains($0.kind) }), endsStatement(last.kind) {
            return Lexer.endsWithBlankLine(source.bytes) ? .invalid(first) : .incomplete(.insideBlock)
        }
        // After an operator a comment would swallow the joined line, and a line break ends the
        // statement: nothing typed next can finish it.
        if end.isInComment { return .invalid(first) }
        return .incomplete(.afterOperator)
    }

    /// Whether a statement may end with a token of this kind (rather than an operator or a comma).
    private static func endsStatement(_ kind: TokenKind) -> Bool {
        switch kind {
        case .identifier, .integer, .float, .string, .fstringEnd, .rightParen, .rightBracket, .rightBrace, .ellipsis,
             .kwTrue, .kwFalse, .kwNone, .kwPass, .kwBreak, .kwContinue, .kwReturn, .kwRaise:
            true
        default:
            false
        }
    }

    /// Whether the last line is a block header (a compound statement's keyword, then `:` at
    /// its end) or a decorator: what follows belongs on lines of its own.
    private static func opensBlock(_ tokens: [Token]) -> Bool {
        let layout: [TokenKind] = [.newline, .indent, .dedent, .eof]
        guard let last = tokens.last(where: { !layout.contains($0.kind) }) else { return false }
        let lineStart = tokens.lastIndex { layout.contains($0.kind) && $0.range.end <= last.range.start }
        guard let first = tokens[(lineStart.map { $0 + 1 } ?? 0)...].first(where: { !layout.contains($0.kind) }) else {
            return false
        }
        switch first.kind {
        case .at: return true
        case .kwIf, .kwElif, .kwElse, .kwFor, .kwWhile, .kwDef, .kwClass, .kwWith, .kwTry, .kwExcept, .kwFinally:
            return last.kind == .colon
        default: return false
        }
    }
}
