/// Reductions over a whole tensor or along one axis.
public enum Reduction: Sendable {
    case sum, mean, min, max

    /// Reduces every element to one number. `min`/`max` of an empty tensor are `nil`; a `mean`
    /// of nothing is NaN, as in NumPy.
    public func reduce(_ values: some Collection<Double>) -> Double? {
        switch self {
        case .sum: return values.reduce(0, +)
        case .mean: return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        case .min: return values.reduce(nil) { best, x in best.map { Swift.min($0, x) } ?? x }
        case .max: return values.reduce(nil) { best, x in best.map { Swift.max($0, x) } ?? x }
        }
    }

    /// Reduces along `axis` (already validated to be in `0..<tensor.rank`), removing it from the
    /// shape. Returns `nil` for `min`/`max` along an empty axis.
    public func reduce(_ tensor: Tensor, axis: Int) -> Tensor? {
        guard axis >= 0, axis < tensor.rank else { return nil }
        let extent = tensor.shape[axis]
        let inner = tensor.shape[(axis + 1)...].reduce(1, *)
        let outer = tensor.shape[..<axis].reduce(1, *)
        var outShape = tensor.shape
        outShape.remove(at: axis)
        var result = [Double]()
        result.reserveCapacity(outer * inner)
        var lane = [Double](repeating: 0, count: extent)
        for o in 0..<outer {
            for i in 0..<inner {
                for e in 0..<extent { lane[e] = tensor.scalars[(o * extent + e) * inner + i] }
                guard let value = reduce(lane) else { return nil }
                result.append(value)
            }
        }
        return Tensor(shape: outShape, scalars: result)
    }
}
