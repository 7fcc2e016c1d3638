import ConvNumerics

/// What `MaxPool1d` and `AvgPool1d` share: fixed settings and no weights, a window sliding over
/// each channel, and PyTorch's length rule.
protocol PoolingModule: TensorModule {
    var settings: PoolingParameters { get }
    init(settings: PoolingParameters)
    /// The settings its constructor and its functional form take, in PyTorch's order.
    static var settingParameters: [Builtin.Parameter] { get }
    /// The settings of a call of its constructor or its functional form.
    static func settings(of call: BuiltinCall) throws(RuntimeError) -> PoolingParameters
    /// How its explanation words each window.
    static var explanationKind: PoolExplanation.Kind { get }
    /// The dilation its length rule uses (average pooling has none).
    var dilation: Int { get }
    /// The pooling itself, as ConvNumerics computes it: `Pooling.maxPool1d`, ...
    static var kernel: PoolingKernel { get }
    /// Its output length for an input length, or PyTorch's refusal: `Pooling.maxPoolOutputLength`, ...
    static var lengthRule: PoolingLengthRule { get }
}

typealias PoolingKernel = (
    _ input: Tensor, _ parameters: PoolingParameters, _ elementLimit: Int, _ memory: MemoryBudget,
    _ interrupt: InterruptFlag?
) throws(PoolingError) -> Tensor
typealias PoolingLengthRule = (_ inputLength: Int, _ parameters: PoolingParameters) throws(PoolingError) -> Int

extension PoolingModule {
    var typeDescription: String { "\(typeName)(k=\(settings.kernelSize))" }

    func forward(_ input: Tensor, _ call: ModuleCall) throws(RuntimeError) -> Tensor {
        do {
            return try Self.kernel(input, settings, call.context.limits.maximumElements, call.context.limits.memoryBudget,
                                   call.context.interrupt)
        } catch {
            let refusal = PoolingBuiltins.refusal(error, at: call.range, inputRange: call.inputRange, argumentRange: nil)
            throw LayerRefusalWording.headed(refusal, by: LayerRefusalWording.pooling(error, input: input, kind: Self.explanationKind))
        }
    }

    /// The pooling, with a refusal as an error at the argument to blame.
    func pooled(
        _ input: Tensor, context: EvaluationContext, at range: SourceRange, inputRange: SourceRange,
        argumentRange: ((String) -> SourceRange)?
    ) throws(RuntimeError) -> Tensor {
        do {
            return try Self.kernel(input, settings, context.limits.maximumElements, context.limits.memoryBudget,
                                    context.interrupt)
        } catch {
            throw PoolingBuiltins.refusal(error, at: range, inputRange: inputRange, argumentRange: argumentRange)
        }
    }

    var shapeRule: ShapeRule {
        let p = settings
        return ShapeRule(length: WindowLength(padding: (p.padding, p.padding), kernelSize: p.kernelSize,
                                              stride: p.effectiveStride, dilation: dilation, ceilMode: p.ceilMode) {
            try Self.lengthRule($0, p)
        })
    }

    func explain(_ call: ModuleCall, by explainer: Explainer) throws(RuntimeError) -> Value? {
        try explainer.pooling(self, input: try call.tensorInput(), callee: description, range: call.range,
                              inputRange: call.inputRange, argumentRange: nil)
    }

    /// The members both have, as PyTorch stores them: `wrap` makes plain numbers or 1-tuples.
    func windowMembers(_ wrap: (Int) -> Value) -> [(name: String, value: Value)] {
        [("kernel_size", wrap(settings.kernelSize)), ("stride", wrap(settings.effectiveStride)),
         ("padding", wrap(settings.padding))]
    }

    /// The JSON fields both have.
    var windowJSONFields: [(String, String)] {
        [("kernel_size", "\(settings.kernelSize)"), ("stride", "\(settings.effectiveStride)"), ("padding", "\(settings.padding)")]
    }

    /// The constructor builtin: `signature` heads its help, `functional` names the function it
    /// applies, and `example` shows it at work.
    /// `make` builds the layer from the call when it takes more than the settings.
    static func constructor(
        signature: String, functional: String, summary: String, example: String,
        make: (@Sendable (BuiltinCall) throws(RuntimeError) -> Self)? = nil
    ) -> Builtin {
        let name = String(describing: Self.self)
        return Builtin(
            name: name, aliases: ["torch.nn.\(name)"], parameters: settingParameters, summary: summary,
            details: """
            \(signature)

            A layer that applies \(functional) with these settings (see help(\(functional))); it has no
            weights. The stride defaults to k.
            \(example)
            """,
            constructsLayer: true,
            body: { call throws(RuntimeError) in
                if let make { return .layer(Layer(try make(call))) }
                return .layer(Layer(Self(settings: try settings(of: call))))
            })
    }

    /// The settings that place the window, first in both constructors.
    static var windowParameters: [Builtin.Parameter] {
        [.required("k", "kernel_size"), .optional("s", "stride", default: .none), .optional("p", "padding", default: .number(0))]
    }

    /// The window's size, stride (`none` means the kernel size) and padding, read from a call.
    static func windowSettings(_ call: BuiltinCall) throws(RuntimeError) -> PoolingParameters {
        let kernelSize = try call.integer("k")
        let stride: Int? = if case .none = call.value("s") { nil } else { try call.integer("s") }
        return PoolingParameters(kernelSize: kernelSize, stride: stride, padding: try call.integer("p"))
    }
}
