import ConvAutograd
import ConvNumerics

/// An instance of a program's `class Net(nn.Module):` — a layer like any other: `net(x)` runs
/// its `forward` method, its children are the attributes that hold layers, in the order they
/// were first assigned (`self.conv1 = nn.Conv1d(...)`), and it shows as PyTorch shows it.
///
/// nn.Module's own methods (``methods``) work on every layer, built in or not:
/// `.parameters()`, `.named_parameters()`, `.children()`, `.modules()`, `.train()`, `.eval()`.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class UserModule: PythonInstance, Module, @unchecked Sendable {
    let trainingFlag = TrainingFlag()
    /// PyTorch's `_modules`: the layers it holds by name, in the order first assigned, live —
    /// `self.conv = nn.Conv1d(...)` adds to it, and so does `self._modules["0"] = layer` (as a
    /// hand-written Sequential does), which `self.0`-style reads and the repr then see.
    private let modules: PythonDict = {
        let dict = PythonDict()
        dict.isOrdered = true
        return dict
    }()

    override init(of pythonClass: PythonClass) {
        super.init(of: pythonClass)
        setAttribute("training", .bool(true))
    }

    override var value: Value { .layer(Layer(self)) }

    /// `self.training = flag` (or `train()`/`eval()`) sets the layer's mode too, which the
    /// attribute shows; a layer assigned to an attribute is one of its ``children``.
    override func setAttribute(_ name: String, _ value: Value) {
        super.setAttribute(name, value)
        if name == "training", case .bool(let flag) = value { trainingFlag.isOn = flag }
        if case .layer = value { modules.store(value, for: .string(name)) } else { modules.remove(.string(name)) }
    }

    /// Its own attributes, then `_modules` and the layers held only there, as PyTorch's
    /// `__getattr__` finds them.
    override func attribute(_ name: String) -> Value? {
        if let own = super.attribute(name) { return own }
        if name == "_modules" { return .dict(modules) }
        return modules[.string(name)]
    }

    var typeName: String { pythonClass.name }

    var typeDescription: String {
        let count = children.count
        return "\(typeName)(\(count) layer\(count == 1 ? "" : "s"))"
    }

    /// PyTorch's repr: `Net(`, one `(name): layer` line per child (nested ones indented), `)`.
    var description: String { ModuleSequenceText.repr(typeName, children) }

    var children: [(name: String, module: any Module)] {
        zip(modules.keys, modules.values).compactMap { key, value in
            guard case .string(let name) = key, case .layer(let layer) = value else { return nil }
            return (name, layer.module)
        }
    }

    /// `add_module(name, layer)`: the layer held under `name`, as an attribute is.
    func addModule(_ module: any Module, named name: String) { setAttribute(name, .layer(Layer(module))) }

    /// Its own Parameters: the attributes that hold an `nn.Parameter` (`self.a =
    /// nn.Parameter(torch.randn(()))`), in the order first assigned, as PyTorch registers them;
    /// ``namedParameterValues`` adds those of its layers after them.
    var parameterValues: [(name: String, value: Value)] {
        attributeOrder.compactMap { name in
            guard case .variable(let box) = attribute(name), box.isParameter else { return nil }
            return (name, .variable(box))
        }
    }

    var parameters: [(name: String, tensor: Tensor)] {
        parameterValues.compactMap { named in named.value.asTensor.map { (named.name, $0) } }
    }

    /// `load_state_dict` writing one of its own Parameters: into the Parameter in place, so that
    /// an optimizer holding it sees the values, as PyTorch copies them.
    func assign(_ name: String, _ value: Value, nameRange: SourceRange, valueRange: SourceRange) throws(RuntimeError) {
        guard case .variable(let box) = attribute(name), box.isParameter else { throw refusedAssignment(name, at: nameRange) }
        let tensor = try Coercion.tensor(value, what: "the \(name)", at: valueRange, allowNumber: true)
        guard tensor.shape == box.tensor.shape else {
            throw RuntimeError("the \(name) must have shape \(box.tensor.shape), not \(tensor.shape)", at: valueRange)
        }
        do throws(AutogradError) { try box.assign(tensor, throughData: true) } catch {
            throw AutogradValues.located(error, at: valueRange)
        }
    }

    /// `net(x)`: the class's `forward` method, called with the arguments as given.
    func forward(_ call: ModuleCall) throws(RuntimeError) -> Value {
        guard let evaluator = call.context.evaluator else {
            throw RuntimeError("\(typeName) can only be called while its program runs", at: call.range)
        }
        return try evaluator.callMethod("forward", of: value, call.arguments, range: call.range)
    }

    var jsonFields: [(String, String)] {
        [("children", "{" + children.map { JSONEncoding.string($0.name) + ":" + JSONEncoding.encode(.layer(Layer($0.module))) }
            .joined(separator: ",") + "}")]
    }
}

// MARK: - nn.Module's methods

extension UserModule {
    /// nn.Module's methods, each a builtin taking the layer first.
    static let methods: [String: Value] = Dictionary(uniqueKeysWithValues: [
        initializer, forwardMissing, parametersMethod, namedParametersMethod, childrenMethod, namedChildrenMethod,
        modulesMethod, namedModulesMethod, trainMethod, evalMethod, addModuleMethod, registerModuleMethod, applyMethod, AutogradModuleMethods.zeroGrad, AutogradModuleMethods.requiresGrad,
        AutogradModuleMethods.double, AutogradModuleMethods.float, AutogradModuleMethods.to,
        StateDict.stateDict, StateDict.loadStateDict,
    ].map { ($0.name, PythonClasses.method($0)) })

    /// The layer a method was called on.
    private static func receiver(_ call: BuiltinCall) throws(RuntimeError) -> any Module {
        guard case .layer(let layer) = call.value("self") else {
            throw call.error("this method needs a layer, not \(call.value("self").typeDescription)", at: "self",
                             raising: .typeError)
        }
        return layer.module
    }

    /// Every layer in the tree, itself first, each once, named by path (`""`, `conv1`, `seq.0`).
    static func namedModules(of root: any Module) -> [(name: String, module: any Module)] {
        var seen: Set<ObjectIdentifier> = []
        var result: [(name: String, module: any Module)] = []
        func walk(_ module: any Module, _ path: String) {
            guard seen.insert(ObjectIdentifier(module)).inserted else { return }
            result.append((path, module))
            for child in module.children { walk(child.module, path.isEmpty ? child.name : path + "." + child.name) }
        }
        walk(root, "")
        return result
    }

    private static func selfOnly(_ name: String, _ summary: String, _ body: @escaping @Sendable (any Module) -> Value) -> Builtin {
        Builtin(name: name, parameters: [.required("self")], summary: summary, details: "\(name)(self)",
                body: { call throws(RuntimeError) in body(try receiver(call)) })
    }

    private static let initializer = Builtin(
        name: "__init__", parameters: [.required("self")], summary: "nn.Module.__init__", details: "nn.Module.__init__(self)",
        body: { _ throws(RuntimeError) in .none })

    private static let forwardMissing = Builtin(
        name: "forward", parameters: [.required("self"), .variadic("args")], summary: "nn.Module.forward",
        details: "nn.Module.forward(self, *args)",
        body: { call throws(RuntimeError) in
            throw call.error("Module [\(try receiver(call).typeName)] is missing the required \"forward\" function",
                             notes: ["define forward(self, x) in the class"], raising: .notImplementedError)
        })

    private static let parametersMethod = selfOnly("parameters", "the learned tensors") { module in
        .tuple(module.namedParameterValues.map(\.value))
    }

    private static let namedParametersMethod = selfOnly("named_parameters", "(name, tensor) for each learned tensor") { module in
        .tuple(module.namedParameterValues.map { .tuple([.string($0.name), $0.value]) })
    }

    private static let addModuleMethod = moduleAdder("add_module")
    private static let registerModuleMethod = moduleAdder("register_module")

    /// `m.add_module(name, layer)` (and `register_module`): a class's module holds it under
    /// `name`, a Sequential adds it at the end (or in the place of the layer of that name).
    private static func moduleAdder(_ name: String) -> Builtin {
        Builtin(
            name: name, parameters: [.required("self"), .required("name"), .required("module")],
            summary: "holds a layer under a name", details: "\(name)(self, name, module)", takesPythonValues: true,
            body: { call throws(RuntimeError) in
                let receiver = try receiver(call)
                guard case .string(let key) = call.value("name") else {
                    throw call.error("module name should be a string. Got \(call.value("name").typeName)", at: "name",
                                     raising: .typeError)
                }
                guard case .layer(let layer) = call.value("module") else {
                    throw call.error("\(call.value("module").typeName) is not a Module subclass", at: "module", raising: .typeError)
                }
                if key.contains(".") || key.isEmpty {
                    throw call.error(key.isEmpty ? "module name can't be empty string \"\"" : "module name can't contain \".\", got: \(key)",
                                     at: "name", raising: .keyError)
                }
                if let user = receiver as? UserModule {
                    user.addModule(layer.module, named: key)
                } else if let sequential = receiver as? Sequential {
                    sequential.add(layer.module, named: key)
                } else {
                    throw call.error("conv adds layers to a class's module or a Sequential, not to \(receiver.typeName)")
                }
                return .none
            })
    }

    /// `m.apply(fn)`: `fn(layer)` for every layer inside, each after the layers it holds, then
    /// for `m` itself, as PyTorch's `apply` walks them (a layer held twice is visited twice);
    /// gives `m`, so that calls chain.
    private static let applyMethod = Builtin(
        name: "apply", parameters: [.required("self"), .required("fn")], summary: "calls fn on every layer inside, then itself",
        details: "apply(self, fn)", takesPythonValues: true,
        body: { call throws(RuntimeError) in
            func visit(_ module: any Module) throws(RuntimeError) {
                for child in module.children { try visit(child.module) }
                _ = try call.invoke(call.value("fn"), [.layer(Layer(module))], for: "fn")
            }
            try visit(try receiver(call))
            return call.value("self")
        })

    private static let childrenMethod = selfOnly("children", "the layers it holds directly") { module in
        .tuple(module.children.map { .layer(Layer($0.module)) })
    }

    private static let namedChildrenMethod = selfOnly("named_children", "(name, layer) for each layer it holds") { module in
        .tuple(module.children.map { .tuple([.string($0.name), .layer(Layer($0.module))]) })
    }

    private static let modulesMethod = selfOnly("modules", "itself and every layer inside it") { module in
        .tuple(namedModules(of: module).map { .layer(Layer($0.module)) })
    }

    private static let namedModulesMethod = selfOnly("named_modules", "(path, layer) for itself and every layer inside it") { module in
        .tuple(namedModules(of: module).map { .tuple([.string($0.name), .layer(Layer($0.module))]) })
    }

    private static let trainMethod = Builtin(
        name: "train", parameters: [.required("self"), .optional("mode", default: .bool(true))],
        summary: "sets training mode on it and every layer inside", details: "train(self, mode=True)",
        body: { call throws(RuntimeError) in
            let module = try receiver(call)
            setTraining(try call.bool("mode"), in: module)
            return .layer(Layer(module))
        })

    private static let evalMethod = selfOnly("eval", "sets evaluation mode on it and every layer inside") { module in
        setTraining(false, in: module)
        return .layer(Layer(module))
    }

    /// Every layer's ``Module/training``; a program's own layers keep it as the attribute
    /// `.training` too, which their forward reads and may set.
    private static func setTraining(_ mode: Bool, in root: any Module) {
        for (_, module) in namedModules(of: root) {
            if let user = module as? UserModule { user.setAttribute("training", .bool(mode)) } else { module.training = mode }
        }
    }
}

// MARK: - explain

extension UserModule {
    /// `explain net(x)`: the shapes through the layers its forward chains, for this input,
    /// then its value (as a Sequential shows; refused when forward does more than chain them).
    func explain(_ call: ModuleCall, by explainer: Explainer) throws(RuntimeError) -> Value? {
        let input = try call.tensorInput()
        let run = try LayerTrace.run(self, input: input, range: call.range, context: call.context)
        let walk = try ShapeWalk.chained(self, run, input: input.shape, range: call.range)
        let channels = input.rank >= 2 ? input.shape[input.rank - 2] : 1
        call.context.output(.explanation(walk.render(length: input.shape.last ?? 0, channels: channels,
                                                     batch: input.rank == 3 ? input.shape[0] : nil)))
        return explainer.options.shapeOnly ? Value.none : .tensor(run.output)
    }
}
