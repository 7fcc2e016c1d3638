/// Python's `def`: making a function, and calling it with positional, named, default and
/// `*args` arguments.
extension Evaluator {
    /// The function a `def` makes; its defaults are computed now, as in Python. Made in a class
    /// body, it is a method: it sees the names around the class, not the class body's own.
    func makeFunction(_ definition: FunctionDefinition, _ locals: Locals?) throws(RuntimeError) -> Value {
        var defaults: [Value?] = []
        for parameter in definition.parameters {
            defaults.append(try parameter.defaultValue.map { expr throws(RuntimeError) in try evaluate(expr, locals) })
        }
        let classBody = python.classBodies.last
        let captured = classBody.map { $0.enclosing } ?? locals
        let function = PythonFunction(definition: definition, defaults: defaults, captured: captured ?? [:],
                                      definingClass: classBody?.pythonClass)
        return try PythonDecorators.apply(definition.decorators, to: .function(Function(.python(function))))
    }

    /// `lambda PARAMS: BODY` is a function whose body returns one expression.
    func makeLambda(_ parameters: [FunctionParameter], _ body: Expr, range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> Value {
        let definition = FunctionDefinition(name: "<lambda>", nameRange: range, parameters: parameters,
                                            body: [.returnStatement(value: body, range: body.range)], decorators: [], range: range)
        return try makeFunction(definition, locals)
    }

    /// Runs a `def` function's body with its parameters bound; its value is what `return` gave,
    /// or none.
    func callPython(_ function: PythonFunction, _ arguments: [EvaluatedArgument], range: SourceRange) throws(RuntimeError) -> Value {
        try enterCall(function.name, at: range)
        defer { callDepth -= 1 }
        try context.countStep(at: range)
        var locals: Locals? = try bindParameters(of: function, arguments, range: range)
        python.frames.append(Frame(definingClass: function.definingClass, firstArgument: arguments.first?.value))
        defer { python.frames.removeLast() }
        let outerGlobals = currentGlobalNames
        currentGlobalNames = function.globalNames
        defer { currentGlobalNames = outerGlobals }
        if case .returned(let value) = try run(function.definition.body, &locals) { return value }
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

    private func bindParameters(of function: PythonFunction, _ arguments: [EvaluatedArgument], range: SourceRange) throws(RuntimeError) -> Locals {
        let parameters = function.definition.parameters
        let name = function.name
        var locals = function.captured
        var given = Set<String>()
        var extra: [Value] = []
        let positional = parameters.indices.filter { [.positionalOnly, .positional].contains(parameters[$0].kind) }
        var nextPositional = 0
        for argument in arguments {
            if let label = argument.label {
                guard let slot = parameters.firstIndex(where: { $0.name == label && $0.kind != .positionalOnly && $0.kind != .variadic && $0.kind != .variadicKeywords }) else {
                    throw RuntimeError("\(name)() got an unexpected keyword argument '\(label)'", at: argument.labelRange ?? argument.range,
                                       notes: ["parameters: " + parameters.map(\.name).joined(separator: ", ")], raising: .typeError)
                }
                guard given.insert(parameters[slot].name).inserted else {
                    throw RuntimeError("\(name)() got multiple values for argument '\(label)'", at: argument.labelRange ?? argument.range,
                                       raising: .typeError)
                }
                locals[label] = argument.value
            } else if nextPositional < positional.count {
                let parameter = parameters[positional[nextPositional]]
                nextPositional += 1
                given.insert(parameter.name)
                locals[parameter.name] = argument.value
            } else if parameters.contains(where: { $0.kind == .variadic }) {
                extra.append(argument.value)
            } else {
                throw RuntimeError("\(name)() takes \(positional.count) positional arguments but \(arguments.filter { $0.label == nil }.count) were given",
                                   at: argument.range, raising: .typeError)
            }
        }
        for (index, parameter) in parameters.enumerated() where !given.contains(parameter.name) {
            switch parameter.kind {
            case .variadic: locals[parameter.name] = .tuple(extra)
            case .variadicKeywords:
                throw RuntimeError(UnsupportedSyntax.notEvaluatedYet("'**\(parameter.name)' parameters"), at: parameter.range)
            default:
                guard let value = function.defaults[index] else {
                    throw RuntimeError("\(name)() missing required argument '\(parameter.name)'", at: range,
                                       notes: ["usage: \(function.signature)"], raising: .typeError)
                }
                locals[parameter.name] = value
            }
        }
        return locals
    }
}
