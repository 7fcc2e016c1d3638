import ConvNumerics

extension Evaluator {
    /// An argument after evaluation, with where it was written.
    struct EvaluatedArgument {
        var label: String?
        var labelRange: SourceRange?
        var value: Value
        var range: SourceRange
    }

    /// The arguments with every list of numbers given as the tensor it stands for.
    private func tensorData(_ arguments: [EvaluatedArgument]) throws(RuntimeError) -> [EvaluatedArgument] {
        var converted = arguments
        for index in converted.indices {
            // A NumPy array reaches builtins and layers that take tensors as the tensor it holds,
            // a NumPy scalar as the Python number it stands for.
            let given = converted[index].value
            let value = given.numpyScalarValue ?? given.numpyArray.map { Value.tensor($0.tensor) } ?? given
            converted[index].value = try tensorData(value, at: converted[index].range)
        }
        return converted
    }

    func evaluateCall(_ calleeExpr: Expr, _ arguments: [Argument], range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> Value {
        let callee = try evaluate(calleeExpr, locals)
        let evaluated = try evaluateArguments(arguments, locals, calling: callee)
        return try call(callee, evaluated, written: arguments, range: range, calleeExpr: calleeExpr, locals)
    }

    /// Calls `callee` with its evaluated arguments (`written` as the program wrote them), then
    /// gives an in-place builtin's result back to its first argument's name or member.
    func call(_ callee: Value, _ evaluated: [EvaluatedArgument], written arguments: [Argument], range: SourceRange,
              calleeExpr: Expr, _ locals: Locals?) throws(RuntimeError) -> Value {
        if evaluated.isEmpty, ClassBuiltins.isSuper(callee) { return try makeSuper(in: locals, range: range) }
        if writesOut(callee, evaluated) {
            return try callWritingOut(callee, evaluated, target: arguments.first { $0.label == "out" }?.value, range: range,
                                      calleeRange: calleeExpr.range, locals)
        }
        let value = try apply(callee, evaluated, range: range, calleeRange: calleeExpr.range)
        if case .function(let function) = callee, case .builtin(let builtin) = function.kind, builtin.writesBackFirstArgument,
           let target = arguments.first(where: { $0.label == nil })?.value {
            try writeBackInPlace(value, to: target, locals)
        }
        // `x.fill_(0)`, `x.requires_grad_()`: an in-place tensor method gives its result back to the
        // name it was called on (a tensor with autograd identity was changed in place already).
        if case .function(let function) = callee, case .boundBuiltin(let receiver, let method) = function.kind,
           method.writesBackFirstArgument, case .member(let target, _, _, _) = calleeExpr {
            try InPlaceMethods.checkTarget(target, method: method.name)
            if case .variable = receiver {} else {
                // `w.sub_(lr * w.grad)` on a tensor with autograd identity: its values change in
                // place (the method ran on them) and it stays the same object.
                if case .variable(let box) = try evaluate(target, locals) {
                    try AutogradValues.assignInPlace(box, value, at: range)
                    return .variable(box)
                }
                try writeBackInPlace(value, to: target, locals)
            }
        }
        return value
    }

    /// Gives a builtin's in-place result to where its first argument was read from: a layer's
    /// member (layers are reference objects), a parameter's `.data`, or a name holding a tensor
    /// (the function's own, or a global), so that `t.zero_()` changes `t` as PyTorch's does.
    func writeBackInPlace(_ value: Value, to target: Expr, _ locals: Locals?) throws(RuntimeError) {
        switch target {
        case .member(let objectExpr, let name, let nameRange, _):
            switch try evaluate(objectExpr, locals) {
            case .layer(let layer): try layer.module.assign(name, value, nameRange: nameRange, valueRange: target.range)
            // `m.weight.data.fill_(0.5)`: the values go into the parameter itself, recording nothing.
            case .variable(let box): _ = try TensorMembers.assign(name, of: box, value, at: nameRange)
            default: break
            }
        case .name(let name, let range):
            if let frame = locals, frame.scope.resolve(name) != .global {
                // A plain tensor changed in place, or one that now requires grad (`a.add_(w)`).
                switch value {
                case .tensor, .variable: break
                default: return
                }
                var changed: Locals? = frame
                try assign(name, value, at: range, &changed)
            } else if globals[name] != nil {
                try bind(name, value, at: range)
            }
        default:
            break
        }
    }

    /// Calls a function or layer with evaluated arguments: from a call in the program, or from
    /// the host (``Interpreter/call(_:_:named:)``).
    func apply(_ callee: Value, _ evaluated: [EvaluatedArgument], range: SourceRange, calleeRange: SourceRange) throws(RuntimeError) -> Value {
        try context.checkInterrupt(at: range)
        return try call(callee, evaluated, range: range, calleeRange: calleeRange, observer: callObserver)
    }

    /// Calls `callee` with evaluated arguments; `observer` hears of a builtin or layer call once
    /// its arguments are bound, and may give the call's value itself.
    func call(
        _ callee: Value, _ arguments: [EvaluatedArgument], range: SourceRange, calleeRange: SourceRange,
        observer: (any CallObserver)?
    ) throws(RuntimeError) -> Value {
        switch callee {
        case .function(let function):
            switch function.kind {
            case .builtin(let builtin):
                if builtin.isTorchFunctionForm, let (method, rest) = TorchFunctionForms.methodCall(builtin.name, arguments) {
                    return try call(method, rest, range: range, calleeRange: calleeRange, observer: observer)
                }
                if let value = try AutogradBuiltins.call(builtin, arguments, range: range, evaluator: self) {
                    return try context.checkMemory(afterMaking: value, at: range)
                }
                var call = try bindBuiltin(builtin, builtin.takesPythonValues ? arguments : try tensorData(arguments), range: range)
                if let value = try observer?.willCall(&call) { return value }
                return try context.checkMemory(afterMaking: try builtin.body(&call), at: range)
            case .user(let declaration):
                return try callUser(declaration, arguments, range: range)
            case .python(let python):
                return try callPython(python, arguments, range: range)
            case .boundBuiltin(let receiver, let builtin):
                var call = try bindBuiltin(builtin, arguments, range: range)
                call.receiver = receiver
                return try builtin.body(&call)
            case .method:
                return try callPythonObject(callee, arguments, range: range, calleeRange: calleeRange) ?? .none
            }
        case .layer(let layer):
            let call = ModuleCall(arguments: try tensorData(arguments), range: range, context: context)
            if let value = try observer?.willCall(layer.module, call) { return value }
            let traced = python.layerTrace?.begin(layer.module, call)
            let value = try AutogradLayers.call(layer.module, call)
            if let traced { python.layerTrace?.end(traced, value) }
            return value
        case .pythonClass, .instance:
            return try callPythonObject(callee, arguments, range: range, calleeRange: calleeRange) ?? .none
        case .object(let box) where box.object is any CallableObject:
            guard let callable = box.object as? any CallableObject else { return .none }
            return try callable.call(arguments, self, range: range)
        case .object(let box) where (box.object as? NumPyDType)?.isScalarType == true:
            return try NumPyDTypes.scalar(box.object as? NumPyDType, arguments.map { ($0.label, $0.value) }, at: range)
        default:
            throw RuntimeError("\(callee.typeDescription) is not a function, so it cannot be called", at: calleeRange, raising: .typeError)
        }
    }

    /// Evaluates call arguments left to right, keeping their labels and ranges; `*xs` and `**d`
    /// give their items as if written out (Evaluator+Arguments). `callee` names the function in
    /// Python's errors about spreading.
    func evaluateArguments(_ arguments: [Argument], _ locals: Locals?, calling callee: Value? = nil) throws(RuntimeError) -> [EvaluatedArgument] {
        var evaluated: [EvaluatedArgument] = []
        var spreadsNames = false
        for argument in arguments {
            switch argument.value {
            case .starred(let inner, _) where argument.label == nil:
                evaluated += try spreadPositional(try evaluate(inner, locals), argument, calling: callee)
            case .doubleStarred(let inner, _) where argument.label == nil:
                evaluated += try spreadNamed(try evaluate(inner, locals), argument, calling: callee)
                spreadsNames = true
            default:
                evaluated.append(EvaluatedArgument(label: argument.label, labelRange: argument.labelRange,
                                                   value: try evaluate(argument.value, locals), range: argument.value.range))
            }
        }
        if spreadsNames { try checkRepeatedNames(evaluated, calling: callee) }
        return evaluated
    }

    // MARK: - Builtins

    func bindBuiltin(_ builtin: Builtin, _ arguments: [EvaluatedArgument], range: SourceRange) throws(RuntimeError) -> BuiltinCall {
        let parameters = builtin.parameters
        // `torch.zeros(size=(2, 3))`, `torch.rand(size=(2, 4))`: PyTorch's factories name their
        // sizes `size`, which conv's take as the positional sizes.
        var arguments = arguments
        if let index = arguments.firstIndex(where: { $0.label == "size" }), builtin.aliases.contains("torch.\(builtin.name)"),
           parameters.contains(where: { $0.isVariadic && $0.name == "shape" }), !parameters.contains(where: { $0.name == "size" }),
           !arguments.contains(where: { $0.label == nil }) {
            arguments[index].label = nil
        }
        var values = parameters.map { $0.defaultValue ?? .none }
        var ranges = [SourceRange?](repeating: nil, count: parameters.count)
        var givenAs = [String?](repeating: nil, count: parameters.count)
        var rest: [(value: Value, range: SourceRange)] = []
        var namedRest: [(label: String, value: Value, range: SourceRange)] = []
        let positionalSlots = parameters.indices.filter { !parameters[$0].isNamedOnly && !parameters[$0].isVariadic }
        let variadicSlot = parameters.firstIndex { $0.isVariadic }
        let collectsNames = parameters.contains { $0.collectsNames }
        var nextPositional = 0

        for argument in arguments {
            if let label = argument.label {
                guard let slot = parameters.firstIndex(where: { $0.isNamed && $0.spellings.contains(label) }) else {
                    guard collectsNames else { throw unknownArgument(label, of: builtin, at: argument.labelRange ?? argument.range) }
                    if namedRest.contains(where: { $0.label == label }) {
                        throw RuntimeError("\(builtin.name) got argument '\(label)' twice", at: argument.labelRange ?? argument.range, raising: .typeError)
                    }
                    namedRest.append((label, argument.value, argument.range))
                    continue
                }
                if let earlier = givenAs[slot] {
                    let how = earlier == label ? "twice" : "twice (as '\(earlier)' and '\(label)')"
                    throw RuntimeError("\(builtin.name) got argument '\(parameters[slot].name)' \(how)",
                                       at: argument.labelRange ?? argument.range, raising: .typeError)
                }
                (values[slot], ranges[slot], givenAs[slot]) = (argument.value, argument.range, label)
            } else if nextPositional < positionalSlots.count, variadicSlot.map({ positionalSlots[nextPositional] < $0 }) ?? true {
                let slot = positionalSlots[nextPositional]
                nextPositional += 1
                (values[slot], ranges[slot], givenAs[slot]) = (argument.value, argument.range, parameters[slot].name)
            } else if variadicSlot != nil {
                rest.append((argument.value, argument.range))
            } else {
                throw RuntimeError("\(builtin.name) takes at most \(positionalSlots.count) positional arguments, got \(arguments.filter { $0.label == nil }.count)",
                                   at: argument.range, notes: ["usage: \(builtin.signature)"], raising: .typeError)
            }
        }
        if let variadicSlot { values[variadicSlot] = .tuple(rest.map(\.value)) }
        for (slot, parameter) in parameters.enumerated() where parameter.defaultValue == nil && ranges[slot] == nil {
            throw RuntimeError("\(builtin.name) is missing its argument '\(parameter.name)'", at: range,
                               notes: ["usage: \(builtin.signature)"], raising: .typeError)
        }
        return BuiltinCall(builtin: builtin, values: values, ranges: ranges, rest: rest, namedRest: namedRest, range: range,
                           context: context)
    }

    private func unknownArgument(_ label: String, of builtin: Builtin, at range: SourceRange) -> RuntimeError {
        let names = builtin.argumentNames
        var notes: [String] = []
        if let suggestion = Suggestion.nearest(to: label, in: names) { notes.append("did you mean '\(suggestion)'?") }
        notes.append("valid arguments: " + names.joined(separator: ", "))
        return RuntimeError("\(builtin.name) has no argument '\(label)'", at: range, notes: notes, raising: .typeError)
    }

    // MARK: - User functions

    private func callUser(_ declaration: FunctionDeclaration, _ arguments: [EvaluatedArgument], range: SourceRange) throws(RuntimeError) -> Value {
        callDepth += 1
        defer { callDepth -= 1 }
        guard callDepth <= context.limits.maximumCallDepth else {
            throw RuntimeError("too many nested calls (more than \(context.limits.maximumCallDepth)); is '\(declaration.name)' recursive without end?",
                               at: range, kind: .limit(.callDepth))
        }
        let parameters = declaration.parameters
        // A frame of the parameters only: the body sees them and the module's names.
        let locals = Frame.make(Scope(parameters: parameters.map(\.name)), freeCells: [])
        var positional = 0
        for argument in arguments {
            if let label = argument.label {
                guard parameters.contains(where: { $0.name == label }) else {
                    var notes: [String] = []
                    if let suggestion = Suggestion.nearest(to: label, in: parameters.map(\.name)) { notes.append("did you mean '\(suggestion)'?") }
                    notes.append("parameters: " + parameters.map(\.name).joined(separator: ", "))
                    throw RuntimeError("\(declaration.name) has no parameter '\(label)'", at: argument.labelRange ?? argument.range, notes: notes)
                }
                let slot = parameters.firstIndex { $0.name == label } ?? 0
                if locals[slot] != nil {
                    throw RuntimeError("\(declaration.name) got argument '\(label)' twice", at: argument.labelRange ?? argument.range)
                }
                locals[slot] = argument.value
            } else {
                guard positional < parameters.count else {
                    throw RuntimeError("\(declaration.name) takes \(parameters.count) arguments, got \(arguments.count)", at: argument.range)
                }
                locals[positional] = argument.value
                positional += 1
            }
        }
        for (slot, parameter) in parameters.enumerated() where locals[slot] == nil {
            guard let defaultExpr = parameter.defaultValue else {
                throw RuntimeError("\(declaration.name) is missing its argument '\(parameter.name)'", at: range)
            }
            locals[slot] = try evaluate(defaultExpr, locals)
        }
        return try evaluate(declaration.body, locals)
    }
}
