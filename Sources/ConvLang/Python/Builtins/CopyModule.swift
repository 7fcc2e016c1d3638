import ConvAutograd

/// Python's `copy` module: `copy.copy(x)` and `copy.deepcopy(x)`, as training code keeps its
/// best weights (`best = copy.deepcopy(model.state_dict())`, then `model.load_state_dict(best)`).
///
/// A deep copy makes new lists, dicts, sets, NumPy arrays, instances and tensors with autograd
/// identity (a leaf keeps `requires_grad` and being a Parameter; as PyTorch refuses, a tensor
/// made by a recorded operation cannot be deep-copied), keeping shared references shared as
/// Python's memo does. Values that never change (numbers, strings, tuples of them, plain
/// tensors, which conv keeps as values) are themselves. A built-in layer is refused with a
/// located error that says how to copy its weights instead.
enum CopyModule {
    static let all: [Builtin] = [shallow, deep]

    static let shallow = PythonConversions.python(
        "copy.copy", [.required("x")], "a shallow copy: a new list, dict, set or object holding the same items",
        "copy.copy(x)\n\nA new container with the same items, as Python's copy.copy.\n  b = copy.copy(a)",
        aliases: ["copy.copy"]) { call throws(RuntimeError) in
        switch call.value("x") {
        case .list(let list): return .list(PythonList(list.items))
        case .dict(let dict): return .dict(dict.copy())
        case .set(let set): return set.isFrozen ? .set(set) : .set(set.copy())
        case let value where value.numpyArray != nil:
            guard let array = value.numpyArray else { return value }
            return .object(ObjectBox(NumPyArray(array.tensor, isScalar: array.isScalar)))
        case .instance(let instance) where !(instance is UserModule):
            let copy = PythonInstance.make(of: instance.pythonClass)
            for name in instance.attributeOrder { if let value = instance.attribute(name) { copy.setAttribute(name, value) } }
            return copy.value
        case .variable, .layer, .instance:
            return try deepCopy(call.value("x"), call)
        case let value:
            return value
        }
    }

    static let deep = PythonConversions.python(
        "copy.deepcopy", [.required("x"), .optional("memo", default: .none)],
        "a deep copy: new containers, objects and tensors all the way down",
        "copy.deepcopy(x)\n\nA copy that shares nothing that can change with x, as Python's copy.deepcopy.\n"
            + "  best = copy.deepcopy(model.state_dict())",
        aliases: ["copy.deepcopy"]) { call throws(RuntimeError) in
        try deepCopy(call.value("x"), call)
    }

    private static func deepCopy(_ root: Value, _ call: BuiltinCall) throws(RuntimeError) -> Value {
        var memo: [ObjectIdentifier: Value] = [:]
        var depth = 0
        func copy(_ value: Value) throws(RuntimeError) -> Value {
            // Python's limit on nesting (its RecursionError, a RuntimeError), before the stack's.
            guard depth < Evaluator.maximumDepth else {
                throw call.error("maximum recursion depth exceeded while calling a Python object", at: "x")
            }
            depth += 1
            defer { depth -= 1 }
            switch value {
            case .list(let list):
                if let done = memo[ObjectIdentifier(list)] { return done }
                let result = PythonList()
                memo[ObjectIdentifier(list)] = .list(result)
                for item in list.items { result.items.append(try copy(item)) }
                return .list(result)
            case .dict(let dict):
                if let done = memo[ObjectIdentifier(dict)] { return done }
                let result = PythonDict()
                result.isOrdered = dict.isOrdered
                memo[ObjectIdentifier(dict)] = .dict(result)
                for (key, item) in zip(dict.keys, dict.values) { result.store(try copy(item), for: key) }
                return .dict(result)
            case .set(let set):
                return set.isFrozen ? value : .set(set.copy())
            case .tuple(let items):
                return .tuple(try items.map { item throws(RuntimeError) in try copy(item) })
            case .variable(let box):
                if let done = memo[ObjectIdentifier(box)] { return done }
                guard box.isLeaf else {
                    throw call.error("Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001",
                                     at: "x")
                }
                let variable = Variable(constant: box.tensor)
                if box.requiresGrad { try? variable.setRequiresGrad(true) }
                let result = Value.variable(VariableBox(variable, isParameter: box.isParameter))
                memo[ObjectIdentifier(box)] = result
                return result
            case .object(let box):
                if let array = box.object as? NumPyArray {
                    if let done = memo[ObjectIdentifier(array)] { return done }
                    let result = Value.object(ObjectBox(NumPyArray(array.tensor, isScalar: array.isScalar)))
                    memo[ObjectIdentifier(array)] = result
                    return result
                }
                return value
            case .instance(let instance):
                if let done = memo[ObjectIdentifier(instance)] { return done }
                let result = PythonInstance.make(of: instance.pythonClass)
                memo[ObjectIdentifier(instance)] = result.value
                for name in instance.attributeOrder {
                    if let item = instance.attribute(name) { result.setAttribute(name, try copy(item)) }
                }
                return result.value
            case .layer(let layer):
                if let module = layer.module as? UserModule { return try copy(.instance(module)) }
                throw call.error("conv's copy.deepcopy does not copy a built-in layer (\(layer.module.typeName))", at: "x",
                                 notes: ["copy its weights instead: best = copy.deepcopy(model.state_dict()), "
                                     + "then model.load_state_dict(best)"])
            default:
                return value
            }
        }
        return try copy(root)
    }
}
