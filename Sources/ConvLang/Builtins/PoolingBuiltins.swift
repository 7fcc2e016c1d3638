import ConvNumerics

/// `max_pool1d`, `avg_pool1d` and the layers `MaxPool1d`, `AvgPool1d`, with PyTorch's rules.
enum PoolingBuiltins {
    static let all: [Builtin] = [maxPool, avgPool, maxPoolLayer, avgPoolLayer]

    private static let lengthRule = """
        L_out = floor((L + 2p - d*(k-1) - 1) / s) + 1   (ceil with ceil_mode=true, and then a
        last window that would start in the right padding is dropped, as PyTorch does)
        """

    static let maxPool = Builtin(
        name: "max_pool1d",
        parameters: [.required("x", "input")] + maxPoolParameters,
        summary: "the largest value of each window, as PyTorch's F.max_pool1d",
        details: """
        max_pool1d(x, k, s=none, p=0, d=1, ceil_mode=false)   also F.max_pool1d, torch.max_pool1d

        Slides a window of k samples (d apart) over each channel and keeps the largest.
        The stride defaults to k (not 1 as for conv). Padding is -inf, so it never wins, and
        may be at most k/2 (of the undilated kernel).
        \(lengthRule)

        Example:
          max_pool1d([1, 5, 2, 0, 7], 2)                   # [5, 2]
          max_pool1d([1, 5, 2, 0, 7], 2, ceil_mode=true)   # [5, 2, 7]
        """,
        body: { call throws(RuntimeError) in
            let input = try call.tensor("x")
            let pool = PoolingLayer(kind: .max, parameters: try maxParameters(call))
            return .tensor(try apply(pool, input, call))
        })

    static let avgPool = Builtin(
        name: "avg_pool1d",
        parameters: [.required("x", "input")] + avgPoolParameters,
        summary: "the mean of each window, as PyTorch's F.avg_pool1d",
        details: """
        avg_pool1d(x, k, s=none, p=0, ceil_mode=false, count_include_pad=true)
            also F.avg_pool1d, torch.avg_pool1d

        Slides a window of k samples over each channel and keeps the mean. The stride
        defaults to k. Padding is 0 and at most k/2. The divisor is the window size counting
        padding (count_include_pad=true; windows hanging past the right padding in ceil mode
        count fewer), or only the real samples (false).
        \(lengthRule)

        Example:
          avg_pool1d([3, 3, 3], 3, s=1, p=1)                            # [2, 3, 2]
          avg_pool1d([3, 3, 3], 3, s=1, p=1, count_include_pad=false)   # [3, 3, 3]
        """,
        body: { call throws(RuntimeError) in
            let input = try call.tensor("x")
            let pool = PoolingLayer(kind: .average, parameters: try averageParameters(call))
            return .tensor(try apply(pool, input, call))
        })

    static let maxPoolLayer = Builtin(
        name: "MaxPool1d", parameters: maxPoolParameters,
        summary: "a max-pooling layer, as PyTorch's nn.MaxPool1d",
        details: """
        MaxPool1d(k, s=none, p=0, d=1, return_indices=false, ceil_mode=false)   also nn.MaxPool1d

        A layer that applies max_pool1d with these settings (see help(max_pool1d)); it has no
        weights. The stride defaults to k.
          pool = MaxPool1d(2)
          pool([[1, 5, 2, 0]])          # [[5, 2]]
        """,
        body: { call throws(RuntimeError) in
            .layer(.pooling(PoolingLayer(kind: .max, parameters: try maxParameters(call))))
        })

    static let avgPoolLayer = Builtin(
        name: "AvgPool1d", parameters: avgPoolParameters,
        summary: "an average-pooling layer, as PyTorch's nn.AvgPool1d",
        details: """
        AvgPool1d(k, s=none, p=0, ceil_mode=false, count_include_pad=true)   also nn.AvgPool1d

        A layer that applies avg_pool1d with these settings (see help(avg_pool1d)); it has no
        weights. The stride defaults to k.
          AvgPool1d(2)([[1, 3, 5, 7]])   # [[2, 6]]
        """,
        body: { call throws(RuntimeError) in
            .layer(.pooling(PoolingLayer(kind: .average, parameters: try averageParameters(call))))
        })

    /// PyTorch's positional order for MaxPool1d: return_indices comes before ceil_mode.
    private static let maxPoolParameters: [Builtin.Parameter] = [
        .required("k", "kernel_size"), .optional("s", "stride", default: .none), .optional("p", "padding", default: .number(0)),
        .optional("d", "dilation", default: .number(1)), .optional("return_indices", default: .bool(false)),
        .optional("ceil_mode", default: .bool(false)),
    ]

    private static let avgPoolParameters: [Builtin.Parameter] = [
        .required("k", "kernel_size"), .optional("s", "stride", default: .none), .optional("p", "padding", default: .number(0)),
        .optional("ceil_mode", default: .bool(false)), .optional("count_include_pad", default: .bool(true)),
    ]

    static func maxParameters(_ call: BuiltinCall) throws(RuntimeError) -> PoolingParameters {
        if try call.bool("return_indices") {
            throw call.error("return_indices is not supported: conv's max pooling returns only the values",
                             at: "return_indices")
        }
        return PoolingParameters(
            kernelSize: try call.integer("k"), stride: try stride(call), padding: try call.integer("p"),
            dilation: try call.integer("d"), ceilMode: try call.bool("ceil_mode"))
    }

    static func averageParameters(_ call: BuiltinCall) throws(RuntimeError) -> PoolingParameters {
        PoolingParameters(
            kernelSize: try call.integer("k"), stride: try stride(call), padding: try call.integer("p"),
            ceilMode: try call.bool("ceil_mode"), countIncludePad: try call.bool("count_include_pad"))
    }

    /// `none` means the kernel size.
    private static func stride(_ call: BuiltinCall) throws(RuntimeError) -> Int? {
        if case .none = call.value("s") { return nil }
        return try call.integer("s")
    }

    private static func apply(_ pool: PoolingLayer, _ input: Tensor, _ call: BuiltinCall) throws(RuntimeError) -> Tensor {
        do {
            return try pool.apply(input, context: call.context)
        } catch {
            let bound = call
            throw refusal(error, at: call.range, inputRange: call.range(of: "x"), argumentRange: { bound.range(of: $0) })
        }
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
        case .tooLarge, .interrupted: nil
        }
        let location = blamed == "x" ? inputRange : (blamed.flatMap { argumentRange?($0) } ?? range)
        return RuntimeError(error.description, at: location, kind: error.diagnosticKind)
    }
}
