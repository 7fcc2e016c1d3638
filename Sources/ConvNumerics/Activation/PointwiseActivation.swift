#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The smooth elementwise activations of `torch.nn` beyond ReLU, sigmoid, tanh and GELU:
/// SiLU, ELU, Softplus and Mish, computed as PyTorch's CPU kernels write them.
public enum PointwiseActivation: Sendable, Equatable, Hashable {
    /// `x·σ(x) = x / (1 + e^−x)`.
    case silu
    /// `x` for `x > 0`, else `alpha·(e^x − 1)`.
    case elu(alpha: Double)
    /// `log(1 + e^(beta·x))/beta`, or `x` where `beta·x > threshold`.
    case softplus(beta: Double, threshold: Double)
    /// `x·tanh(softplus(x))`.
    case mish

    /// PyTorch's function name, for messages.
    public var name: String {
        switch self {
        case .silu: "silu"
        case .elu: "elu"
        case .softplus: "softplus"
        case .mish: "mish"
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
        }
    }

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
