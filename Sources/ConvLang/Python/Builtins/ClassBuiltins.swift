/// Python's builtins for classes: `isinstance`, `issubclass`, `type` and `super`.
enum ClassBuiltins {
    /// They take Python's values as they are: `type([])` is `list`, not the tensor a list of
    /// numbers stands for.
    static let all: [Builtin] = [isinstance, issubclass, type, superBuiltin].map { builtin in
        var builtin = builtin
        builtin.takesPythonValues = true
        return builtin
    }

    static let isinstance = Builtin(
        name: "isinstance", parameters: [.required("obj"), .required("classinfo")],
        summary: "whether obj is an instance of a class (or of one in a tuple of classes), as Python's isinstance",
        details: """
        isinstance(obj, classinfo)

          isinstance(net, nn.Module)         # true for every layer
          isinstance(err, (KeyError, IndexError))
        """,
        body: { call throws(RuntimeError) in
            .bool(try isInstance(call.value("obj"), of: call.value("classinfo"), call))
        })

    static let issubclass = Builtin(
        name: "issubclass", parameters: [.required("cls"), .required("classinfo")],
        summary: "whether a class derives from another (or from one in a tuple), as Python's issubclass",
        details: """
        issubclass(cls, classinfo)

          issubclass(KeyError, LookupError)  # true
        """,
        body: { call throws(RuntimeError) in
            guard case .pythonClass(let subject) = call.value("cls") else {
                throw call.error("issubclass() arg 1 must be a class", at: "cls", raising: .typeError)
            }
            return .bool(try classes(call.value("classinfo"), call).contains { subject.isSubclass(of: $0) })
        })

    static let type = Builtin(
        name: "type", parameters: [.required("obj")],
        summary: "the class of a value, as Python's type(x); type(x).__name__ is its name",
        details: """
        type(obj)

          type(net).__name__     # 'Net'
          type(3).__name__       # 'int'
        """,
        body: { call throws(RuntimeError) in
            // Python's own types are the builtins that make them (`type(3) is int`); a program's
            // classes and instances have their class.
            let object = call.value("obj")
            // A built-in layer's class is its constructor as `nn.` names it (`type(m) == nn.Linear`,
            // as initialisation functions test it), which shows as PyTorch's class.
            if case .layer(let layer) = object, !(layer.module is UserModule),
               let constructor = TorchConstructors.member(layer.typeName, of: "torch.nn") {
                return constructor
            }
            if object.pythonInstance == nil, case .pythonClass = object {} else if object.pythonInstance == nil,
               let type = BuiltinLibrary.value(named: PythonConversions.typeName(of: object)) {
                return type
            }
            return .pythonClass(pythonClass(of: object))
        })

    static let superBuiltin = Builtin(
        name: "super", parameters: [.optional("type", default: .none), .optional("obj", default: .none)],
        summary: "the methods of a class's bases, for an object: super().__init__()",
        details: """
        super() inside a method, or super(C, self)

          class Net(nn.Module):
              def __init__(self):
                  super().__init__()
        """,
        body: { call throws(RuntimeError) in
            guard let evaluator = call.context.evaluator else { throw call.error("super() needs a running program") }
            let given = call.isGiven("type") || call.isGiven("obj") ? [call.value("type"), call.value("obj")] : []
            return try evaluator.makeSuper(given, range: call.range)
        })

    /// Whether `value` is the `super` builtin, which called with no arguments reads the running
    /// method's frame (the caller's, as Python's does).
    static func isSuper(_ value: Value) -> Bool {
        guard case .function(let function) = value, case .builtin(let builtin) = function.kind else { return false }
        return builtin.name == superBuiltin.name
    }

    /// The class `type(value)` gives: a program's own, or one named as Python names the type.
    static func pythonClass(of value: Value) -> PythonClass {
        if let instance = value.pythonInstance { return instance.pythonClass }
        let (name, module): (String, String) = switch value {
        case .number: ("float", "builtins")
        case .int, .bigInt: ("int", "builtins")
        case .bool: ("bool", "builtins")
        case .string: ("str", "builtins")
        case .none: ("NoneType", "builtins")
        case .tuple: ("tuple", "builtins")
        case .size: ("Size", "torch")
        case .returnTuple(let named): (named.name, "torch.return_types")
        case .list: ("list", "builtins")
        case .dict(let dict): dict.isOrdered ? ("OrderedDict", "collections") : ("dict", "builtins")
        case .set: (value.typeName, "builtins")
        case .range: ("range", "builtins")
        case .function: ("function", "builtins")
        case .tensor: ("Tensor", "torch")
        case .variable(let box): (box.isParameter ? "Parameter" : "Tensor", box.isParameter ? "torch.nn.parameter" : "torch")
        case .object(let box):
            (box.object.typeName, PythonTypeModules.module(ofType: box.object.typeName)
                ?? (box.object is NumPyArray ? "numpy" : box.object is DictView ? "builtins" : "torch"))
        case .layer(let layer): (layer.typeName, PythonTypeModules.module(ofType: layer.typeName) ?? "torch.nn")
        case .namespace: ("module", "builtins")
        case .pythonClass: ("type", "builtins")
        case .instance(let instance): (instance.pythonClass.name, instance.pythonClass.moduleName)
        }
        return PythonClass(name: name, base: PythonClasses.object, isBuiltin: true, moduleName: module)
    }

    /// Whether `value` is an instance of `classinfo`: a class, a layer's constructor (`nn.Conv1d`),
    /// a type's builtin (`int`, `float`, `str`, `bool`, `tuple`), or a tuple of those.
    private static func isInstance(_ value: Value, of classinfo: Value, _ call: BuiltinCall) throws(RuntimeError) -> Bool {
        switch classinfo {
        case .tuple(let items):
            for item in items where try isInstance(value, of: item, call) { return true }
            return false
        case .pythonClass(let target):
            if let instance = value.pythonInstance { return instance.pythonClass.isSubclass(of: target) }
            if case .layer = value, target === PythonClasses.module { return true }
            if case .object(let box) = value, box.object is OptimizerObject, target === PythonClasses.optimizer { return true }
            return target === PythonClasses.object
        case .function(let function):
            guard case .builtin(let builtin) = function.kind else { break }
            if builtin.constructsLayer, case .layer(let layer) = value { return layer.typeName == builtin.name }
            let name = pythonClass(of: value).name
            if ["int", "float", "str", "bool", "tuple", "list", "dict", "OrderedDict", "set", "frozenset", "range"].contains(builtin.name) {
                // bool is an int, and torch.Size and torch.return_types tuples, as their classes
                // derive; so is NumPy's float64 a float, and an OrderedDict a dict.
                return name == builtin.name || (builtin.name == "int" && name == "bool")
                    || (builtin.name == "dict" && name == "OrderedDict")
                    || (builtin.name == "tuple" && value.tupleItems != nil)
                    || (builtin.name == "float" && value.numpyArray.map { $0.isScalar && $0.tensor.dtype == .float64 } == true)
            }
            // A tensor with autograd identity (a Parameter too) is a torch.Tensor.
            if builtin.name == "Tensor" { return value.asTensor != nil }
            if builtin.constructsLayer { return false }
        default: break
        }
        throw call.error("isinstance() arg 2 must be a class or a tuple of classes, not \(classinfo.typeDescription)",
                         at: "classinfo", raising: .typeError)
    }

    private static func classes(_ classinfo: Value, _ call: BuiltinCall) throws(RuntimeError) -> [PythonClass] {
        switch classinfo {
        case .pythonClass(let pythonClass): return [pythonClass]
        case .tuple(let items):
            var result: [PythonClass] = []
            for item in items { result += try classes(item, call) }
            return result
        default:
            throw call.error("issubclass() arg 2 must be a class or a tuple of classes", at: "classinfo", raising: .typeError)
        }
    }
}
