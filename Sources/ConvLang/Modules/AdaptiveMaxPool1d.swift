import ConvAutograd
import ConvNumerics

/// `AdaptiveMaxPool1d(output_size, return_indices=False)`: PyTorch's `nn.AdaptiveMaxPool1d`,
/// the largest value of each adaptive window (the first on ties), with its position when
/// `return_indices`.
final class AdaptiveMaxPool1d: IndexedPoolingModule {
    let trainingFlag = TrainingFlag()
    let outputSize: Int
    let returnIndices: Bool

    init(outputSize: Int, returnIndices: Bool) { (self.outputSize, self.returnIndices) = (outputSize, returnIndices) }

    var description: String { "AdaptiveMaxPool1d(output_size=\(outputSize))" }

    func pooled(_ x: Variable) throws(AutogradError) -> (values: Variable, indices: Tensor) {
        try Functional.adaptiveMaxPool1d(x, outputSize: outputSize)
    }

    func explain(_ call: ModuleCall, by explainer: Explainer) throws(RuntimeError) -> Value? {
        try explainAdaptive(call, by: explainer, isMax: true)
    }

    var shapeRule: ShapeRule { ShapeRule(length: AdaptiveLength(outputSize: outputSize)) }

    var members: [(name: String, value: Value)] { [("output_size", .int(outputSize)), ("return_indices", .bool(returnIndices))] }
    var jsonFields: [(String, String)] { [("output_size", "\(outputSize)")] }

    static let constructor = AdaptivePooling.constructor(
        "AdaptiveMaxPool1d", "the largest value of each of output_size windows spread over the length",
        [.optional("return_indices", default: .bool(false))],
        example: "AdaptiveMaxPool1d(2)(tensor([[1., 5., 2., 0., 3.]]))      # [[5., 3.]]"
    ) { call throws(RuntimeError) in
        AdaptiveMaxPool1d(outputSize: try AdaptivePooling.outputSize(call), returnIndices: try call.bool("return_indices"))
    }
}

/// A max-pooling layer that can give where each maximum was (`return_indices=True`): its call
/// then gives `(values, indices)`, the indices counting along the last dimension, as
/// `MaxUnpool1d` takes them.
protocol IndexedPoolingModule: EngineModule {
    var returnIndices: Bool { get }
    func pooled(_ x: Variable) throws(AutogradError) -> (values: Variable, indices: Tensor)
}

extension IndexedPoolingModule {
    func compute(_ x: Variable, _ call: ModuleCall) throws(AutogradError) -> Variable { try pooled(x).values }

    func forward(_ call: ModuleCall) throws(RuntimeError) -> Value {
        try call.context.checkInterrupt(at: call.range)
        let x = try inputVariable(call)
        guard returnIndices else {
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try compute(x, call) }
        }
        do {
            let result = try pooled(x)
            return .tuple([Value.result(result.values), .tensor(result.indices)])
        } catch {
            throw AutogradValues.located(error, at: call.range)
        }
    }
}
