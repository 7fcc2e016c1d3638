/// Simple statements: the ones that fit on one line and may share it, separated by `;`.
extension Parser {
    /// simple -> let | fn | import | return | pass | break | continue | global | nonlocal
    ///         | del | assert | raise | yield | exprstmt
    mutating func parseSimpleStatement() throws(ParseFailure) -> Stmt {
        switch peek.kind {
        case .kwLet: return try parseLet()
        // `fn NAME(` defines a short-language function; any other `fn` is a name, as Python code uses it.
        case .kwFn where peekNext.kind == .identifier && token(at: current + 2).kind == .leftParen: return try parseFunction()
        case .kwImport: return try parseImport()
        case .kwFrom: return try parseFromImport()
        case .kwReturn: return try parseReturn()
        case .kwPass: return .passStatement(range: advance().range)
        case .kwBreak, .kwContinue: return try parseLoopJump()
        case .kwGlobal, .kwNonlocal: return try parseNameDeclaration()
        case .kwDel: return try parseDelete()
        case .kwAssert: return try parseAssert()
        case .kwRaise: return try parseRaise()
        case .kwYield: return try parseYield()
        case .identifier where isPython2Print: throw reportPython2Print()
        default: return try parseExpressionStatement()
        }
    }

    /// let -> "let" NAME "=" exprlist
    private mutating func parseLet() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        let name = try expectIdentifier("expected a name after 'let'")
        // The message names the line's name: made only when the '=' is missing, not on every line.
        if !match(.equal) { try expect(.equal, "expected '=' after 'let \(source.text(of: name.range))'") }
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

    /// return -> "return" [ exprlist ]
    private mutating func parseReturn() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        guard scope.isInFunction else {
            throw report("'return' outside function", at: keyword.range, notes: ["'return' ends a 'def'; at the top level, just write the value"])
        }
        guard !isAtStatementEnd else { return .returnStatement(value: nil, range: keyword.range) }
        if check(.kwYield) { throw reportUnsupported(.yield, at: peek.range) }
        let value = try parseExpressionList()
        return .returnStatement(value: value, range: keyword.range.union(value.range))
    }

    /// yield -> "yield" [ exprlist ] | "yield" "from" expr      (inside a `def` only)
    ///
    /// Only as a statement of its own: `x = yield v` (a value sent in) stays refused where the
    /// expression parser meets the keyword.
    private mutating func parseYield() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        guard scope.isInFunction else {
            throw report("'yield' outside function", at: keyword.range,
                         notes: ["'yield' makes a 'def' a generator; at the top level, loop over the values instead"])
        }
        if match(.kwFrom) {
            let iterable = try parseExpression()
            return .yieldStatement(value: iterable, delegates: true, range: keyword.range.union(iterable.range))
        }
        guard !isAtStatementEnd else { return .yieldStatement(value: nil, delegates: false, range: keyword.range) }
        let value = try parseExpressionList()
        return .yieldStatement(value: value, delegates: false, range: keyword.range.union(value.range))
    }

    /// jump -> "break" | "continue"      (inside a loop only)
    private mutating func parseLoopJump() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        let isBreak = keyword.kind == .kwBreak
        guard scope.isInLoop else {
            throw report("'\(isBreak ? "break" : "continue")' outside loop", at: keyword.range,
                         notes: ["it belongs inside a 'for' or 'while' block"])
        }
        return isBreak ? .breakStatement(range: keyword.range) : .continueStatement(range: keyword.range)
    }

    /// declaration -> ( "global" | "nonlocal" ) NAME { "," NAME }
    private mutating func parseNameDeclaration() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        let isGlobal = keyword.kind == .kwGlobal
        if !isGlobal, !scope.isInFunction {
            throw report("nonlocal declaration not allowed at module level", at: keyword.range,
                         notes: ["'nonlocal' names a variable of an enclosing 'def'; at the top level use 'global'"])
        }
        var names: [Name] = []
        repeat {
            let name = try expectIdentifier("expected a name after '\(isGlobal ? "global" : "nonlocal")'")
            names.append(Name(name: source.text(of: name.range), range: name.range))
        } while match(.comma)
        let range = keyword.range.union(previous.range)
        return isGlobal ? .globalStatement(names: names, range: range) : .nonlocalStatement(names: names, range: range)
    }

    /// del -> "del" targets
    private mutating func parseDelete() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        let list = try parseExpressionList()
        let items: [Expr] = if case .tuple(let items, _) = list { items } else { [list] }
        var targets: [Target] = []
        for item in items { targets.append(try target(from: item, for: .deletion)) }
        return .deleteStatement(targets: targets, range: keyword.range.union(list.range))
    }

    /// assert -> "assert" expr [ "," expr ]
    ///
    /// A statement that is exactly `assert(...)` stays a call of the builtin `assert`, so the
    /// programs written for it (`assert(cond, "message")`) keep their meaning.
    private mutating func parseAssert() throws(ParseFailure) -> Stmt {
        if peekNext.kind == .leftParen, let close = matchingBracket(from: current + 1),
           isStatementEnd(token(at: close + 1).kind) {
            let callee = Expr.name("assert", advance().range)
            return .expression(try parsePostfix(from: callee))
        }
        let keyword = advance()
        let condition = try parseExpression()
        var message: Expr?
        if match(.comma) { message = try parseExpression() }
        return .assertStatement(condition: condition, message: message, range: keyword.range.union(previous.range))
    }

    /// raise -> "raise" [ expr [ "from" expr ] ]
    private mutating func parseRaise() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        guard !isAtStatementEnd else { return .raiseStatement(exception: nil, cause: nil, range: keyword.range) }
        let exception = try parseExpression()
        var cause: Expr?
        if match(.kwFrom) { cause = try parseExpression() }
        return .raiseStatement(exception: exception, cause: cause, range: keyword.range.union(previous.range))
    }

    // MARK: - Expression statements and assignments

    /// exprstmt -> starexprs { "=" starexprs }          (plain or chained assignment)
    ///           | starexprs AUGOP exprlist             (`x += 1`)
    ///           | starexprs ":" expr [ "=" exprlist ]  (`x: int = 3`)
    private mutating func parseExpressionStatement() throws(ParseFailure) -> Stmt {
        let first = try parseExpressionList()
        switch peek.kind {
        case .equal:
            return try parseAssignment(first)
        case .augmentedAssign(let op):
            let operatorToken = advance()
            let target = try target(from: first, for: .augmented(op))
            if check(.kwYield) { throw reportUnsupported(.yield, at: peek.range) }
            let value = try parseExpressionList()
            return .augmentedAssign(target: target, op: op, operatorRange: operatorToken.range, value: value,
                                    range: first.range.union(value.range))
        case .colon:
            return try parseAnnotatedAssignment(first)
        default:
            if case .starred(_, let range) = first {
                throw report("a starred expression cannot stand alone", at: range,
                             notes: ["unpack into a list instead: [*xs]"])
            }
            return .expression(first)
        }
    }

    /// Assignment after its first target: the legacy shapes (a name, `a, b` names, `m.member`)
    /// keep their own statements; everything else is a general ``Stmt/assignment(targets:value:range:)``.
    private mutating func parseAssignment(_ first: Expr) throws(ParseFailure) -> Stmt {
        var sides = [first]
        while match(.equal) {
            if check(.kwYield) { throw reportUnsupported(.yield, at: peek.range) }
            sides.append(try parseExpressionList())
        }
        let value = sides.removeLast()
        let range = first.range.union(value.range)
        if sides.count == 1, let simple = legacyAssignment(sides[0], value: value, range: range) { return simple }
        var targets: [Target] = []
        for side in sides { targets.append(try target(from: side, for: .assignment)) }
        return .assignment(targets: targets, value: value, range: range)
    }

    /// The short language's assignment forms, which the evaluator runs today.
    private func legacyAssignment(_ target: Expr, value: Expr, range: SourceRange) -> Stmt? {
        switch target {
        case .name(let name, let nameRange):
            return .assign(name: name, nameRange: nameRange, value: value, range: range)
        case .member(let object, let member, let memberRange, _):
            return .assignMember(object: object, member: member, memberRange: memberRange, value: value, range: range)
        case .tuple(let items, _) where !items.isEmpty:
            var names: [AssignmentTarget] = []
            for item in items {
                guard case .name(let name, let nameRange) = item else { return nil }
                names.append(AssignmentTarget(name: name, range: nameRange))
            }
            return .assignMany(targets: names, value: value, range: range)
        default:
            return nil
        }
    }

    /// annotated -> target ":" expr [ "=" exprlist ]
    private mutating func parseAnnotatedAssignment(_ first: Expr) throws(ParseFailure) -> Stmt {
        let colon = advance()
        if case .tuple = first {
            throw report("only a single target can be annotated", at: first.range,
                         notes: ["annotate each name on its own line: x: int = 1"], causedBy: colon)
        }
        let target = try target(from: first, for: .annotation)
        let annotation = try parseExpression()
        var value: Expr?
        if match(.equal) { value = try parseExpressionList() }
        return .annotatedAssign(target: target, annotation: annotation, value: value, range: first.range.union(previous.range))
    }

    // MARK: - Imports

    /// import -> "import" dotted [ "as" NAME ] { "," dotted [ "as" NAME ] }
    private mutating func parseImport() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        var modules: [ImportLine.Item] = []
        repeat {
            modules.append(try parseImportItem(dotted: true))
        } while match(.comma)
        return .importLine(ImportLine(modules: modules, names: [], range: keyword.range.union(previous.range)))
    }

    /// fromimport -> "from" { "." } [ dotted ] "import" ( "*" | "(" names [","] ")" | names )
    /// names -> NAME [ "as" NAME ] { "," NAME [ "as" NAME ] }
    private mutating func parseFromImport() throws(ParseFailure) -> Stmt {
        let keyword = advance()
        var dots = ""
        let moduleStart = peek.range
        while check(.dot) || check(.ellipsis) { dots += source.text(of: advance().range) }
        var module = ImportLine.Item(name: dots, alias: nil, range: moduleStart)
        if !check(.kwImport) {
            let dotted = try parseImportItem(dotted: true, allowsAlias: false)
            module = ImportLine.Item(name: dots + dotted.name, alias: nil, range: moduleStart.union(dotted.range))
        }
        try expect(.kwImport, "expected 'import' after 'from \(module.name)'")
        var names: [ImportLine.Item] = []
        if check(.star) {
            names.append(ImportLine.Item(name: "*", alias: nil, range: advance().range))
        } else {
            let open = match(.leftParen)
            repeat {
                if open, check(.rightParen) { break }
                names.append(try parseImportItem(dotted: false))
            } while match(.comma)
            if open { try expect(.rightParen, "expected ')' after the imported names") }
        }
        return .importLine(ImportLine(modules: [module], names: names, range: keyword.range.union(previous.range)))
    }

    /// item -> NAME { "." NAME } [ "as" NAME ]      (one NAME unless `dotted`)
    private mutating func parseImportItem(dotted: Bool, allowsAlias: Bool = true) throws(ParseFailure) -> ImportLine.Item {
        let first = try expectIdentifier("expected a module name")
        var name = source.text(of: first.range)
        while dotted, match(.dot) {
            name += "." + source.text(of: try expectIdentifier("expected a name after '.'").range)
        }
        var alias: String?
        if allowsAlias, match(.kwAs) { alias = source.text(of: try expectIdentifier("expected a name after 'as'").range) }
        return ImportLine.Item(name: name, alias: alias, range: first.range.union(previous.range))
    }

    // MARK: - Python 2

    /// `print "x"` or `print >>f, x` at the start of a statement.
    private var isPython2Print: Bool {
        guard source.text(of: peek.range) == "print" else { return false }
        switch peekNext.kind {
        case .greaterGreater, .string, .fstringStart, .integer, .bigInteger, .float, .identifier: return true
        default: return false
        }
    }

    private mutating func reportPython2Print() -> ParseFailure {
        let construct: UnsupportedSyntax = peekNext.kind == .greaterGreater ? .printChevron : .printStatement
        return reportUnsupported(construct, at: peek.range.union(peekNext.range))
    }
}
