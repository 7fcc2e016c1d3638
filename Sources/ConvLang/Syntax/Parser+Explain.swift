/// The `explain` forms: the prefix `explain EXPR` (and `explain shape EXPR`) and the call
/// `explain(EXPR, all=true, svg="steps.svg")`.
extension Parser {
    /// explain -> "explain" [ "shape" | "backward" ] expr      (lowest precedence: explains the whole expression)
    /// `shape` and `backward` are words only here, and only when an expression follows them.
    mutating func parseExplainPrefix() throws(ParseFailure) -> Expr {
        try enterRecursion()
        defer { recursionDepth -= 1 }
        let keyword = advance()
        var options: [Argument] = []
        if peek.kind == .identifier, source.text(of: peek.range) == "shape", startsExplainTarget(peekNext.kind) {
            let word = advance()
            options.append(Argument(label: "shape", labelRange: word.range, value: .bool(true, word.range)))
        }
        // `explain backward loss` is `explain loss.backward()`; `backward` is a word only here.
        if options.isEmpty, peek.kind == .identifier, source.text(of: peek.range) == "backward", startsExplainTarget(peekNext.kind) {
            let word = advance()
            let loss = try parseExpression()
            let method = Expr.member(loss, name: "backward", nameRange: word.range, loss.range.union(word.range))
            let target = Expr.call(callee: method, arguments: [], loss.range.union(word.range))
            return try finish(.explain(target: target, options: [], keyword.range.union(loss.range)), childHeight: lastHeight + 2)
        }
        if isAtStatementEnd {
            throw report("expected a conv or layer call after 'explain'", at: peek.range,
                         notes: ["for example: explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)"], causedBy: peek)
        }
        let target = try parseExpression()
        return try finish(.explain(target: target, options: options, keyword.range.union(target.range)),
                          childHeight: lastHeight)
    }

    /// explaincall -> "explain" "(" expr { "," NAME "=" expr } ")"
    /// The first positional argument is what to explain; the named ones are options.
    mutating func parseExplainCall() throws(ParseFailure) -> Expr {
        let keyword = advance()
        guard check(.leftParen) else {
            throw report("'explain' goes before a whole expression", at: keyword.range,
                         notes: ["write it first: explain conv(x, w), or as a call: explain(conv(x, w), all=true)"])
        }
        let open = advance()
        let (arguments, heights) = try parseArguments()
        let close = try expect(.rightParen, "expected ')' after the arguments", openedAt: open.range)
        let range = keyword.range.union(close.range)
        let positional = arguments.filter { $0.label == nil }
        guard let target = positional.first else {
            throw report("explain(...) needs a conv or layer call to explain", at: range,
                         notes: ["for example: explain(conv([2, 3, 4], [0.5, -1]), all=true)"])
        }
        if positional.count > 1 {
            throw report("explain(...) explains one expression; the other arguments must be named options",
                         at: positional[1].range, notes: [ExplainOptions.note])
        }
        return try finish(.explain(target: target.value, options: arguments.filter { $0.label != nil }, range),
                          childHeights: heights)
    }

    /// Whether a token of this kind can begin what `explain shape` explains, so `explain shape x`
    /// reads `shape` as the word, while `explain shape` alone explains a variable named shape and
    /// `explain shape(x)` the call of the builtin `shape`.
    private func startsExplainTarget(_ kind: TokenKind) -> Bool {
        switch kind {
        case .identifier, .integer, .bigInteger, .float, .string, .leftBracket, .kwTrue, .kwFalse, .kwNone, .minus, .plus, .kwNot, .kwExplain:
            true
        default:
            false
        }
    }
}
