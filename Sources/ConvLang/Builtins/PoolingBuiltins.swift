import ConvNumerics

/// `max_pool1d` and `avg_pool1d`, with PyTorch's rules: each applies the layer of the same name
/// (`Modules/`) to its argument.
enum PoolingBuiltins {
    static let all: [Builtin] = [maxPool, avgPool]

    private static let lengthRule = """
        L_out = floor((L + 2p - d*(k-1) - 1) / s) + 1   (ceil with ceil_mode=true, and then a
        last window that would start in the right padding is dropped, as PyTorch does)
        """

    static let maxPool = Builtin(
        name: "max_pool1d", aliases: ["torch.nn.functional.max_pool1d", "torch.max_pool1d"],
        parameters: [.required("x", "input")] + MaxPool1d.settingParameters,
        summary: "the largest value of each window, as PyTorch's F.max_pool1d",
        details: """
        max_pool1d(x, k, s=none, p=0, d=1, ceil_mode=false)

        Slides a window of k samples (d apart) over each channel and keeps the largest.
        The stride defaults to k (not 1 as for conv). Padding is -inf, so it never wins, and
        may be at most k/2 (of the undilated kernel).
        \(lengthRule)

        Example:
          max_pool1d([1, 5, 2, 0, 7], 2)                   # [5, 2]
          max_pool1d([1, 5, 2, 0, 7], 2, ceil_mode=true)   # [5, 2, 7]
        """,
        explain: { call, explainer throws(RuntimeError) in try explained(MaxPool1d.self, call, by: explainer) },
        body: { call throws(RuntimeError) in try pooled(MaxPool1d.self, call) })

    static let avgPool = Builtin(
        name: "avg_pool1d", aliases: ["torch.nn.functional.avg_pool1d", "torch.avg_pool1d"],
        parameters: [.required("x", "input")] + AvgPool1d.settingParameters,
        summary: "the mean of each window, as PyTorch's F.avg_pool1d",
        details: """
        avg_pool1d(x, k, s=none, p=0, ceil_mode=false, count_include_pad=true)

        Slides a window of k samples over each channel and keeps the mean. The stride
        defaults to k. Padding is 0 and at most k/2. The divisor is the window size counting
        padding (count_include_pad=true; windows hanging past the right padding in ceil mode
        count fewer), or only the real samples (false).
        \(lengthRule)

        Example:
          avg_pool1d([3, 3, 3], 3, s=1, p=1)                            # [2, 3, 2]
          avg_pool1d([3, 3, 3], 3, s=1, p=1, count_include_pad=false)   # [3, 3, 3]
        """,
        explain: { call, explainer throws(RuntimeError) in try explained(AvgPool1d.self, call, by: explainer) },
        body: { call throws(RuntimeError) in try pooled(AvgPool1d.self, call) })

    /// The layer `Pool` made with the call's settings, applied to its `x`.
    private static func pooled<Pool: PoolingModule>(_: Pool.Type, _ call: BuiltinCall) throws(RuntimeError) -> Value {
        let input = try call.tensor("x")
        let pool = Pool(settings: try Pool.settings(of: call))
        return .tensor(try pool.pooled(input, context: call.context, at: call.range, inputRange: call.range(of: "x"),
                                       argumentRange: { call.range(of: $0) }))
    }

    /// The same, shown step by step.
    private static func explained<Pool: PoolingModule>(
        _: Pool.Type, _ call: BuiltinCall, by explainer: Explainer
    ) throws(RuntimeError) -> Value {
        let pool = Pool(settings: try Pool.settings(of: call))
        return try explainer.pooling(pool, input: try call.tensor("x"), callee: call.builtin.name, range: call.range,
                                     inputRange: call.range(of: "x"), argumentRange: { call.range(of: $0) })
    }

    /// A refusal as an error at the argument to blame.
    static func refusal(
        _ error: PoolingError, at range: SourceRange, inputRange: SourceRange,
        argumentRange: ((String) -> SourceRange)? = nil
    ) -> RuntimeError {
        let blamed: String? = switch error {
        case .inputRank, .emptyInput, .outputTooShort, .unsupportedDType: "x"
        case .nonPositiveKernelSize: "k"
        case .nonPositiveStride: "s"
        case .negativePadding, .paddingTooLarge: "p"
        case .nonPositiveDilation: "d"
        case .tooLarge, .outOfMemory, .interrupted: nil
        }
        let location = blamed == "x" ? inputRange : (blamed.flatMap { argumentRange?($0) } ?? range)
        return RuntimeError(error.description, at: location, notes: error.memoryNotes, kind: error.diagnosticKind)
    }
}
