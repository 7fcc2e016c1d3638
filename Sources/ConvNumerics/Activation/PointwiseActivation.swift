#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The elementwise activations of `torch.nn` beyond ReLU, sigmoid, tanh and GELU: the smooth
/// SiLU, ELU, SELU, CELU, Softplus, Mish, LogSigmoid, Softsign and Tanhshrink, and the piecewise
/// Hardtanh, Hardswish, Hardsigmoid, Softshrink, Hardshrink and Threshold, computed as PyTorch's
/// CPU kernels write them (constants converted to the tensor's precision first, as they are).
public enum PointwiseActivation: Sendable, Equatable, Hashable {
    /// `x·σ(x) = x / (1 + e^−x)`.
    case silu
    /// `x` for `x > 0`, else `alpha·(e^x − 1)`.
    case elu(alpha: Double)
    /// `log(1 + e^(beta·x))/beta`, or `x` where `beta·x > threshold`.
    case softplus(beta: Double, threshold: Double)
    /// `x·tanh(softplus(x))`.
    case mish
    /// `x` limited to `[min, max]` (NaN stays NaN); ReLU6 is `hardtanh(0, 6)`.
    case hardtanh(min: Double, max: Double)
    /// `scale·x` for `x > 0`, else `scale·alpha·(e^x − 1)`, with SELU's fixed constants.
    case selu
    /// `x` for `x > 0`, else `alpha·(e^(x/alpha) − 1)`.
    case celu(alpha: Double)
    /// `log σ(x) = min(x, 0) − log(1 + e^−|x|)`.
    case logSigmoid
    /// `x / (1 + |x|)`.
    case softsign
    /// `x·min(max(x + 3, 0), 6)/6`.
    case hardswish
    /// `min(max(x + 3, 0), 6)/6`.
    case hardsigmoid
    /// `x − tanh(x)`.
    case tanhshrink
    /// `x − lambd` above `lambd`, `x + lambd` below `−lambd`, else 0.
    case softshrink(lambd: Double)
    /// `x` outside `[−lambd, lambd]`, else 0.
    case hardshrink(lambd: Double)
    /// `value` where `x ≤ threshold`, else `x`.
    case threshold(threshold: Double, value: Double)

    /// SELU's `alpha` and `scale`, as PyTorch writes them.
    public static let seluAlpha = 1.6732632423543772848170429916717
    public static let seluScale = 1.0507009873554804934193349852946

    /// PyTorch's function name, for messages.
    public var name: String {
        switch self {
        case .silu: "silu"
        case .elu: "elu"
        case .softplus: "softplus"
        case .mish: "mish"
        case .hardtanh: "hardtanh"
        case .selu: "selu"
        case .celu: "celu"
        case .logSigmoid: "logsigmoid"
        case .softsign: "softsign"
        case .hardswish: "hardswish"
        case .hardsigmoid: "hardsigmoid"
        case .tanhshrink: "tanhshrink"
        case .softshrink: "softshrink"
        case .hardshrink: "hardshrink"
        case .threshold: "threshold"
        }
    }

    /// The function at `x`, in `x`'s precision.
    public func value<Scalar: TensorScalar>(_ x: Scalar) -> Scalar {
        switch self {
        case .silu:
            return x / (1 + Scalar.exponential(-x))
        case .elu(let alpha):
            return x > 0 ? x : Scalar(alpha) * Self.expMinusOne(x)
        case .softplus(let beta, let threshold):
            let scaled = x * Scalar(beta)
            return scaled > Scalar(threshold) ? x : Self.logOnePlus(Scalar.exponential(scaled)) / Scalar(beta)
        case .mish:
            return x * Scalar.hyperbolicTangent(Self.logOnePlus(Scalar.exponential(x)))
        case .hardtanh(let low, let high):
            return x.isNaN ? x : Swift.min(Swift.max(x, Scalar(low)), Scalar(high))
        case .selu:
            let (scale, negative) = Self.seluCoefficients(Scalar.self)
            return x <= 0 ? Self.expMinusOne(x) * negative : x * scale
        case .celu(let alpha):
            return x <= 0 ? Self.expMinusOne(x * Scalar(1 / alpha)) * Scalar(alpha) : x
        case .logSigmoid:
            return Self.clampedMinimum(x, 0) - Self.logOnePlus(Scalar.exponential(-Swift.abs(x)))
        case .softsign:
            return x / (1 + Swift.abs(x))
        case .hardswish:
            return x * Self.clampedMinimum(Self.clampedMaximum(x + 3, 0), 6) / 6
        case .hardsigmoid:
            return Self.clampedMinimum(Self.clampedMaximum(x + 3, 0), 6) / 6
        case .tanhshrink:
            return x - Scalar.hyperbolicTangent(x)
        case .softshrink(let lambd):
            let lambd = Scalar(lambd)
            return x > lambd ? x - lambd : (x < -lambd ? x + lambd : x * 0)
        case .hardshrink(let lambd):
            return x >= -Scalar(lambd) && x <= Scalar(lambd) ? 0 : x
        case .threshold(let threshold, let value):
            return x <= Scalar(threshold) ? Scalar(value) : x
        }
    }

    /// The function at each of a contiguous run of elements. Softshrink's zeros take PyTorch's
    /// signs: its CPU kernel gives +0 in the part it runs two 256-bit vectors at a time (the
    /// elements before the last whole 16 float32 or 8 float64) and `x·0` (−0 for negative `x`)
    /// in the rest, as PyTorch 2.15 does on x86.
    public func values<Scalar: TensorScalar>(_ elements: [Scalar]) -> [Scalar] {
        var out = elements.map(value)
        if case .softshrink = self {
            let block = 64 / MemoryLayout<Scalar>.size
            for index in 0..<(elements.count / block * block) where out[index] == 0 { out[index] = 0 }
        }
        return out
    }

    /// SELU's `scale` and `alpha·scale`, each in the tensor's precision as PyTorch multiplies them.
    public static func seluCoefficients<Scalar: TensorScalar>(_ type: Scalar.Type) -> (scale: Scalar, negative: Scalar) {
        (Scalar(seluScale), Scalar(seluAlpha) * Scalar(seluScale))
    }

    /// C++'s `std::min(x, bound)`: `x` when the comparison fails, so NaN stays NaN.
    static func clampedMinimum<Scalar: TensorScalar>(_ x: Scalar, _ bound: Scalar) -> Scalar { bound < x ? bound : x }

    /// C++'s `std::max(x, bound)`: `x` when the comparison fails, so NaN stays NaN.
    static func clampedMaximum<Scalar: TensorScalar>(_ x: Scalar, _ bound: Scalar) -> Scalar { x < bound ? bound : x }

    /// `log(1 + x)`, by the C library in the scalar's own precision.
    public static func logOnePlus<Scalar: TensorScalar>(_ x: Scalar) -> Scalar {
        if let single = x as? Float { return Scalar(log1pf(single)) }
        return Scalar(log1p(Double(x)))
    }

    /// `e^x − 1`, by the C library in the scalar's own precision.
    public static func expMinusOne<Scalar: TensorScalar>(_ x: Scalar) -> Scalar {
        if let single = x as? Float { return Scalar(expm1f(single)) }
        return Scalar(expm1(Double(x)))
    }
}
