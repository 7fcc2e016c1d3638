import ConvAutograd
import ConvNumerics

/// A loss of two or three tensors that PyTorch composes from other operations (`kl_div`,
/// `margin_ranking_loss`, ...), as a function (`F.kl_div(input, target)`) and as a layer
/// (`nn.KLDivLoss()(input, target)`). Each is written in PyTorch's own order of operations, so
/// that the graph holds PyTorch's nodes and the floats round as PyTorch's do.
struct ComposedLoss: Sendable {
    /// `kl_div`.
    let function: String
    /// `KLDivLoss`.
    let layer: String
    /// The tensors it takes, in order (`input`, `target`).
    let inputs: [String]
    /// The options after the tensors, in PyTorch's order.
    let options: [Builtin.Parameter]
    let summary: String
    /// Whether `reduction='batchmean'` is accepted.
    var batchMean = false
    /// PyTorch's checks of the options that come before any computing (a ValueError); the flag
    /// says whether the layer (rather than the function) is being made.
    var check: @Sendable (Settings, Bool) -> String? = { _, _ in nil }
    /// Whether the engine's refusals of the tensors are PyTorch's ValueErrors (checks written
    /// in Python) rather than RuntimeErrors.
    var refusesWithValueError = false
    let compute: @Sendable ([Variable], Settings) throws(AutogradError) -> Variable

    /// The options of one call (of the function or of the layer's constructor).
    struct Settings: Sendable {
        var reduction = "mean"
        var numbers: [String: Double] = [:]
        var flags: [String: Bool] = [:]
        var weight: Tensor?

        func number(_ name: String) -> Double { numbers[name] ?? 0 }
        func flag(_ name: String) -> Bool { flags[name] ?? false }

        /// `loss` reduced as PyTorch's `apply_loss_reduction` does.
        func reduced(_ loss: Variable) throws(AutogradError) -> Variable {
            switch reduction {
            case "sum": try loss.sum()
            case "none": loss
            default: try loss.mean()
            }
        }
    }

    static let reduction = Builtin.Parameter.optional("reduction", default: .string("mean"))

    /// The options of `call`, checked.
    func settings(_ call: BuiltinCall, layer: Bool = false) throws(RuntimeError) -> Settings {
        var settings = Settings()
        for option in options {
            switch option.defaultValue ?? .none {
            case .string:
                let text = try call.string(option.name)
                guard LossReduction(rawValue: text) != nil || (batchMean && text == "batchmean") else {
                    throw call.error("\(text) is not a valid value for reduction", at: option.name, raising: .valueError)
                }
                settings.reduction = text
            case .bool: settings.flags[option.name] = try call.bool(option.name)
            case .none:
                if case .none = call.value(option.name) { continue }
                settings.weight = try call.tensor(option.name)
            default: settings.numbers[option.name] = try call.number(option.name)
            }
        }
        if let refusal = check(settings, layer) { throw call.error(refusal, raising: .valueError) }
        return settings
    }

    /// The loss of `values` with `settings`, located at `range`. Tensors that do not require grad
    /// take the first one's floating dtype (PyTorch's promotion of integer targets).
    func value(_ values: [Value], _ settings: Settings, at range: SourceRange) throws(RuntimeError) -> Value {
        var variables: [Variable] = []
        for (value, name) in zip(values, inputs) {
            variables.append(try AutogradValues.variable(value, what: "\(function)'s \(name)", at: range))
        }
        let dtype = variables.first { $0.data.dtype.isFloatingPoint }?.data.dtype ?? .float32
        variables = variables.map { variable in
            variable.requiresGrad || variable.data.dtype == dtype ? variable : Variable(constant: variable.data.converted(to: dtype))
        }
        do {
            return try AutogradValues.run(at: range) { () throws(AutogradError) in try compute(variables, settings) }
        } catch {
            guard refusesWithValueError, error.pythonClass == nil else { throw error }
            var refusal = error
            refusal.pythonClass = .valueError
            throw refusal
        }
    }

    private var signature: String {
        (inputs + options.map { "\($0.name)=\(PythonText.repr($0.defaultValue ?? .none))" }).joined(separator: ", ")
    }

    /// `F.kl_div(input, target, reduction='mean', log_target=False)`.
    var functionBuiltin: Builtin {
        let loss = self
        return Builtin(
            name: function, aliases: ["torch.nn.functional.\(function)"],
            parameters: inputs.map { .required($0) } + options, summary: summary,
            details: """
            F.\(function)(\(signature))

            \(summary.prefix(1).uppercased() + summary.dropFirst()), as PyTorch's F.\(function); on a tensor that
            requires grad it records PyTorch's nodes, so loss.backward() follows.
            """,
            body: { call throws(RuntimeError) in
                try loss.value(loss.inputs.map { call.value($0) }, try loss.settings(call), at: call.range)
            })
    }

    /// `nn.KLDivLoss(reduction='mean', log_target=False)`.
    var layerBuiltin: Builtin {
        let loss = self
        return Builtin(
            name: layer, aliases: ["torch.nn.\(layer)"], parameters: options, summary: "\(summary), as a layer",
            details: """
            nn.\(layer)(\(options.map { "\($0.name)=\(PythonText.repr($0.defaultValue ?? .none))" }.joined(separator: ", ")))

            A layer computing \(summary): loss_fn(\(inputs.joined(separator: ", "))), as PyTorch's nn.\(layer).
            """,
            constructsLayer: true,
            body: { call throws(RuntimeError) in .layer(Layer(ComposedLossModule(loss: loss, settings: try loss.settings(call, layer: true)))) })
    }

    static let all: [ComposedLoss] = [DivergenceLosses.klDiv, DivergenceLosses.poissonNLL, DivergenceLosses.gaussianNLL]
        + EmbeddingLosses.all

    static let builtins: [Builtin] = all.map(\.functionBuiltin) + all.map(\.layerBuiltin)
}

/// `nn.KLDivLoss()` and the other composed losses as layers: called with their tensors.
final class ComposedLossModule: Module {
    let trainingFlag = TrainingFlag()
    let loss: ComposedLoss
    let settings: ComposedLoss.Settings

    init(loss: ComposedLoss, settings: ComposedLoss.Settings) {
        self.loss = loss
        self.settings = settings
    }

    var typeName: String { loss.layer }
    var description: String { loss.layer + "()" }

    func forward(_ call: ModuleCall) throws(RuntimeError) -> Value {
        guard call.arguments.count == loss.inputs.count, call.arguments.allSatisfy({ $0.label == nil }) else {
            throw RuntimeError("\(loss.layer).forward() takes \(loss.inputs.count) inputs: loss_fn(\(loss.inputs.joined(separator: ", ")))",
                               at: call.range, raising: .typeError)
        }
        return try loss.value(call.arguments.map(\.value), settings, at: call.range)
    }
}

extension Variable {
    /// A tensor of `shape` filled with `value`, in this variable's dtype, requiring no grad.
    func constant(_ value: Double, shape: [Int]) -> Variable {
        let count = shape.reduce(1, *)
        let tensor = Tensor(shape: shape, scalars: Array(repeating: value, count: count)) ?? Tensor(scalar: value)
        return Variable(constant: tensor.converted(to: data.dtype))
    }

    /// Where `predicate` holds for this variable's data, as a mask.
    func mask(_ predicate: (Double) -> Bool) -> Tensor {
        Tensor(shape: shape, scalars: data.scalars.map { predicate($0) ? 1 : 0 }) ?? Tensor(scalar: 0.0)
    }
}
