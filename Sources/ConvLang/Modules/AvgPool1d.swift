import ConvNumerics

/// `AvgPool1d(k, ...)`: PyTorch's `nn.AvgPool1d`, the mean of each window.
final class AvgPool1d: PoolingModule {
    let trainingFlag = TrainingFlag()
    let settings: PoolingParameters

    init(settings: PoolingParameters) { self.settings = settings }

    static let explanationKind = PoolExplanation.Kind.average
    var dilation: Int { 1 }

    /// PyTorch's repr, with 1-tuples (as it stores them): its extra_repr names the window only,
    /// never ceil_mode or count_include_pad (the members say them).
    var description: String {
        let p = settings
        return "AvgPool1d(kernel_size=(\(p.kernelSize),), stride=(\(p.effectiveStride),), padding=(\(p.padding),))"
    }

    static var kernel: PoolingKernel { Pooling.avgPool1d }
    static var lengthRule: PoolingLengthRule { Pooling.avgPoolOutputLength }

    var members: [(name: String, value: Value)] {
        windowMembers(ModuleMembers.oneTuple)
            + [("ceil_mode", .bool(settings.ceilMode)), ("count_include_pad", .bool(settings.countIncludePad))]
    }

    var jsonFields: [(String, String)] {
        windowJSONFields + [("ceil_mode", settings.ceilMode ? "true" : "false"),
                            ("count_include_pad", settings.countIncludePad ? "true" : "false")]
    }

    // MARK: - The constructor

    static let settingParameters = windowParameters + [
        .optional("ceil_mode", default: .bool(false)), .optional("count_include_pad", default: .bool(true)),
    ]

    /// The settings of a call of `AvgPool1d` or `avg_pool1d`.
    static func settings(of call: BuiltinCall) throws(RuntimeError) -> PoolingParameters {
        var settings = try windowSettings(call)
        settings.ceilMode = try call.bool("ceil_mode")
        settings.countIncludePad = try call.bool("count_include_pad")
        return settings
    }

    static let constructor = constructor(
        signature: "AvgPool1d(k, s=none, p=0, ceil_mode=false, count_include_pad=true)", functional: "avg_pool1d",
        summary: "an average-pooling layer, as PyTorch's nn.AvgPool1d",
        example: "  AvgPool1d(2)([[1, 3, 5, 7]])   # [[2, 6]]")
}
