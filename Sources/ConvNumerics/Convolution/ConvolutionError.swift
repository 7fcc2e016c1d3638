/// Why a convolution or a layer initialisation was refused.
///
/// There is one case per refusal PyTorch makes (plus `tooLarge` and `interrupted`), and each
/// carries the numbers involved rather than text, so callers can test for a kind of failure
/// and render it their own way. ``description`` renders a friendly English sentence in conv's
/// vocabulary (`L`, `k`, `s`, `p`, `d`, `g`) that names the failing quantity and suggests the
/// smallest fix.
public enum ConvolutionError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The input is not `(L)`, `(C, L)` or `(N, C, L)`.
    case inputRank(shape: [Int])
    /// `padding: .same` with a stride other than 1 (PyTorch has no strided 'same').
    case sameWithStride(stride: Int)
    /// `groups <= 0`.
    case nonPositiveGroups(groups: Int)
    /// An explicit padding amount is negative.
    case negativePadding(left: Int, right: Int)
    /// `stride <= 0`.
    case nonPositiveStride(stride: Int)
    /// `dilation <= 0`.
    case nonPositiveDilation(dilation: Int)
    /// The weight is not a kernel `(k)` or `(out, in/g, k)`.
    case weightRank(shape: [Int])
    /// The kernel has no taps (`k <= 0`).
    case nonPositiveKernelSize(kernelSize: Int)
    /// The output-channel count is not a multiple of `groups`.
    case outChannelsNotDivisibleByGroups(outChannels: Int, groups: Int)
    /// There are fewer output channels than groups, so some group would have none.
    case outChannelsFewerThanGroups(outChannels: Int, groups: Int)
    /// The input-channel count of a layer is not a multiple of `groups`.
    case inChannelsNotDivisibleByGroups(inChannels: Int, groups: Int)
    /// A layer was asked for a negative number of channels.
    case negativeChannelCount(inChannels: Int, outChannels: Int)
    /// The input has `inputChannels` channels but the weight expects `expected`
    /// (`in/g · g`). `inputLength` is the input's last extent, kept to spot a transposed input.
    case channelMismatch(inputChannels: Int, expected: Int, groups: Int, inputLength: Int)
    /// The bias is not a vector of one value per output channel.
    case biasShape(shape: [Int], outChannels: Int)
    /// The input has no samples along its length.
    case emptyInput(shape: [Int])
    /// Reflect padding must be shorter than the input on each side.
    case reflectPaddingTooLarge(left: Int, right: Int, inputLength: Int)
    /// Circular padding may wrap around the input at most once on each side.
    case circularPaddingTooLarge(left: Int, right: Int, inputLength: Int)
    /// The padded input is shorter than the kernel span `d·(k−1)+1`.
    case kernelLongerThanInput(inputLength: Int, left: Int, right: Int, kernelSize: Int, dilation: Int)
    /// Input, weight and bias do not share one dtype; nothing is converted implicitly.
    case dtypeMismatch(input: DType, weight: DType, bias: DType?)
    /// The operands are int64 or bool; the kernels compute in float32 or float64.
    case unsupportedDType(DType)
    /// The result would hold more than `limit` elements; `elements` is `nil` when the count
    /// does not even fit in an `Int`.
    case tooLarge(elements: Int?, limit: Int)
    /// The memory budget, or the operating system, had no room for the result.
    case outOfMemory(MemoryRefusal)
    /// The caller raised the ``InterruptFlag`` while the computation ran.
    case interrupted

    /// A sentence that names the failing quantity, its numbers and the smallest fix.
    public var description: String {
        switch self {
        case .inputRank(let shape):
            return RefusalWording.inputRank(shape)
        case .sameWithStride(let stride):
            return "padding 'same' needs stride 1, but s=\(stride); use an explicit p, or s=1"
        case .nonPositiveGroups(let groups):
            return RefusalWording.nonPositiveGroups(groups)
        case .negativePadding(let left, let right):
            return RefusalWording.negativePadding(Self.paddingText(left, right))
        case .nonPositiveStride(let stride):
            return RefusalWording.nonPositiveStride(stride)
        case .nonPositiveDilation(let dilation):
            return RefusalWording.nonPositiveDilation(dilation)
        case .weightRank(let shape):
            return "the weight must be a kernel (k) or (out, in/g, k), "
                + "but it has shape \(shape) (rank \(shape.count))"
        case .nonPositiveKernelSize(let kernelSize):
            return RefusalWording.nonPositiveKernelSize(kernelSize)
        case .outChannelsNotDivisibleByGroups(let outChannels, let groups):
            return RefusalWording.channelsNotDivisible(outChannels, side: "output", groups: groups)
        case .outChannelsFewerThanGroups(let outChannels, let groups):
            return "\(RefusalWording.plural(outChannels, "output channel")) cannot fill g=\(groups) groups; "
                + "use at least \(groups)"
        case .inChannelsNotDivisibleByGroups(let inChannels, let groups):
            return RefusalWording.channelsNotDivisible(inChannels, side: "input", groups: groups)
        case .negativeChannelCount(let inChannels, let outChannels):
            return "channel counts cannot be negative, but in=\(inChannels), out=\(outChannels)"
        case .channelMismatch(let inputChannels, let expected, let groups, let inputLength):
            return Self.channelMismatchText(inputChannels, expected, groups, inputLength)
        case .biasShape(let shape, let outChannels):
            return RefusalWording.biasShape(shape, outChannels: outChannels)
        case .emptyInput(let shape):
            return RefusalWording.emptyInput(shape, operation: "convolution")
        case .reflectPaddingTooLarge(let left, let right, let inputLength):
            return "reflect padding must be shorter than the input on each side, "
                + "but p=\(Self.paddingText(left, right)) with L=\(inputLength); "
                + "use p of at most \(inputLength.addingSaturating(-1)), or padding mode replicate"
        case .circularPaddingTooLarge(let left, let right, let inputLength):
            return "circular padding p=\(Self.paddingText(left, right)) would wrap around an input of "
                + "L=\(inputLength) more than once; use p of at most \(inputLength)"
        case .kernelLongerThanInput(let inputLength, let left, let right, let kernelSize, let dilation):
            return Self.kernelLongerText(inputLength, left, right, kernelSize, dilation)
        case .dtypeMismatch(let input, let weight, let bias):
            return OperandDTypes.mismatchText(input: input, weight: weight, bias: bias)
        case .unsupportedDType(let dtype):
            return RefusalWording.unsupportedDType(dtype, operation: "convolution")
        case .tooLarge(let elements, let limit):
            return RefusalWording.tooLarge(elements: elements, limit: limit)
        case .outOfMemory(let refusal):
            return refusal.description
        case .interrupted:
            return RefusalWording.interrupted
        }
    }

    /// `1` for symmetric padding, `(1, 2)` otherwise.
    private static func paddingText(_ left: Int, _ right: Int) -> String {
        left == right ? "\(left)" : "(\(left), \(right))"
    }

    private static func channelMismatchText(
        _ inputChannels: Int, _ expected: Int, _ groups: Int, _ inputLength: Int
    ) -> String {
        let base = "input has \(RefusalWording.plural(inputChannels, "channel")) but the weight expects "
            + "\(expected) (groups=\(groups))"
        guard inputLength == expected else { return base }
        return base + RefusalWording.transposedInputHint
    }

    /// Explains the shortfall with the output-length formula and the two smallest fixes:
    /// enough symmetric padding, or the longest kernel that fits.
    private static func kernelLongerText(
        _ inputLength: Int, _ left: Int, _ right: Int, _ kernelSize: Int, _ dilation: Int
    ) -> String {
        let paddedLength = inputLength.addingSaturating(left).addingSaturating(right)
        let span = kernelSpan(kernelSize: kernelSize, dilation: dilation)
        let spanText = span.map(String.init) ?? "beyond \(Int.max)"
        var text = "padded length \(paddedLength) (L=\(inputLength) + p \(left)+\(right)) "
            + "is shorter than the kernel span \(spanText) = d·(k−1)+1 (k=\(kernelSize), d=\(dilation))"
        if let span { text += ", so L_out = ⌊(\(paddedLength) − \(span))/s⌋ + 1 < 1" }
        var fixes: [String] = []
        if let span, case (let missing, false) = span.subtractingReportingOverflow(inputLength), missing > 0 {
            fixes.append("p=\(missing / 2 + missing % 2) or more")
        }
        if paddedLength >= 1 {
            let longestAtDilation = (paddedLength - 1) / max(dilation, 1) + 1
            let kernelFix = dilation == 1
                ? "a kernel of at most \(paddedLength)"
                : "a kernel of at most \(paddedLength) (k ≤ \(longestAtDilation) at d=\(dilation))"
            fixes.append(kernelFix)
        }
        if !fixes.isEmpty { text += "; use " + fixes.joined(separator: ", or ") }
        return text
    }

    /// `d·(k−1)+1`, or `nil` when it overflows.
    static func kernelSpan(kernelSize: Int, dilation: Int) -> Int? {
        let (taps, tapsOverflow) = kernelSize.subtractingReportingOverflow(1)
        let (reach, reachOverflow) = dilation.multipliedReportingOverflow(by: taps)
        let (span, spanOverflow) = reach.addingReportingOverflow(1)
        return tapsOverflow || reachOverflow || spanOverflow ? nil : span
    }
}

extension Int {
    /// `self + other`, clamped to `Int.min ... Int.max` instead of trapping.
    func addingSaturating(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }

    /// `self * other`, clamped to `Int.min ... Int.max` instead of trapping.
    public func multipliedSaturating(by other: Int) -> Int {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        guard overflow else { return product }
        return (self < 0) == (other < 0) ? .max : .min
    }
}
