/// A validated convolution call: every extent seen as `(N, C, L)` input and
/// `(out, in/g, k)` weight, with the output shape already decided.
struct ConvolutionPlan: Sendable {
    var batch: Int
    var inChannels: Int
    var outChannels: Int
    var groups: Int
    var geometry: ConvolutionGeometry
    /// The shape handed back: it keeps the input's rank (see ``Convolution``).
    var outputShape: [Int]
    /// `N · out · L_out`, within the caller's element limit.
    var outputCount: Int

    var inChannelsPerGroup: Int { inChannels / groups }
    var outChannelsPerGroup: Int { outChannels / groups }
    var kernelSize: Int { geometry.kernelSize }
    var inputLength: Int { geometry.inputLength }
    var outputLength: Int { geometry.outputLength }

    /// Runs every check PyTorch makes, in its order, and refuses the first failure.
    init(
        input: Tensor, weight: Tensor, bias: Tensor?,
        parameters: ConvolutionParameters, elementLimit: Int
    ) throws(ConvolutionError) {
        let inputDims = try Self.inputDimensions(input.shape)
        try Convolution.checkParameters(parameters)
        let weightDims = try Self.weightDimensions(weight.shape)
        try Self.checkWeight(weightDims, input: inputDims, groups: parameters.groups)
        if let bias, bias.shape != [weightDims.out] {
            throw .biasShape(shape: bias.shape, outChannels: weightDims.out)
        }
        guard inputDims.length > 0 else { throw .emptyInput(shape: input.shape) }
        let geometry = try ConvolutionGeometry(
            inputLength: inputDims.length, kernelSize: weightDims.kernel, parameters: parameters)
        batch = inputDims.batch
        inChannels = inputDims.channels
        outChannels = weightDims.out
        groups = parameters.groups
        self.geometry = geometry
        outputShape = Self.outputShape(inputRank: input.rank, inputDims.batch, weightDims.out, geometry.outputLength)
        outputCount = try Self.checkedElementCount(outputShape, limit: elementLimit)
    }

    /// `(N, C, L)` of the input; a vector is one channel of one item, `(C, L)` one item.
    private static func inputDimensions(_ shape: [Int]) throws(ConvolutionError) -> (batch: Int, channels: Int, length: Int) {
        switch shape.count {
        case 1: return (1, 1, shape[0])
        case 2: return (1, shape[0], shape[1])
        case 3: return (shape[0], shape[1], shape[2])
        default: throw .inputRank(shape: shape)
        }
    }

    /// `(out, in/g, k)` of the weight; a vector is a kernel for one input and one output channel.
    private static func weightDimensions(_ shape: [Int]) throws(ConvolutionError) -> (out: Int, inPerGroup: Int, kernel: Int) {
        let dims: (out: Int, inPerGroup: Int, kernel: Int)
        switch shape.count {
        case 1: dims = (1, 1, shape[0])
        case 3: dims = (shape[0], shape[1], shape[2])
        default: throw .weightRank(shape: shape)
        }
        guard dims.kernel > 0 else { throw .nonPositiveKernelSize(kernelSize: dims.kernel) }
        return dims
    }

    /// Output channels against groups (at least `g`, then a multiple of `g`, PyTorch's
    /// order), then the input's channels against `in/g · g`.
    private static func checkWeight(
        _ weight: (out: Int, inPerGroup: Int, kernel: Int),
        input: (batch: Int, channels: Int, length: Int),
        groups: Int
    ) throws(ConvolutionError) {
        guard weight.out >= groups else {
            throw .outChannelsFewerThanGroups(outChannels: weight.out, groups: groups)
        }
        guard weight.out % groups == 0 else {
            throw .outChannelsNotDivisibleByGroups(outChannels: weight.out, groups: groups)
        }
        let expected = weight.inPerGroup.multipliedSaturating(by: groups)
        guard input.channels == expected else {
            throw .channelMismatch(
                inputChannels: input.channels, expected: expected, groups: groups, inputLength: input.length)
        }
    }

    /// `(N, out, L_out)` for a batch; `(out, L_out)` for one item; `(L_out)` when a vector
    /// went in and one channel comes out.
    private static func outputShape(inputRank: Int, _ batch: Int, _ outChannels: Int, _ length: Int) -> [Int] {
        switch inputRank {
        case 3: return [batch, outChannels, length]
        case 1 where outChannels == 1: return [length]
        default: return [outChannels, length]
        }
    }

    private static func checkedElementCount(_ shape: [Int], limit: Int) throws(ConvolutionError) -> Int {
        guard let count = Tensor.elementCount(of: shape) else { throw .tooLarge(elements: nil, limit: limit) }
        guard count <= limit else { throw .tooLarge(elements: count, limit: limit) }
        return count
    }
}
