import ConvAutograd
import ConvNumerics

/// A layer whose forward the engine can record: `m(x)` on a tensor that requires grad, or a
/// layer with Parameters while grad mode is on, gives a result with its `grad_fn`.
protocol DifferentiableModule: Module {
    /// The forward through the engine.
    func forward(variable x: Variable) throws(AutogradError) -> Variable
}

/// Calls of layers through the engine.
enum AutogradLayers {
    /// `m(x)`: through the engine when it records, else the layer's plain forward.
    static func call(_ module: any Module, _ call: ModuleCall) throws(RuntimeError) -> Value {
        // `inplace=True` changes a tensor with autograd identity in place.
        if call.arguments.count == 1, case .variable(let box) = call.arguments[0].value {
            if (module as? ReLU)?.inplace == true { return try AutogradInPlace.reluInPlace(box, at: call.range) }
            if let layer = module as? any PointwiseActivationModule, layer.inplace { return try PointwiseActivationBuiltins.inPlace(box, layer.function, at: call.range) }
            if let leaky = module as? LeakyReLU, leaky.inplace {
                return try AutogradInPlace.leakyReLUInPlace(box, slope: leaky.negativeSlope, at: call.range)
            }
        }
        if let value = try forward(module, call) { return value }
        return try module.forward(call)
    }

    /// `m(x)` through the engine when something in it requires grad and grad mode is on; nil
    /// when the plain forward gives the same (no input or Parameter requires grad, or no_grad).
    /// A refusal is the plain forward's located error where it has one, else PyTorch's.
    static func forward(_ module: any Module, _ call: ModuleCall) throws(RuntimeError) -> Value? {
        // ModuleList is not callable, and a pool giving its indices gives a pair: their own forward says so.
        guard GradMode.isEnabled, module is any DifferentiableModule || module is any ModuleSequence,
              !(module is ModuleList), (module as? MaxPool1d)?.returnIndices != true,
              call.arguments.count == 1, call.arguments[0].label == nil else { return nil }
        let input = call.arguments[0].value
        let inputRequiresGrad = if case .variable(let box) = input { box.requiresGrad } else { false }
        // conv's layers also take one signal as a rank-1 tensor; PyTorch's (and the engine's) do not.
        guard inputRequiresGrad || (requiresGrad(module) && (input.asTensor?.rank ?? 0) >= 2) else { return nil }
        do {
            let value = try run(module, input, call)
            // The limits a plain forward checks as it computes, checked on what the engine made.
            if let output = value.asTensor { try call.context.checkElementCount(of: output.shape, at: call.range) }
            return try call.context.checkMemory(afterMaking: value, at: call.range)
        } catch {
            _ = try module.forward(call)
            throw error
        }
    }

    private static func run(_ module: any Module, _ input: Value, _ call: ModuleCall) throws(RuntimeError) -> Value {
        if let sequence = module as? any ModuleSequence {
            var current = input
            for layer in sequence.layers {
                let step = call.passing(value: current)
                // Heard by summary and explain shape, as the plain forward's layers are.
                let layerTrace = call.context.evaluator?.python.layerTrace
                let traced = layerTrace?.begin(layer, step)
                current = try Self.call(layer, step)
                if let traced { layerTrace?.end(traced, current) }
            }
            return current
        }
        guard let differentiable = module as? any DifferentiableModule else { return try module.forward(call) }
        let x = LayerDTypes.variableInput(try AutogradValues.variable(input, what: "the layer's input", at: call.inputRange), for: module)
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try differentiable.forward(variable: x) }
    }

    /// Whether a Parameter of the layer (or of a layer inside it) requires grad.
    private static func requiresGrad(_ module: any Module) -> Bool {
        module.namedParameterValues.contains { named in
            if case .variable(let box) = named.value { box.requiresGrad } else { false }
        }
    }
}

extension ModuleCall {
    /// The same call with `value` as its one argument (a tensor or a variable).
    func passing(value: Value) -> ModuleCall {
        ModuleCall(arguments: [Evaluator.EvaluatedArgument(value: value, range: inputRange)], range: range, context: context)
    }
}

extension Conv1d: DifferentiableModule {
    func forward(variable x: Variable) throws(AutogradError) -> Variable {
        try Functional.conv1d(x, state.weightParameter.variable, state.biasParameter?.variable, parameters: settings)
    }
}

extension ConvTranspose1d: DifferentiableModule {
    func forward(variable x: Variable) throws(AutogradError) -> Variable {
        try Functional.convTranspose1d(x, state.weightParameter.variable, state.biasParameter?.variable, parameters: settings)
    }
}

extension MaxPool1d: DifferentiableModule {
    func forward(variable x: Variable) throws(AutogradError) -> Variable { try Functional.maxPool1d(x, parameters: settings) }
}

extension AvgPool1d: DifferentiableModule {
    func forward(variable x: Variable) throws(AutogradError) -> Variable { try Functional.avgPool1d(x, parameters: settings) }
}

extension ReLU: DifferentiableModule {
    func forward(variable x: Variable) throws(AutogradError) -> Variable { try x.relu() }
}

extension Sigmoid: DifferentiableModule {
    func forward(variable x: Variable) throws(AutogradError) -> Variable { try x.sigmoid() }
}

extension Tanh: DifferentiableModule {
    func forward(variable x: Variable) throws(AutogradError) -> Variable { try x.tanh() }
}

extension LeakyReLU: DifferentiableModule {
    func forward(variable x: Variable) throws(AutogradError) -> Variable {
        try Functional.leakyReLU(x, negativeSlope: negativeSlope)
    }
}

extension GELU: DifferentiableModule {
    func forward(variable x: Variable) throws(AutogradError) -> Variable {
        try Functional.gelu(x, tanhApproximation: approximate == "tanh")
    }
}

extension Softmax: DifferentiableModule {
    func forward(variable x: Variable) throws(AutogradError) -> Variable { try x.softmax(dim: dim) }
}

extension Identity: DifferentiableModule {
    func forward(variable x: Variable) throws(AutogradError) -> Variable { x }
}

/// nn.Module's methods about gradients, beside its others (``UserModule/methods``).
enum AutogradModuleMethods {
    /// `net.zero_grad(set_to_none=True)`: clears the `.grad` of every Parameter inside.
    static let zeroGrad = Builtin(
        name: "zero_grad", parameters: [.required("self"), .optional("set_to_none", default: .bool(true))],
        summary: "clears the gradient of every parameter", details: "zero_grad(self, set_to_none=True)",
        body: { call throws(RuntimeError) in
            let module = try layer(call)
            let setToNone = try call.bool("set_to_none")
            for named in module.namedParameterValues {
                guard case .variable(let box) = named.value, box.gradValue != .none else { continue }
                box.setGradient(setToNone ? nil : WeightInitialization.zeros(box.tensor))
            }
            return .none
        })

    /// `m.double()`, `m.float()`: every Parameter of the layer converted in place (each stays the
    /// same object, as PyTorch's), giving the layer.
    static let double = converting("double", to: .float64)
    static let float = converting("float", to: .float32)

    /// `m.to(torch.float64)`, `m.to("cpu")`, `m.to(dtype=..., device=...)`.
    static let to = Builtin(
        name: "to", parameters: [.required("self"), .variadic("args"), .optional("dtype", default: .none, namedOnly: true),
                                 .optional("device", default: .none, namedOnly: true)],
        summary: "converts every parameter to a dtype (or keeps them on the CPU)", details: "to(self, *args, dtype=None, device=None)",
        body: { call throws(RuntimeError) in
            let module = try layer(call)
            try DeviceArgument.check(call.value("device"), at: call.range(of: "device"))
            var dtype = DTypeValues.dtype(of: call.value("dtype"))
            for (value, range) in call.rest {
                if DeviceArgument.isDevice(value) { try DeviceArgument.check(value, at: range); continue }
                guard let named = DTypeValues.dtype(of: value) else {
                    throw RuntimeError("to() received an invalid combination of arguments: \(ValueFormatter.repr(value)) is neither a dtype nor a device",
                                       at: range, raising: .typeError)
                }
                dtype = named
            }
            if let dtype, !dtype.isFloatingPoint {
                throw call.error("nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=\(dtype.torchName)",
                                 raising: .typeError)
            }
            if let dtype { LayerDTypes.convert(module, to: dtype) }
            return call.value("self")
        })

    private static func converting(_ name: String, to dtype: DType) -> Builtin {
        Builtin(name: name, parameters: [.required("self")], summary: "converts every parameter to \(dtype.torchName)",
                details: "\(name)(self)", body: { call throws(RuntimeError) in
                    LayerDTypes.convert(try layer(call), to: dtype)
                    return call.value("self")
                })
    }

    private static func layer(_ call: BuiltinCall) throws(RuntimeError) -> any Module {
        guard case .layer(let layer) = call.value("self") else {
            throw call.error("\(call.builtin.name) needs a layer, not \(call.value("self").typeDescription)", at: "self", raising: .typeError)
        }
        return layer.module
    }

    /// `net.requires_grad_(False)`: every Parameter inside stops (or starts) requiring grad, as
    /// when the layers of a trained network are frozen; gives the layer back.
    static let requiresGrad = Builtin(
        name: "requires_grad_", parameters: [.required("self"), .optional("requires_grad", default: .bool(true))],
        summary: "sets requires_grad on every parameter", details: "requires_grad_(self, requires_grad=True)",
        body: { call throws(RuntimeError) in
            let module = try layer(call)
            let flag = try call.bool("requires_grad")
            for named in module.namedParameterValues {
                guard case .variable(let box) = named.value else { continue }
                do throws(AutogradError) { try box.variable.setRequiresGrad(flag) } catch {
                    throw AutogradValues.located(error, at: call.range)
                }
            }
            return call.value("self")
        })
}
