import ConvAutograd
import ConvNumerics

/// What the language needs of an optimizer of any rule.
protocol SteppingOptimizer: LearningRateAdjustable {
    func step() throws(AutogradError)
    func zeroGrad(setToNone: Bool)
}

extension Optimizer: SteppingOptimizer {}

/// `optim.SGD(net.parameters(), lr=0.1, momentum=0.9)` and the other optimizers: a reference
/// with `step()`, `zero_grad(set_to_none=True)` and `param_groups`, a list of dicts whose
/// `'lr'` reads and writes the group's learning rate (read at every step, as PyTorch reads it).
final class OptimizerObject: TorchObject {
    let typeName: String
    let optimizer: any SteppingOptimizer
    /// `param_groups`: one dict per group, the learning rate's home between steps.
    let paramGroups: PythonList

    init(typeName: String, optimizer: any SteppingOptimizer, parameters: [Value], options: [(String, Value)]) {
        self.typeName = typeName
        self.optimizer = optimizer
        paramGroups = PythonList([.dict(PythonDict(named: [("params", .list(PythonList(parameters)))] + options))])
    }

    /// PyTorch's repr: the class, then each group's options in alphabetical order.
    var description: String {
        var lines = [typeName + " ("]
        for (index, group) in paramGroups.items.enumerated() {
            lines.append("Parameter Group \(index)")
            guard case .dict(let dict) = group else { continue }
            let options = zip(dict.keys, dict.values).compactMap { key, value -> (String, Value)? in
                guard case .string(let name) = key, name != "params" else { return nil }
                return (name, value)
            }
            for (name, value) in options.sorted(by: { $0.0 < $1.0 }) { lines.append("    \(name): \(PythonText.str(value))") }
        }
        return (lines + [")"]).joined(separator: "\n")
    }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        switch name {
        case "param_groups": .list(paramGroups)
        case "step", "zero_grad": .function(Function(.boundBuiltin(receiver: .object(ObjectBox(self)), name == "step" ? Self.step : Self.zeroGrad)))
        default: nil
        }
    }

    var memberNames: [String] { ["param_groups", "step", "zero_grad"] }

    /// Each group's `'lr'` as the dicts hold it now.
    func readRates(at range: SourceRange) throws(RuntimeError) {
        var rates = optimizer.learningRates
        for (index, group) in paramGroups.items.enumerated() where index < rates.count {
            guard case .dict(let dict) = group, let lr = dict[.string("lr")] else { continue }
            rates[index] = try Coercion.number(lr, what: "param_groups[\(index)]['lr']", at: range)
        }
        optimizer.learningRates = rates
    }

    /// The optimizer's rates written back into the dicts (after a scheduler's step), with the
    /// first momentum (`momentum`, or `betas[0]`) when a schedule cycles it.
    func writeRates(momenta: Bool = false) {
        let momentumValues = optimizer.momenta
        for (index, rate) in optimizer.learningRates.enumerated() where index < paramGroups.items.count {
            guard case .dict(let dict) = paramGroups.items[index] else { continue }
            dict.store(.number(rate), for: .string("lr"))
            guard momenta, index < momentumValues.count, let momentum = momentumValues[index] else { continue }
            if case .tuple(let betas)? = dict[.string("betas")], !betas.isEmpty {
                dict.store(.tuple([.number(momentum)] + betas.dropFirst()), for: .string("betas"))
            } else {
                dict.store(.number(momentum), for: .string("momentum"))
            }
        }
    }

    /// Each group's `initial_lr`, first recording the current rate where a group has none (as
    /// PyTorch's schedulers `setdefault` it).
    func initialRates(at range: SourceRange) throws(RuntimeError) -> [Double] {
        var rates: [Double] = []
        for (index, group) in paramGroups.items.enumerated() {
            guard case .dict(let dict) = group else { continue }
            if dict[.string("initial_lr")] == nil, let lr = dict[.string("lr")] { dict.store(lr, for: .string("initial_lr")) }
            rates.append(try Coercion.number(dict[.string("initial_lr")] ?? .none, what: "param_groups[\(index)]['initial_lr']", at: range))
        }
        return rates
    }

    private static func receiver(_ call: BuiltinCall) throws(RuntimeError) -> OptimizerObject {
        guard case .object(let box) = call.receiver, let optimizer = box.object as? OptimizerObject else {
            throw call.error("this method needs an optimizer", raising: .typeError)
        }
        return optimizer
    }

    private static let step = Builtin(
        name: "step", parameters: [.optional("closure", default: .none)], summary: "updates every parameter from its .grad",
        details: "opt.step()\n\nOne update of every parameter that has a gradient, as PyTorch's optimizer.step().",
        body: { call throws(RuntimeError) in
            let object = try receiver(call)
            try object.readRates(at: call.range)
            do throws(AutogradError) { try object.optimizer.step() } catch { throw AutogradValues.located(error, at: call.range) }
            return .none
        }).explained { call, explainer throws(RuntimeError) in try explainer.optimizerStep(try receiver(call), call) }

    private static let zeroGrad = Builtin(
        name: "zero_grad", parameters: [.optional("set_to_none", default: .bool(true))],
        summary: "clears every parameter's .grad",
        details: "opt.zero_grad(set_to_none=True)\n\nSets each parameter's .grad to None (or to zeros with set_to_none=False).",
        body: { call throws(RuntimeError) in
            try receiver(call).optimizer.zeroGrad(setToNone: try call.bool("set_to_none"))
            return .none
        })
}
