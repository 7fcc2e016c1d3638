import ConvAutograd
import ConvNumerics

/// `torch.optim.SGD`, `Adam`, `AdamW`, `RMSprop`, `Adagrad`: their keyword arguments map one to
/// one onto the engine's rules, which refuse what PyTorch refuses, in its words.
enum OptimizerBuiltins {
    static let all: [Builtin] = [sgd, adam, adamW, rmsprop, adagrad] + SchedulerBuiltins.all

    private static let sgd = optimizer(
        "SGD", [option("lr", .number(1e-3)), option("momentum", .int(0)), option("dampening", .int(0)),
                option("weight_decay", .int(0)), option("nesterov", .bool(false))]) { call throws(RuntimeError) in
        let (lr, momentum, dampening) = (try call.number("lr"), try call.number("momentum"), try call.number("dampening"))
        let (decay, nesterov) = (try call.number("weight_decay"), try call.bool("nesterov"))
        return try build(call) { () throws(AutogradError) in
            try SGD(lr: lr, momentum: momentum, dampening: dampening, weightDecay: decay, nesterov: nesterov)
        }
    }

    private static let adam = optimizer("Adam", adamOptions(weightDecay: .int(0))) { call throws(RuntimeError) in
        let (lr, betas, eps) = (try call.number("lr"), try betas(call), try call.number("eps"))
        let (decay, amsgrad) = (try call.number("weight_decay"), try call.bool("amsgrad"))
        return try build(call) { () throws(AutogradError) in
            try Adam(lr: lr, betas: betas, eps: eps, weightDecay: decay, amsgrad: amsgrad)
        }
    }

    private static let adamW = optimizer("AdamW", adamOptions(weightDecay: .number(1e-2))) { call throws(RuntimeError) in
        let (lr, betas, eps) = (try call.number("lr"), try betas(call), try call.number("eps"))
        let (decay, amsgrad) = (try call.number("weight_decay"), try call.bool("amsgrad"))
        return try build(call) { () throws(AutogradError) in
            try Adam.adamW(lr: lr, betas: betas, eps: eps, weightDecay: decay, amsgrad: amsgrad)
        }
    }

    private static let rmsprop = optimizer(
        "RMSprop", [option("lr", .number(1e-2)), option("alpha", .number(0.99)), option("eps", .number(1e-8)),
                    option("weight_decay", .int(0)), option("momentum", .int(0)), option("centered", .bool(false))]) { call throws(RuntimeError) in
        let (lr, alpha, eps) = (try call.number("lr"), try call.number("alpha"), try call.number("eps"))
        let (decay, momentum, centered) = (try call.number("weight_decay"), try call.number("momentum"), try call.bool("centered"))
        return try build(call) { () throws(AutogradError) in
            try RMSprop(lr: lr, alpha: alpha, eps: eps, weightDecay: decay, momentum: momentum, centered: centered)
        }
    }

    private static let adagrad = optimizer(
        "Adagrad", [option("lr", .number(1e-2)), option("lr_decay", .int(0)), option("weight_decay", .int(0)),
                    option("initial_accumulator_value", .int(0)), option("eps", .number(1e-10))]) { call throws(RuntimeError) in
        let (lr, lrDecay, decay) = (try call.number("lr"), try call.number("lr_decay"), try call.number("weight_decay"))
        let (initial, eps) = (try call.number("initial_accumulator_value"), try call.number("eps"))
        return try build(call) { () throws(AutogradError) in
            try Adagrad(lr: lr, lrDecay: lrDecay, weightDecay: decay, initialAccumulatorValue: initial, eps: eps)
        }
    }

    private static func adamOptions(weightDecay: Value) -> [Builtin.Parameter] {
        [option("lr", .number(1e-3)), option("betas", .tuple([.number(0.9), .number(0.999)])), option("eps", .number(1e-8)),
         option("weight_decay", weightDecay), option("amsgrad", .bool(false))]
    }

    private static func option(_ name: String, _ value: Value) -> Builtin.Parameter { .optional(name, default: value) }

    /// `betas=(0.9, 0.999)`.
    private static func betas(_ call: BuiltinCall) throws(RuntimeError) -> (Double, Double) {
        let items: [Value] = switch call.value("betas") {
        case .tuple(let items): items
        case .list(let list): list.items
        default: []
        }
        guard items.count == 2 else { throw call.error("betas must be a pair of numbers", at: "betas", raising: .typeError) }
        return (try Coercion.number(items[0], what: "betas[0]", at: call.range(of: "betas")),
                try Coercion.number(items[1], what: "betas[1]", at: call.range(of: "betas")))
    }

    /// A rule made by `make` (a refusal is PyTorch's ValueError), over the call's parameters.
    private static func build<Rule: UpdateRule>(
        _ call: BuiltinCall, _ make: () throws(AutogradError) -> Rule
    ) throws(RuntimeError) -> any SteppingOptimizer {
        let parameters = try self.parameters(call).variables
        do {
            return try Optimizer(parameters, try make())
        } catch {
            throw RuntimeError(error.description, at: call.range, raising: .valueError)
        }
    }

    private static func optimizer(
        _ name: String, _ options: [Builtin.Parameter],
        make: @escaping @Sendable (BuiltinCall) throws(RuntimeError) -> any SteppingOptimizer
    ) -> Builtin {
        let signature = "\(name)(params, " + options.map { "\($0.name)=\(PythonText.repr($0.defaultValue ?? .none))" }.joined(separator: ", ") + ")"
        return Builtin(
            name: name, aliases: ["torch.optim.\(name)"], parameters: [.required("params")] + options,
            summary: "PyTorch's torch.optim.\(name) optimizer",
            details: """
            optim.\(signature)

            Updates the parameters from their .grad at each opt.step(), exactly as PyTorch's
            optimizer does; opt.zero_grad() clears the gradients; opt.param_groups[0]['lr'] reads and
            sets the learning rate.
              opt = optim.\(name)(net.parameters(), lr=0.01)
            """,
            takesPythonValues: true,
            body: { call throws(RuntimeError) in
                let optimizer = try make(call)
                let values = try parameters(call).values
                let given = options.map { ($0.name, call.value($0.name)) }
                return .object(ObjectBox(OptimizerObject(typeName: name, optimizer: optimizer, parameters: values, options: given)))
            })
    }

    /// The tensors to optimize: `net.parameters()`, a list or tuple of tensors that require grad.
    private static func parameters(_ call: BuiltinCall) throws(RuntimeError) -> (variables: [Variable], values: [Value]) {
        let given = call.value("params")
        let items: [Value] = switch given {
        case .tuple(let items): items
        case .list(let list): list.items
        default: [given]
        }
        guard !items.isEmpty else { throw call.error("optimizer got an empty parameter list", at: "params", raising: .valueError) }
        var variables: [Variable] = []
        for item in items {
            guard case .variable(let box) = item, box.isLeaf, case .variable(let variable) = box.storage else {
                throw call.error(item.asTensor == nil
                    ? "optimizer params must be tensors, not \(item.typeName)"
                    : "can't optimize a tensor that does not require grad or is not a leaf (conv's optimizers update leaves that require grad)",
                    at: "params", raising: .valueError)
            }
            variables.append(variable)
        }
        return (variables, items)
    }
}
