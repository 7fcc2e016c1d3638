/// A recursive-descent parser with a binding-power loop for binary operators.
///
/// It never throws: a syntax error becomes a ``Diagnostic``, the parser skips to the end of the
/// statement and goes on, so a script reports all of its syntax errors in one run. Errors caused
/// by a token the lexer already reported are not reported again.
struct Parser {
    /// How deeply expressions may nest (brackets, operator chains, calls) before the parser
    /// refuses; this keeps parsing and evaluation far from the end of the stack.
    static let maximumNesting = 500

    // The state below is shared by the parser's files (Parser+Explain, Parser+Support) and
    // touched by nothing else.
    let source: SourceFile
    let tokens: [Token]
    var current = 0
    var diagnostics: [Diagnostic] = []
    /// The nesting height of the expression most recently parsed (see ``maximumNesting``).
    var lastHeight = 0
    /// How many parse functions are active; bounds the parser's own recursion.
    var recursionDepth = 0

    init(source: SourceFile, tokens: [Token]) {
        self.source = source
        self.tokens = tokens
    }

    /// Parses a whole program.
    static func parse(_ source: SourceFile) -> (statements: [Stmt], diagnostics: [Diagnostic]) {
        let (tokens, lexical) = Lexer.tokenize(source)
        return parse(source, tokens: tokens, lexical: lexical)
    }

    /// Parses tokens already scanned from `source`, with the lexer's diagnostics.
    static func parse(
        _ source: SourceFile, tokens: [Token], lexical: [Diagnostic]
    ) -> (statements: [Stmt], diagnostics: [Diagnostic]) {
        var parser = Parser(source: source, tokens: tokens)
        let statements = parser.parseProgram()
        let all = (lexical + parser.diagnostics).sorted { $0.range.start < $1.range.start }
        return (statements, all)
    }

    /// program -> { statement ( NEWLINE | ";" ) } EOF
    mutating func parseProgram() -> [Stmt] {
        var statements: [Stmt] = []
        while true {
            skipStatementSeparators()
            if check(.eof) { break }
            do {
                statements.append(try parseStatement())
                try expectStatementEnd()
            } catch {
                synchronize()
            }
        }
        return statements
    }

    // MARK: - Statements

    /// statement -> "let" NAME "=" exprlist | "fn" ... | import | exprlist [ "=" exprlist ]
    /// (the target of "=" is a name, NAME "," NAME ..., or OBJECT "." MEMBER)
    private mutating func parseStatement() throws(ParseFailure) -> Stmt {
        switch peek.kind {
        case .kwLet: return try parseLet()
        case .kwFn: return try parseFunction()
        case .kwImport, .kwFrom: return parseImport()
        default: break
        }
        let target = try parseExpressionList()
        guard check(.equal) else { return .expression(target) }
        let equal = advance()
        let value = try parseExpressionList()
        let range = target.range.union(value.range)
        switch target {
        case .name(let name, let nameRange):
            return .assign(name: name, nameRange: nameRange, value: value, range: range)
        case .member(let object, let member, let memberRange, _):
            return .assignMember(object: object, member: member, memberRange: memberRange, value: value, range: range)
        case .tuple(let items, _) where !items.isEmpty:
            var targets: [AssignmentTarget] = []
            for item in items {
                guard case .name(let name, let nameRange) = item else {
                    throw report("cannot assign to this expression", at: item.range,
                                 notes: ["the left of 'a, b = ...' must be names"], causedBy: equal)
                }
                targets.append(AssignmentTarget(name: name, range: nameRange))
            }
            return .assignMany(targets: targets, value: value, range: range)
        default:
            throw report("cannot assign to this expression", at: target.range,
                         notes: ["assign to a name (x = ...) or a layer's weight or bias (m.weight = ...); '==' compares"],
                         causedBy: equal)
        }
    }

    /// let -> "let" NAME "=" exprlist
    private mutating func parseLet() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        let name = try expectIdentifier("expected a name after 'let'")
        try expect(.equal, "expected '=' after 'let \(source.text(of: name.range))'")
        let value = try parseExpressionList()
        return .assign(name: source.text(of: name.range), nameRange: name.range, value: value,
                       range: keyword.range.union(value.range))
    }

    /// function -> "fn" NAME "(" [ param { "," param } [","] ] ")" "=" expr
    /// param -> NAME [ "=" expr ]
    private mutating func parseFunction() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        let name = try expectIdentifier("expected a function name after 'fn'")
        try expect(.leftParen, "expected '(' after the function name")
        var parameters: [FunctionDeclaration.Parameter] = []
        while !check(.rightParen) {
            let parameter = try expectIdentifier("expected a parameter name")
            var defaultValue: Expr?
            if match(.equal) { defaultValue = try parseExpression() }
            let parameterName = source.text(of: parameter.range)
            if parameters.contains(where: { $0.name == parameterName }) {
                throw report("duplicate parameter '\(parameterName)'", at: parameter.range)
            }
            if defaultValue == nil, parameters.last?.defaultValue != nil {
                throw report("parameter '\(parameterName)' needs a default value, since the one before it has one", at: parameter.range)
            }
            parameters.append(.init(name: parameterName, range: parameter.range, defaultValue: defaultValue))
            if !match(.comma) { break }
        }
        try expect(.rightParen, "expected ')' after the parameters")
        try expect(.equal, "expected '=' and an expression after the parameters",
                   notes: ["a function is one expression: fn smooth(v, n=3) = conv(v, ones(n) / n, p=\"same\")"])
        let body = try parseExpression()
        let declaration = FunctionDeclaration(
            name: source.text(of: name.range), nameRange: name.range, parameters: parameters, body: body,
            range: keyword.range.union(body.range))
        return .function(declaration)
    }

    /// import -> ( "import" | "from" ) anything up to the end of the statement.
    /// Accepted and ignored, so that pasted PyTorch snippets run unchanged.
    private mutating func parseImport() -> Stmt {
        let first = advance()
        var range = first.range
        while !isAtStatementEnd { range = range.union(advance().range) }
        return .importLine(range: range)
    }

    // MARK: - Expressions

    /// exprlist -> expr { "," expr } [ "," ]      (two or more, or a trailing comma, make a tuple)
    private mutating func parseExpressionList() throws(ParseFailure) -> Expr {
        let first = try parseExpression()
        guard check(.comma) else { return first }
        var items = [first]
        var heights = [lastHeight]
        while match(.comma) {
            if isAtStatementEnd || check(.equal) || check(.rightParen) { break }
            items.append(try parseExpression())
            heights.append(lastHeight)
        }
        let range = items[0].range.union(previous.range)
        return try finish(.tuple(items, range), childHeights: heights)
    }

    /// expr -> "explain" [ "shape" ] expr | binary expression at the lowest binding power.
    mutating func parseExpression() throws(ParseFailure) -> Expr {
        if check(.kwExplain), peekNext.kind != .leftParen { return try parseExplainPrefix() }
        return try parseBinary(minimumPower: 0)
    }

    /// Binding powers, Python's order: or < and < not < comparisons < + - < * / // % < unary < **.
    static func binaryOperator(_ kind: TokenKind) -> (op: BinaryOperator, power: Int)? {
        switch kind {
        case .kwOr: (.or, 1)
        case .kwAnd: (.and, 2)
        case .equalEqual: (.equal, 4)
        case .bangEqual: (.notEqual, 4)
        case .less: (.less, 4)
        case .lessEqual: (.lessEqual, 4)
        case .greater: (.greater, 4)
        case .greaterEqual: (.greaterEqual, 4)
        case .plus: (.add, 5)
        case .minus: (.subtract, 5)
        case .star: (.multiply, 6)
        case .slash: (.divide, 6)
        case .slashSlash: (.floorDivide, 6)
        case .percent: (.remainder, 6)
        default: nil
        }
    }

    /// binary -> unary { OP unary }, left-associative, climbing by binding power.
    private mutating func parseBinary(minimumPower: Int) throws(ParseFailure) -> Expr {
        try enterRecursion()
        defer { recursionDepth -= 1 }
        var left = try parseUnary(minimumPower: minimumPower)
        var leftHeight = lastHeight
        // The right operand of the previous comparison, for Python's chains: `a < b < c`
        // means `a < b and b < c`.
        var chained: (operand: Expr, height: Int)?
        while let (op, power) = Parser.binaryOperator(peek.kind), power > minimumPower {
            let operatorToken = advance()
            let right = try parseBinary(minimumPower: power)
            let rightHeight = lastHeight
            if op.isComparison, let (middle, middleHeight) = chained {
                let comparison = try finish(.binary(op, middle, right, operatorRange: operatorToken.range, middle.range.union(right.range)),
                                            childHeight: Swift.max(middleHeight, rightHeight))
                left = try finish(.binary(.and, left, comparison, operatorRange: operatorToken.range, left.range.union(right.range)),
                                  childHeight: Swift.max(leftHeight, lastHeight))
            } else {
                left = try finish(.binary(op, left, right, operatorRange: operatorToken.range, left.range.union(right.range)),
                                  childHeight: Swift.max(leftHeight, rightHeight))
            }
            leftHeight = lastHeight
            chained = op.isComparison ? (right, rightHeight) : nil
        }
        return left
    }

    /// unary -> ( "-" | "+" ) unary | "not" unary (below comparisons) | power
    private mutating func parseUnary(minimumPower: Int) throws(ParseFailure) -> Expr {
        try enterRecursion()
        defer { recursionDepth -= 1 }
        let unary: (UnaryOperator, Int)? = switch peek.kind {
        case .minus: (.negate, 7)
        case .plus: (.plus, 7)
        case .kwNot where minimumPower <= 3: (.not, 3)  // `not not x` is fine; `a < not b` is not
        default: nil
        }
        guard let (op, power) = unary else { return try parsePower() }
        let operatorToken = advance()
        let operand = op == .not ? try parseBinary(minimumPower: power) : try parseUnary(minimumPower: power)
        return try finish(.unary(op, operand, operatorToken.range.union(operand.range)), childHeight: lastHeight)
    }

    /// power -> postfix [ "**" unary ]      (right-associative; -2**2 is -(2**2), 2**-1 works)
    private mutating func parsePower() throws(ParseFailure) -> Expr {
        let base = try parsePostfix()
        guard check(.starStar) else { return base }
        let baseHeight = lastHeight
        let operatorToken = advance()
        let exponent = try parseUnary(minimumPower: 7)
        return try finish(.binary(.power, base, exponent, operatorRange: operatorToken.range, base.range.union(exponent.range)),
                          childHeight: Swift.max(baseHeight, lastHeight))
    }

    /// postfix -> primary { "(" arguments ")" | "[" subscripts "]" | "." NAME }
    private mutating func parsePostfix() throws(ParseFailure) -> Expr {
        var expr = try parsePrimary()
        while true {
            let height = lastHeight
            switch peek.kind {
            case .leftParen:
                let open = advance()
                if let topic = keywordTopic(calling: expr) {
                    let close = try expect(.rightParen, "expected ')' after the arguments", openedAt: open.range)
                    expr = .call(callee: expr, arguments: [topic], expr.range.union(close.range))
                    continue
                }
                let (arguments, heights) = try parseArguments()
                let close = try expect(.rightParen, "expected ')' after the arguments", openedAt: open.range)
                expr = try finish(.call(callee: expr, arguments: arguments, expr.range.union(close.range)),
                                  childHeights: [height] + heights)
            case .leftBracket:
                let open = advance()
                let (subscripts, heights) = try parseSubscripts()
                let close = try expect(.rightBracket, "expected ']' after the index", openedAt: open.range)
                expr = try finish(.index(expr, subscripts, expr.range.union(close.range)), childHeights: [height] + heights)
            case .dot:
                advance()
                let name = try expectIdentifier("expected a member name after '.'")
                expr = try finish(.member(expr, name: source.text(of: name.range), nameRange: name.range,
                                          expr.range.union(name.range)), childHeight: height)
            default:
                return expr
            }
        }
    }

    /// arguments -> [ argument { "," argument } [ "," ] ];  argument -> [ NAME "=" ] expr
    mutating func parseArguments() throws(ParseFailure) -> ([Argument], [Int]) {
        var arguments: [Argument] = []
        var heights: [Int] = []
        while !check(.rightParen) && !check(.eof) {
            var label: Token?
            if peek.kind == .identifier, peekNext.kind == .equal {
                label = advance()
                advance()
            }
            let value = try parseExpression()
            heights.append(lastHeight)
            let argument = Argument(label: label.map { source.text(of: $0.range) }, labelRange: label?.range, value: value)
            if label == nil, let named = arguments.last(where: { $0.label != nil }) {
                throw report("a positional argument cannot follow the named argument '\(named.label ?? "")'",
                             at: value.range, notes: ["put positional arguments first: conv(x, w, s=2)"])
            }
            arguments.append(argument)
            if !match(.comma) { break }
        }
        return (arguments, heights)
    }

    /// subscripts -> subscript { "," subscript };  subscript -> expr | [expr] ":" [expr] [ ":" [expr] ]
    private mutating func parseSubscripts() throws(ParseFailure) -> ([Subscript], [Int]) {
        var subscripts: [Subscript] = []
        var heights: [Int] = []
        repeat {
            if check(.rightBracket) { break }
            let start = peek.range
            var parts: [Expr?] = [nil]
            var height = 1
            var colons = 0
            if !check(.colon) {
                parts[0] = try parseExpression()
                height = lastHeight
            }
            while colons < 2, match(.colon) {
                colons += 1
                if check(.colon) || check(.comma) || check(.rightBracket) {
                    parts.append(nil)
                } else {
                    parts.append(try parseExpression())
                    height = Swift.max(height, lastHeight)
                }
            }
            heights.append(height)
            if colons == 0, let index = parts[0] {
                subscripts.append(.index(index))
            } else {
                let range = start.union(previous.range)
                subscripts.append(.slice(start: parts[0], stop: parts.count > 1 ? parts[1] : nil,
                                         step: parts.count > 2 ? parts[2] : nil, range: range))
            }
        } while match(.comma)
        if subscripts.isEmpty { throw report("expected an index between '[' and ']'", at: peek.range) }
        return (subscripts, heights)
    }

    /// primary -> NUMBER | STRING | "true" | "false" | "none" | NAME | "(" [exprlist] ")" | "[" [items] "]"
    private mutating func parsePrimary() throws(ParseFailure) -> Expr {
        let token = peek
        lastHeight = 1
        switch token.kind {
        case .number(let value): advance(); return .number(value, token.range)
        case .string(let value): advance(); return .string(value, token.range)
        case .kwTrue: advance(); return .bool(true, token.range)
        case .kwFalse: advance(); return .bool(false, token.range)
        case .kwNone: advance(); return .none(token.range)
        case .identifier: advance(); return .name(source.text(of: token.range), token.range)
        case .leftParen: return try parseParenthesized()
        case .leftBracket: return try parseList()
        case .kwExplain: return try parseExplainCall()
        default:
            throw report(expectedExpressionMessage(before: token), at: token.range, causedBy: token)
        }
    }

    /// `help(explain)`, `help(let)`: a keyword that is not a value, alone in a call to `help`, is
    /// read as its name, so asking about a keyword is not a syntax error. Consumes the keyword.
    private mutating func keywordTopic(calling callee: Expr) -> Argument? {
        guard case .name("help", _) = callee, peekNext.kind == .rightParen else { return nil }
        switch peek.kind {
        case .kwLet, .kwFn, .kwImport, .kwFrom, .kwAs, .kwAnd, .kwOr, .kwNot, .kwExplain:
            let keyword = advance()
            return Argument(label: nil, labelRange: nil, value: .string(source.text(of: keyword.range), keyword.range))
        default:
            return nil
        }
    }

    /// "(" ")" is the empty tuple, "(" expr ")" a group, "(" expr "," ... ")" a tuple.
    private mutating func parseParenthesized() throws(ParseFailure) -> Expr {
        let open = advance()
        if check(.rightParen) {
            let close = advance()
            return .tuple([], open.range.union(close.range))
        }
        let inner = try parseExpressionList()
        let height = lastHeight
        let close = try expect(.rightParen, "expected ')'", openedAt: open.range)
        lastHeight = height
        if case .tuple(let items, _) = inner { return .tuple(items, open.range.union(close.range)) }
        return inner
    }

    /// list -> "[" [ expr { "," expr } [","] ] "]"
    private mutating func parseList() throws(ParseFailure) -> Expr {
        let open = advance()
        var items: [Expr] = []
        var heights: [Int] = []
        while !check(.rightBracket) && !check(.eof) {
            items.append(try parseExpression())
            heights.append(lastHeight)
            if !match(.comma) { break }
        }
        let close = try expect(.rightBracket, "expected ']' to close the list", openedAt: open.range)
        return try finish(.list(items, open.range.union(close.range)), childHeights: heights)
    }
}

/// Thrown inside the parser to unwind to the statement loop; the diagnostic is already recorded.
struct ParseFailure: Error {}
