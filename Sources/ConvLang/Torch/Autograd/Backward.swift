import ConvAutograd
import ConvNumerics

/// `loss.backward()` and `torch.autograd.grad`: the engine's backward pass from the language.
enum Backward {
    /// `x.backward(gradient=None, retain_graph=None)`.
    /// `observer` hears the pass as it runs (`explain loss.backward()`).
    static func backward(_ call: BuiltinCall, observer: BackwardObserver? = nil) throws(RuntimeError) -> Value {
        let retain = try retainGraph(call)
        try refuseCreateGraph(call)
        let gradient = try optionalTensor(call, "gradient")
        guard case .variable(let box) = call.receiver else {
            throw AutogradValues.located(.doesNotRequireGrad, at: call.range)
        }
        do {
            try box.variable.backward(gradient, retainGraph: retain, observer: observer)
        } catch {
            throw AutogradValues.located(error, at: call.range)
        }
        return .none
    }

    /// `torch.autograd.grad(outputs, inputs, grad_outputs=None, retain_graph=None, allow_unused=False)`:
    /// a tuple of gradients (None for an unused input when allowed).
    static let grad = Builtin(
        name: "grad", aliases: ["torch.autograd.grad"],
        parameters: [.required("outputs"), .required("inputs"), .optional("grad_outputs", default: .none),
                     .optional("retain_graph", default: .none), .optional("create_graph", default: .bool(false)),
                     .optional("allow_unused", default: .bool(false))],
        summary: "the gradients of outputs with respect to inputs, as PyTorch's torch.autograd.grad",
        details: """
        torch.autograd.grad(outputs, inputs, grad_outputs=None, retain_graph=None, allow_unused=False)

        The gradient of outputs (a tensor or a sequence of them) with respect to each of inputs,
        as a tuple; no .grad changes.
          x = torch.tensor([1., 2.], requires_grad=True)
          torch.autograd.grad((x * x).sum(), x)
        """,
        takesPythonValues: true,
        body: { call throws(RuntimeError) in try autogradGrad(call) })

    private static func autogradGrad(_ call: BuiltinCall) throws(RuntimeError) -> Value {
        try refuseCreateGraph(call)
        let outputs = try variables(call, "outputs")
        let inputs = try variables(call, "inputs")
        var gradOutputs: [Tensor?]?
        if case .none = call.value("grad_outputs") {} else {
            gradOutputs = try sequence(call.value("grad_outputs")).map { value throws(RuntimeError) -> Tensor? in
                if case .none = value { return nil }
                return try Coercion.tensor(value, what: "grad_outputs", at: call.range(of: "grad_outputs"))
            }
        }
        let (retain, allowUnused) = (try retainGraph(call), try call.bool("allow_unused"))
        do {
            let grads = try Autograd.grad(outputs: outputs, inputs: inputs, gradOutputs: gradOutputs,
                                          retainGraph: retain, allowUnused: allowUnused)
            return .tuple(grads.map { $0.map(Value.tensor) ?? .none })
        } catch {
            throw AutogradValues.located(error, at: call.range)
        }
    }

    /// A tensor or a tuple or list of them, as the engine's variables; a plain tensor cannot be
    /// differentiated and is refused as PyTorch refuses it.
    private static func variables(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> [Variable] {
        try sequence(call.value(name)).map { value throws(RuntimeError) -> Variable in
            guard case .variable(let box) = value else {
                throw AutogradValues.located(name == "inputs" ? .inputDoesNotRequireGrad : .doesNotRequireGrad, at: call.range(of: name))
            }
            return box.variable
        }
    }

    private static func sequence(_ value: Value) -> [Value] {
        switch value {
        case .tuple(let items): items
        case .list(let list): list.items
        default: [value]
        }
    }

    private static func retainGraph(_ call: BuiltinCall) throws(RuntimeError) -> Bool {
        if case .none = call.value("retain_graph") { return false }
        return try call.bool("retain_graph")
    }

    private static func refuseCreateGraph(_ call: BuiltinCall) throws(RuntimeError) {
        if try call.bool("create_graph") {
            throw call.error("create_graph=True (gradients of gradients) is not supported by conv yet", at: "create_graph",
                             notes: ["conv's backward pass computes gradients as plain tensors, not as a graph that could be differentiated again",
                                     "backward() and torch.autograd.grad() with create_graph=False (the default) are supported"])
        }
    }

    private static func optionalTensor(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> Tensor? {
        if case .none = call.value(name) { return nil }
        return try call.tensor(name, allowNumber: true)
    }
}
