import ConvAutograd
import ConvNumerics

/// PyTorch's losses, as functions (`F.mse_loss(input, target)`) and as layers
/// (`nn.MSELoss()(input, target)`), with their options; each is one of the engine's losses.
struct Loss: Sendable {
    /// `mse_loss`.
    let function: String
    /// `MSELoss`.
    let layer: String
    /// The options after input and target, in PyTorch's order.
    let options: [Builtin.Parameter]
    let summary: String
    let compute: @Sendable (Variable, Tensor, LossOptions) throws(AutogradError) -> Variable

    /// The values of every option a loss can take.
    struct LossOptions: Sendable {
        var reduction = LossReduction.mean
        var weight: Tensor?
        var ignoreIndex = -100
        var labelSmoothing = 0.0
        var beta = 1.0
        var delta = 1.0
        var positiveWeight: Tensor?

        /// The options of a call (of the function or of the layer's constructor).
        init(_ call: BuiltinCall) throws(RuntimeError) {
            let given = Set(call.builtin.parameters.map(\.name))
            if given.contains("reduction") {
                let name = try call.string("reduction")
                guard let reduction = LossReduction(rawValue: name) else {
                    throw call.error("\(name) is not a valid value for reduction", at: "reduction", raising: .valueError)
                }
                self.reduction = reduction
            }
            if given.contains("weight") { weight = try Self.optionalTensor(call, "weight") }
            if given.contains("pos_weight") { positiveWeight = try Self.optionalTensor(call, "pos_weight") }
            if given.contains("ignore_index") { ignoreIndex = try call.integer("ignore_index") }
            if given.contains("label_smoothing") { labelSmoothing = try call.number("label_smoothing") }
            if given.contains("beta") { beta = try call.number("beta") }
            if given.contains("delta") { delta = try call.number("delta") }
        }

        private static func optionalTensor(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> Tensor? {
            if case .none = call.value(name) { return nil }
            return try call.tensor(name)
        }
    }

    static let reduction = Builtin.Parameter.optional("reduction", default: .string("mean"))
    static let weight = Builtin.Parameter.optional("weight", default: .none)
    static let ignoreIndex = Builtin.Parameter.optional("ignore_index", default: .int(-100))

    static let all: [Loss] = [
        Loss(function: "mse_loss", layer: "MSELoss", options: [reduction], summary: "the mean squared error") { x, y, o throws(AutogradError) in
            try Functional.mseLoss(x, Variable(constant: y.converted(to: x.dtype)), reduction: o.reduction)
        },
        Loss(function: "l1_loss", layer: "L1Loss", options: [reduction], summary: "the mean absolute error") { x, y, o throws(AutogradError) in
            try Functional.l1Loss(x, Variable(constant: y.converted(to: x.dtype)), reduction: o.reduction)
        },
        Loss(function: "smooth_l1_loss", layer: "SmoothL1Loss", options: [reduction, .optional("beta", default: .number(1))],
             summary: "the smooth L1 loss (squared below beta, absolute above)") { x, y, o throws(AutogradError) in
            try Functional.smoothL1Loss(x, Variable(constant: y.converted(to: x.dtype)), reduction: o.reduction, beta: o.beta)
        },
        Loss(function: "huber_loss", layer: "HuberLoss", options: [reduction, .optional("delta", default: .number(1))],
             summary: "the Huber loss (squared below delta, linear above)") { x, y, o throws(AutogradError) in
            try Functional.huberLoss(x, Variable(constant: y.converted(to: x.dtype)), reduction: o.reduction, delta: o.delta)
        },
        Loss(function: "cross_entropy", layer: "CrossEntropyLoss",
             options: [weight, ignoreIndex, reduction, .optional("label_smoothing", default: .number(0))],
             summary: "log_softmax then the negative log-likelihood, for class indices or probabilities") { x, y, o throws(AutogradError) in
            try Functional.crossEntropy(x, classTargets(y, for: x), weight: o.weight, ignoreIndex: o.ignoreIndex,
                                        reduction: o.reduction, labelSmoothing: o.labelSmoothing)
        },
        Loss(function: "nll_loss", layer: "NLLLoss", options: [weight, ignoreIndex, reduction],
             summary: "the negative log-likelihood of class indices, from log-probabilities") { x, y, o throws(AutogradError) in
            try Functional.nllLoss(x, y.converted(to: .int64), weight: o.weight, ignoreIndex: o.ignoreIndex, reduction: o.reduction)
        },
        Loss(function: "binary_cross_entropy", layer: "BCELoss", options: [weight, reduction],
             summary: "the binary cross-entropy of probabilities") { x, y, o throws(AutogradError) in
            try Functional.binaryCrossEntropy(x, y, weight: o.weight, reduction: o.reduction)
        },
        Loss(function: "binary_cross_entropy_with_logits", layer: "BCEWithLogitsLoss",
             options: [weight, reduction, .optional("pos_weight", default: .none)],
             summary: "the binary cross-entropy of logits, computed without overflow") { x, y, o throws(AutogradError) in
            try Functional.binaryCrossEntropyWithLogits(x, y, weight: o.weight, positiveWeight: o.positiveWeight, reduction: o.reduction)
        },
    ]

    /// Class indices (int64) when `target` has one dimension fewer than `input` (or is int64),
    /// as conv's tensors of whole numbers are float64; probabilities of `input`'s shape as they are.
    private static func classTargets(_ target: Tensor, for input: Variable) -> Tensor {
        target.shape == input.shape && target.dtype.isFloatingPoint ? target : target.converted(to: .int64)
    }

    /// The loss of `input` against `target` with `options`, located at `range`.
    func value(_ input: Value, _ target: Value, _ options: LossOptions, at range: SourceRange) throws(RuntimeError) -> Value {
        let x = try AutogradValues.variable(input, what: "\(function)'s input", at: range)
        let y = try Coercion.tensor(target, what: "\(function)'s target", at: range, allowNumber: true)
        return try AutogradValues.run(at: range) { () throws(AutogradError) in try compute(x, y, options) }
    }

    /// `F.mse_loss(input, target, reduction="mean")`.
    var functionBuiltin: Builtin {
        let loss = self
        return Builtin(
            name: function, aliases: ["torch.nn.functional.\(function)"],
            parameters: [.required("input"), .required("target")] + options, summary: summary,
            details: """
            F.\(function)(input, target, \(options.map { "\($0.name)=\(PythonText.repr($0.defaultValue ?? .none))" }.joined(separator: ", ")))

            \(summary.prefix(1).uppercased() + summary.dropFirst()), as PyTorch's F.\(function); on a tensor that
            requires grad it records its node, so loss.backward() follows.
            """,
            body: { call throws(RuntimeError) in
                try loss.value(call.value("input"), call.value("target"), try LossOptions(call), at: call.range)
            })
    }

    /// `nn.MSELoss(reduction="mean")`.
    var layerBuiltin: Builtin {
        let loss = self
        return Builtin(
            name: layer, aliases: ["torch.nn.\(layer)"], parameters: options, summary: "\(summary), as a layer",
            details: """
            nn.\(layer)(\(options.map { "\($0.name)=\(PythonText.repr($0.defaultValue ?? .none))" }.joined(separator: ", ")))

            A layer computing \(summary) of its two arguments: loss_fn(input, target), as PyTorch's nn.\(layer).
            """,
            constructsLayer: true,
            body: { call throws(RuntimeError) in .layer(Layer(LossModule(loss: loss, options: try LossOptions(call)))) })
    }

    static let builtins: [Builtin] = all.map(\.functionBuiltin) + all.map(\.layerBuiltin)
}

/// `nn.MSELoss()` and the other losses as layers: called with input and target.
final class LossModule: Module {
    let trainingFlag = TrainingFlag()
    let loss: Loss
    let options: Loss.LossOptions

    init(loss: Loss, options: Loss.LossOptions) {
        self.loss = loss
        self.options = options
    }

    var typeName: String { loss.layer }
    var description: String { loss.layer + "()" }

    func forward(_ call: ModuleCall) throws(RuntimeError) -> Value {
        guard call.arguments.count == 2, call.arguments.allSatisfy({ $0.label == nil }) else {
            throw RuntimeError("\(loss.layer) takes two inputs: loss_fn(input, target)", at: call.range, raising: .typeError)
        }
        return try loss.value(call.arguments[0].value, call.arguments[1].value, options, at: call.range)
    }
}
