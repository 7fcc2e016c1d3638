#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A floating-point element type the kernels compute in: `Double` (float64) or `Float`
/// (float32).
///
/// Kernels are written once, generic over this protocol, and run in the dtype of their
/// operands: a float32 problem is computed in float32 (as PyTorch computes it), never widened
/// to float64 and rounded back. The requirements are the C library's functions of each width.
public protocol TensorScalar: TensorElement, BinaryFloatingPoint {
    /// `e^x`.
    static func exponential(_ x: Self) -> Self
    /// The error function.
    static func errorFunction(_ x: Self) -> Self
    /// The hyperbolic tangent.
    static func hyperbolicTangent(_ x: Self) -> Self
    /// `x^y`, as C's `pow`.
    static func power(_ x: Self, _ y: Self) -> Self
}

extension Double: TensorScalar {
    @inlinable public static func exponential(_ x: Double) -> Double { exp(x) }
    @inlinable public static func errorFunction(_ x: Double) -> Double { erf(x) }
    @inlinable public static func hyperbolicTangent(_ x: Double) -> Double { tanh(x) }
    @inlinable public static func power(_ x: Double, _ y: Double) -> Double { pow(x, y) }
}

extension Float: TensorScalar {
    @inlinable public static func exponential(_ x: Float) -> Float { expf(x) }
    @inlinable public static func errorFunction(_ x: Float) -> Float { erff(x) }
    @inlinable public static func hyperbolicTangent(_ x: Float) -> Float { tanhf(x) }
    @inlinable public static func power(_ x: Float, _ y: Float) -> Float { powf(x, y) }
}
