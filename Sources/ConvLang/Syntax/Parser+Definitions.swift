/// Definitions: `def`, `class`, their decorators, and the parameters of `def` and `lambda`.
extension Parser {
    /// decorated -> { "@" expr NEWLINE } ( def | class )
    mutating func parseDecorated() throws(ParseFailure) -> Stmt {
        var decorators: [Decorator] = []
        while check(.at) {
            let at = advance()
            let expression = try parseExpression()
            decorators.append(Decorator(expression: expression, range: at.range.union(expression.range)))
            guard check(.newline) else {
                throw report("expected a new line after the decorator, found \(peek.kind.spelling)", at: peek.range, causedBy: peek)
            }
            skipNewlines()
        }
        switch peek.kind {
        case .kwDef: return try parseFunctionDefinition(decorators: decorators)
        case .kwClass: return try parseClassDefinition(decorators: decorators)
        case .kwAsync: throw reportUnsupported(.async, at: peek.range)
        default:
            throw report("expected 'def' or 'class' after the decorator, found \(peek.kind.spelling)", at: peek.range,
                         notes: ["a decorator goes on the line before a 'def' or a 'class'"], causedBy: peek)
        }
    }

    /// def -> "def" NAME "(" [ parameters ] ")" [ "->" expr ] suite
    mutating func parseFunctionDefinition(decorators: [Decorator]) throws(ParseFailure) -> Stmt {
        let keyword = advance()
        let name = try expectIdentifier("expected a function name after 'def'")
        try expect(.leftParen, "expected '(' after the function name")
        let parameters = try parseParameters(closing: .rightParen)
        try expect(.rightParen, "expected ')' after the parameters")
        if match(.arrow) { _ = try parseExpression() }
        let outer = scope
        scope = Scope(isInFunction: true, isInLoop: false)
        defer { scope = outer }
        let body = try parseSuite(after: keyword)
        let start = decorators.first?.range ?? keyword.range
        return .functionDefinition(FunctionDefinition(
            name: source.text(of: name.range), nameRange: name.range, parameters: parameters, body: body,
            decorators: decorators, range: start.union(lastOfStatement.range)))
    }

    /// class -> "class" NAME [ "(" [ arguments ] ")" ] suite
    mutating func parseClassDefinition(decorators: [Decorator]) throws(ParseFailure) -> Stmt {
        let keyword = advance()
        let name = try expectIdentifier("expected a class name after 'class'")
        var bases: [Argument] = []
        if check(.leftParen) {
            let open = advance()
            bases = try parseArguments().0
            try expect(.rightParen, "expected ')' after the base classes", openedAt: open.range)
        }
        let outer = scope
        scope = Scope(isInFunction: false, isInLoop: false)
        defer { scope = outer }
        let body = try parseSuite(after: keyword)
        let start = decorators.first?.range ?? keyword.range
        return .classDefinition(ClassDefinition(
            name: source.text(of: name.range), nameRange: name.range, bases: bases, body: body,
            decorators: decorators, range: start.union(lastOfStatement.range)))
    }

    // MARK: - Parameters

    /// parameters -> param { "," param } [ "," ]
    /// param -> NAME [ ":" expr ] [ "=" expr ] | "*" [ NAME [ ":" expr ] ] | "**" NAME [ ":" expr ] | "/"
    ///
    /// Annotations (not in a lambda, whose `:` ends its parameters) are parsed and dropped.
    mutating func parseParameters(closing: TokenKind) throws(ParseFailure) -> [FunctionParameter] {
        var list = ParameterList()
        while !check(closing) {
            let start = peek
            if match(.slash) {
                try list.markPositionalOnly(at: start.range, parser: &self)
            } else if match(.star) {
                let name = check(.identifier) ? try parseParameterName(closing: closing) : nil
                try list.addStar(name, at: start.range, parser: &self)
            } else if match(.starStar) {
                let name = try parseParameterName(closing: closing)
                try list.add(FunctionParameter(name: name.name, range: name.range, kind: .variadicKeywords), parser: &self)
            } else {
                let name = try parseParameterName(closing: closing)
                var defaultValue: Expr?
                if match(.equal) { defaultValue = try parseExpression() }
                try list.add(FunctionParameter(name: name.name, range: name.range, kind: list.plainKind, defaultValue: defaultValue),
                             parser: &self)
            }
            if !match(.comma) { break }
        }
        try list.finish(parser: &self)
        return list.parameters
    }

    /// A parameter's name and its annotation (dropped); a lambda's parameters have none.
    private mutating func parseParameterName(closing: TokenKind) throws(ParseFailure) -> Name {
        let token = try expectIdentifier("expected a parameter name")
        if closing == .rightParen, match(.colon) { _ = try parseExpression() }
        return Name(name: source.text(of: token.range), range: token.range)
    }
}

/// The parameters read so far and Python's rules on their order.
private struct ParameterList {
    var parameters: [FunctionParameter] = []
    /// After `*` or `*args`, plain parameters are keyword-only.
    var sawStar = false
    /// A bare `*` must be followed by a keyword-only parameter.
    var bareStar: SourceRange?

    var plainKind: FunctionParameter.Kind { sawStar ? .keywordOnly : .positional }

    mutating func add(_ parameter: FunctionParameter, parser: inout Parser) throws(ParseFailure) {
        if parameters.contains(where: { $0.name == parameter.name }) {
            throw parser.report("duplicate parameter '\(parameter.name)'", at: parameter.range)
        }
        if parameters.last?.kind == .variadicKeywords {
            throw parser.report("'**\(parameters[parameters.count - 1].name)' must be the last parameter", at: parameter.range)
        }
        if parameter.kind == .positional || parameter.kind == .positionalOnly, parameter.defaultValue == nil,
           parameters.last?.defaultValue != nil, parameters.last?.kind != .variadic {
            throw parser.report("parameter '\(parameter.name)' needs a default value, since the one before it has one",
                                at: parameter.range)
        }
        if parameter.kind == .keywordOnly { bareStar = nil }
        parameters.append(parameter)
    }

    mutating func addStar(_ name: Name?, at range: SourceRange, parser: inout Parser) throws(ParseFailure) {
        if sawStar { throw parser.report("only one '*' may appear among the parameters", at: range) }
        sawStar = true
        guard let name else {
            bareStar = range
            return
        }
        try add(FunctionParameter(name: name.name, range: range.union(name.range), kind: .variadic), parser: &parser)
    }

    mutating func markPositionalOnly(at range: SourceRange, parser: inout Parser) throws(ParseFailure) {
        guard !parameters.isEmpty, !sawStar, !parameters.contains(where: { $0.kind == .positionalOnly }) else {
            throw parser.report("'/' must come once, after at least one parameter and before '*'", at: range)
        }
        for index in parameters.indices { parameters[index].kind = .positionalOnly }
    }

    func finish(parser: inout Parser) throws(ParseFailure) {
        if let bareStar {
            throw parser.report("a bare '*' must be followed by a keyword-only parameter", at: bareStar,
                                notes: ["write def f(a, *, b): ..., or drop the '*'"])
        }
    }
}
