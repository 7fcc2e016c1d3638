/// Python's `def`: making a function and running its body (Evaluator+Arguments binds the
/// arguments to its parameters).
extension Evaluator {
    /// The function a `def` makes; its defaults are computed now, as in Python. Its scope was
    /// resolved with the enclosing function's or class body's (or now, for a function defined at
    /// the top level or in a short-language `fn`), and it takes the enclosing cells it reads.
    /// Made in a class body, it is a method: it sees the names around the class, not the class
    /// body's own, and the class itself through the `__class__` cell, for `super()`.
    func makeFunction(_ definition: FunctionDefinition, _ locals: Locals?) throws(RuntimeError) -> Value {
        var defaults: [Value?] = []
        for parameter in definition.parameters {
            defaults.append(try parameter.defaultValue.map { expr throws(RuntimeError) in try evaluate(expr, locals) })
        }
        let (scope, freeCells) = try nestedScope(at: definition.range.start, locals) { enclosing throws(RuntimeError) in
            try ScopeResolver.resolve(definition, enclosing: enclosing)
        }
        let body = CodeCompiler(scope: scope, globals: globals).compile(definition.body)
        let function = PythonFunction(definition: definition, defaults: defaults, scope: scope, freeCells: freeCells, body: body)
        return try PythonDecorators.apply(definition.decorators, to: .function(Function(.python(function)))) { expr throws(RuntimeError) in
            try evaluate(expr, locals)
        } call: { decorator, function, range throws(RuntimeError) in
            try apply(decorator, [EvaluatedArgument(value: function, range: range)], range: range, calleeRange: range)
        }
    }

    /// The enclosing frame's cell for a captured name. A frame whose scope did not plan the
    /// capture (a short-language `fn`, whose parameters never change) gives its value as it is.
    /// The scope of the `def` or class written at `start` inside the running body: the one the
    /// resolver planned with the enclosing body, or one `resolve` makes now (a body the evaluator
    /// runs plans none); with the cells of the enclosing frame its free names share.
    func nestedScope(
        at start: Int, _ locals: Locals?, resolve: (Set<String>) throws(RuntimeError) -> Scope
    ) throws(RuntimeError) -> (scope: Scope, freeCells: [Cell]) {
        // `??` takes a rethrowing autoclosure, which loses the typed error: spelled out.
        let scope: Scope
        if let planned = locals?.scope.children[start] { scope = planned } else { scope = try resolve(locals?.scope.capturableNames ?? []) }
        return (scope, scope.freeNames.map { name in Self.cell(for: name, in: locals) })
    }

    static func cell(for name: String, in frame: Frame?) -> Cell {
        guard let frame else { return Cell() }
        if let index = frame.scope.capturedCell(name) { return frame.cells[index] }
        if case .local(let slot) = frame.scope.resolve(name) { return Cell(frame[slot]) }
        return Cell()
    }

    /// `lambda PARAMS: BODY` is a function whose body returns one expression.
    func makeLambda(_ parameters: [FunctionParameter], _ body: Expr, range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> Value {
        let definition = FunctionDefinition(name: "<lambda>", nameRange: range, parameters: parameters,
                                            body: [.returnStatement(value: body, range: body.range)], decorators: [], range: range)
        return try makeFunction(definition, locals)
    }

    /// Runs a `def` function's body with its parameters bound by the general rules; its value
    /// is what `return` gave, or none.
    func callPython(_ function: PythonFunction, _ arguments: [EvaluatedArgument], range: SourceRange) throws(RuntimeError) -> Value {
        let frame = Frame.make(function.scope, freeCells: function.freeCells)
        try bindParameters(of: function, arguments, into: frame, range: range)
        return try callPython(function, in: frame, range: range)
    }

    /// Runs a `def` function's body in `frame`, whose parameter slots are bound; a generator
    /// function's call makes the generator instead, whose body runs on demand.
    func callPython(_ function: PythonFunction, in frame: Frame, range: SourceRange) throws(RuntimeError) -> Value {
        if function.scope.isGenerator { return makeGenerator(function, in: frame, range: range) }
        return try runBody(of: function, in: frame, range: range)
    }

    /// Runs a function's body in `frame`. Counts as a step and a nested call.
    func runBody(of function: PythonFunction, in frame: Frame, range: SourceRange) throws(RuntimeError) -> Value {
        try enterCall(function.name, at: range)
        depth += 1
        defer {
            callDepth -= 1
            depth -= 1
        }
        if depth > Evaluator.maximumDepth {
            throw RuntimeError("evaluation nested too deeply (more than \(Evaluator.maximumDepth) levels)", at: range,
                               kind: .limit(.nesting))
        }
        try context.countStep(at: range)
        for (slot, cell) in function.scope.cellParameters { frame.cells[cell].value = frame[slot] }
        if case .returned(let value) = try function.body.run(frame, self) { return value }
        return .none
    }

    /// Counts one more nested call, refusing past the host's limit.
    func enterCall(_ name: String, at range: SourceRange) throws(RuntimeError) {
        callDepth += 1
        guard callDepth <= context.limits.maximumCallDepth else {
            callDepth -= 1
            throw RuntimeError("too many nested calls (more than \(context.limits.maximumCallDepth)); is '\(name)' recursive without end?",
                               at: range, kind: .limit(.callDepth))
        }
    }
}
