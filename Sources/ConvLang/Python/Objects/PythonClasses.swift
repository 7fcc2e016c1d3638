/// conv's own classes: `object`, Python's exception classes in Python's hierarchy, and
/// `nn.Module` (``UserModule`` holds its methods). Built once; never changed.
enum PythonClasses {
    /// The root of every class.
    static let object = PythonClass(
        name: "object", base: nil, attributes: ["__init__": method(objectInit)], isBuiltin: true, moduleName: "builtins")

    /// The root of the exceptions.
    static let baseException = builtinException("BaseException", base: object, attributes: ["__init__": method(exceptionInit)])
    static let exception = builtinException("Exception", base: baseException)
    static let arithmeticError = builtinException("ArithmeticError", base: exception)
    static let lookupError = builtinException("LookupError", base: exception)
    static let runtimeError = builtinException("RuntimeError", base: exception)
    static let zeroDivisionError = builtinException("ZeroDivisionError", base: arithmeticError)
    static let overflowError = builtinException("OverflowError", base: arithmeticError)
    static let indexError = builtinException("IndexError", base: lookupError)
    static let keyError = builtinException("KeyError", base: lookupError)
    static let notImplementedError = builtinException("NotImplementedError", base: runtimeError)
    static let valueError = builtinException("ValueError", base: exception)
    static let typeError = builtinException("TypeError", base: exception)
    static let assertionError = builtinException("AssertionError", base: exception)
    static let nameError = builtinException("NameError", base: exception)
    static let unboundLocalError = builtinException("UnboundLocalError", base: nameError)
    static let attributeError = builtinException("AttributeError", base: exception)
    static let osError = builtinException("OSError", base: exception)
    static let importError = builtinException("ImportError", base: exception)
    static let moduleNotFoundError = builtinException("ModuleNotFoundError", base: importError)
    static let stopIteration = builtinException("StopIteration", base: exception)
    static let generatorExit = builtinException("GeneratorExit", base: baseException)

    /// `nn.Module`: the base of a program's layers.
    static let module = PythonClass(name: "Module", base: object, attributes: UserModule.methods, isBuiltin: true,
                                     moduleName: "torch.nn.modules.module")

    /// `torch.utils.data.Dataset`: the base of a program's datasets, which define `__len__` and
    /// `__getitem__` for a `DataLoader` to read.
    static let dataset = PythonClass(name: "Dataset", base: object, isBuiltin: true, moduleName: "torch.utils.data.dataset")

    /// `torch.optim.Optimizer`: the base of the optimizers, for `isinstance(updater,
    /// torch.optim.Optimizer)` (conv's optimizers are its instances; a program cannot derive
    /// its own).
    static let optimizer = PythonClass(name: "Optimizer", base: object, isBuiltin: true, moduleName: "torch.optim.optimizer")

    /// The classes a program names directly: `object` and the exception classes.
    static let byName: [String: PythonClass] = {
        let classes = [object, baseException, exception, arithmeticError, lookupError, runtimeError, zeroDivisionError,
                       overflowError, indexError, keyError, notImplementedError, valueError, typeError, assertionError,
                       nameError, unboundLocalError, attributeError, osError, importError, moduleNotFoundError, stopIteration,
                       generatorExit]
        return Dictionary(uniqueKeysWithValues: classes.map { ($0.name, $0) })
    }()

    /// A class a program names at the top level (`ValueError`, `object`, `Module`), or nil.
    static func value(named name: String) -> Value? {
        if name == "Module" { return .pythonClass(module) }
        return byName[name].map(Value.pythonClass)
    }

    /// The classes reached through a namespace: `nn.Module`, `torch.nn.Module`.
    static func member(_ name: String, of namespace: Namespace) -> Value? {
        switch (namespace.name, name) {
        case ("torch.nn", "Module"): .pythonClass(module)
        case ("torch.utils.data", "Dataset"): .pythonClass(dataset)
        case ("torch.autograd", "Function"): .pythonClass(CustomFunction.baseClass)
        case ("torch.optim", "Optimizer"): .pythonClass(optimizer)
        default: nil
        }
    }

    private static func builtinException(_ name: String, base: PythonClass, attributes: [String: Value] = [:]) -> PythonClass {
        PythonClass(name: name, base: base, attributes: attributes, isBuiltin: true, moduleName: "builtins")
    }

    /// A builtin taking `self` first, as a method of a builtin class.
    static func method(_ builtin: Builtin) -> Value { .function(Function(.builtin(builtin))) }

    /// `object.__init__`: takes nothing, so `C(1)` for a class without `__init__` is refused.
    private static let objectInit = Builtin(
        name: "__init__", parameters: [.required("self"), .variadic("args")],
        summary: "object.__init__", details: "object.__init__(self)",
        body: { call throws(RuntimeError) in
            guard call.rest.isEmpty else {
                let name = call.value("self").pythonInstance?.pythonClass.name ?? "object"
                throw call.error("\(name)() takes no arguments", raising: .typeError)
            }
            return .none
        })

    /// `BaseException.__init__(self, *args)`: keeps the arguments as `args`.
    private static let exceptionInit = Builtin(
        name: "__init__", parameters: [.required("self"), .variadic("args")],
        summary: "BaseException.__init__", details: "BaseException.__init__(self, *args)",
        body: { call throws(RuntimeError) in
            call.value("self").pythonInstance?.setAttribute("args", .tuple(call.rest.map(\.value)))
            return .none
        })
}
