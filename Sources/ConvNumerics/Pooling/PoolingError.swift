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
    /// The input is int64 or bool; pooling computes in float32 or float64.
    case unsupportedDType(DType)
    /// The result would hold more than `limit` elements (`nil`: more than an `Int` counts).
    case tooLarge(elements: Int?, limit: Int)
    /// The memory budget, or the operating system, had no room for the result.
    case outOfMemory(MemoryRefusal)
    /// The caller raised the ``InterruptFlag``.
    case interrupted

    /// A sentence that names the failing quantity, its numbers and the smallest fix.
    public var description: String {
        switch self {
        case .inputRank(let shape):
            return RefusalWording.inputRank(shape)
        case .emptyInput(let shape):
            return RefusalWording.emptyInput(shape, operation: "pooling")
        case .nonPositiveKernelSize(let kernelSize):
            return "the pooling window must have at least one sample, but k=\(kernelSize)"
        case .nonPositiveStride(let stride):
            return RefusalWording.nonPositiveStride(stride)
        case .negativePadding(let padding):
            return RefusalWording.negativePadding("\(padding)")
        case .nonPositiveDilation(let dilation):
            return RefusalWording.nonPositiveDilation(dilation)
        case .paddingTooLarge(let padding, let kernelSize, let dilation):
            let which = dilation == 1 ? "" : " (of the undilated kernel, whatever d is)"
            return "padding must be at most half the kernel size\(which), but p=\(padding) with k=\(kernelSize); "
                + "use p of at most \(kernelSize / 2)"
        case .outputTooShort(let inputLength, let outputLength):
            return "the output would have \(outputLength) samples: the window does not fit in the padded input "
                + "(L=\(inputLength)); use a smaller k or d, more padding, or ceil_mode=true"
        case .unsupportedDType(let dtype):
            return RefusalWording.unsupportedDType(dtype, operation: "pooling")
        case .tooLarge(let elements, let limit):
            return RefusalWording.tooLarge(elements: elements, limit: limit)
        case .outOfMemory(let refusal):
            return refusal.description
        case .interrupted:
            return RefusalWording.interrupted
        }
    }
}
