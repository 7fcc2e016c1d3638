/// Compound statements and their blocks: `if`, `for`, `while`, `with`, `try`, and the dispatch
/// to definitions (`def`, `class`, decorators).
extension Parser {
    /// compound -> if | for | while | with | try | def | class | decorated      (nil for a simple statement)
    @inline(__always)
    mutating func parseCompoundStatement() throws(ParseFailure) -> Stmt? {
        switch peek.kind {
        case .kwIf: return try parseIf()
        case .kwFor: return try parseFor()
        case .kwWhile: return try parseWhile()
        case .kwWith: return try parseWith()
        case .kwTry: return try parseTry()
        case .kwDef: return try parseFunctionDefinition(decorators: [])
        case .kwClass: return try parseClassDefinition(decorators: [])
        case .at: return try parseDecorated()
        case .kwAsync: throw reportUnsupported(.async, at: peek.range)
        case .kwElif, .kwElse, .kwExcept, .kwFinally: throw reportOrphanClause()
        case .identifier where isMatchStatement: throw reportUnsupported(.matchStatement, at: peek.range)
        default: return nil
        }
    }

    // MARK: - Blocks

    /// suite -> ":" ( simple { ";" simple } [";"] | NEWLINE INDENT statements DEDENT )
    ///
    /// `header` is the keyword that opened the clause, for the message when the block is
    /// missing; that error is recorded and an empty block returned, so parsing goes on at the
    /// line that should have been indented.
    mutating func parseSuite(after header: Token) throws(ParseFailure) -> [Stmt] {
        try expect(.colon, "expected ':' after the \(clauseName(header)) header", notes: [])
        guard check(.newline) || check(.eof) || check(.dedent) else { return try parseOneLineSuite() }
        skipNewlines()
        guard check(.indent) else {
            let line = source.location(of: header.range.start).line
            _ = report("expected an indented block after \(clauseName(header)) on line \(line)", at: peek.range,
                       notes: ["indent the lines of the block, e.g. by 4 spaces; write 'pass' for an empty one"], causedBy: peek)
            return []
        }
        return parseBlock()
    }

    /// The statements after `:` on the header's own line; compound statements cannot be there.
    private mutating func parseOneLineSuite() throws(ParseFailure) -> [Stmt] {
        var body: [Stmt] = []
        repeat {
            if isLineEnd { break }
            if let keyword = compoundKeyword(peek.kind) {
                throw report("'\(keyword)' cannot follow ':' on the same line", at: peek.range,
                             notes: ["start its block on a new, indented line"])
            }
            body.append(try parseSimpleStatement())
        } while match(.semicolon)
        guard isLineEnd else { try expectStatementEnd(); return body }
        return body
    }

    /// Whether the next token is `clause` (`elif`, `else`, `except`, `finally`) continuing the
    /// statement just parsed: right after an indented block, or on the next line after a
    /// one-line block. Consumes the line breaks before it when it is.
    mutating func atClause(_ clause: TokenKind) -> Bool {
        var index = current
        while token(at: index).kind == .newline { index += 1 }
        guard token(at: index).kind == clause else { return false }
        current = index
        return true
    }

    // MARK: - if, for, while

    /// if -> "if" expr suite { "elif" expr suite } [ "else" suite ]
    private mutating func parseIf() throws(ParseFailure) -> Stmt {
        var branches: [ConditionalBranch] = []
        var keyword = peek
        repeat {
            keyword = advance()
            let condition = try parseExpression()
            let body = try parseSuite(after: keyword)
            branches.append(ConditionalBranch(condition: condition, body: body, range: keyword.range.union(lastOfStatement.range)))
        } while atClause(.kwElif)
        let orElse = try parseElse()
        return .ifStatement(IfStatement(branches: branches, orElse: orElse, range: branches[0].range.union(lastOfStatement.range)))
    }

    /// else -> [ "else" suite ]
    private mutating func parseElse() throws(ParseFailure) -> [Stmt]? {
        guard atClause(.kwElse) else { return nil }
        return try parseSuite(after: advance())
    }

    /// for -> "for" targets "in" exprlist suite [ "else" suite ]
    private mutating func parseFor() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        let target = try parseTargetList()
        try expect(.kwIn, "expected 'in' after the loop's variables", notes: ["for example: for x in xs:"])
        let iterable = try parseExpressionList()
        let body = try parseLoopBody(after: keyword)
        let orElse = try parseElse()
        return .forStatement(ForStatement(target: target, iterable: iterable, body: body, orElse: orElse,
                                          range: keyword.range.union(lastOfStatement.range)))
    }

    /// while -> "while" expr suite [ "else" suite ]
    private mutating func parseWhile() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        let condition = try parseExpression()
        let body = try parseLoopBody(after: keyword)
        let orElse = try parseElse()
        return .whileStatement(WhileStatement(condition: condition, body: body, orElse: orElse,
                                              range: keyword.range.union(lastOfStatement.range)))
    }

    /// A loop's block, where `break` and `continue` are allowed.
    private mutating func parseLoopBody(after keyword: Token) throws(ParseFailure) -> [Stmt] {
        let outer = scope
        scope.isInLoop = true
        defer { scope = outer }
        return try parseSuite(after: keyword)
    }

    // MARK: - with, try

    /// with -> "with" item { "," item } suite;  item -> expr [ "as" target ]
    private mutating func parseWith() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        var items: [WithStatement.Item] = []
        repeat {
            let context = try parseExpression()
            var target: Target?
            if match(.kwAs) { target = try parseTarget() }
            items.append(WithStatement.Item(context: context, target: target))
        } while match(.comma)
        let body = try parseSuite(after: keyword)
        return .withStatement(WithStatement(items: items, body: body, range: keyword.range.union(lastOfStatement.range)))
    }

    /// try -> "try" suite ( handler { handler } [ "else" suite ] [ "finally" suite ] | "finally" suite )
    private mutating func parseTry() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        let body = try parseSuite(after: keyword)
        var handlers: [TryStatement.Handler] = []
        while atClause(.kwExcept) { handlers.append(try parseHandler(after: handlers)) }
        var orElse: [Stmt]?
        if !handlers.isEmpty { orElse = try parseElse() }
        var finally: [Stmt]?
        if atClause(.kwFinally) { finally = try parseSuite(after: advance()) }
        if handlers.isEmpty, finally == nil {
            throw report("expected 'except' or 'finally' after the 'try' block", at: peek.range,
                         notes: ["a 'try' needs at least one 'except' or a 'finally'"], causedBy: peek)
        }
        return .tryStatement(TryStatement(body: body, handlers: handlers, orElse: orElse, finally: finally,
                                          range: keyword.range.union(lastOfStatement.range)))
    }

    /// handler -> "except" [ expr [ "as" NAME ] ] suite
    private mutating func parseHandler(after earlier: [TryStatement.Handler]) throws(ParseFailure) -> TryStatement.Handler {
        let keyword = advance()
        if let bare = earlier.last(where: { $0.type == nil }) {
            throw report("a bare 'except:' must be the last handler", at: bare.range,
                         notes: ["move it after the handlers that name an exception"])
        }
        if check(.star) { throw reportUnsupported(.exceptStar, at: keyword.range.union(peek.range)) }
        var type: Expr?
        var name: Name?
        if !check(.colon) {
            type = try parseExpression()
            if match(.kwAs) {
                let token = try expectIdentifier("expected a name after 'as'")
                name = Name(name: source.text(of: token.range), range: token.range)
            }
        }
        let body = try parseSuite(after: keyword)
        return TryStatement.Handler(type: type, name: name, body: body, range: keyword.range.union(lastOfStatement.range))
    }

    // MARK: - Misplaced and unsupported forms

    /// `elif`, `else`, `except` or `finally` where no statement they could continue ends.
    private mutating func reportOrphanClause() -> ParseFailure {
        let keyword = peek
        let owner = switch keyword.kind {
        case .kwElif: "an 'if' block"
        case .kwElse: "an 'if', 'for', 'while' or 'try' block"
        default: "a 'try' block"
        }
        return report("'\(source.text(of: keyword.range))' must follow \(owner) at the same indentation", at: keyword.range,
                      notes: ["check the indentation of this line and of the block above it"])
    }

    /// Whether the statement starting here is Python's `match SUBJECT:` with `case` blocks: its
    /// line ends in `:` and the block under it starts with `case`.
    private var isMatchStatement: Bool {
        guard source.text(of: peek.range) == "match", startsExpression(peekNext.kind) else { return false }
        var index = current + 1
        while !isLineEndKind(token(at: index).kind) {
            if let close = matchingBracket(from: index) { index = close }
            index += 1
        }
        guard token(at: index - 1).kind == .colon else { return false }
        while token(at: index).kind == .newline { index += 1 }
        return token(at: index).kind == .indent && source.text(of: token(at: index + 1).range) == "case"
    }

    /// The keyword of a compound statement, which cannot follow `:` on the same line.
    private func compoundKeyword(_ kind: TokenKind) -> String? {
        switch kind {
        case .kwIf: "if"
        case .kwFor: "for"
        case .kwWhile: "while"
        case .kwWith: "with"
        case .kwTry: "try"
        case .kwDef: "def"
        case .kwClass: "class"
        case .at: "@"
        default: nil
        }
    }

    /// How a clause is named in "expected an indented block after ...", as Python names it.
    private func clauseName(_ header: Token) -> String {
        switch header.kind {
        case .kwDef: "function definition"
        case .kwClass: "class definition"
        default: "'\(source.text(of: header.range))' statement"
        }
    }
}
