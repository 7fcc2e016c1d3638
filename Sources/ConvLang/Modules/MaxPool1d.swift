import ConvAutograd
import ConvNumerics

/// `MaxPool1d(k, ...)`: PyTorch's `nn.MaxPool1d`, the largest value of each window.
final class MaxPool1d: PoolingModule {
    let trainingFlag = TrainingFlag()
    let settings: PoolingParameters
    /// Whether a call gives `(values, indices)`, as with PyTorch's `return_indices=True`.
    let returnIndices: Bool

    init(settings: PoolingParameters) { (self.settings, returnIndices) = (settings, false) }

    init(settings: PoolingParameters, returnIndices: Bool) { (self.settings, self.returnIndices) = (settings, returnIndices) }

    /// `pool(x)`: the pooled values, or `(values, indices)` with `return_indices`, the indices
    /// counting along the last dimension (what `MaxUnpool1d` takes).
    func forward(_ call: ModuleCall) throws(RuntimeError) -> Value {
        try call.context.checkInterrupt(at: call.range)
        guard returnIndices else { return .tensor(try forward(try call.tensorInput(), call)) }
        let x = try AutogradValues.variable(try call.input(), what: "the layer's input", at: call.inputRange)
        do {
            let result = try Functional.maxPool1dWithIndices(x, parameters: settings)
            return .tuple([Value.result(result.values), .tensor(result.indices)])
        } catch {
            _ = try forward(x.data, call)  // the plain pooling's located refusal, where it has one
            throw AutogradValues.located(error, at: call.range)
        }
    }

    static let explanationKind = PoolExplanation.Kind.max
    var dilation: Int { settings.dilation }

    /// PyTorch's repr, with plain numbers (as it stores them).
    var description: String {
        let p = settings
        return "MaxPool1d(kernel_size=\(p.kernelSize), stride=\(p.effectiveStride), padding=\(p.padding), "
            + "dilation=\(p.dilation), ceil_mode=\(p.ceilMode ? "True" : "False"))"
    }

    static var kernel: PoolingKernel { Pooling.maxPool1d }
    static var lengthRule: PoolingLengthRule { Pooling.maxPoolOutputLength }

    var members: [(name: String, value: Value)] {
        windowMembers(ModuleMembers.number)
            + [("dilation", ModuleMembers.number(settings.dilation)), ("ceil_mode", .bool(settings.ceilMode))]
    }

    var jsonFields: [(String, String)] {
        windowJSONFields + [("dilation", "\(settings.dilation)"), ("ceil_mode", settings.ceilMode ? "true" : "false")]
    }

    // MARK: - The constructor

    /// PyTorch's positional order: return_indices comes before ceil_mode.
    static let settingParameters = windowParameters + [
        .optional("d", "dilation", default: .number(1)), .optional("return_indices", default: .bool(false)),
        .optional("ceil_mode", default: .bool(false)),
    ]

    /// The settings of a call of `MaxPool1d` or `max_pool1d`.
    static func settings(of call: BuiltinCall) throws(RuntimeError) -> PoolingParameters {
        if try call.bool("return_indices") {
            throw call.error("return_indices is not supported by max_pool1d in conv; the layer MaxPool1d(..., return_indices=True) gives the indices",
                             at: "return_indices")
        }
        return try layerSettings(of: call)
    }

    /// The settings of a call of the constructor, which may ask for the indices too.
    private static func layerSettings(of call: BuiltinCall) throws(RuntimeError) -> PoolingParameters {
        var settings = try windowSettings(call)
        settings.dilation = try call.integer("d")
        settings.ceilMode = try call.bool("ceil_mode")
        return settings
    }

    static let constructor = constructor(
        signature: "MaxPool1d(k, s=none, p=0, d=1, return_indices=false, ceil_mode=false)", functional: "max_pool1d",
        summary: "a max-pooling layer, as PyTorch's nn.MaxPool1d",
        example: "  pool = MaxPool1d(2)\n  pool([[1, 5, 2, 0]])          # [[5, 2]]"
    ) { call throws(RuntimeError) in
        MaxPool1d(settings: try layerSettings(of: call), returnIndices: try call.bool("return_indices"))
    }
}
