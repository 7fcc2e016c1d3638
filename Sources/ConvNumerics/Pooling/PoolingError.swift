/// Why a pooling call was refused: one case per refusal PyTorch's `max_pool1d` and
/// `avg_pool1d` make (plus `tooLarge` and `interrupted`), each with the numbers involved.
public enum PoolingError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The input is not `(L)`, `(C, L)` or `(N, C, L)`.
    case inputRank(shape: [Int])
    /// The input has no samples along its length.
    case emptyInput(shape: [Int])
    /// `kernel_size <= 0`.
    case nonPositiveKernelSize(kernelSize: Int)
    /// `stride <= 0`.
    case nonPositiveStride(stride: Int)
    /// `padding < 0`.
    case negativePadding(padding: Int)
    /// `dilation <= 0`.
    case nonPositiveDilation(dilation: Int)
    /// Padding more than half the kernel (for max pooling, of the undilated kernel).
    case paddingTooLarge(padding: Int, kernelSize: Int, dilation: Int)
    /// The computed output length is below 1.
    case outputTooShort(inputLength: Int, outputLength: Int)
    /// The result would hold more than `limit` elements (`nil`: more than an `Int` counts).
    case tooLarge(elements: Int?, limit: Int)
    /// The caller raised the ``InterruptFlag``.
    case interrupted

    public var description: String {
        switch self {
        case .inputRank(let shape):
            return "the input must be a signal (L), channels × length (C, L) or a batch (N, C, L), "
                + "but it has shape \(shape) (rank \(shape.count))"
        case .emptyInput(let shape):
            return "the input has no samples along its length (shape \(shape)); pooling needs L ≥ 1"
        case .nonPositiveKernelSize(let kernelSize):
            return "the pooling window must have at least one sample, but k=\(kernelSize)"
        case .nonPositiveStride(let stride):
            return "stride must be at least 1, but s=\(stride)"
        case .negativePadding(let padding):
            return "padding cannot be negative, but p=\(padding)"
        case .nonPositiveDilation(let dilation):
            return "dilation must be at least 1, but d=\(dilation)"
        case .paddingTooLarge(let padding, let kernelSize, let dilation):
            let which = dilation == 1 ? "" : " (of the undilated kernel, whatever d is)"
            return "padding must be at most half the kernel size\(which), but p=\(padding) with k=\(kernelSize); "
                + "use p of at most \(kernelSize / 2)"
        case .outputTooShort(let inputLength, let outputLength):
            return "the output would have \(outputLength) samples: the window does not fit in the padded input "
                + "(L=\(inputLength)); use a smaller k or d, more padding, or ceil_mode=true"
        case .tooLarge(let elements?, let limit):
            return "the result would hold \(elements) elements, more than the limit of \(limit)"
        case .tooLarge(nil, _):
            return "the result would hold more elements than can be counted"
        case .interrupted:
            return "interrupted"
        }
    }
}
