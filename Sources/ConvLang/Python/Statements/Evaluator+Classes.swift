/// Python's classes: `class` statements, making instances, attributes, bound methods and `super()`.
extension Evaluator {
    /// What the evaluator keeps for Python's classes and exceptions while a program runs.
    struct PythonState {
        /// The errors the running `except` handlers caught, innermost last, for a bare `raise`.
        var handled: [RuntimeError] = []
        /// Records layer calls while `summary` or `explain shape` runs a program's layer.
        var layerTrace: LayerTrace?
    }

    // MARK: - The class statement

    /// `class NAME(BASE): BODY`: runs the body in a scope of its own, whose bindings become the
    /// class's attributes. The body reads the enclosing function's variables through cells and
    /// everything else from the module; its methods see the class as `__class__`, set once the
    /// body has run.
    func defineClass(_ definition: ClassDefinition, _ locals: inout Locals?) throws(RuntimeError) {
        if let decorator = definition.decorators.first { throw PythonDecorators.refusal(decorator) }
        let base = try baseClass(of: definition, locals)
        let pythonClass = PythonClass(name: definition.name, base: base)
        let (scope, freeCells) = try nestedScope(at: definition.range.start, locals) { enclosing throws(RuntimeError) in
            try ScopeResolver.resolve(definition, enclosing: enclosing)
        }
        var body: Locals? = Frame.make(scope, freeCells: freeCells, classNamespace: pythonClass)
        _ = try run(definition.body, &body)
        if scope.cellNames.contains(Scope.classCell), let index = scope.capturedCell(Scope.classCell) {
            body?.cells[index].value = .pythonClass(pythonClass)
        }
        try assign(definition.name, .pythonClass(pythonClass), at: definition.nameRange, &locals)
    }

    /// The one base a class may have (`object` when none is written).
    private func baseClass(of definition: ClassDefinition, _ locals: Locals?) throws(RuntimeError) -> PythonClass {
        var bases: [PythonClass] = []
        for argument in definition.bases {
            if let label = argument.label {
                throw RuntimeError("conv does not take '\(label)=' in a class statement", at: argument.range,
                                   raising: .typeError)
            }
            let value = try evaluate(argument.value, locals)
            guard case .pythonClass(let base) = value else {
                var notes: [String] = []
                if case .function(let function) = value, case .builtin(let builtin) = function.kind, builtin.constructsLayer {
                    notes.append("derive from nn.Module and make the \(builtin.name) an attribute: self.layer = nn.\(builtin.name)(...)")
                }
                throw RuntimeError("a class can derive only from a class, not \(value.typeName)", at: argument.range,
                                   notes: notes, raising: .typeError)
            }
            bases.append(base)
        }
        // `class C(Base, object)` is single inheritance all the same.
        let meaningful = bases.filter { $0 !== PythonClasses.object }
        guard meaningful.count <= 1 else {
            throw RuntimeError("conv runs classes with one base class; '\(definition.name)' has \(meaningful.count)",
                               at: definition.bases[1].range.union(definition.bases[definition.bases.count - 1].range),
                               notes: ["hold the other classes' objects as attributes instead"], raising: .typeError)
        }
        return meaningful.first ?? PythonClasses.object
    }

    // MARK: - Instances and calls

    /// `C(args)`: a new instance, with `args` kept for an exception and `__init__` run on it.
    func instantiate(_ pythonClass: PythonClass, _ arguments: [EvaluatedArgument], range: SourceRange) throws(RuntimeError) -> Value {
        let instance = PythonInstance.make(of: pythonClass)
        if pythonClass.isException { instance.setAttribute("args", .tuple(arguments.filter { $0.label == nil }.map(\.value))) }
        let value = instance.value
        if let initializer = pythonClass.lookup("__init__") {
            let result = try callBound(initializer.value, receiver: value, arguments, range: range)
            guard case .none = result else {
                throw RuntimeError("__init__() should return None, not \(result.typeDescription)", at: range, raising: .typeError)
            }
        }
        return value
    }

    /// Calls the method `name` of `receiver` (an instance or a program's layer).
    func callMethod(_ name: String, of receiver: Value, _ arguments: [EvaluatedArgument], range: SourceRange) throws(RuntimeError) -> Value {
        let method = try pythonMember(name, of: receiver, nameRange: range) ?? .none
        return try call(method, arguments, range: range, calleeRange: range, observer: callObserver)
    }

    /// Calls a function found on a class with `receiver` first.
    private func callBound(_ function: Value, receiver: Value, _ arguments: [EvaluatedArgument], range: SourceRange) throws(RuntimeError) -> Value {
        let bound = bind(function, to: receiver, from: receiver.pythonInstance?.pythonClass)
        return try call(bound, arguments, range: range, calleeRange: range, observer: callObserver)
    }

    /// Calls what a class and its instances add to calling: classes make instances, instances
    /// with `__call__` run it, methods pass their receiver. Nil for other values.
    func callPythonObject(_ callee: Value, _ arguments: [EvaluatedArgument], range: SourceRange, calleeRange: SourceRange) throws(RuntimeError) -> Value? {
        switch callee {
        case .pythonClass(let pythonClass):
            return try instantiate(pythonClass, arguments, range: range)
        case .instance(let instance):
            guard let method = instance.pythonClass.lookup("__call__") else {
                throw RuntimeError("'\(instance.pythonClass.name)' object is not callable", at: calleeRange, raising: .typeError)
            }
            return try callBound(method.value, receiver: callee, arguments, range: range)
        case .function(let function):
            guard case .method(let method) = function.kind else { return nil }
            switch method {
            case .bound(let inner, let receiver):
                let first = EvaluatedArgument(value: receiver, range: calleeRange)
                return try call(inner, [first] + arguments, range: range, calleeRange: calleeRange, observer: callObserver)
            case .staticMethod(let inner), .classMethod(let inner), .property(let inner):
                return try call(inner, arguments, range: range, calleeRange: calleeRange, observer: callObserver)
            case .gradMode(let inner, let enabled):
                return try GradModeContext.run([GradModeContext(typeName: enabled ? "enable_grad" : "no_grad", enabled: enabled)]) {
                    () throws(RuntimeError) in try call(inner, arguments, range: range, calleeRange: calleeRange, observer: callObserver)
                }
            }
        default:
            return nil
        }
    }

    /// Calls `receiver`'s special method `name` (`__len__`, `__getitem__`) with `arguments`, or
    /// gives nil when its class has none.
    func callSpecial(_ name: String, of receiver: Value, _ arguments: [Value], range: SourceRange) throws(RuntimeError) -> Value? {
        guard let method = receiver.pythonInstance?.pythonClass.lookup(name) else { return nil }
        return try callBound(method.value, receiver: receiver, arguments.map { EvaluatedArgument(value: $0, range: range) }, range: range)
    }

    /// `obj[key]` for an instance whose class defines `__getitem__`; one index, no slices.
    func getItem(of base: Value, _ subscripts: [Subscript], range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> Value {
        guard subscripts.count == 1, case .index(let keyExpr) = subscripts[0] else {
            throw RuntimeError("conv passes one index to __getitem__, not slices or several", at: range, raising: .typeError)
        }
        let key = try evaluate(keyExpr, locals)
        guard let item = try callSpecial("__getitem__", of: base, [key], range: range) else {
            throw RuntimeError("'\(base.typeDescription)' object is not subscriptable", at: range, raising: .typeError)
        }
        return item
    }

    // MARK: - Attributes

    /// `object.name` for classes, instances and a program's layers, or nil for other values
    /// (and for a builtin layer's own members, which ``member(_:of:nameRange:objectExpr:)`` reads).
    func pythonMember(_ name: String, of object: Value, nameRange: SourceRange) throws(RuntimeError) -> Value? {
        switch object {
        case .pythonClass(let pythonClass):
            if name == "__name__" { return .string(pythonClass.name) }
            guard let found = pythonClass.lookup(name) else {
                throw RuntimeError("type object '\(pythonClass.name)' has no attribute '\(name)'", at: nameRange, raising: .attributeError)
            }
            return unwrapFromClass(found.value, pythonClass)
        case .layer(let layer) where !(layer.module is UserModule):
            // nn.Module's methods work on the builtin layers too: model.parameters().
            guard layer.module.member(name) == nil, let method = PythonClasses.module.attributes[name] else { return nil }
            return bind(method, to: object, from: PythonClasses.module)
        default:
            guard let instance = object.pythonInstance else { return nil }
            if let superObject = instance as? SuperObject {
                guard let found = superObject.pythonClass.lookup(name, after: superObject.start) else {
                    throw RuntimeError("'super' object has no attribute '\(name)'", at: nameRange, raising: .attributeError)
                }
                return bind(found.value, to: superObject.receiver, from: superObject.pythonClass)
            }
            return try attribute(name, of: instance, receiver: object, nameRange: nameRange)
        }
    }

    private func attribute(_ name: String, of instance: PythonInstance, receiver: Value, nameRange: SourceRange) throws(RuntimeError) -> Value {
        let found = instance.pythonClass.lookup(name)
        if let found, case .function(let function) = found.value, case .method(.property(let getter)) = function.kind {
            return try call(getter, [EvaluatedArgument(value: receiver, range: nameRange)], range: nameRange, calleeRange: nameRange,
                            observer: callObserver)
        }
        if let value = instance.attribute(name) { return value }
        if let found { return bind(found.value, to: receiver, from: instance.pythonClass) }
        if name == "__class__" { return .pythonClass(instance.pythonClass) }
        var notes: [String] = []
        let known = instance.attributeOrder + instance.pythonClass.lineage.flatMap { $0.isBuiltin ? [] : Array($0.attributes.keys) }
        if let suggestion = Suggestion.nearest(to: name, in: known) { notes.append("did you mean '\(suggestion)'?") }
        throw RuntimeError("'\(instance.pythonClass.name)' object has no attribute '\(name)'", at: nameRange, notes: notes,
                           raising: .attributeError)
    }

    /// A class attribute read through an instance: functions bind it, `@staticmethod` unwraps,
    /// `@classmethod` binds the class; anything else is itself.
    private func bind(_ value: Value, to receiver: Value, from pythonClass: PythonClass?) -> Value {
        // A method `functools.lru_cache` wrapped binds as a function does, as Python's wrapper is a descriptor.
        if case .object(let box) = value, box.object is CachedFunction { return .function(Function(.method(.bound(function: value, receiver: receiver)))) }
        guard case .function(let function) = value else { return value }
        switch function.kind {
        case .method(.staticMethod(let inner)): return inner
        case .method(.classMethod(let inner)):
            guard let pythonClass else { return inner }
            return .function(Function(.method(.bound(function: inner, receiver: .pythonClass(pythonClass)))))
        // A method under `@torch.no_grad()` binds as the function it wraps.
        case .method(.gradMode): return .function(Function(.method(.bound(function: value, receiver: receiver))))
        case .method: return value
        default: return .function(Function(.method(.bound(function: value, receiver: receiver))))
        }
    }

    /// A class attribute read through the class: `C.f` is the plain function, `C.s` a static
    /// method's function, `C.c` a class method bound to `C`.
    private func unwrapFromClass(_ value: Value, _ pythonClass: PythonClass) -> Value {
        guard case .function(let function) = value, case .method(let method) = function.kind else { return value }
        switch method {
        case .staticMethod(let inner): return inner
        case .classMethod: return bind(value, to: .pythonClass(pythonClass), from: pythonClass)
        case .bound, .property, .gradMode: return value
        }
    }

    /// `object.name = value` for classes, instances and a program's layers; false for other
    /// values, which the caller handles.
    func assignPythonAttribute(_ name: String, of object: Value, _ value: Value, nameRange: SourceRange) throws(RuntimeError) -> Bool {
        if case .variable(let box) = object { return try TensorMembers.assign(name, of: box, value, at: nameRange) }
        if case .pythonClass(let pythonClass) = object {
            guard !pythonClass.isBuiltin else {
                throw RuntimeError("cannot set '\(name)' on the built-in class '\(pythonClass.name)'", at: nameRange, raising: .typeError)
            }
            pythonClass.attributes[name] = value
            return true
        }
        // `f.calls = 0`: a `def` function takes attributes, as in Python.
        if case .function(let function) = object, case .python(let python) = function.kind {
            python.attributes.values[name] = value
            return true
        }
        guard let instance = object.pythonInstance, !(instance is SuperObject) else { return false }
        if let found = instance.pythonClass.lookup(name), case .function(let function) = found.value,
           case .method(.property) = function.kind {
            throw RuntimeError("property '\(name)' of '\(instance.pythonClass.name)' object has no setter", at: nameRange,
                               raising: .attributeError)
        }
        instance.setAttribute(name, value)
        return true
    }

    // MARK: - super()

    /// `super()` inside a method: the class the method was defined in (its `__class__` cell)
    /// and the method's first argument, as Python finds them in the running frame.
    func makeSuper(in frame: Frame?, range: SourceRange) throws(RuntimeError) -> Value {
        guard let frame, let index = frame.scope.capturedCell(Scope.classCell),
              case .pythonClass(let definingClass) = frame.cells[index].value, let first = frame.scope.firstParameter else {
            throw RuntimeError("super(): no arguments outside a method", at: range,
                               notes: ["call super() inside a method of a class, or write super(C, self)"])
        }
        guard let receiver = try local(first, at: range, frame) else {
            throw RuntimeError("super(): arg[0] deleted", at: range)
        }
        return try makeSuper(definingClass, receiver, range: range)
    }

    /// `super(C, obj)`: `obj` seen from past `C`.
    func makeSuper(_ arguments: [Value], range: SourceRange) throws(RuntimeError) -> Value {
        guard arguments.count == 2, case .pythonClass(let given) = arguments[0] else {
            if arguments.isEmpty { return try makeSuper(in: nil, range: range) }
            throw RuntimeError("super() takes a class and an object: super(C, self)", at: range, raising: .typeError)
        }
        return try makeSuper(given, arguments[1], range: range)
    }

    private func makeSuper(_ start: PythonClass, _ receiver: Value, range: SourceRange) throws(RuntimeError) -> Value {
        guard let receiverClass = receiver.pythonInstance?.pythonClass ?? { if case .pythonClass(let c) = receiver { c } else { nil } }(),
              receiverClass.isSubclass(of: start) else {
            throw RuntimeError("super(type, obj): obj must be an instance or subtype of type", at: range, raising: .typeError)
        }
        return .instance(SuperObject(start: start, receiver: receiver, receiverClass: receiverClass))
    }
}

/// The decorators a `def` may carry, applied as Python applies them (the nearest first).
enum PythonDecorators {
    /// The function as the decorators leave it. `@staticmethod`, `@classmethod`, `@property`
    /// and the grad-mode contexts (`@torch.no_grad()`) wrap it as conv's methods do; any other
    /// decorator is evaluated by `evaluate` and called with the function by `call`, as Python
    /// does (`@functools.lru_cache`, a decorator the program defines).
    static func apply(
        _ decorators: [Decorator], to function: Value, evaluate: (Expr) throws(RuntimeError) -> Value,
        call: (Value, Value, SourceRange) throws(RuntimeError) -> Value
    ) throws(RuntimeError) -> Value {
        var result = function
        for decorator in decorators.reversed() {
            let method: PythonMethod
            switch decorator.known {
            case .staticmethod: method = .staticMethod(result)
            case .classmethod: method = .classMethod(result)
            case .property: method = .property(getter: result)
            case nil:
                // A property's setter or deleter: conv's properties are read-only.
                if case .member(_, let name, _, _) = decorator.expression, ["setter", "deleter", "getter"].contains(name) {
                    throw refusal(decorator)
                }
                guard let enabled = try gradMode(of: decorator, evaluate) else {
                    result = try call(try evaluate(decorator.expression), result, decorator.range)
                    continue
                }
                method = .gradMode(result, enabled: enabled)
            }
            result = .function(Function(.method(method)))
        }
        return result
    }

    /// The grad mode a decorator sets for its function's calls: `@torch.no_grad()`,
    /// `@torch.inference_mode()`, `@torch.enable_grad()`, `@torch.set_grad_enabled(False)`, or
    /// the bare `@torch.no_grad`; nil for any other decorator (which is not evaluated).
    private static func gradMode(of decorator: Decorator, _ evaluate: (Expr) throws(RuntimeError) -> Value) throws(RuntimeError) -> Bool? {
        let callee: Expr = if case .call(let inner, _, _) = decorator.expression { inner } else { decorator.expression }
        let last: String? = switch callee {
        case .name(let name, _): name
        case .member(_, let name, _, _): name
        default: nil
        }
        guard let last, GradModeContext.names.contains(last) else { return nil }
        switch try evaluate(decorator.expression) {
        case .object(let box):
            return (box.object as? GradModeContext)?.enabled
        case .function(let function) where function.name == "no_grad" || function.name == "enable_grad" || function.name == "inference_mode":
            return function.name == "enable_grad"
        default:
            return nil
        }
    }

    /// Why a class decorator or a property's setter is refused.
    static func refusal(_ decorator: Decorator) -> RuntimeError {
        let refused = UnsupportedSyntax.decorator(spelling(decorator.expression))
        return RuntimeError(refused.message, at: decorator.range, notes: refused.alternative.map { [$0] } ?? [])
    }

    /// The decorator as written, for the refusal: `functools.cache`, `lru_cache(...)`.
    static func spelling(_ expression: Expr) -> String {
        switch expression {
        case .name(let name, _): name
        case .member(let object, let name, _, _): spelling(object) + "." + name
        case .call(let callee, _, _): spelling(callee) + "(...)"
        default: "..."
        }
    }
}
