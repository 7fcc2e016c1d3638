#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ConvNumerics

/// The element types gradients are computed in (`Double`, `Float`): ConvNumerics' kernel
/// scalars plus the C library functions losses and activations need at each width.
public protocol GradScalar: TensorScalar {
    /// The natural logarithm.
    static func logarithm(_ x: Self) -> Self
    /// `log(1 + x)`, accurate for small `x`.
    static func logOnePlus(_ x: Self) -> Self
    /// The sum of a contiguous run, in the order PyTorch's CPU kernel adds it (``TorchSummation``).
    static func torchSum(_ elements: UnsafeBufferPointer<Self>) -> Self
}

extension Double: GradScalar {
    @inline(__always) public static func logarithm(_ x: Double) -> Double { log(x) }
    @inline(__always) public static func logOnePlus(_ x: Double) -> Double { log1p(x) }
    @inline(__always) public static func torchSum(_ elements: UnsafeBufferPointer<Double>) -> Double { TorchSummation.sum(elements) }
}

extension Float: GradScalar {
    @inline(__always) public static func logarithm(_ x: Float) -> Float { logf(x) }
    @inline(__always) public static func logOnePlus(_ x: Float) -> Float { log1pf(x) }
    @inline(__always) public static func torchSum(_ elements: UnsafeBufferPointer<Float>) -> Float { TorchSummation.sum(elements) }
}
