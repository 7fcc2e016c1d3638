/// A validated transposed-convolution call: extents as `(N, C, L)` input and `(C, out/g, k)`
/// weight, with the output shape decided.
struct TransposePlan: Sendable {
    var batch: Int
    var inChannels: Int
    var outChannels: Int
    var groups: Int
    var inputLength: Int
    var kernelSize: Int
    var outputLength: Int
    var parameters: ConvolutionTransposeParameters
    var outputShape: [Int]
    var outputCount: Int
    /// The dtype input, weight and bias share, which the result has too.
    var dtype: DType

    var inChannelsPerGroup: Int { inChannels / groups }
    var outChannelsPerGroup: Int { outChannels / groups }

    /// Runs every check in PyTorch's order and refuses the first failure; the dtypes are
    /// checked last, after every shape.
    init(
        input: Tensor, weight: Tensor, bias: Tensor?,
        parameters: ConvolutionTransposeParameters, elementLimit: Int, memory: MemoryBudget = .unlimited
    ) throws(ConvolutionTransposeError) {
        let inputDims = try Self.inputDimensions(input.shape)
        try ConvolutionTranspose.checkParameters(parameters)
        let weightDims = try Self.weightDimensions(weight.shape)
        let groups = parameters.groups
        guard weightDims.in >= groups else { throw .inChannelsFewerThanGroups(inChannels: weightDims.in, groups: groups) }
        guard weightDims.in % groups == 0 else { throw .inChannelsNotDivisibleByGroups(inChannels: weightDims.in, groups: groups) }
        guard inputDims.channels == weightDims.in else {
            throw .channelMismatch(inputChannels: inputDims.channels, expected: weightDims.in, inputLength: inputDims.length)
        }
        guard let outChannels = weightDims.outPerGroup.multipliedChecked(by: groups) else {
            throw .tooLarge(elements: nil, limit: elementLimit)
        }
        if let bias, bias.shape != [outChannels] { throw .biasShape(shape: bias.shape, outChannels: outChannels) }
        guard inputDims.length > 0 else { throw .emptyInput(shape: input.shape) }
        try ConvolutionTranspose.checkOutputPadding(parameters)
        let length = try ConvolutionTranspose.length(
            inputLength: inputDims.length, kernelSize: weightDims.kernel, parameters: parameters)
        (batch, inChannels, self.outChannels, self.groups) = (inputDims.batch, inputDims.channels, outChannels, groups)
        (inputLength, kernelSize, outputLength, self.parameters) = (inputDims.length, weightDims.kernel, length, parameters)
        outputShape = SignalDimensions.outputShape(inputRank: input.rank, batch: inputDims.batch, channels: outChannels, length: length)
        outputCount = try Tensor.elementCount(of: outputShape, limit: elementLimit, refusing: ConvolutionTransposeError.self)
        dtype = try OperandDTypes.floatingDType(
            input: input, weight: weight, bias: bias, refusing: ConvolutionTransposeError.self)
        try memory.reserve(outputCount, of: dtype, refusing: ConvolutionTransposeError.self)
    }

    private static func inputDimensions(_ shape: [Int]) throws(ConvolutionTransposeError) -> SignalDimensions {
        guard let dims = SignalDimensions(shape: shape) else { throw .inputRank(shape: shape) }
        return dims
    }

    /// `(in, out/g, k)` of the weight.
    private static func weightDimensions(_ shape: [Int]) throws(ConvolutionTransposeError) -> (in: Int, outPerGroup: Int, kernel: Int) {
        guard let (input, outPerGroup, kernel) = SignalDimensions.kernel(shape: shape) else { throw .weightRank(shape: shape) }
        guard kernel > 0 else { throw .nonPositiveKernelSize(kernelSize: kernel) }
        return (input, outPerGroup, kernel)
    }

    /// Adds every input sample's scaled kernel of one batch item into `output`, skipping the
    /// taps that land in the cropped padding or past the end.
    func scatter<Scalar: TensorScalar>(item: Int, input: [Scalar], weight: [Scalar], into output: inout [Scalar]) {
        let (s, d, p) = (parameters.stride, parameters.dilation, parameters.padding)
        let inPerGroup = inChannelsPerGroup
        let outPerGroup = outChannelsPerGroup
        for channel in 0..<inChannels {
            let group = channel / inPerGroup
            let inputRow = (item * inChannels + channel) * inputLength
            for o in 0..<outPerGroup {
                let outChannel = group * outPerGroup + o
                let outputRow = (item * outChannels + outChannel) * outputLength
                let weightRow = (channel * outPerGroup + o) * kernelSize
                for i in 0..<inputLength {
                    let x = input[inputRow + i]
                    let origin = i * s - p
                    for j in 0..<kernelSize {
                        let position = origin + j * d
                        guard position >= 0 else { continue }
                        guard position < outputLength else { break }
                        output[outputRow + position] += x * weight[weightRow + j]
                    }
                }
            }
        }
    }

    func addBias<Scalar: TensorScalar>(_ bias: [Scalar], to output: inout [Scalar]) {
        for item in 0..<batch {
            for channel in 0..<outChannels {
                let row = (item * outChannels + channel) * outputLength
                for position in 0..<outputLength { output[row + position] += bias[channel] }
            }
        }
    }
}
