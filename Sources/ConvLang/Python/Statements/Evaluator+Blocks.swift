/// Python's compound statements and the simple ones that came with them.
///
/// A block runs with the current function's locals (`nil` at the top level, where names are
/// the session's globals). Every loop iteration counts as an evaluation step and polls the
/// interrupt, so `while True: pass` ends at the step limit.
extension Evaluator {
    /// Runs statements in order until one ends the block early.
    func run(_ block: [Stmt], _ locals: inout Locals?) throws(RuntimeError) -> ControlFlow {
        for statement in block {
            let flow = try run(statement, &locals)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    /// Runs one statement of a block. Expression statements inside a block show nothing, as in
    /// a Python script; only the top level's are displayed.
    func run(_ statement: Stmt, _ locals: inout Locals?) throws(RuntimeError) -> ControlFlow {
        try context.checkInterrupt(at: statement.range)
        switch statement {
        case .expression(let expr):
            _ = try evaluate(expr, locals)
        case .assign(let name, let nameRange, let valueExpr, _):
            let value = statement.isLetBinding ? try evaluateLet(valueExpr, locals) : try evaluate(valueExpr, locals)
            try assign(name, value, at: nameRange, &locals)
        case .assignMany(let targets, let valueExpr, _):
            let values = try unpack(try evaluate(valueExpr, locals), into: targets.count, at: valueExpr.range)
            for (target, value) in zip(targets, values) { try assign(target.name, value, at: target.range, &locals) }
        case .assignment(let targets, let valueExpr, _):
            let value = try evaluate(valueExpr, locals)
            for target in targets { try assign(value, to: target, &locals) }
        case .augmentedAssign(let target, let op, let operatorRange, let valueExpr, _):
            let current = try evaluate(target.expression, locals)
            let right = try evaluate(valueExpr, locals)
            // `xs += items` extends the list in place, so every name bound to it sees the change.
            if op == .add, case .list(let list) = current, let items = try? Iteration.items(of: right, at: valueExpr.range) {
                list.items += items
                return .normal
            }
            let result = try Operators.binary(op, current, right, operatorRange: operatorRange, leftRange: target.range,
                                              rightRange: valueExpr.range, context: context)
            try assign(result, to: target, &locals)
        case .functionDefinition(let definition):
            try assign(definition.name, try makeFunction(definition, locals), at: definition.nameRange, &locals)
        case .returnStatement(let valueExpr, _):
            return .returned(try valueExpr.map { expr throws(RuntimeError) in try evaluate(expr, locals) } ?? .none)
        case .ifStatement(let statement):
            for branch in statement.branches where try Operators.truth(try evaluate(branch.condition, locals), at: branch.condition.range) {
                return try run(branch.body, &locals)
            }
            if let orElse = statement.orElse { return try run(orElse, &locals) }
        case .forStatement(let loop):
            return try runFor(loop, &locals)
        case .whileStatement(let loop):
            return try runWhile(loop, &locals)
        case .breakStatement: return .breakLoop
        case .continueStatement: return .continueLoop
        case .passStatement, .globalStatement: break
        case .importLine(let line): try runImport(line, &locals)
        case .assertStatement(let condition, let message, _):
            try runAssert(condition, message, locals)
        case .assignMember(let objectExpr, let member, let memberRange, let valueExpr, let range):
            let target = Target.member(object: objectExpr, name: member, nameRange: memberRange, range)
            try assign(try evaluate(valueExpr, locals), to: target, &locals)
        case .function(let declaration):
            try assign(declaration.name, .function(Function(.user(declaration))), at: declaration.nameRange, &locals)
        case .withStatement(let block):
            try checkContexts(block)
            return try run(block.body, &locals)
        case .deleteStatement(let targets, _):
            for target in targets { try delete(target, &locals) }
        case .classDefinition(let definition):
            try defineClass(definition, &locals)
        case .tryStatement(let statement):
            return try runTry(statement, &locals)
        case .raiseStatement(let exception, let cause, let range):
            try runRaise(exception, cause: cause, range: range, locals)
        case .annotatedAssign, .nonlocalStatement:
            throw RuntimeError.notEvaluatedYet(statement)
        }
        return .normal
    }

    /// `del TARGET`: a name, an item of a list or dict, or each of a tuple of targets.
    private func delete(_ target: Target, _ locals: inout Locals?) throws(RuntimeError) {
        switch target {
        case .name(let name, let range): try deleteName(name, at: range, &locals)
        case .index(let baseExpr, let subscripts, let range):
            try deleteItem(of: try evaluate(baseExpr, locals), subscripts, range: range, locals)
        case .tuple(let items, _), .list(let items, _):
            for item in items { try delete(item, &locals) }
        case .member, .starred:
            throw RuntimeError(UnsupportedSyntax.notEvaluatedYet("'del' of attributes and starred targets"), at: target.range)
        }
    }

    /// Binds `name` in the running function, or globally at the top level and for names the
    /// function declared `global`.
    func assign(_ name: String, _ value: Value, at range: SourceRange, _ locals: inout Locals?) throws(RuntimeError) {
        if locals != nil, !currentGlobalNames.contains(name) {
            locals?[name] = value
        } else {
            try bind(name, value, at: range)
        }
    }

    /// `with torch.no_grad():` is accepted and changes nothing (conv computes no gradients);
    /// other context managers wait for classes.
    private func checkContexts(_ block: WithStatement) throws(RuntimeError) {
        for item in block.items {
            let isNoGrad = switch item.context {
            case .call(.member(_, let name, _, _), let arguments, _), .call(.name(let name, _), let arguments, _):
                name == "no_grad" && arguments.isEmpty
            default: false
            }
            guard isNoGrad, item.target == nil else { throw RuntimeError.notEvaluatedYet(.withStatement(block)) }
        }
    }

    private func runAssert(_ condition: Expr, _ message: Expr?, _ locals: Locals?) throws(RuntimeError) {
        guard try !Operators.truth(try evaluate(condition, locals), at: condition.range) else { return }
        var text = "assertion failed"
        let messageValue = try message.map { expr throws(RuntimeError) in try evaluate(expr, locals) }
        if let messageValue { text += ": " + ValueFormatter.printed(messageValue) }
        throw RuntimeError.assertionFailed(text, message: messageValue, at: condition.range)
    }

    // MARK: - Loops

    private func runFor(_ loop: ForStatement, _ locals: inout Locals?) throws(RuntimeError) -> ControlFlow {
        let items = try Iteration.Items(of: try evaluate(loop.iterable, locals), at: loop.iterable.range)
        for index in 0..<items.count {
            try context.countStep(at: loop.iterable.range)
            try assign(items[index], to: loop.target, &locals)
            if let exit = try runLoopBody(loop.body, &locals) { return exit }
        }
        if let orElse = loop.orElse { return try run(orElse, &locals) }
        return .normal
    }

    private func runWhile(_ loop: WhileStatement, _ locals: inout Locals?) throws(RuntimeError) -> ControlFlow {
        while true {
            // countStep also polls the interrupt flag and the time limit, every 1024 steps.
            try context.countStep(at: loop.condition.range)
            guard try Operators.truth(try evaluate(loop.condition, locals), at: loop.condition.range) else { break }
            if let exit = try runLoopBody(loop.body, &locals) { return exit }
        }
        if let orElse = loop.orElse { return try run(orElse, &locals) }
        return .normal
    }

    /// Runs one pass of a loop's body: `nil` to go on with the next pass, else how the loop
    /// ends (`break` ends it normally, skipping its `else`; `return` leaves the function).
    private func runLoopBody(_ body: [Stmt], _ locals: inout Locals?) throws(RuntimeError) -> ControlFlow? {
        switch try run(body, &locals) {
        case .breakLoop: .normal
        case .returned(let value): .returned(value)
        case .normal, .continueLoop: nil
        }
    }
}

extension Target {
    /// The target read as an expression, for `x += 1` and `Y[i] *= 2`.
    var expression: Expr {
        switch self {
        case .name(let name, let range): .name(name, range)
        case .member(let object, let name, let nameRange, let range): .member(object, name: name, nameRange: nameRange, range)
        case .index(let base, let subscripts, let range): .index(base, subscripts, range)
        case .tuple(let items, let range), .list(let items, let range): .tuple(items.map(\.expression), range)
        case .starred(let target, _): target.expression
        }
    }
}
