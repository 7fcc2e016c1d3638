import ConvAutograd
import ConvNumerics

/// `LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True, bias=True)`: PyTorch's
/// `nn.LayerNorm`, each sample normalised over its last dimensions (`normalized_shape`).
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class LayerNorm: EngineModule, AffineParameters, @unchecked Sendable {
    let trainingFlag = TrainingFlag()
    let normalizedShape: [Int]
    let eps: Double
    private(set) var weight: VariableBox?
    private(set) var bias: VariableBox?

    init(normalizedShape: [Int], eps: Double, elementwiseAffine: Bool, bias: Bool) {
        (self.normalizedShape, self.eps) = (normalizedShape, eps)
        if elementwiseAffine {
            weight = LayerTensors.parameter(LayerTensors.filled(1, normalizedShape))
            self.bias = bias ? LayerTensors.parameter(LayerTensors.filled(0, normalizedShape)) : nil
        }
    }

    private var shapeText: String { PythonText.repr(.tuple(normalizedShape.map(Value.int))) }

    var description: String {
        "LayerNorm(\(shapeText), eps=\(LayerTensors.pythonFloat(eps)), elementwise_affine=\(LayerTensors.pythonBool(weight != nil)), "
            + "bias=\(LayerTensors.pythonBool(bias != nil)))"
    }

    func compute(_ x: Variable, _ call: ModuleCall) throws(AutogradError) -> Variable {
        try Functional.layerNorm(x, normalizedShape: normalizedShape, weight: weight?.variable, bias: bias?.variable, eps: eps)
    }

    var shapeRule: ShapeRule { .changing(.layerNorm(normalizedShape: normalizedShape)) }

    /// `explain ln(x)`: each row's mean and variance, x̂ and the affine, then the value.
    func explain(_ call: ModuleCall, by explainer: Explainer) throws(RuntimeError) -> Value? {
        let x = try call.tensorInput()
        let value = try AutogradLayers.call(self, call)
        let size = normalizedShape.reduce(1, *)
        guard let y = value.asTensor, size > 0 else { return value }
        let layout = NormalizationRecord.Layout.rows(size: size)
        let statistics = NormalizationExplanation.statistics(of: x, layout: layout, groups: x.count / size)
        let record = NormalizationRecord(layout: layout, input: x, weight: weight?.tensor, bias: bias?.tensor, mean: statistics.mean,
                                         variance: statistics.variance, eps: eps, usesInputStatistics: true)
        try explainer.layerText(NormalizationExplanation(layer: description, record: record, y: y, runningUpdate: nil,
                                                         all: explainer.options.all).render(), layer: "a LayerNorm layer")
        return value
    }

    var members: [(name: String, value: Value)] {
        [("weight", weight.map(Value.variable) ?? .none), ("bias", bias.map(Value.variable) ?? .none),
         ("normalized_shape", .tuple(normalizedShape.map(Value.int))), ("eps", .number(eps)),
         ("elementwise_affine", .bool(weight != nil))]
    }

    func assign(_ name: String, _ value: Value, nameRange: SourceRange, valueRange: SourceRange) throws(RuntimeError) {
        switch name {
        case "weight" where weight != nil:
            weight = try LayerTensors.assigned(value, to: weight, shape: normalizedShape, name: name, at: valueRange)
        case "bias" where bias != nil:
            bias = try LayerTensors.assigned(value, to: bias, shape: normalizedShape, name: name, at: valueRange)
        default: throw refusedAssignment(name, at: nameRange)
        }
    }

    var jsonFields: [(String, String)] {
        [("normalized_shape", "[" + normalizedShape.map(String.init).joined(separator: ",") + "]"), ("eps", JSONEncoding.number(eps))]
    }

    static let constructor = Builtin(
        name: "LayerNorm", aliases: ["torch.nn.LayerNorm"],
        parameters: [.required("normalized_shape"), .optional("eps", default: .number(1e-5)),
                     .optional("elementwise_affine", default: .bool(true)), .optional("bias", default: .bool(true))],
        summary: "layer normalisation over the last dimensions, as PyTorch's nn.LayerNorm",
        details: """
        LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=true, bias=true)

        Normalises each sample over its last dimensions (normalized_shape: an int or a tuple) to
        mean 0 and variance 1 (the biased variance, plus eps), then scales by weight (ones) and
        shifts by bias (zeros), both of shape normalized_shape.

        Example:
          ln = LayerNorm(4)
          ln(tensor([[1., 2., 3., 4.]]))
        """,
        constructsLayer: true,
        body: { call throws(RuntimeError) in
            let given = call.value("normalized_shape")
            let items: [Value] = switch given {
            case .tuple(let items): items
            case .list(let list): list.items
            case .tensor(let tensor) where tensor.rank == 1: tensor.scalars.map(Value.number)
            default: [given]
            }
            var shape: [Int] = []
            for item in items {
                shape.append(try Coercion.integer(item, what: "normalized_shape", at: call.range(of: "normalized_shape"), in: 0...Int.max))
            }
            return .layer(Layer(LayerNorm(normalizedShape: shape, eps: try call.number("eps"),
                                          elementwiseAffine: try call.bool("elementwise_affine"), bias: try call.bool("bias"))))
        })
}
