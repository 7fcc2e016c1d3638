/// Elementwise arithmetic between tensors with NumPy/PyTorch broadcasting.
///
/// Shapes are aligned from the right; each pair of extents must be equal or one of them 1.
/// The common cases (same shape, or one side a single element) run as one tight loop over
/// contiguous storage; other shapes walk an index with precomputed strides.
public enum Broadcasting {
    /// The broadcast shape of `a` and `b`, or `nil` when they are incompatible.
    public static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = Swift.max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for offset in 0..<rank {
            let x = offset < a.count ? a[a.count - 1 - offset] : 1
            let y = offset < b.count ? b[b.count - 1 - offset] : 1
            guard x == y || x == 1 || y == 1 else { return nil }
            result[rank - 1 - offset] = (x == 1) ? y : x
        }
        return result
    }

    /// Applies `operation` to every broadcast pair of elements, or returns `nil` when the shapes
    /// are incompatible.
    @inlinable
    public static func combine(
        _ a: Tensor, _ b: Tensor, _ operation: (Double, Double) -> Double
    ) -> Tensor? {
        if a.shape == b.shape {
            return Tensor(shape: a.shape, scalars: zip(a.scalars, b.scalars).map(operation))
        }
        if b.count == 1, let shape = shape(a.shape, b.shape) {
            let y = b.scalars[0]
            return Tensor(shape: shape, scalars: a.scalars.map { operation($0, y) })
        }
        if a.count == 1, let shape = shape(a.shape, b.shape) {
            let x = a.scalars[0]
            return Tensor(shape: shape, scalars: b.scalars.map { operation(x, $0) })
        }
        return combineStrided(a, b, operation)
    }

    /// Applies `operation` between every element of `a` and a number.
    @inlinable
    public static func combine(_ a: Tensor, _ y: Double, _ operation: (Double, Double) -> Double) -> Tensor {
        Tensor(shape: a.shape, scalars: a.scalars.map { operation($0, y) }) ?? a
    }

    /// Applies `operation` between a number and every element of `b`.
    @inlinable
    public static func combine(_ x: Double, _ b: Tensor, _ operation: (Double, Double) -> Double) -> Tensor {
        Tensor(shape: b.shape, scalars: b.scalars.map { operation(x, $0) }) ?? b
    }

    /// The general case: walk the output index, carrying each input's offset along.
    @usableFromInline
    static func combineStrided(
        _ a: Tensor, _ b: Tensor, _ operation: (Double, Double) -> Double
    ) -> Tensor? {
        guard let outShape = shape(a.shape, b.shape),
              let count = Tensor.elementCount(of: outShape) else { return nil }
        let aStrides = broadcastStrides(of: a.shape, rank: outShape.count)
        let bStrides = broadcastStrides(of: b.shape, rank: outShape.count)
        var result = [Double]()
        result.reserveCapacity(count)
        var index = [Int](repeating: 0, count: outShape.count)
        var aOffset = 0
        var bOffset = 0
        for _ in 0..<count {
            result.append(operation(a.scalars[aOffset], b.scalars[bOffset]))
            // Advance the multi-index like an odometer, updating both offsets incrementally.
            var axis = outShape.count - 1
            while axis >= 0 {
                index[axis] += 1
                aOffset += aStrides[axis]
                bOffset += bStrides[axis]
                if index[axis] < outShape[axis] { break }
                aOffset -= aStrides[axis] * outShape[axis]
                bOffset -= bStrides[axis] * outShape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return Tensor(shape: outShape, scalars: result)
    }

    /// Strides of `shape` seen at `rank` dimensions, 0 along broadcast (size-1 or missing) axes.
    @usableFromInline
    static func broadcastStrides(of shape: [Int], rank: Int) -> [Int] {
        let natural = Tensor.strides(of: shape)
        var strides = [Int](repeating: 0, count: rank)
        for axis in shape.indices where shape[axis] != 1 {
            strides[rank - shape.count + axis] = natural[axis]
        }
        return strides
    }
}

extension Tensor {
    /// Applies `transform` to every element.
    @inlinable
    public func map(_ transform: (Double) -> Double) -> Tensor {
        Tensor(shape: shape, scalars: scalars.map(transform)) ?? self
    }
}
