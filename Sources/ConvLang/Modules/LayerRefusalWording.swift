import ConvNumerics

/// PyTorch's words for the refusals of conv's convolution and pooling layers that conv words
/// its own way (`input has 2 channels but the weight expects 3`): a layer's refusal says what
/// PyTorch says, at conv's location with its caret, and conv's own sentence, with its fix,
/// follows as the first note. The functional forms (`conv(...)`) keep conv's wording.
enum LayerRefusalWording {
    /// `error` headed by PyTorch's `words`, conv's message moved to the first note; `error`
    /// itself when PyTorch words it the same.
    static func headed(_ error: RuntimeError, by words: String?) -> RuntimeError {
        guard let words, words != error.message else { return error }
        var worded = error
        worded.message = words
        worded.notes = [error.message] + error.notes
        return worded
    }

    /// What PyTorch says of a convolution layer's refusal of `input`, where its words differ.
    static func convolution(_ error: ConvolutionError, input: Tensor, weight: Tensor, groups: Int) -> String? {
        switch error {
        case .channelMismatch(let inputChannels, let expected, let groups, _):
            // PyTorch names the input batched, as its kernel sees it.
            let shape = input.rank == 2 ? [1] + input.shape : input.shape
            return "Given groups=\(groups), weight of size \(list(weight.shape)), expected input\(list(shape)) "
                + "to have \(expected) channels, but got \(inputChannels) channels instead"
        case .kernelLongerThanInput(let length, let left, let right, let kernelSize, let dilation):
            // The numbers the kernel refused, computed without trapping: settings can be as large as an Int.
            let padded = length.addingReportingOverflow(left).partialValue.addingReportingOverflow(right).partialValue
            let span = dilation.multipliedReportingOverflow(by: kernelSize - 1).partialValue.addingReportingOverflow(1).partialValue
            return "Calculated padded input size per channel: (\(padded)). Kernel size: (\(span)). "
                + "Kernel size can't be greater than actual input size"
        default:
            return constructor(error)
        }
    }

    /// What PyTorch's constructors say of channels that do not split into the groups.
    static func constructor(_ error: ConvolutionError) -> String? {
        switch error {
        case .inChannelsNotDivisibleByGroups: "in_channels must be divisible by groups"
        case .outChannelsNotDivisibleByGroups: "out_channels must be divisible by groups"
        default: nil
        }
    }

    /// What PyTorch says of a pooling layer's refusal of `input`, where its words differ.
    static func pooling(_ error: PoolingError, input: Tensor, kind: PoolExplanation.Kind) -> String? {
        guard case .outputTooShort(let length, let outputLength) = error else { return nil }
        switch kind {
        case .max:
            return "max_pool1d() Invalid computed output size: \(outputLength)"
        case .average:
            // avg_pool1d runs as a 2-D pooling of height 1, and names the sizes (C×1×L).
            let channels = input.rank >= 2 ? input.shape[input.rank - 2] : 1
            return "Given input size: (\(channels)x1x\(length)). Calculated output size: (\(channels)x1x\(outputLength)). "
                + "Output size is too small"
        }
    }

    private static func list(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
}
