/// Displays: parentheses (groups, tuples, generators), lists, dicts and sets, and comprehensions.
extension Parser {
    /// group -> "(" ")" | "(" starexpr comprehension ")" | "(" exprlist ")"
    /// "(" ")" is the empty tuple, "(" expr ")" a group, "(" expr "," ... ")" a tuple.
    mutating func parseParenthesized() throws(ParseFailure) -> Expr {
        let open = advance()
        if check(.rightParen) {
            let close = advance()
            return .tuple([], open.range.union(close.range))
        }
        if check(.kwYield) { throw reportUnsupported(.yield, at: peek.range) }
        let inner = try parseExpressionList()
        if check(.kwFor) || check(.kwAsync), !isTuple(inner) {
            let generator = try parseComprehension(.generator, element: inner, from: open.range)
            let close = try expect(.rightParen, "expected ')' after the generator expression", openedAt: open.range)
            return widen(generator, to: open.range.union(close.range))
        }
        let height = lastHeight
        let close = try expect(.rightParen, "expected ')'", openedAt: open.range)
        lastHeight = height
        if case .tuple(let items, _) = inner { return .tuple(items, open.range.union(close.range)) }
        return inner
    }

    /// list -> "[" [ starexpr ( comprehension | { "," starexpr } [","] ) ] "]"
    mutating func parseList() throws(ParseFailure) -> Expr {
        let open = advance()
        var items: [Expr] = []
        var heights: [Int] = []
        while !check(.rightBracket) && !check(.eof) {
            items.append(try parseStarredOrExpression())
            heights.append(lastHeight)
            if items.count == 1, check(.kwFor) || check(.kwAsync) {
                let comprehension = try parseComprehension(.list, element: items[0], from: open.range)
                let close = try expect(.rightBracket, "expected ']' after the list comprehension", openedAt: open.range)
                return widen(comprehension, to: open.range.union(close.range))
            }
            if !match(.comma) { break }
        }
        let close = try expect(.rightBracket, "expected ']' to close the list", openedAt: open.range)
        return try finish(.list(items, open.range.union(close.range)), childHeights: heights)
    }

    /// braces -> "{" "}" | "{" dictitem ( comprehension | { "," dictitem } [","] ) "}"
    ///         | "{" starexpr ( comprehension | { "," starexpr } [","] ) "}"
    /// dictitem -> expr ":" expr | "**" bitor      (the first item decides: dict or set)
    mutating func parseBraces() throws(ParseFailure) -> Expr {
        let open = advance()
        if check(.rightBrace) { return .dict([], open.range.union(advance().range)) }
        if check(.starStar) { return try parseDict(open: open, first: try parseDictItem()) }
        let first = try parseStarredOrExpression()
        if check(.colon), !isStarred(first) {
            advance()
            let value = try parseExpression()
            return try parseDict(open: open, first: DictItem(key: first, value: value))
        }
        return try parseSet(open: open, first: first)
    }

    private mutating func parseDict(open: Token, first: DictItem) throws(ParseFailure) -> Expr {
        var heights = [lastHeight]
        if let key = first.key, check(.kwFor) || check(.kwAsync) {
            let comprehension = try parseComprehension(.dict(value: first.value), element: key, from: open.range)
            let close = try expect(.rightBrace, "expected '}' after the dict comprehension", openedAt: open.range)
            return widen(comprehension, to: open.range.union(close.range))
        }
        var items = [first]
        while match(.comma), !check(.rightBrace) {
            items.append(try parseDictItem())
            heights.append(lastHeight)
        }
        let close = try expect(.rightBrace, "expected '}' to close the dict", openedAt: open.range)
        return try finish(.dict(items, open.range.union(close.range)), childHeights: heights)
    }

    /// dictitem -> expr ":" expr | "**" bitor
    private mutating func parseDictItem() throws(ParseFailure) -> DictItem {
        if match(.starStar) { return DictItem(key: nil, value: try parseBinary(minimumPower: Power.comparison)) }
        let key = try parseExpression()
        let keyHeight = lastHeight
        try expect(.colon, "expected ':' after the dict key", notes: ["a dict is {key: value, ...}"])
        let value = try parseExpression()
        lastHeight = Swift.max(lastHeight, keyHeight)
        return DictItem(key: key, value: value)
    }

    private mutating func parseSet(open: Token, first: Expr) throws(ParseFailure) -> Expr {
        if check(.kwFor) || check(.kwAsync) {
            let comprehension = try parseComprehension(.set, element: first, from: open.range)
            let close = try expect(.rightBrace, "expected '}' after the set comprehension", openedAt: open.range)
            return widen(comprehension, to: open.range.union(close.range))
        }
        var items = [first]
        var heights = [lastHeight]
        while match(.comma), !check(.rightBrace) {
            items.append(try parseStarredOrExpression())
            heights.append(lastHeight)
        }
        let close = try expect(.rightBrace, "expected '}' to close the set", openedAt: open.range)
        return try finish(.set(items, open.range.union(close.range)), childHeights: heights)
    }

    // MARK: - Comprehensions

    /// comprehension -> forclause { forclause | "if" disjunction }
    /// forclause -> "for" targets "in" disjunction
    mutating func parseComprehension(_ kind: Comprehension.Kind, element: Expr, from start: SourceRange) throws(ParseFailure) -> Expr {
        if case .starred(_, let range) = element {
            throw report("a starred item cannot be a comprehension's element", at: range,
                         notes: ["build the list first, then unpack it"])
        }
        var clauses: [Comprehension.Clause] = []
        var heights = [lastHeight]
        while check(.kwFor) || check(.kwIf) || check(.kwAsync) {
            if check(.kwAsync) { throw reportUnsupported(.async, at: peek.range) }
            let keyword = advance()
            if keyword.kind == .kwIf {
                clauses.append(.if(try parseBinary(minimumPower: 0)))
            } else {
                let target = try parseTargetList()
                try expect(.kwIn, "expected 'in' after the comprehension's variables")
                let iterable = try parseBinary(minimumPower: 0)
                clauses.append(.for(target: target, iterable: iterable, range: keyword.range.union(iterable.range)))
            }
            heights.append(lastHeight)
        }
        let comprehension = Comprehension(kind: kind, element: element, clauses: clauses, range: start.union(previous.range))
        return try finish(.comprehension(comprehension), childHeights: heights)
    }

    /// The comprehension with its range widened to its brackets.
    private func widen(_ expr: Expr, to range: SourceRange) -> Expr {
        guard case .comprehension(var comprehension) = expr else { return expr }
        comprehension.range = range
        return .comprehension(comprehension)
    }

    private func isTuple(_ expr: Expr) -> Bool {
        if case .tuple = expr { return true }
        return false
    }

    private func isStarred(_ expr: Expr) -> Bool {
        if case .starred = expr { return true }
        return false
    }
}
