#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The activation functions of PyTorch's `torch.nn`, elementwise or (softmax) along one axis.
public enum Activation: Sendable, Equatable, Hashable {
    /// `max(x, 0)`.
    case relu
    /// `x` for `x ≥ 0`, else `slope · x`.
    case leakyReLU(negativeSlope: Double)
    /// `1 / (1 + e^−x)`.
    case sigmoid
    /// The hyperbolic tangent.
    case tanh
    /// `x · Φ(x)` with the exact normal CDF `Φ(x) = (1 + erf(x/√2))/2` (PyTorch's default),
    /// or PyTorch's tanh approximation when `tanhApproximation` is set.
    case gelu(tanhApproximation: Bool)
    /// `e^x / Σ e^x` along `axis` (already non-negative and within the rank).
    case softmax(axis: Int)

    /// Applies the activation; softmax needs `axis < max(rank, 1)` (a rank-0 tensor has one
    /// axis of one element for this purpose, as in PyTorch).
    public func apply(_ tensor: Tensor) -> Tensor {
        switch self {
        case .relu: return tensor.map { Swift.max($0, 0) }
        case .leakyReLU(let slope): return tensor.map { $0 >= 0 ? $0 : $0 * slope }
        case .sigmoid: return tensor.map(Self.sigmoid)
        case .tanh: return tensor.map { hyperbolicTangent($0) }
        case .gelu(false): return tensor.map { 0.5 * $0 * (1 + erf($0 / 2.0.squareRoot())) }
        case .gelu(true): return tensor.map(Self.geluTanh)
        case .softmax(let axis): return Self.softmax(tensor, axis: axis)
        }
    }

    /// Written so neither branch overflows: for negative `x`, `e^x / (1 + e^x)`.
    static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + exp(-x)) }
        let e = exp(x)
        return e / (1 + e)
    }

    /// `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`.
    static func geluTanh(_ x: Double) -> Double {
        let inner = (2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x)
        return 0.5 * x * (1 + hyperbolicTangent(inner))
    }

    /// Softmax along `axis`, subtracting each line's maximum first so large inputs do not
    /// overflow. A line holding `+inf` gives NaN, as PyTorch's does.
    static func softmax(_ tensor: Tensor, axis: Int) -> Tensor {
        guard tensor.rank > 0 else { return tensor.map { $0.isNaN ? $0 : 1 } }
        let extent = tensor.shape[axis]
        let stride = Tensor.strides(of: tensor.shape)[axis]
        let lines = extent == 0 ? 0 : tensor.count / extent
        var scalars = tensor.scalars
        for line in 0..<lines {
            // Lines along `axis` start at every offset whose `axis` index is 0.
            let base = (line / stride) * stride * extent + line % stride
            var maximum = -Double.infinity
            for i in 0..<extent { maximum = Swift.max(maximum, scalars[base + i * stride]) }
            var total = 0.0
            for i in 0..<extent {
                let e = exp(scalars[base + i * stride] - maximum)
                scalars[base + i * stride] = e
                total += e
            }
            for i in 0..<extent { scalars[base + i * stride] /= total }
        }
        return Tensor(shape: tensor.shape, scalars: scalars) ?? tensor
    }
}

/// The C library's `tanh`, under a name that ``Activation/tanh`` does not hide.
private func hyperbolicTangent(_ x: Double) -> Double { tanh(x) }
