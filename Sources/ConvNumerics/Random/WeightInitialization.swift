/// PyTorch's `torch.nn.init` functions, bit for bit: each takes a tensor and returns one of the
/// same shape and dtype, drawn from the generator exactly as PyTorch draws in place.
///
/// Fans: `fan_in = size(1)·r`, `fan_out = size(0)·r` with `r` the product of the extents after
/// the first two (a weight needs 2 dimensions or more). Bounds and standard deviations are
/// computed in float64 in PyTorch's order (`std = gain/√fan`, `bound = √3·std`), which fixes
/// the last bit of the float32 bound.
public enum WeightInitialization {
    /// Which fan `kaiming_*` scales by.
    public enum FanMode: String, Sendable, CaseIterable {
        case fanIn = "fan_in"
        case fanOut = "fan_out"

        /// PyTorch's spelling (`"fan_in"`, `"FAN_OUT"`: case does not matter).
        public init(named name: String) throws(RandomError) {
            guard let mode = FanMode(rawValue: name.lowercased()) else { throw .unsupportedFanMode(name) }
            self = mode
        }
    }

    /// `_calculate_fan_in_and_fan_out`.
    public static func fans(of shape: [Int]) throws(RandomError) -> (fanIn: Int, fanOut: Int) {
        guard shape.count >= 2 else { throw .fansNeedTwoDimensions(rank: shape.count) }
        let receptiveField = shape.dropFirst(2).reduce(1) { $0.multipliedSaturating(by: $1) }
        return (shape[1].multipliedSaturating(by: receptiveField), shape[0].multipliedSaturating(by: receptiveField))
    }

    /// `calculate_gain(nonlinearity, param)`: 1 for the linear functions and sigmoid, 5/3 for
    /// tanh, √2 for relu, √(2/(1 + slope²)) for leaky_relu (slope `param`, default 0.01), 3/4
    /// for selu.
    public static func gain(nonlinearity: String, parameter: Double? = nil) throws(RandomError) -> Double {
        switch nonlinearity {
        case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid":
            return 1
        case "tanh": return 5.0 / 3
        case "relu": return Double(2).squareRoot()
        case "leaky_relu":
            let slope = parameter ?? 0.01
            return (2.0 / (1 + slope * slope)).squareRoot()
        case "selu": return 3.0 / 4
        default: throw .unsupportedNonlinearity(nonlinearity)
        }
    }

    /// `kaiming_uniform_(tensor, a, mode, nonlinearity)`: `U(−b, b)` with `b = √3·gain/√fan`.
    /// A tensor with a zero extent is returned as it is, with nothing drawn.
    public static func kaimingUniform(
        _ tensor: Tensor, a: Double = 0, mode: FanMode = .fanIn, nonlinearity: String = "leaky_relu",
        generator: inout TorchGenerator
    ) throws(RandomError) -> Tensor {
        guard !tensor.shape.contains(0) else { return tensor }
        let std = try kaimingStandardDeviation(tensor.shape, a: a, mode: mode, nonlinearity: nonlinearity)
        let bound = Double(3).squareRoot() * std
        return try generator.uniformFilled(tensor, from: -bound, to: bound)
    }

    /// `kaiming_normal_(tensor, a, mode, nonlinearity)`: `N(0, gain/√fan)`. A tensor with a
    /// zero extent is returned as it is.
    public static func kaimingNormal(
        _ tensor: Tensor, a: Double = 0, mode: FanMode = .fanIn, nonlinearity: String = "leaky_relu",
        generator: inout TorchGenerator
    ) throws(RandomError) -> Tensor {
        guard !tensor.shape.contains(0) else { return tensor }
        let std = try kaimingStandardDeviation(tensor.shape, a: a, mode: mode, nonlinearity: nonlinearity)
        return try generator.normalFilled(tensor, mean: 0, std: std)
    }

    /// `xavier_uniform_(tensor, gain)`: `U(−b, b)` with `b = √3·gain·√(2/(fan_in + fan_out))`.
    public static func xavierUniform(_ tensor: Tensor, gain: Double = 1, generator: inout TorchGenerator) throws(RandomError) -> Tensor {
        let bound = Double(3).squareRoot() * (try xavierStandardDeviation(tensor.shape, gain: gain))
        return try generator.uniformFilled(tensor, from: -bound, to: bound)
    }

    /// `xavier_normal_(tensor, gain)`: `N(0, gain·√(2/(fan_in + fan_out)))`.
    public static func xavierNormal(_ tensor: Tensor, gain: Double = 1, generator: inout TorchGenerator) throws(RandomError) -> Tensor {
        try generator.normalFilled(tensor, mean: 0, std: try xavierStandardDeviation(tensor.shape, gain: gain))
    }

    /// `nn.init.uniform_(tensor, a, b)`.
    public static func uniform(_ tensor: Tensor, a: Double = 0, b: Double = 1, generator: inout TorchGenerator) throws(RandomError) -> Tensor {
        try generator.uniformFilled(tensor, from: a, to: b)
    }

    /// `nn.init.normal_(tensor, mean, std)`.
    public static func normal(_ tensor: Tensor, mean: Double = 0, std: Double = 1, generator: inout TorchGenerator) throws(RandomError) -> Tensor {
        try generator.normalFilled(tensor, mean: mean, std: std)
    }

    /// `nn.init.constant_(tensor, value)`: every element `value`, converted to the dtype as
    /// `fill_` converts it.
    public static func constant(_ tensor: Tensor, value: Double) -> Tensor {
        (Tensor(repeating: value, shape: tensor.shape) ?? tensor).converted(to: tensor.dtype)
    }

    /// `nn.init.zeros_(tensor)`.
    public static func zeros(_ tensor: Tensor) -> Tensor { constant(tensor, value: 0) }

    /// `nn.init.ones_(tensor)`.
    public static func ones(_ tensor: Tensor) -> Tensor { constant(tensor, value: 1) }

    private static func kaimingStandardDeviation(
        _ shape: [Int], a: Double, mode: FanMode, nonlinearity: String
    ) throws(RandomError) -> Double {
        let (fanIn, fanOut) = try fans(of: shape)
        let fan = mode == .fanIn ? fanIn : fanOut
        return try gain(nonlinearity: nonlinearity, parameter: a) / Double(fan).squareRoot()
    }

    private static func xavierStandardDeviation(_ shape: [Int], gain: Double) throws(RandomError) -> Double {
        let (fanIn, fanOut) = try fans(of: shape)
        let sum = fanIn.addingSaturating(fanOut)
        guard sum > 0 else { throw .zeroFanSum(shape: shape) }
        return gain * (2.0 / Double(sum)).squareRoot()
    }
}
