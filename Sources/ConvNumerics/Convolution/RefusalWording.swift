/// The sentences that ``ConvolutionError``, ``ConvolutionTransposeError`` and ``PoolingError``
/// share word for word, so the three describe the same mistake the same way.
enum RefusalWording {
    static func inputRank(_ shape: [Int]) -> String {
        "the input must be a signal (L), channels × length (C, L) or a batch (N, C, L), "
            + "but it has shape \(shape) (rank \(shape.count))"
    }

    /// `operation` names what needs the samples: "convolution", "pooling", ….
    static func emptyInput(_ shape: [Int], operation: String) -> String {
        "the input has no samples along its length (shape \(shape)); \(operation) needs L ≥ 1"
    }

    static func nonPositiveGroups(_ groups: Int) -> String {
        "groups must be at least 1, but g=\(groups)"
    }

    /// `padding` is already rendered, so one-sided and two-sided amounts read alike.
    static func negativePadding(_ padding: String) -> String {
        "padding cannot be negative, but p=\(padding)"
    }

    static func nonPositiveStride(_ stride: Int) -> String {
        "stride must be at least 1, but s=\(stride)"
    }

    static func nonPositiveDilation(_ dilation: Int) -> String {
        "dilation must be at least 1, but d=\(dilation)"
    }

    static func nonPositiveKernelSize(_ kernelSize: Int) -> String {
        "the kernel must have at least one tap, but k=\(kernelSize)"
    }

    /// `side` is "input" or "output".
    static func channelsNotDivisible(_ channels: Int, side: String, groups: Int) -> String {
        "\(channels) \(side) channels cannot be split evenly into g=\(groups) groups; "
            + "use a multiple of \(groups)"
    }

    static func biasShape(_ shape: [Int], outChannels: Int) -> String {
        "the bias must hold one value per output channel (\(outChannels)), but it has shape \(shape)"
    }

    /// Added to a channel mismatch when the input's length equals the expected channel count:
    /// a `(length, channels)` input is the classic mistake.
    static let transposedInputHint = "; is the input (length, channels)? transpose it"

    static func tooLarge(elements: Int?, limit: Int) -> String {
        guard let elements else { return "the result would hold more elements than can be counted" }
        return "the result would hold \(elements) elements, more than the limit of \(limit)"
    }

    static let interrupted = "interrupted"

    /// `1 channel`, `2 channels`.
    static func plural(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }
}

extension RefusalWording {
    /// Two operands of different dtypes; `first` and `second` name them ("the input", "the
    /// weight"). The fix converts the second to the first's dtype.
    static func dtypeMismatch(_ first: String, _ firstType: DType, _ second: String, _ secondType: DType) -> String {
        "\(first) is \(firstType) but \(second) is \(secondType); operands must share one dtype, "
            + "so convert one of them, e.g. .to(\(firstType.torchName))"
    }

    /// `operation` ("convolution", "pooling", …) computes only in float32 or float64.
    static func unsupportedDType(_ dtype: DType, operation: String) -> String {
        "\(operation) needs float32 or float64 tensors, but got \(dtype); convert first, e.g. .to(torch.float32)"
    }
}
