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
        /// A `(` or `[` is open: a line break inside it is only space.
        case insideBrackets
        /// A triple-quoted string is open: the line break is part of the string.
        case insideString
        /// The statement ends in an operator or a comma at the top level, where a line break would
        /// end it: the next line continues the same line (join them with a space).
        case afterOperator

        /// What goes between the text so far and the next line.
        public var joiner: String { self == .afterOperator ? " " : "\n" }
    }

    /// Whether `text` is complete, stops early (an open bracket or triple-quoted string, a
    /// trailing operator or comma), or is wrong whatever follows. A one-line string left open
    /// is wrong at once: strings in quotes end on their own line.
    public static func completeness(of text: String) -> Completeness {
        let source = SourceFile(name: "<input>", text: text)
        let (tokens, lexical, end) = Lexer.scan(source)
        let diagnostics = Parser.parse(source, tokens: tokens, lexical: lexical).diagnostics
        guard let first = diagnostics.first else { return .complete }
        if let wrong = diagnostics.first(where: { !$0.isUnexpectedEnd }) { return .invalid(wrong) }
        if end.openString == .tripleQuoted { return .incomplete(.insideString) }
        if end.openBrackets > 0 { return .incomplete(.insideBrackets) }
        // After an operator a comment would swallow the joined line, and a line break ends the
        // statement: nothing typed next can finish it.
        if end.isInComment { return .invalid(first) }
        return .incomplete(.afterOperator)
    }
}
