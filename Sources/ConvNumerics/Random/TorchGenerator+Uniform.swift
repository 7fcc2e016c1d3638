/// Uniform draws: `torch.rand`, `rand_like` and `Tensor.uniform_`.
///
/// float32 elements take one 32-bit draw each (24 random bits), float64 elements one 64-bit
/// draw (53 bits); `uniform_(a, b)` rounds `a` and `b` to the dtype and computes
/// `u·(b − a) + a` with one fused multiply-add, as PyTorch's compiled kernel does.
extension TorchGenerator {
    /// `torch.rand(shape, dtype=dtype)`: uniforms in `[0, 1)`.
    public mutating func rand(
        shape: [Int], dtype: DType = .float32, elementLimit: Int = Int.max
    ) throws(RandomError) -> Tensor {
        let count = try Tensor.elementCount(of: shape, limit: elementLimit, refusing: RandomError.self)
        return try uniformFilled(Tensor.zeros(shape: shape, dtype: dtype, count: count), from: 0, to: 1)
    }

    /// `tensor.uniform_(from, to)`: a tensor of the same shape and dtype (float32 or float64)
    /// filled in row-major order with uniforms in `[from, to)`.
    public mutating func uniformFilled(_ tensor: Tensor, from: Double = 0, to: Double = 1) throws(RandomError) -> Tensor {
        switch tensor.dtype {
        case .float32:
            let low = Float(from), high = Float(to)
            try Self.checkUniformRange(from: from, to: to, largest: Double(Float.greatestFiniteMagnitude))
            let width = high - low
            return tensor.refilled((0..<tensor.count).map { _ in low.addingProduct(nextUnitFloat(), width) })
        case .float64:
            try Self.checkUniformRange(from: from, to: to, largest: Double.greatestFiniteMagnitude)
            let width = to - from
            return tensor.refilled((0..<tensor.count).map { _ in from.addingProduct(nextUnitDouble(), width) })
        case .int64, .int32, .bool:
            throw .unsupportedDType(tensor.dtype, operation: "uniform_")
        }
    }

    /// PyTorch's checks: both bounds within the dtype's finite range, `from <= to`, and
    /// `to − from` no larger than the dtype's largest value. (NaN fails them all.)
    private static func checkUniformRange(from: Double, to: Double, largest: Double) throws(RandomError) {
        guard from >= -largest, to <= largest, from <= to, to - from <= largest else {
            throw .invalidUniformRange(from: from, to: to)
        }
    }
}

extension Tensor {
    /// Zeros of `dtype` in `shape`, whose element count the caller has checked.
    static func zeros(shape: [Int], dtype: DType, count: Int) -> Tensor {
        Tensor(shape: shape, storage: TensorStorage(zeros: dtype, count: count)) ?? Tensor([])
    }

    /// The same shape with new elements (of the elements' own dtype), in row-major order.
    /// The callers make exactly `count` elements.
    func refilled<Element: TensorElement>(_ elements: [Element]) -> Tensor {
        Tensor(shape: shape, scalars: elements) ?? self
    }
}
