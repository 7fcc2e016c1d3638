/// Reductions over a whole tensor or along one axis, computed in the tensor's own
/// floating-point dtype.
public enum Reduction: String, Sendable, CaseIterable {
    case sum, mean, min, max

    /// Reduces every element to one number. `min`/`max` of nothing are `nil`; a `mean` of
    /// nothing is NaN, as in NumPy. `min` and `max` keep a NaN only when it comes first.
    public func reduce<Scalar: TensorScalar>(_ values: some Collection<Scalar>) -> Scalar? {
        switch self {
        case .sum: return values.reduce(0, +)
        case .mean: return values.isEmpty ? .nan : values.reduce(0, +) / Scalar(values.count)
        case .min: return values.reduce(nil) { best, x in best.map { Swift.min($0, x) } ?? x }
        case .max: return values.reduce(nil) { best, x in best.map { Swift.max($0, x) } ?? x }
        }
    }

    /// Reduces along `dim` (in `0..<tensor.rank`), removing it from the shape, or over every
    /// element to a rank-0 tensor when `dim` is `nil`, as PyTorch's `x.sum(dim)` and `x.sum()`.
    /// The result has the tensor's dtype.
    ///
    /// Refuses a dim out of range, `min`/`max` of no elements, and int64 or bool tensors.
    public func reduce(_ tensor: Tensor, dim: Int?) throws(TensorError) -> Tensor {
        switch tensor.dtype {
        case .float64: return try reduce(tensor, axis: dim, as: Double.self)
        case .float32: return try reduce(tensor, axis: dim, as: Float.self)
        case .int64, .int32, .bool: throw .unsupportedDType(tensor.dtype, operation: rawValue)
        }
    }

    /// Reduces along `axis` as ``reduce(_:dim:)`` does, or `nil` where that throws (an axis out
    /// of range, `min`/`max` along an empty axis, an int64 or bool tensor).
    public func reduce(_ tensor: Tensor, axis: Int) -> Tensor? {
        try? reduce(tensor, dim: axis)
    }

    private func reduce<Scalar: TensorScalar>(
        _ tensor: Tensor, axis: Int?, as type: Scalar.Type
    ) throws(TensorError) -> Tensor {
        guard let elements = tensor.elements(as: type) else { throw .unsupportedDType(tensor.dtype, operation: rawValue) }
        guard let axis else {
            guard let value = reduce(elements) else { throw .emptyReduction(operation: rawValue) }
            return Tensor(scalar: value)
        }
        guard axis >= 0, axis < tensor.rank else { throw .axisOutOfRange(axis: axis, rank: tensor.rank) }
        let extent = tensor.shape[axis]
        let inner = tensor.shape[(axis + 1)...].reduce(1, *)
        let outer = tensor.shape[..<axis].reduce(1, *)
        var outShape = tensor.shape
        outShape.remove(at: axis)
        var result = [Scalar]()
        result.reserveCapacity(outer * inner)
        var lane = [Scalar](repeating: 0, count: extent)
        for o in 0..<outer {
            for i in 0..<inner {
                for e in 0..<extent { lane[e] = elements[(o * extent + e) * inner + i] }
                guard let value = reduce(lane) else { throw .emptyReduction(operation: rawValue) }
                result.append(value)
            }
        }
        guard let reduced = Tensor(shape: outShape, scalars: result) else {
            throw .axisOutOfRange(axis: axis, rank: tensor.rank)
        }
        return reduced
    }
}
