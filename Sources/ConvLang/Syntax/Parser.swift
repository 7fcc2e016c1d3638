/// A recursive-descent parser with a binding-power loop for binary operators, for the short
/// language and Python's statements.
///
/// It never throws: a syntax error becomes a ``Diagnostic``, the parser skips to the next
/// logical line at the same or a lower indentation and goes on, so a script reports all of its
/// syntax errors in one run. Errors caused by a token the lexer already reported are not
/// reported again. The grammar is spread over files by area: statements (Parser+Statements),
/// blocks and compound statements (Parser+Blocks), definitions (Parser+Definitions),
/// expressions (Parser+Expressions), displays (Parser+Displays), f-strings (Parser+FStrings),
/// targets (Parser+Targets), `explain` (Parser+Explain); helpers and recovery in Parser+Support.
struct Parser {
    /// How deeply expressions may nest (brackets, operator chains, calls) before the parser
    /// refuses; this keeps parsing and evaluation far from the end of the stack.
    static let maximumNesting = 500
    /// How deeply blocks may nest, Python's limit; it bounds the parser's recursion through
    /// blocks, and any later walk of the tree.
    static let maximumBlockDepth = 100

    /// Where the statement being parsed is: `return` needs a function, `break` a loop.
    struct Scope {
        var isInFunction = false
        var isInLoop = false
    }

    // The state below is shared by the parser's files and touched by nothing else.
    let source: SourceFile
    /// Scanned as the parser reaches them (see ``TokenStream``).
    let tokens: TokenStream
    var current = 0
    var diagnostics: [Diagnostic] = []
    /// The nesting height of the expression most recently parsed (see ``maximumNesting``).
    var lastHeight = 0
    /// How many parse functions are active; bounds the parser's own recursion.
    var recursionDepth = 0
    /// How many indented blocks enclose the statement being parsed.
    var blockDepth = 0
    var scope = Scope()
    /// What stops reading an enormous program, checked between top-level statements.
    var readingLimit = ReadingLimit.none
    /// The error that stopped reading, if a limit did.
    var stoppedBy: Diagnostic?
    /// Whether arithmetic on number literals is computed while parsing (see ``ConstantFolding``);
    /// programs that run fold, the syntax tree shown by tools and tests is the one written.
    var foldsConstants = false

    init(source: SourceFile, tokens: TokenStream) {
        self.source = source
        self.tokens = tokens
    }

    /// Parses a whole program, scanning it as it goes; past `limit`, nothing but the limit's error.
    static func parse(
        _ source: SourceFile, limit: ReadingLimit = .none, foldsConstants: Bool = false
    ) -> (statements: [Stmt], diagnostics: [Diagnostic]) {
        parse(source, tokens: TokenStream(source: source, limit: limit), limit: limit, foldsConstants: foldsConstants)
    }

    /// Parses tokens already scanned from `source`, with the lexer's diagnostics.
    static func parse(
        _ source: SourceFile, tokens: [Token], lexical: [Diagnostic], literals: [Int: LiteralValue], limit: ReadingLimit = .none
    ) -> (statements: [Stmt], diagnostics: [Diagnostic]) {
        parse(source, tokens: TokenStream(tokens: tokens, diagnostics: lexical, literals: literals), limit: limit)
    }

    private static func parse(
        _ source: SourceFile, tokens: TokenStream, limit: ReadingLimit, foldsConstants: Bool = false
    ) -> (statements: [Stmt], diagnostics: [Diagnostic]) {
        var parser = Parser(source: source, tokens: tokens)
        parser.readingLimit = limit
        parser.foldsConstants = foldsConstants
        let statements = parser.parseProgram()
        // The lexer's limit stops reading first, as when the whole text was scanned before parsing.
        let lexical = tokens.lexicalDiagnostics
        if let stop = lexical.first(where: { $0.kind != .syntax }) { return ([], [stop]) }
        if let stop = parser.stoppedBy { return ([], [stop]) }
        let all = (lexical + parser.diagnostics).sorted { $0.range.start < $1.range.start }
        return (statements, all)
    }

    /// program -> statements EOF
    mutating func parseProgram() -> [Stmt] {
        var statements = parseStatements()
        while !check(.eof) {
            // Only a stray DEDENT can stop the statements early at the top level.
            advance()
            statements += parseStatements()
        }
        return statements
    }

    /// statements -> { NEWLINE | ";" | statement }      (up to a DEDENT or the end)
    ///
    /// An error inside a statement is reported, and parsing resumes at the next logical line
    /// at this block's indentation.
    mutating func parseStatements() -> [Stmt] {
        var statements: [Stmt] = []
        while true {
            skipStatementSeparators()
            // Nothing before a top-level statement is read again.
            if blockDepth == 0 { tokens.forget(before: current) }
            switch peek.kind {
            case .eof, .dedent: return statements
            case .indent:
                skipUnexpectedIndent()
                continue
            default: break
            }
            do {
                statements.append(try parseStatement())
                if blockDepth == 0, statements.count % ReadingLimit.interval == 0, stopsReading() { return statements }
            } catch {
                // A failure deep in an expression unwinds here; statements start at depth 0.
                recursionDepth = 0
                synchronize()
            }
        }
    }

    /// Whether the reading limit stops the parse here; if so, the parser is left at the end.
    mutating func stopsReading() -> Bool {
        guard let stop = readingLimit.stop(at: peek.range, in: source) else { return false }
        stoppedBy = stop
        tokens.end(at: current)
        return true
    }

    /// statement -> compound | simple ( NEWLINE | ";" | DEDENT | EOF )
    mutating func parseStatement() throws(ParseFailure) -> Stmt {
        if let compound = try parseCompoundStatement() { return compound }
        let statement = try parseSimpleStatement()
        try expectStatementEnd()
        return statement
    }

    /// An indented line where no block begins: reported at the indentation, and the lines
    /// indented with it are skipped (one report, however they are indented inside).
    private mutating func skipUnexpectedIndent() {
        let indent = advance()
        diagnostics.append(Diagnostic(message: "unexpected indent", range: indent.range, source: source,
                                      notes: ["only the lines of a block (after a line ending in ':') are indented"]))
        skipBlock()
    }

    /// block -> INDENT statements DEDENT      (the DEDENT is missing at the end of a broken input)
    ///
    /// A block nested deeper than ``maximumBlockDepth`` is reported once and skipped whole,
    /// without recursion.
    mutating func parseBlock() -> [Stmt] {
        let indent = advance()
        guard blockDepth < Parser.maximumBlockDepth else {
            _ = report("too many levels of indentation (more than \(Parser.maximumBlockDepth))", at: indent.range,
                       notes: ["move the inner blocks into functions"], kind: .limit(.nesting))
            skipBlock()
            return []
        }
        blockDepth += 1
        defer { blockDepth -= 1 }
        let body = parseStatements()
        _ = match(.dedent)
        return body
    }

    /// Skips the rest of the block whose INDENT was just consumed, through its DEDENT.
    private mutating func skipBlock() {
        var depth = 1
        while depth > 0, !check(.eof) {
            if check(.indent) { depth += 1 }
            if check(.dedent) { depth -= 1 }
            advance()
        }
    }
}

/// Thrown inside the parser to unwind to the statement loop; the diagnostic is already recorded.
struct ParseFailure: Error {}
