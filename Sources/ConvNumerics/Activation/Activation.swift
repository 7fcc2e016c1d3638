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
    /// SiLU, ELU, Softplus or Mish (``PointwiseActivation``).
    case pointwise(PointwiseActivation)

    /// Applies the activation in the tensor's dtype (float32 or float64); softmax needs
    /// `axis < max(rank, 1)` (a rank-0 tensor has one axis of one element for this purpose, as
    /// in PyTorch). Refuses int64 and bool tensors.
    public func apply(_ tensor: Tensor) throws(TensorError) -> Tensor {
        let result = switch tensor.dtype {
        case .float64: apply(tensor, as: Double.self)
        case .float32: apply(tensor, as: Float.self)
        case .int64, .int32, .bool: Tensor?.none
        }
        guard let result else { throw .unsupportedDType(tensor.dtype, operation: name) }
        return result
    }

    /// PyTorch's function name, for messages.
    var name: String {
        switch self {
        case .relu: "relu"
        case .leakyReLU: "leaky_relu"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .gelu: "gelu"
        case .softmax: "softmax"
        case .pointwise(let function): function.name
        }
    }

    /// `nil` when the tensor does not hold `Scalar`s.
    private func apply<Scalar: TensorScalar>(_ tensor: Tensor, as type: Scalar.Type) -> Tensor? {
        switch self {
        case .relu: return tensor.mapElements(type) { Swift.max($0, 0) }
        case .leakyReLU(let slope):
            let slope = Scalar(slope)
            return tensor.mapElements(type) { $0 >= 0 ? $0 : $0 * slope }
        case .sigmoid: return tensor.mapElements(type, Self.sigmoid)
        case .tanh: return tensor.mapElements(type, Scalar.hyperbolicTangent)
        case .gelu(false): return tensor.mapElements(type) { 0.5 * $0 * (1 + Scalar.errorFunction($0 / Scalar(2).squareRoot())) }
        case .gelu(true): return tensor.mapElements(type, Self.geluTanh)
        case .softmax(let axis): return Self.softmax(tensor, axis: axis, as: type)
        case .pointwise(let function): return tensor.elements(as: type).flatMap { Tensor(shape: tensor.shape, scalars: function.values($0)) }
        }
    }

    /// Written so neither branch overflows: for negative `x`, `e^x / (1 + e^x)`.
    static func sigmoid<Scalar: TensorScalar>(_ x: Scalar) -> Scalar {
        if x >= 0 { return 1 / (1 + Scalar.exponential(-x)) }
        let e = Scalar.exponential(x)
        return e / (1 + e)
    }

    /// `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`.
    static func geluTanh<Scalar: TensorScalar>(_ x: Scalar) -> Scalar {
        let inner = (2 / Scalar.pi).squareRoot() * (x + 0.044715 * x * x * x)
        return 0.5 * x * (1 + Scalar.hyperbolicTangent(inner))
    }

    /// Softmax along `axis`, subtracting each line's maximum first so large inputs do not
    /// overflow. A line holding `+inf` gives NaN, as PyTorch's does.
    static func softmax<Scalar: TensorScalar>(_ tensor: Tensor, axis: Int, as type: Scalar.Type) -> Tensor? {
        guard tensor.rank > 0 else { return tensor.mapElements(type) { $0.isNaN ? $0 : 1 } }
        guard var scalars = tensor.elements(as: type) else { return nil }
        let extent = tensor.shape[axis]
        let stride = Tensor.strides(of: tensor.shape)[axis]
        let lines = extent == 0 ? 0 : tensor.count / extent
        for line in 0..<lines {
            // Lines along `axis` start at every offset whose `axis` index is 0.
            let base = (line / stride) * stride * extent + line % stride
            var maximum = -Scalar.infinity
            for i in 0..<extent { maximum = Swift.max(maximum, scalars[base + i * stride]) }
            var total: Scalar = 0
            for i in 0..<extent {
                let e = Scalar.exponential(scalars[base + i * stride] - maximum)
                scalars[base + i * stride] = e
                total += e
            }
            for i in 0..<extent { scalars[base + i * stride] /= total }
        }
        return Tensor(shape: tensor.shape, scalars: scalars)
    }
}
