import ConvNumerics

/// `MaxPool1d(k, ...)`: PyTorch's `nn.MaxPool1d`, the largest value of each window.
final class MaxPool1d: PoolingModule {
    let settings: PoolingParameters

    init(settings: PoolingParameters) { self.settings = settings }

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
            throw call.error("return_indices is not supported: conv's max pooling returns only the values",
                             at: "return_indices")
        }
        var settings = try windowSettings(call)
        settings.dilation = try call.integer("d")
        settings.ceilMode = try call.bool("ceil_mode")
        return settings
    }

    static let constructor = constructor(
        signature: "MaxPool1d(k, s=none, p=0, d=1, return_indices=false, ceil_mode=false)", functional: "max_pool1d",
        summary: "a max-pooling layer, as PyTorch's nn.MaxPool1d",
        example: "  pool = MaxPool1d(2)\n  pool([[1, 5, 2, 0]])          # [[5, 2]]")
}
