/// Why a random draw or an `nn.init` function was refused: the inputs PyTorch refuses, with
/// the numbers involved.
public enum RandomError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The result would hold more than `limit` elements (`elements` is `nil` when the count
    /// overflows).
    case tooLarge(elements: Int?, limit: Int)
    /// The memory budget, or the operating system, had no room for the result.
    case outOfMemory(MemoryRefusal)
    /// A shape with a negative extent.
    case negativeDimension(shape: [Int])
    /// `operation` does not fill tensors of this dtype (normal and uniform need floats).
    case unsupportedDType(DType, operation: String)
    /// A normal distribution's standard deviation is negative (or NaN).
    case negativeStandardDeviation(Double)
    /// `uniform_(from, to)` with `from > to`, or a width beyond the dtype's largest value.
    case invalidUniformRange(from: Double, to: Double)
    /// A normal distribution's standard deviations include a negative (or NaN) one.
    case negativeStandardDeviations
    /// `torch.normal` of tensors whose shapes do not broadcast or whose dtypes differ.
    case operands(TensorError)
    /// `randint(low, high)` or `random_(from, to)` with `low >= high`.
    case emptyIntegerRange(low: Int64, high: Int64)
    /// An integer bound the dtype cannot hold exactly (beyond ±2^24 for float32, ±2^53 for
    /// float64, outside 0...1 for bool).
    case integerBoundOutOfRange(Int64, dtype: DType)
    /// `randperm(n)` with a negative `n`.
    case negativeCount(Int)
    /// A Bernoulli probability outside `[0, 1]` (or NaN).
    case probabilityOutOfRange(Double)
    /// A dropout probability outside `[0, 1]` (or NaN).
    case dropoutProbabilityOutOfRange(Double)
    /// Fans need a weight of rank 2 or more.
    case fansNeedTwoDimensions(rank: Int)
    /// `xavier_*` of a weight with a zero extent: its fans sum to 0.
    case zeroFanSum(shape: [Int])
    /// `calculate_gain` knows no such nonlinearity.
    case unsupportedNonlinearity(String)
    /// `mode` is neither `fan_in` nor `fan_out`.
    case unsupportedFanMode(String)
    /// `trunc_normal_` with `std = 0` (PyTorch divides by it).
    case zeroStandardDeviation
    /// `trunc_normal_` kept drawing without filling every element (bounds far in a tail).
    case truncationDidNotConverge(attempts: Int)
    /// `torch.multinomial` refused its probabilities or its sample count, in PyTorch's words.
    case multinomial(String)

    /// A sentence naming the numbers and, where there is one, the fix.
    public var description: String {
        switch self {
        case .tooLarge(let elements, let limit):
            return "the result would hold \(elements.map(String.init) ?? "more than Int.max") elements, more than the limit of \(limit)"
        case .outOfMemory(let refusal):
            return refusal.description
        case .negativeDimension(let shape):
            return "cannot make a tensor with a negative dimension: \(shape)"
        case .unsupportedDType(let dtype, let operation):
            return "\(operation) fills floating-point tensors, not \(dtype)"
        case .negativeStandardDeviation(let std):
            return "normal needs std >= 0, but std is \(std)"
        case .negativeStandardDeviations:
            return "normal needs every std >= 0"
        case .operands(let error):
            return error.description
        case .invalidUniformRange(let from, let to):
            return "uniform_ needs from <= to and a width the dtype can hold, but from is \(from) and to is \(to)"
        case .emptyIntegerRange(let low, let high):
            return "random integers need low < high, but low is \(low) and high is \(high)"
        case .integerBoundOutOfRange(let bound, let dtype):
            return "\(bound) is out of the range \(dtype) holds exactly"
        case .negativeCount(let n):
            return "randperm needs n >= 0, not \(n)"
        case .probabilityOutOfRange(let p):
            return "bernoulli needs probabilities in [0, 1], but got \(p)"
        case .dropoutProbabilityOutOfRange(let p):
            return "dropout probability has to be between 0 and 1, but got \(p)"
        case .fansNeedTwoDimensions(let rank):
            return "fan in and fan out need a tensor of 2 or more dimensions, not \(rank)"
        case .zeroFanSum(let shape):
            return "a weight of shape \(shape) has fan_in + fan_out = 0, so its Xavier bound divides by zero"
        case .unsupportedNonlinearity(let name):
            return "unsupported nonlinearity '\(name)': use linear, conv1d, sigmoid, tanh, relu, leaky_relu or selu"
        case .unsupportedFanMode(let mode):
            return "mode '\(mode)' is not supported: use 'fan_in' or 'fan_out'"
        case .zeroStandardDeviation:
            return "trunc_normal_ needs std != 0"
        case .truncationDidNotConverge(let attempts):
            return "trunc_normal_ drew \(attempts) times without filling every element; bring [a, b] closer to the mean"
        case .multinomial(let message):
            return message
        }
    }
}

extension RandomError: ElementLimitRefusal {}
