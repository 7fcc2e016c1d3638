/// The parser's vocabulary: nesting limits, token helpers, and error reporting and recovery.
extension Parser {
    // MARK: - Nesting limits

    /// Records the height of a new node from its children's, refusing trees taller than
    /// ``maximumNesting`` so that no later recursive walk can run out of stack.
    mutating func finish(_ expr: Expr, childHeights: [Int]) throws(ParseFailure) -> Expr {
        try finish(expr, childHeight: childHeights.max() ?? 0)
    }

    /// ``finish(_:childHeights:)`` for a node whose tallest child is `childHeight` high; the
    /// common binary and unary nodes use it so that parsing them allocates nothing extra.
    mutating func finish(_ expr: Expr, childHeight: Int) throws(ParseFailure) -> Expr {
        lastHeight = childHeight + 1
        if lastHeight > Parser.maximumNesting {
            throw report("expression is nested too deeply (more than \(Parser.maximumNesting) levels)", at: expr.range,
                         notes: ["split it into several statements with intermediate names"], kind: .limit(.nesting))
        }
        return expr
    }

    mutating func enterRecursion() throws(ParseFailure) {
        recursionDepth += 1
        if recursionDepth > Parser.maximumNesting {
            // Each bracket costs the parser two or three levels, so the limit in brackets is lower
            // (about 250 brackets, more than Python's 200 parentheses); no number would be honest here.
            throw report("expression is nested too deeply", at: peek.range,
                         notes: ["split it into several statements with intermediate names"], kind: .limit(.nesting))
        }
    }

    // MARK: - Token helpers

    var peek: Token { tokens[current] }
    var peekNext: Token { tokens[current + 1] }
    var previous: Token { tokens[Swift.max(0, current - 1)] }

    /// The last token of the statement just parsed: the one before any line breaks and block
    /// ends that closed it, so that a block statement's range ends with its last line.
    var lastOfStatement: Token {
        var index = current - 1
        while index > 0, isLineEndKind(tokens[index].kind) { index -= 1 }
        return token(at: index)
    }

    /// The token at `index`, or the final `.eof` past the end.
    func token(at index: Int) -> Token { tokens[Swift.max(index, 0)] }

    func check(_ kind: TokenKind) -> Bool { peek.kind == kind }

    @discardableResult
    mutating func advance() -> Token {
        let token = peek
        if !tokens.isAtEnd(current) { current += 1 }
        return token
    }

    mutating func match(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    mutating func skipNewlines() {
        while check(.newline) { advance() }
    }

    /// Whether a token of this kind ends a simple statement.
    func isStatementEnd(_ kind: TokenKind) -> Bool {
        switch kind {
        case .newline, .semicolon, .eof, .dedent: true
        default: false
        }
    }

    var isAtStatementEnd: Bool { isStatementEnd(peek.kind) }

    /// Whether a token of this kind ends a logical line.
    func isLineEndKind(_ kind: TokenKind) -> Bool {
        switch kind {
        case .newline, .eof, .dedent, .indent: true
        default: false
        }
    }

    var isLineEnd: Bool { isLineEndKind(peek.kind) }

    /// The index of the bracket that closes the one at `index`, or nil when `index` holds no
    /// opening bracket or it is never closed.
    func matchingBracket(from index: Int) -> Int? {
        guard isOpeningBracket(token(at: index).kind) else { return nil }
        var depth = 0
        var position = index
        while !tokens.isAtEnd(position) {
            let kind = tokens[position].kind
            if isOpeningBracket(kind) { depth += 1 }
            if kind == .rightParen || kind == .rightBracket || kind == .rightBrace {
                depth -= 1
                if depth == 0 { return position }
            }
            position += 1
        }
        return nil
    }

    private func isOpeningBracket(_ kind: TokenKind) -> Bool {
        kind == .leftParen || kind == .leftBracket || kind == .leftBrace
    }

    /// Whether a token of this kind can begin an expression (`*` aside, which only some places allow).
    func startsExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .identifier, .integer, .bigInteger, .float, .string, .fstringStart, .leftParen, .leftBracket, .leftBrace, .ellipsis,
             .kwTrue, .kwFalse, .kwNone, .minus, .plus, .tilde, .kwNot, .kwLambda, .kwAwait, .kwYield, .kwExplain, .kwFn:
            true
        default:
            false
        }
    }

    @discardableResult
    mutating func expect(
        _ kind: TokenKind, _ message: String, notes: [String] = [], openedAt opening: SourceRange? = nil
    ) throws(ParseFailure) -> Token {
        if check(kind) { return advance() }
        var allNotes = notes
        // Where an unclosed bracket was opened, whatever kind it is: the error shows up at the end
        // of the input or on a later line, far from the bracket that caused it.
        if let opening {
            let location = source.location(of: opening.start)
            let laterLine = source.location(of: peek.range.start).line > location.line
            if peek.kind == .eof || peek.kind == .newline || peek.kind == .dedent || laterLine {
                allNotes.append("the bracket was opened at line \(location.line), column \(location.column)")
            }
        }
        throw report("\(message), found \(peek.kind.spelling)", at: peek.range, notes: allNotes, causedBy: peek)
    }

    mutating func expectIdentifier(_ message: String) throws(ParseFailure) -> Token {
        guard check(.identifier) else {
            let found = peek.kind.spelling
            let note = peek.kind.isKeyword ? ["'\(source.text(of: peek.range))' is a keyword and cannot be a name"] : []
            throw report("\(message), found \(found)", at: peek.range, notes: note, causedBy: peek)
        }
        return advance()
    }

    mutating func expectStatementEnd() throws(ParseFailure) {
        if isAtStatementEnd { return }
        let notes = check(.equal) ? ["'=' assigns only at the start of a statement; to compare, use '=='"] : []
        throw report("expected the end of the statement, found \(peek.kind.spelling)", at: peek.range, notes: notes,
                     causedBy: peek)
    }

    func expectedExpressionMessage(before token: Token) -> String {
        switch token.kind {
        case .eof, .newline, .dedent:
            if let (op, _) = Parser.binaryOperator(previous.kind) { return "expected an expression after '\(op.rawValue)'" }
            return "expected an expression"
        default: return "expected an expression, found \(token.kind.spelling)"
        }
    }

    // MARK: - Errors and recovery

    /// Records a diagnostic (unless the offending token is one the lexer already reported) and
    /// returns the failure to throw.
    mutating func report(
        _ message: String, at range: SourceRange, notes: [String] = [], causedBy token: Token? = nil,
        kind: Diagnostic.Kind = .syntax
    ) -> ParseFailure {
        if let token, token.kind == .invalid { return ParseFailure() }
        var diagnostic = Diagnostic(kind: kind, message: message, range: range, source: source, notes: notes)
        diagnostic.isUnexpectedEnd = isAtEndOfInput(token)
        diagnostics.append(diagnostic)
        return ParseFailure()
    }

    /// Records the one message for a construct of Python that conv refuses.
    mutating func reportUnsupported(_ construct: UnsupportedSyntax, at range: SourceRange) -> ParseFailure {
        diagnostics.append(construct.diagnostic(at: range, in: source))
        return ParseFailure()
    }

    /// True when the failing token is the end of input, or a line break or block end with only
    /// more of them before the end: the program stopped early rather than being wrong.
    func isAtEndOfInput(_ token: Token?) -> Bool {
        guard let token else { return false }
        if token.kind == .eof { return true }
        guard isLineEndKind(token.kind) else { return false }
        // Tokens are in source order; those before the statement being parsed are forgotten.
        var index = tokens.firstIndex(from: 0, startingAtOrAfter: token.range.end)
        while true {
            switch tokens[index].kind {
            case .eof: return true
            case .newline, .dedent: index += 1
            default: return false
            }
        }
    }

    /// Skips to the start of the next logical line at this block's indentation after an error:
    /// past the end of the statement, and past any block indented under it (the broken
    /// statement's own block). A DEDENT that closes this block is left for the block's loop.
    mutating func synchronize() {
        var depth = 0
        while !check(.eof) {
            switch peek.kind {
            case .indent:
                depth += 1
            case .dedent:
                if depth == 0 { return }
                depth -= 1
                advance()
                if depth == 0 { return }  // past the broken statement's block: the next line starts here
                continue
            case .newline, .semicolon:
                if depth == 0, !isBlockAhead { return }
            default:
                break
            }
            advance()
        }
    }

    /// Whether an indented block starts after the line breaks at the current token.
    private var isBlockAhead: Bool {
        var index = current
        while token(at: index).kind == .newline { index += 1 }
        return token(at: index).kind == .indent
    }

    mutating func skipStatementSeparators() {
        while true {
            switch peek.kind {
            case .newline, .semicolon: advance()
            default: return
            }
        }
    }
}
