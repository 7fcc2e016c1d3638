/// Expressions, with Python's precedence: lambda < if-else < or < and < not < comparisons
/// (`in`, `not in`, `is`, `is not`, `<`, ...) < `|` < `^` < `&` < shifts < `+ -` < `* @ / // %`
/// < unary `- + ~` < `**` < postfix (calls, indexing, members) < primary.
extension Parser {
    /// Binding powers of the binary operators and the unary levels.
    enum Power {
        static let not = 3
        static let comparison = 4
        static let unary = 11
    }

    /// exprlist -> starexpr { "," starexpr } [ "," ]      (two or more, or a trailing comma, make a tuple)
    mutating func parseExpressionList() throws(ParseFailure) -> Expr {
        let first = try parseStarredOrExpression()
        guard case .comma = peek.kind else { return first }
        var items = [first]
        var heights = [lastHeight]
        while match(.comma) {
            if !startsExpression(peek.kind) && !check(.star) { break }
            items.append(try parseStarredOrExpression())
            heights.append(lastHeight)
        }
        let range = items[0].range.union(previous.range)
        return try finish(.tuple(items, range), childHeights: heights)
    }

    /// starexpr -> "*" bitor | expr
    @inline(__always)
    mutating func parseStarredOrExpression() throws(ParseFailure) -> Expr {
        guard case .star = peek.kind else { return try parseExpression() }
        let star = advance()
        let operand = try parseBinary(minimumPower: Power.comparison)
        return try finish(.starred(operand, star.range.union(operand.range)), childHeight: lastHeight)
    }

    /// expr -> lambda | "explain" [ "shape" ] expr | disjunction [ "if" disjunction "else" expr ]
    mutating func parseExpression() throws(ParseFailure) -> Expr {
        switch peek.kind {
        case .kwLambda: return try parseLambda()
        case .kwExplain where peekNext.kind != .leftParen: return try parseExplainPrefix()
        case .kwYield: throw reportUnsupported(.yield, at: peek.range)
        default: break
        }
        let value = try parseBinary(minimumPower: 0)
        switch peek.kind {
        case .kwIf: return try parseConditional(then: value)
        case .colonEqual: throw reportUnsupported(.walrus, at: value.range.union(peek.range))
        default: return value
        }
    }

    /// conditional -> disjunction "if" disjunction "else" expr
    private mutating func parseConditional(then value: Expr) throws(ParseFailure) -> Expr {
        try enterRecursion()
        defer { recursionDepth -= 1 }
        let valueHeight = lastHeight
        advance()
        let condition = try parseBinary(minimumPower: 0)
        let conditionHeight = lastHeight
        try expect(.kwElse, "expected 'else' in the conditional expression", notes: ["write: a if condition else b"])
        let otherwise = try parseExpression()
        return try finish(.conditional(condition: condition, then: value, otherwise: otherwise, value.range.union(otherwise.range)),
                          childHeights: [valueHeight, conditionHeight, lastHeight])
    }

    /// lambda -> "lambda" [ parameters ] ":" expr
    private mutating func parseLambda() throws(ParseFailure) -> Expr {
        try enterRecursion()
        defer { recursionDepth -= 1 }
        let keyword = advance()
        let parameters = try parseParameters(closing: .colon)
        try expect(.colon, "expected ':' after the lambda's parameters", notes: ["for example: lambda x: x * 2"])
        let outer = scope
        scope = Scope(isInFunction: true, isInLoop: false)
        defer { scope = outer }
        let body = try parseExpression()
        return try finish(.lambda(parameters: parameters, body: body, keyword.range.union(body.range)), childHeight: lastHeight)
    }

    /// The binary operator starting at the next token, with its binding power and how many
    /// tokens it takes (`not in` and `is not` take two).
    @inline(__always)
    func binaryOperator() -> (op: BinaryOperator, power: Int, width: Int)? {
        switch peek.kind {
        case .kwNot:
            guard case .kwIn = peekNext.kind else { return nil }
            return (.notIn, Power.comparison, 2)
        case .kwIs:
            guard case .kwNot = peekNext.kind else { return (.is, Power.comparison, 1) }
            return (.isNot, Power.comparison, 2)
        case let kind:
            return Parser.binaryOperator(kind).map { ($0.op, $0.power, 1) }
        }
    }

    /// Binding powers, Python's order: or < and < not < comparisons < | < ^ < & < shifts
    /// < + - < * @ / // % < unary < **.
    @inline(__always)
    static func binaryOperator(_ kind: TokenKind) -> (op: BinaryOperator, power: Int)? {
        switch kind {
        case .kwOr: (.or, 1)
        case .kwAnd: (.and, 2)
        case .equalEqual: (.equal, Power.comparison)
        case .bangEqual: (.notEqual, Power.comparison)
        case .less: (.less, Power.comparison)
        case .lessEqual: (.lessEqual, Power.comparison)
        case .greater: (.greater, Power.comparison)
        case .greaterEqual: (.greaterEqual, Power.comparison)
        case .kwIn: (.in, Power.comparison)
        case .kwIs: (.is, Power.comparison)
        case .pipe: (.bitOr, 5)
        case .caret: (.bitXor, 6)
        case .ampersand: (.bitAnd, 7)
        case .lessLess: (.shiftLeft, 8)
        case .greaterGreater: (.shiftRight, 8)
        case .plus: (.add, 9)
        case .minus: (.subtract, 9)
        case .star: (.multiply, 10)
        case .at: (.matrixMultiply, 10)
        case .slash: (.divide, 10)
        case .slashSlash: (.floorDivide, 10)
        case .percent: (.remainder, 10)
        default: nil
        }
    }

    /// binary -> unary { OP unary }, left-associative, climbing by binding power.
    mutating func parseBinary(minimumPower: Int) throws(ParseFailure) -> Expr {
        try enterRecursion()
        defer { recursionDepth -= 1 }
        var left = try parseUnary(minimumPower: minimumPower)
        var leftHeight = lastHeight
        // The right operand of the previous comparison, for Python's chains: `a < b < c`
        // means `a < b and b < c`.
        var chained: (operand: Expr, height: Int)?
        while let (op, power, width) = binaryOperator(), power > minimumPower {
            let operatorToken = advance()
            let operatorRange = width == 2 ? operatorToken.range.union(advance().range) : operatorToken.range
            let right = try parseBinary(minimumPower: power)
            let rightHeight = lastHeight
            if op.isComparison, let (middle, middleHeight) = chained {
                let comparison = try finish(.binary(op, middle, right, operatorRange: operatorRange, middle.range.union(right.range)),
                                            childHeight: Swift.max(middleHeight, rightHeight))
                left = try finish(.binary(.and, left, comparison, operatorRange: operatorRange, left.range.union(right.range)),
                                  childHeight: Swift.max(leftHeight, lastHeight))
            } else if foldsConstants, let folded = ConstantFolding.folded(op, left, right, range: left.range.union(right.range)) {
                // The height stays the unfolded tree's, so nesting limits read the program as written.
                left = try finish(folded, childHeight: Swift.max(leftHeight, rightHeight))
            } else {
                left = try finish(.binary(op, left, right, operatorRange: operatorRange, left.range.union(right.range)),
                                  childHeight: Swift.max(leftHeight, rightHeight))
            }
            leftHeight = lastHeight
            chained = op.isComparison ? (right, rightHeight) : nil
        }
        return left
    }

    /// unary -> ( "-" | "+" | "~" ) unary | "not" unary (below comparisons) | "await" ... | power
    private mutating func parseUnary(minimumPower: Int) throws(ParseFailure) -> Expr {
        try enterRecursion()
        defer { recursionDepth -= 1 }
        let unary: (UnaryOperator, Int)? = switch peek.kind {
        case .minus: (.negate, Power.unary)
        case .plus: (.plus, Power.unary)
        case .tilde: (.invert, Power.unary)
        case .kwNot where minimumPower <= Power.not: (.not, Power.not)  // `not not x` is fine; `a < not b` is not
        case .kwAwait: throw reportUnsupported(.await, at: peek.range)
        default: nil
        }
        guard let (op, power) = unary else { return try parsePower() }
        let operatorToken = advance()
        let operand = op == .not ? try parseBinary(minimumPower: power) : try parseUnary(minimumPower: power)
        return try finish(.unary(op, operand, operatorToken.range.union(operand.range)), childHeight: lastHeight)
    }

    /// power -> postfix [ "**" unary ]      (right-associative; -2**2 is -(2**2), 2**-1 works)
    private mutating func parsePower() throws(ParseFailure) -> Expr {
        let base = try parsePostfix(from: try parsePrimary())
        guard case .starStar = peek.kind else { return base }
        let baseHeight = lastHeight
        let operatorToken = advance()
        let exponent = try parseUnary(minimumPower: Power.unary)
        return try finish(.binary(.power, base, exponent, operatorRange: operatorToken.range, base.range.union(exponent.range)),
                          childHeight: Swift.max(baseHeight, lastHeight))
    }

    /// postfix -> primary { "(" arguments ")" | "[" subscripts "]" | "." NAME }
    mutating func parsePostfix(from primary: consuming Expr) throws(ParseFailure) -> Expr {
        var expr = primary
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

    /// `help(explain)`, `help(if)`: a keyword that is not a value, alone in a call to `help`, is
    /// read as its name, so asking about a keyword is not a syntax error. Consumes the keyword.
    private mutating func keywordTopic(calling callee: Expr) -> Argument? {
        guard case .name("help", _) = callee, peekNext.kind == .rightParen, peek.kind.isKeyword else { return nil }
        switch peek.kind {
        case .kwTrue, .kwFalse, .kwNone: return nil
        default:
            let keyword = advance()
            return Argument(label: nil, labelRange: nil, value: .string(source.text(of: keyword.range), keyword.range))
        }
    }

    /// arguments -> [ argument { "," argument } [ "," ] ]
    /// argument -> NAME "=" expr | "*" expr | "**" expr | expr | expr comprehension (the only argument)
    mutating func parseArguments() throws(ParseFailure) -> ([Argument], [Int]) {
        var arguments: [Argument] = []
        var heights: [Int] = []
        while !check(.rightParen) && !check(.eof) {
            let argument = try parseArgument(after: arguments)
            heights.append(lastHeight)
            arguments.append(argument)
            if !match(.comma) { break }
        }
        return (arguments, heights)
    }

    /// One argument, checked against the ones before it: nothing positional after a named one
    /// or after `**`.
    private mutating func parseArgument(after earlier: [Argument]) throws(ParseFailure) -> Argument {
        if check(.starStar) {
            let stars = advance()
            let value = try parseExpression()
            return Argument(label: nil, labelRange: nil,
                            value: try finish(.doubleStarred(value, stars.range.union(value.range)), childHeight: lastHeight))
        }
        // A keyword spelled as a label (`in=1` for Conv1d's in_channels) is a label too.
        if peekNext.kind == .equal, peek.kind == .identifier || peek.kind.isKeyword {
            let label = advance()
            advance()
            let value = try parseExpression()
            return Argument(label: source.text(of: label.range), labelRange: label.range, value: value)
        }
        let value = try parseStarredOrExpression()
        if let unpacked = earlier.last(where: { if case .doubleStarred = $0.value { true } else { false } }) {
            throw report("a positional argument cannot follow '**' unpacking", at: value.range,
                         notes: ["put it before \(source.text(of: unpacked.value.range))"])
        }
        if case .starred = value { return Argument(label: nil, labelRange: nil, value: value) }
        if let named = earlier.last(where: { $0.label != nil }) {
            throw report("a positional argument cannot follow the named argument '\(named.label ?? "")'",
                         at: value.range, notes: ["put positional arguments first: conv(x, w, s=2)"])
        }
        if check(.kwFor) || check(.kwAsync) {
            let generator = try parseComprehension(.generator, element: value, from: value.range)
            guard earlier.isEmpty, check(.rightParen) else {
                throw report("a generator expression must be the only argument, or be in parentheses", at: generator.range,
                             notes: ["write f((x for x in xs), y)"])
            }
            return Argument(label: nil, labelRange: nil, value: generator)
        }
        return Argument(label: nil, labelRange: nil, value: value)
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

    /// primary -> INTEGER | FLOAT | strings | "true" | "false" | "none" | "..." | NAME
    ///          | "(" ... ")" | "[" ... "]" | "{" ... "}" | "explain" "(" ... ")"
    private mutating func parsePrimary() throws(ParseFailure) -> Expr {
        let token = peek
        lastHeight = 1
        switch token.kind {
        case .float(let value): advance(); return .number(value, token.range)
        case .integer(let value): advance(); return .integer(value, token.range)
        case .bigInteger:
            advance()
            guard let value = tokens.bigInteger(of: token) else { throw report("malformed number", at: token.range) }
            return .bigInteger(value, token.range)
        case .string, .fstringStart: return try parseStrings()
        case .kwTrue: advance(); return .bool(true, token.range)
        case .kwFalse: advance(); return .bool(false, token.range)
        case .kwNone: advance(); return .none(token.range)
        case .ellipsis: advance(); return .ellipsis(token.range)
        case .identifier, .kwFn: advance(); return .name(source.text(of: token.range), token.range)
        case .leftParen: return try parseParenthesized()
        case .leftBracket: return try parseList()
        case .leftBrace: return try parseBraces()
        case .kwExplain: return try parseExplainCall()
        // The short language's builtin `assert(...)` may be called inside an expression (a `fn`
        // body); Python has no assert expression for it to clash with.
        case .kwAssert where peekNext.kind == .leftParen: advance(); return .name("assert", token.range)
        case .kwYield: throw reportUnsupported(.yield, at: token.range)
        case .kwAwait: throw reportUnsupported(.await, at: token.range)
        default:
            throw report(expectedExpressionMessage(before: token), at: token.range, causedBy: token)
        }
    }
}

extension BinaryOperator {
    /// The operators that chain as in `a < b < c`.
    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .is, .isNot, .in, .notIn: true
        default: false
        }
    }
}
