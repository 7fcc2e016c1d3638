/// The weights of one convolution layer.
public struct LayerParameters: Sendable, Equatable, Hashable {
    /// `(out, in/g, k)` for a convolution, `(in, out/g, k)` for a transposed convolution.
    public var weight: Tensor
    /// `(out)`, or `nil` for a layer without bias.
    public var bias: Tensor?

    /// Makes layer parameters.
    public init(weight: Tensor, bias: Tensor?) {
        self.weight = weight
        self.bias = bias
    }
}

/// PyTorch's default initialisation of `Conv1d` and `ConvTranspose1d`, bit for bit.
///
/// `reset_parameters` draws the weight with `kaiming_uniform_(a=√5)`, i.e. from
/// `U(−b, b)` with `b = √3 · √(2/(1+a²)) / √fan_in` (≈ `1/√fan_in`, but computed in exactly
/// this order in double precision, which fixes the last bit of the float32 bound), then the
/// bias from `U(−1/√fan_in, 1/√fan_in)`. `fan_in` is weight dimension 1 times `k`. Both
/// draws come from the same generator, weight first, so later draws depend on every layer
/// created before.
public enum LayerInitialization {
    /// Initialises `Conv1d(inChannels, outChannels, kernelSize, groups:, bias:)`: weight
    /// `(out, in/g, k)`, `fan_in = (in/g)·k`.
    public static func conv1d(
        inChannels: Int, outChannels: Int, kernelSize: Int, groups: Int = 1, bias: Bool = true,
        generator: inout TorchGenerator, elementLimit: Int = Int.max
    ) throws(ConvolutionError) -> LayerParameters {
        try validate(inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize, groups: groups)
        return try draw(
            weightShape: [outChannels, inChannels / groups, kernelSize], outChannels: outChannels,
            bias: bias, generator: &generator, elementLimit: elementLimit)
    }

    /// Initialises `ConvTranspose1d(inChannels, outChannels, kernelSize, groups:, bias:)`:
    /// weight `(in, out/g, k)`, `fan_in = (out/g)·k`.
    public static func convTranspose1d(
        inChannels: Int, outChannels: Int, kernelSize: Int, groups: Int = 1, bias: Bool = true,
        generator: inout TorchGenerator, elementLimit: Int = Int.max
    ) throws(ConvolutionError) -> LayerParameters {
        try validate(inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize, groups: groups)
        return try draw(
            weightShape: [inChannels, outChannels / groups, kernelSize], outChannels: outChannels,
            bias: bias, generator: &generator, elementLimit: elementLimit)
    }

    /// Initialises `Linear(inFeatures, outFeatures, bias:)`: weight `(out, in)` from
    /// `kaiming_uniform_(a=√5)` (nothing drawn when it is empty), then the bias from
    /// `U(−1/√in, 1/√in)`, or `U(0, 0)` when `in` is 0: unlike a convolution, Linear draws its
    /// bias even then. float32 values, as the convolutions' (stored as `Double`s).
    public static func linear(
        inFeatures: Int, outFeatures: Int, bias: Bool = true,
        generator: inout TorchGenerator, elementLimit: Int = Int.max
    ) throws(RandomError) -> LayerParameters {
        let weightShape = [outFeatures, inFeatures]
        guard inFeatures >= 0, outFeatures >= 0 else { throw .negativeDimension(shape: weightShape) }
        let count = try Tensor.elementCount(of: weightShape, limit: elementLimit, refusing: RandomError.self)
        let empty = Tensor.zeros(shape: weightShape, dtype: .float32, count: count)
        let weight = try WeightInitialization.kaimingUniform(empty, a: Double(5).squareRoot(), generator: &generator)
        guard bias else { return LayerParameters(weight: weight.converted(to: .float64), bias: nil) }
        let bound = inFeatures > 0 ? biasBound(fanIn: inFeatures) : 0
        let biasCount = try Tensor.elementCount(of: [outFeatures], limit: elementLimit, refusing: RandomError.self)
        let drawnBias = try generator.uniformFilled(Tensor.zeros(shape: [outFeatures], dtype: .float32, count: biasCount),
                                                    from: -bound, to: bound)
        return LayerParameters(weight: weight.converted(to: .float64), bias: drawnBias.converted(to: .float64))
    }

    /// The weight bound of `kaiming_uniform_(a=√5)`, computed in PyTorch's order:
    /// `gain = √(2/(1+a²))`, `std = gain/√fan_in`, `bound = √3·std`.
    public static func weightBound(fanIn: Int) -> Double {
        let a = Double(5).squareRoot()
        let gain = (2.0 / (1 + a * a)).squareRoot()
        let standardDeviation = gain / Double(fanIn).squareRoot()
        return Double(3).squareRoot() * standardDeviation
    }

    /// The bias bound `1/√fan_in`.
    public static func biasBound(fanIn: Int) -> Double {
        1 / Double(fanIn).squareRoot()
    }

    /// The module constructor's checks: groups, then divisibility of both channel counts
    /// (PyTorch's order), plus what it leaves to `torch.empty` (negative sizes, `k <= 0`).
    private static func validate(inChannels: Int, outChannels: Int, kernelSize: Int, groups: Int) throws(ConvolutionError) {
        guard groups > 0 else { throw .nonPositiveGroups(groups: groups) }
        guard inChannels >= 0, outChannels >= 0 else {
            throw .negativeChannelCount(inChannels: inChannels, outChannels: outChannels)
        }
        guard inChannels % groups == 0 else {
            throw .inChannelsNotDivisibleByGroups(inChannels: inChannels, groups: groups)
        }
        guard outChannels % groups == 0 else {
            throw .outChannelsNotDivisibleByGroups(outChannels: outChannels, groups: groups)
        }
        guard kernelSize > 0 else { throw .nonPositiveKernelSize(kernelSize: kernelSize) }
    }

    /// Draws the weight, then the bias, from the same stream.
    ///
    /// PyTorch skips the draw for an empty weight ("Initializing zero-element tensors is a
    /// no-op") and leaves the bias uninitialised when `fan_in` is 0; we draw nothing then
    /// either and use zeros, so the stream stays in step with PyTorch's.
    private static func draw(
        weightShape: [Int], outChannels: Int, bias: Bool,
        generator: inout TorchGenerator, elementLimit: Int
    ) throws(ConvolutionError) -> LayerParameters {
        let weightCount = try Tensor.elementCount(of: weightShape, limit: elementLimit, refusing: ConvolutionError.self)
        let fanIn = weightShape[1].multipliedSaturating(by: weightShape[2])
        let weight = try uniform(shape: weightShape, count: weightCount, bound: fanIn > 0 ? weightBound(fanIn: fanIn) : 0, generator: &generator)
        guard bias else { return LayerParameters(weight: weight, bias: nil) }
        let biasCount = try Tensor.elementCount(of: [outChannels], limit: elementLimit, refusing: ConvolutionError.self)
        let biasTensor = fanIn > 0
            ? try uniform(shape: [outChannels], count: biasCount, bound: biasBound(fanIn: fanIn), generator: &generator)
            : try zeros(shape: [outChannels])
        return LayerParameters(weight: weight, bias: biasTensor)
    }

    private static func uniform(
        shape: [Int], count: Int, bound: Double, generator: inout TorchGenerator
    ) throws(ConvolutionError) -> Tensor {
        guard count > 0 else { return try zeros(shape: shape) }
        guard let tensor = generator.uniformTensor(shape: shape, from: -bound, to: bound) else {
            throw .tooLarge(elements: count, limit: count)
        }
        return tensor
    }

    private static func zeros(shape: [Int]) throws(ConvolutionError) -> Tensor {
        guard let tensor = Tensor(repeating: 0, shape: shape) else { throw .tooLarge(elements: nil, limit: 0) }
        return tensor
    }
}
