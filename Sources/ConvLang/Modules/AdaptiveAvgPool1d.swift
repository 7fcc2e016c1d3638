import ConvAutograd
import ConvNumerics

/// `AdaptiveAvgPool1d(output_size)`: PyTorch's `nn.AdaptiveAvgPool1d`, the mean of
/// `output_size` windows that cover the length, window `i` from `floor(i·L/o)` to
/// `ceil((i+1)·L/o)`, whatever the input length.
final class AdaptiveAvgPool1d: EngineModule {
    let trainingFlag = TrainingFlag()
    let outputSize: Int

    init(outputSize: Int) { self.outputSize = outputSize }

    var description: String { "AdaptiveAvgPool1d(output_size=\(outputSize))" }

    func compute(_ x: Variable, _ call: ModuleCall) throws(AutogradError) -> Variable {
        try Functional.adaptiveAvgPool1d(x, outputSize: outputSize)
    }

    var shapeRule: ShapeRule { ShapeRule(length: AdaptiveLength(outputSize: outputSize)) }

    func explain(_ call: ModuleCall, by explainer: Explainer) throws(RuntimeError) -> Value? {
        try explainAdaptive(call, by: explainer, isMax: false)
    }

    var members: [(name: String, value: Value)] { [("output_size", .int(outputSize))] }
    var jsonFields: [(String, String)] { [("output_size", "\(outputSize)")] }

    static let constructor = AdaptivePooling.constructor(
        "AdaptiveAvgPool1d", "the mean of each of output_size windows spread over the length", [],
        example: "AdaptiveAvgPool1d(1)(tensor([[1., 2., 3., 6.]]))      # [[3.]]"
    ) { call throws(RuntimeError) in AdaptiveAvgPool1d(outputSize: try AdaptivePooling.outputSize(call)) }
}

extension EngineModule {
    /// `explain pool(x)` for an adaptive pooling: its windows and each output's max or mean.
    func explainAdaptive(_ call: ModuleCall, by explainer: Explainer, isMax: Bool) throws(RuntimeError) -> Value? {
        let x = try call.tensorInput()
        let value = try AutogradLayers.call(self, call)
        let values: Value = if case .tuple(let items) = value, let first = items.first { first } else { value }
        guard let y = values.asTensor, x.rank == 2 || x.rank == 3 else { return value }
        try explainer.layerText(AdaptivePoolExplanation(layer: description, isMax: isMax, x: x, y: y, all: explainer.options.all).render(),
                                layer: "an adaptive pooling")
        return value
    }
}

/// What both adaptive pooling layers' constructors share, and their functional forms.
enum AdaptivePooling {
    /// `F.adaptive_avg_pool1d(input, output_size)` and `F.adaptive_max_pool1d(input, output_size,
    /// return_indices=False)`: the layer of the same settings applied once, as PyTorch's
    /// functions are (the same values, refusals and gradients; with `return_indices` the pair
    /// of values and indices).
    static let functions: [Builtin] = [
        functional("adaptive_avg_pool1d", "the mean of each of output_size windows spread over the length", [],
                   example: "F.adaptive_avg_pool1d(torch.tensor([[1., 2., 3., 6.]]), 1)      # tensor([[3.]])"
        ) { call throws(RuntimeError) in AdaptiveAvgPool1d(outputSize: try outputSize(call)) },
        functional("adaptive_max_pool1d", "the largest value of each of output_size windows spread over the length",
                   [.optional("return_indices", default: .bool(false))],
                   example: "values, indices = F.adaptive_max_pool1d(x, 2, return_indices=True)"
        ) { call throws(RuntimeError) in
            AdaptiveMaxPool1d(outputSize: try outputSize(call), returnIndices: try call.bool("return_indices"))
        },
    ]

    private static func functional(
        _ name: String, _ summary: String, _ extra: [Builtin.Parameter], example: String,
        make: @escaping @Sendable (BuiltinCall) throws(RuntimeError) -> any Module
    ) -> Builtin {
        Builtin(
            name: name, aliases: ["torch.nn.functional.\(name)", "torch.\(name)"],
            parameters: [.required("input"), .required("output_size")] + extra,
            summary: "\(summary), as PyTorch's F.\(name)",
            details: """
            \(name)(input, output_size\(extra.map { ", \($0.name)=\($0.defaultValue.map(ValueFormatter.repr) ?? "")" }.joined()))

            The layer's computation once, without making the layer (see its help).

            Example:
              \(example)
            """,
            body: { call throws(RuntimeError) in
                let module = try make(call)
                let input = Evaluator.EvaluatedArgument(value: call.value("input"), range: call.range(of: "input"))
                return try AutogradLayers.call(module, ModuleCall(arguments: [input], range: call.range, context: call.context))
            })
    }

    static func outputSize(_ call: BuiltinCall) throws(RuntimeError) -> Int {
        try call.integer("output_size", in: 0...Int.max)
    }

    static func constructor(
        _ name: String, _ summary: String, _ extra: [Builtin.Parameter], example: String,
        make: @escaping @Sendable (BuiltinCall) throws(RuntimeError) -> any Module
    ) -> Builtin {
        let extraText = extra.map { ", \($0.name)=\($0.defaultValue.map(ValueFormatter.repr) ?? "")" }.joined()
        return Builtin(
            name: name, aliases: ["torch.nn.\(name)"], parameters: [.required("output_size")] + extra,
            summary: "\(summary), as PyTorch's nn.\(name)",
            details: """
            \(name)(output_size\(extraText))

            Pools a (C, L) or (N, C, L) input to length output_size for any L: window i runs from
            floor(i*L/output_size) to ceil((i+1)*L/output_size), so windows may overlap or differ in
            size. No weights.

            Example:
              \(example)
            """,
            constructsLayer: true, body: { call throws(RuntimeError) in .layer(Layer(try make(call))) })
    }
}
