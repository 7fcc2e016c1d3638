/// Why a transposed convolution was refused.
///
/// One case per refusal PyTorch's `conv_transpose1d` makes (plus `tooLarge` and
/// `interrupted`); each carries the numbers involved, and ``description`` names them in conv's
/// vocabulary (`L`, `k`, `s`, `p`, `op`, `d`, `g`) with the smallest fix.
public enum ConvolutionTransposeError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The input is not `(L)`, `(C, L)` or `(N, C, L)`.
    case inputRank(shape: [Int])
    /// `groups <= 0`.
    case nonPositiveGroups(groups: Int)
    /// `padding < 0`.
    case negativePadding(padding: Int)
    /// `output_padding < 0`.
    case negativeOutputPadding(outputPadding: Int)
    /// `stride <= 0`.
    case nonPositiveStride(stride: Int)
    /// `dilation <= 0`.
    case nonPositiveDilation(dilation: Int)
    /// The weight is not a kernel `(k)` or `(in, out/g, k)`.
    case weightRank(shape: [Int])
    /// The kernel has no taps.
    case nonPositiveKernelSize(kernelSize: Int)
    /// Weight dimension 0 (the input channels) is smaller than `groups`.
    case inChannelsFewerThanGroups(inChannels: Int, groups: Int)
    /// Weight dimension 0 (the input channels) is not a multiple of `groups`.
    case inChannelsNotDivisibleByGroups(inChannels: Int, groups: Int)
    /// A layer's output-channel count is not a multiple of `groups`.
    case outChannelsNotDivisibleByGroups(outChannels: Int, groups: Int)
    /// The input has `inputChannels` channels but the weight's dimension 0 says `expected`.
    case channelMismatch(inputChannels: Int, expected: Int, inputLength: Int)
    /// The bias is not one value per output channel (`out/g · g`).
    case biasShape(shape: [Int], outChannels: Int)
    /// The input has no samples along its length.
    case emptyInput(shape: [Int])
    /// PyTorch's rule: `output_padding` must be smaller than the stride or the dilation.
    case outputPaddingTooLarge(outputPadding: Int, stride: Int, dilation: Int)
    /// `L_out = (L−1)·s − 2p + d·(k−1) + op + 1` is below 1.
    case outputTooShort(inputLength: Int, outputLength: Int, padding: Int)
    /// Input, weight and bias do not share one dtype; nothing is converted implicitly.
    case dtypeMismatch(input: DType, weight: DType, bias: DType?)
    /// The operands are int64 or bool; the kernels compute in float32 or float64.
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
        case .nonPositiveGroups(let groups):
            return RefusalWording.nonPositiveGroups(groups)
        case .negativePadding(let padding):
            return RefusalWording.negativePadding("\(padding)")
        case .negativeOutputPadding(let outputPadding):
            return "output_padding cannot be negative, but output_padding=\(outputPadding)"
        case .nonPositiveStride(let stride):
            return RefusalWording.nonPositiveStride(stride)
        case .nonPositiveDilation(let dilation):
            return RefusalWording.nonPositiveDilation(dilation)
        case .weightRank(let shape):
            return "the weight of a transposed convolution must be a kernel (k) or (in, out/g, k), "
                + "but it has shape \(shape) (rank \(shape.count))"
        case .nonPositiveKernelSize(let kernelSize):
            return RefusalWording.nonPositiveKernelSize(kernelSize)
        case .inChannelsFewerThanGroups(let inChannels, let groups):
            return "the weight's \(inChannels) input channels (dimension 0) cannot fill g=\(groups) groups; "
                + "use at least \(groups)"
        case .inChannelsNotDivisibleByGroups(let inChannels, let groups):
            return RefusalWording.channelsNotDivisible(inChannels, side: "input", groups: groups)
        case .outChannelsNotDivisibleByGroups(let outChannels, let groups):
            return RefusalWording.channelsNotDivisible(outChannels, side: "output", groups: groups)
        case .channelMismatch(let inputChannels, let expected, let inputLength):
            var text = "input has \(RefusalWording.plural(inputChannels, "channel")) but the weight expects "
                + "\(expected) (a transposed convolution's weight is (in, out/g, k): dimension 0 is the input channels)"
            if inputLength == expected { text += RefusalWording.transposedInputHint }
            return text
        case .biasShape(let shape, let outChannels):
            return RefusalWording.biasShape(shape, outChannels: outChannels)
        case .emptyInput(let shape):
            return RefusalWording.emptyInput(shape, operation: "a transposed convolution")
        case .outputPaddingTooLarge(let outputPadding, let stride, let dilation):
            return "output_padding must be smaller than either the stride or the dilation, but "
                + "output_padding=\(outputPadding) with s=\(stride), d=\(dilation); "
                + "use output_padding of at most \(Swift.max(stride, dilation) - 1)"
        case .outputTooShort(let inputLength, let outputLength, let padding):
            return "the output would have \(outputLength) samples: L_out = (L−1)·s − 2p + d·(k−1) + op + 1 "
                + "with L=\(inputLength), p=\(padding) is below 1; use less padding"
        case .dtypeMismatch(let input, let weight, let bias):
            return OperandDTypes.mismatchText(input: input, weight: weight, bias: bias)
        case .unsupportedDType(let dtype):
            return RefusalWording.unsupportedDType(dtype, operation: "a transposed convolution")
        case .tooLarge(let elements, let limit):
            return RefusalWording.tooLarge(elements: elements, limit: limit)
        case .outOfMemory(let refusal):
            return refusal.description
        case .interrupted:
            return RefusalWording.interrupted
        }
    }
}
