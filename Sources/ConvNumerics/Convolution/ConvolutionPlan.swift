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
    /// The dtype input, weight and bias share (float32 or float64), which the output has too.
    var dtype: DType

    var inChannelsPerGroup: Int { inChannels / groups }
    var outChannelsPerGroup: Int { outChannels / groups }
    var kernelSize: Int { geometry.kernelSize }
    var inputLength: Int { geometry.inputLength }
    var outputLength: Int { geometry.outputLength }

    /// Runs every check PyTorch makes, in its order, and refuses the first failure; the dtypes
    /// are checked last, after every shape, as PyTorch checks them when it picks a kernel.
    init(
        input: Tensor, weight: Tensor, bias: Tensor?,
        parameters: ConvolutionParameters, elementLimit: Int, memory: MemoryBudget = .unlimited
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
        outputShape = SignalDimensions.outputShape(
            inputRank: input.rank, batch: inputDims.batch, channels: weightDims.out, length: geometry.outputLength)
        outputCount = try Tensor.elementCount(of: outputShape, limit: elementLimit, refusing: ConvolutionError.self)
        dtype = try OperandDTypes.floatingDType(input: input, weight: weight, bias: bias, refusing: ConvolutionError.self)
        try memory.reserve(outputCount, of: dtype, refusing: ConvolutionError.self)
    }

    private static func inputDimensions(_ shape: [Int]) throws(ConvolutionError) -> SignalDimensions {
        guard let dims = SignalDimensions(shape: shape) else { throw .inputRank(shape: shape) }
        return dims
    }

    /// `(out, in/g, k)` of the weight.
    private static func weightDimensions(_ shape: [Int]) throws(ConvolutionError) -> (out: Int, inPerGroup: Int, kernel: Int) {
        guard let (out, inPerGroup, kernel) = SignalDimensions.kernel(shape: shape) else { throw .weightRank(shape: shape) }
        guard kernel > 0 else { throw .nonPositiveKernelSize(kernelSize: kernel) }
        return (out, inPerGroup, kernel)
    }

    /// Output channels against groups (at least `g`, then a multiple of `g`, PyTorch's
    /// order), then the input's channels against `in/g · g`.
    private static func checkWeight(
        _ weight: (out: Int, inPerGroup: Int, kernel: Int),
        input: SignalDimensions,
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
}

/// The elements of a convolution's operands in `Scalar`, the dtype its plan checked they share.
struct ConvolutionOperands<Scalar: TensorScalar> {
    var input: [Scalar]
    var weight: [Scalar]
    var bias: [Scalar]?

    init(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?, as type: Scalar.Type) throws(ConvolutionError) {
        guard let x = input.elements(as: type), let w = weight.elements(as: type),
              bias.map({ $0.dtype == Scalar.dtype }) ?? true
        else { throw .dtypeMismatch(input: input.dtype, weight: weight.dtype, bias: bias?.dtype) }
        self.input = x
        self.weight = w
        self.bias = bias?.elements(as: type)
    }
}
