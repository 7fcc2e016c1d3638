import ConvAutograd
import ConvNumerics

/// `Linear(in_features, out_features, bias=True)`: PyTorch's `nn.Linear`, `y = x·Wᵀ + b` over
/// the last dimension of an input of any rank.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class Linear: EngineModule, @unchecked Sendable {
    let trainingFlag = TrainingFlag()
    let inFeatures: Int
    let outFeatures: Int
    private(set) var weight: VariableBox
    private(set) var bias: VariableBox?

    init(inFeatures: Int, outFeatures: Int, parameters: LayerParameters) {
        (self.inFeatures, self.outFeatures) = (inFeatures, outFeatures)
        weight = LayerTensors.parameter(parameters.weight)
        bias = parameters.bias.map(LayerTensors.parameter)
    }

    var description: String {
        "Linear(in_features=\(inFeatures), out_features=\(outFeatures), bias=\(LayerTensors.pythonBool(bias != nil)))"
    }

    var typeDescription: String { "Linear(\(inFeatures)→\(outFeatures))" }

    func compute(_ x: Variable, _ call: ModuleCall) throws(AutogradError) -> Variable {
        try Functional.linear(x, weight.variable, bias?.variable)
    }

    var shapeRule: ShapeRule { .changing(.linear(inFeatures: inFeatures, outFeatures: outFeatures)) }

    /// `explain fc(x)`: each output as its sum of products, then the value.
    func explain(_ call: ModuleCall, by explainer: Explainer) throws(RuntimeError) -> Value? {
        let x = try call.tensorInput()
        let value = try AutogradLayers.call(self, call)
        guard let y = value.asTensor else { return value }
        try explainer.layerText(LinearExplanation(layer: description, x: x, weight: weight.tensor, bias: bias?.tensor, y: y,
                                                  all: explainer.options.all).render(), layer: "a Linear layer")
        return value
    }

    var parameters: [(name: String, tensor: Tensor)] {
        [("weight", weight.tensor)] + (bias.map { [("bias", $0.tensor)] } ?? [])
    }

    var parameterValues: [(name: String, value: Value)] {
        [("weight", .variable(weight))] + (bias.map { [("bias", .variable($0))] } ?? [])
    }

    var members: [(name: String, value: Value)] {
        [("weight", .variable(weight)), ("bias", bias.map(Value.variable) ?? .none),
         ("in_features", .int(inFeatures)), ("out_features", .int(outFeatures))]
    }

    func assign(_ name: String, _ value: Value, nameRange: SourceRange, valueRange: SourceRange) throws(RuntimeError) {
        switch name {
        case "weight":
            guard let box = try LayerTensors.assigned(value, to: weight, shape: [outFeatures, inFeatures], name: name, at: valueRange) else {
                throw RuntimeError("Linear needs a weight; it cannot be None", at: valueRange, raising: .typeError)
            }
            weight = box
        case "bias": bias = try LayerTensors.assigned(value, to: bias, shape: [outFeatures], name: name, at: valueRange)
        default: throw refusedAssignment(name, at: nameRange)
        }
    }

    var jsonFields: [(String, String)] {
        [("in_features", "\(inFeatures)"), ("out_features", "\(outFeatures)"), ("weight", JSONEncoding.tensor(weight.tensor)),
         ("bias", bias.map { JSONEncoding.tensor($0.tensor) } ?? "null")]
    }

    // MARK: - The constructor

    static let constructor = Builtin(
        name: "Linear", aliases: ["torch.nn.Linear"],
        parameters: [.required("in_features"), .required("out_features"), .optional("bias", default: .bool(true))],
        summary: "a fully connected layer, as PyTorch's nn.Linear",
        details: """
        Linear(in_features, out_features, bias=true)

        y = x·Wᵀ + b over the last dimension of x (any number of leading dimensions), with weight
        (out_features, in_features) and bias (out_features) drawn from the seeded generator exactly
        as PyTorch draws them: kaiming_uniform_(a=√5) for the weight, then U(±1/√in_features).
        An input whose last dimension is not in_features is refused with PyTorch's message.

        Example:
          seed(0)
          fc = Linear(8, 3)
          fc(rand(2, 8)).shape        # (2, 3)
        """,
        constructsLayer: true,
        body: { call throws(RuntimeError) in try make(&call) })

    /// Reads the sizes and draws the weight and bias as PyTorch's constructor does.
    private static func make(_ call: inout BuiltinCall) throws(RuntimeError) -> Value {
        let inFeatures = try call.integer("in_features", in: 0...Int.max)
        let outFeatures = try call.integer("out_features", in: 0...Int.max)
        let bias = try call.bool("bias")
        let drawn: LayerParameters
        do {
            drawn = try LayerInitialization.linear(inFeatures: inFeatures, outFeatures: outFeatures, bias: bias,
                                                   generator: &call.context.generator, elementLimit: call.context.limits.maximumElements)
        } catch {
            throw call.error(error.description)
        }
        return .layer(Layer(Linear(inFeatures: inFeatures, outFeatures: outFeatures, parameters: drawn)))
    }
}
