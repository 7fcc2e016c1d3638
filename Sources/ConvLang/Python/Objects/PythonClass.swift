/// A Python class: one the program made with `class NAME(BASE):`, or one of conv's own
/// (`object`, the exception classes, `nn.Module`).
///
/// conv has single inheritance, so the method resolution order is the class and its bases,
/// nearest first. A class is a reference object, as in Python: `C.count = 1` changes it for every
/// instance. conv's own classes never change (assigning to them is refused), so one table of
/// them serves every interpreter.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time,
// and the shared builtin classes are never changed.
public final class PythonClass: @unchecked Sendable {
    /// The name the class was defined with.
    public let name: String
    let base: PythonClass?
    /// What the class body bound: methods, `@staticmethod`/`@classmethod`/`@property` wrappers
    /// and class attributes. A builtin class holds builtins taking `self` first.
    var attributes: [String: Value]
    /// Whether it is one of conv's own classes, which a program cannot change.
    let isBuiltin: Bool
    /// Where Python says the class lives, as `repr` shows it: `__main__`, `builtins`, `torch.nn`.
    let moduleName: String

    init(name: String, base: PythonClass?, attributes: [String: Value] = [:], isBuiltin: Bool = false,
         moduleName: String = "__main__") {
        self.name = name
        self.base = base
        self.attributes = attributes
        self.isBuiltin = isBuiltin
        self.moduleName = moduleName
    }

    /// The class and its bases, nearest first: where attributes are looked up.
    var lineage: [PythonClass] {
        var result = [self]
        var next = base
        while let current = next {
            result.append(current)
            next = current.base
        }
        return result
    }

    /// The attribute `name` as the class or its nearest base defines it, with that class.
    func lookup(_ name: String, after start: PythonClass? = nil) -> (value: Value, owner: PythonClass)? {
        var classes = lineage[...]
        if let start, let position = classes.firstIndex(where: { $0 === start }) { classes = classes[(position + 1)...] }
        for owner in classes {
            if let value = owner.attributes[name] { return (value, owner) }
        }
        return nil
    }

    func isSubclass(of other: PythonClass) -> Bool { lineage.contains { $0 === other } }

    /// Whether its instances are layers: it derives from `nn.Module`.
    var isModule: Bool { isSubclass(of: PythonClasses.module) }

    /// Whether its instances can be raised: it derives from `BaseException`.
    var isException: Bool { isSubclass(of: PythonClasses.baseException) }

    /// `<class '__main__.Net'>`, as Python shows a class.
    var repr: String { moduleName == "builtins" ? "<class '\(name)'>" : "<class '\(moduleName).\(name)'>" }
}

/// An instance of a ``PythonClass``: its class and its own attributes, in the order they were
/// first set (an `nn.Module` subclass lists its layers in that order, as PyTorch does).
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
public class PythonInstance: @unchecked Sendable {
    /// The class it was made from.
    public let pythonClass: PythonClass
    private(set) var attributes: [String: Value] = [:]
    private(set) var attributeOrder: [String] = []
    /// For an exception made of one of conv's own errors when `except` caught it: that error,
    /// so that raising the exception again reports it exactly as conv did.
    var origin: RuntimeError?

    init(of pythonClass: PythonClass) { self.pythonClass = pythonClass }

    func attribute(_ name: String) -> Value? { attributes[name] }

    func setAttribute(_ name: String, _ value: Value) {
        if attributes.updateValue(value, forKey: name) == nil { attributeOrder.append(name) }
    }

    /// The instance as a value: a layer when its class derives from `nn.Module`.
    var value: Value { .instance(self) }

    /// A new instance of `pythonClass`, a ``UserModule`` for an `nn.Module` subclass.
    static func make(of pythonClass: PythonClass) -> PythonInstance {
        pythonClass.isModule ? UserModule(of: pythonClass) : PythonInstance(of: pythonClass)
    }
}

/// What `super()` gives: the receiver, seen from past one class of its lineage.
final class SuperObject: PythonInstance, @unchecked Sendable {
    /// The class whose bases are searched (the one the method was defined in).
    let start: PythonClass
    let receiver: Value

    init(start: PythonClass, receiver: Value, receiverClass: PythonClass) {
        self.start = start
        self.receiver = receiver
        super.init(of: receiverClass)
    }
}

/// A function seen through a class: bound to an instance, or wrapped by a known decorator.
enum PythonMethod: Sendable {
    /// `obj.method`: calling it passes `receiver` first.
    case bound(function: Value, receiver: Value)
    /// `@staticmethod`: called as it is, from the class or an instance.
    case staticMethod(Value)
    /// `@classmethod`: the class is passed first.
    case classMethod(Value)
    /// `@property`: reading the attribute calls the getter.
    case property(getter: Value)
    /// `@torch.no_grad()` (and `enable_grad`, `inference_mode`): called as it is, with grad
    /// mode set as the decorator's context sets it for the call.
    case gradMode(Value, enabled: Bool)

    /// The function inside.
    var function: Value {
        switch self {
        case .bound(let function, _), .staticMethod(let function), .classMethod(let function), .property(let function),
             .gradMode(let function, _): function
        }
    }

    /// The name of the function inside.
    var name: String {
        if case .function(let function) = function { return function.name }
        return "method"
    }

    /// The parameters a caller gives: a bound method's first is given for it.
    var parameterNames: [String] {
        guard case .function(let function) = function else { return [] }
        switch self {
        case .bound, .classMethod: return Array(function.parameterNames.dropFirst())
        case .staticMethod, .property, .gradMode: return function.parameterNames
        }
    }
}

extension Value {
    /// The Python instance a value is: a plain instance, or an `nn.Module` subclass's layer.
    var pythonInstance: PythonInstance? {
        switch self {
        case .instance(let instance): instance
        case .layer(let layer): layer.module as? UserModule
        default: nil
        }
    }
}
