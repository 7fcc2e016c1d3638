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
    /// The result would hold more than `limit` elements (`nil`: more than an `Int` counts).
    case tooLarge(elements: Int?, limit: Int)
    /// The caller raised the ``InterruptFlag``.
    case interrupted

    public var description: String {
        switch self {
        case .inputRank(let shape):
            return "the input must be a signal (L), channels × length (C, L) or a batch (N, C, L), "
                + "but it has shape \(shape) (rank \(shape.count))"
        case .nonPositiveGroups(let groups):
            return "groups must be at least 1, but g=\(groups)"
        case .negativePadding(let padding):
            return "padding cannot be negative, but p=\(padding)"
        case .negativeOutputPadding(let outputPadding):
            return "output_padding cannot be negative, but output_padding=\(outputPadding)"
        case .nonPositiveStride(let stride):
            return "stride must be at least 1, but s=\(stride)"
        case .nonPositiveDilation(let dilation):
            return "dilation must be at least 1, but d=\(dilation)"
        case .weightRank(let shape):
            return "the weight of a transposed convolution must be a kernel (k) or (in, out/g, k), "
                + "but it has shape \(shape) (rank \(shape.count))"
        case .nonPositiveKernelSize(let kernelSize):
            return "the kernel must have at least one tap, but k=\(kernelSize)"
        case .inChannelsFewerThanGroups(let inChannels, let groups):
            return "the weight's \(inChannels) input channels (dimension 0) cannot fill g=\(groups) groups; "
                + "use at least \(groups)"
        case .inChannelsNotDivisibleByGroups(let inChannels, let groups):
            return "\(inChannels) input channels cannot be split evenly into g=\(groups) groups; "
                + "use a multiple of \(groups)"
        case .outChannelsNotDivisibleByGroups(let outChannels, let groups):
            return "\(outChannels) output channels cannot be split evenly into g=\(groups) groups; "
                + "use a multiple of \(groups)"
        case .channelMismatch(let inputChannels, let expected, let inputLength):
            var text = "input has \(inputChannels) channel\(inputChannels == 1 ? "" : "s") but the weight expects "
                + "\(expected) (a transposed convolution's weight is (in, out/g, k): dimension 0 is the input channels)"
            if inputLength == expected { text += "; is the input (length, channels)? transpose it" }
            return text
        case .biasShape(let shape, let outChannels):
            return "the bias must hold one value per output channel (\(outChannels)), but it has shape \(shape)"
        case .emptyInput(let shape):
            return "the input has no samples along its length (shape \(shape)); a transposed convolution needs L ≥ 1"
        case .outputPaddingTooLarge(let outputPadding, let stride, let dilation):
            return "output_padding must be smaller than either the stride or the dilation, but "
                + "output_padding=\(outputPadding) with s=\(stride), d=\(dilation); "
                + "use output_padding of at most \(Swift.max(stride, dilation) - 1)"
        case .outputTooShort(let inputLength, let outputLength, let padding):
            return "the output would have \(outputLength) samples: L_out = (L−1)·s − 2p + d·(k−1) + op + 1 "
                + "with L=\(inputLength), p=\(padding) is below 1; use less padding"
        case .tooLarge(let elements?, let limit):
            return "the result would hold \(elements) elements, more than the limit of \(limit)"
        case .tooLarge(nil, _):
            return "the result would hold more elements than can be counted"
        case .interrupted:
            return "interrupted"
        }
    }
}
