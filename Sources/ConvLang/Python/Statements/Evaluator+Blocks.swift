/// Python's compound statements and the simple ones that came with them.
///
/// A block runs with the current function's frame (`nil` at the top level, where names are
/// the session's globals). Every loop iteration counts as an evaluation step and polls the
/// interrupt, so `while True: pass` ends at the step limit. Function bodies and top-level
/// statements normally run compiled (Python/Code); these run what the compiled code leaves
/// to the tree-walking evaluator.
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
            guard let result = try augmented(op, current, right, operatorRange: operatorRange, leftRange: target.range,
                                             rightRange: valueExpr.range) else {
                // `y[:, 1] *= 2` changed the item of a tensor with autograd identity in place: it
                // goes back into `y` (PyTorch's CopySlices).
                if case .index = target, case .variable = current { try assign(current, to: target, &locals) }
                return .normal
            }
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
        case .nonlocalStatement:
            // The scope already made the names cells of the enclosing function (the parser
            // refuses 'nonlocal' at the top level).
            break
        case .assertStatement(let condition, let message, _):
            try runAssert(condition, message, locals)
        case .assignMember(let objectExpr, let member, let memberRange, let valueExpr, let range):
            let target = Target.member(object: objectExpr, name: member, nameRange: memberRange, range)
            try assign(try evaluate(valueExpr, locals), to: target, &locals)
        case .function(let declaration):
            try assign(declaration.name, .function(Function(.user(declaration))), at: declaration.nameRange, &locals)
        case .withStatement(let block):
            return try runWith(block, locals) { () throws(RuntimeError) in try run(block.body, &locals) }
        case .deleteStatement(let targets, _):
            for target in targets { try delete(target, &locals) }
        case .classDefinition(let definition):
            try defineClass(definition, &locals)
        case .tryStatement(let statement):
            return try runTry(statement, &locals)
        case .raiseStatement(let exception, let cause, let range):
            try runRaise(exception, cause: cause, range: range, locals)
        case .yieldStatement(let value, let delegates, let range):
            try runYield(value, delegates: delegates, range: range, locals)
        case .annotatedAssign:
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

    /// `current op= right`: the value to bind, or nil when the operation changed `current` in
    /// place: `xs += items` extends the list (so every name bound to it sees the change), and
    /// `w -= lr * w.grad` changes a tensor with autograd identity.
    func augmented(_ op: BinaryOperator, _ current: Value, _ right: Value, operatorRange: SourceRange, leftRange: SourceRange,
                   rightRange: SourceRange) throws(RuntimeError) -> Value? {
        // `w -= lr * w.grad` changes the tensor w in place, as PyTorch does.
        if try AutogradOperators.assignInPlace(op, current, right, operatorRange: operatorRange, context: context) { return nil }
        if case .set(let set) = current, !set.isFrozen, try SetMethods.updateInPlace(op, set, right, at: operatorRange, context: context) { return nil }
        if op == .add, case .list(let list) = current, let items = try? Iteration.items(of: right, at: rightRange, elements: ElementRule(context)) {
            list.items += items
            return nil
        }
        return try Operators.binary(op, current, right, operatorRange: operatorRange, leftRange: leftRange, rightRange: rightRange,
                                    context: context)
    }

    /// Runs a `with` block's body between entering and leaving its context managers: the one
    /// place both the compiled code and the evaluator go through.
    /// The grad-mode managers (`torch.no_grad()`, ...) are the ones conv accepts; each is undone
    /// however the body ends.
    func runWith(_ block: WithStatement, _ locals: Locals?, body: () throws(RuntimeError) -> ControlFlow) throws(RuntimeError) -> ControlFlow {
        let contexts = try gradModeContexts(of: block, locals)
        return try GradModeContext.run(contexts, body)
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
        let flow = try runForPasses(loop, &locals)
        // The iterable is released: a generator that went with it unfinished is closed now.
        if !generators.dropped.isEmpty { closeDroppedGenerators() }
        return flow
    }

    private func runForPasses(_ loop: ForStatement, _ locals: inout Locals?) throws(RuntimeError) -> ControlFlow {
        let value = try evaluateIterable(loop.iterable, locals)
        if let lazy = Iteration.lazyIterator(value) {
            while let item = try lazy.next(self, at: loop.iterable.range) {
                try context.countStep(at: loop.iterable.range)
                try assign(item, to: loop.target, &locals)
                if let exit = try runLoopBody(loop.body, &locals) { return exit }
            }
            if let orElse = loop.orElse { return try run(orElse, &locals) }
            return .normal
        }
        let items = try Iteration.Items(of: value, at: loop.iterable.range, elements: ElementRule(context))
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
