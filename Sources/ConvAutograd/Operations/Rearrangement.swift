import ConvNumerics

/// Copies that move elements about: `flip`, `repeat`, `expand`, `t` and `clone`, with
/// PyTorch's node names; each gradient gathers the upstream gradient back to where the
/// elements came from (summing the copies of `repeat` and `expand`).
extension Variable {
    /// The elements in reverse order along `dims` (`FlipBackward0`).
    public func flip(_ dims: [Int]) throws(AutogradError) -> Variable {
        var flipped = Set<Int>()
        for dim in dims { flipped.insert(try wrapDimension(dim, rank: data.rank)) }
        let shape = self.shape
        let offsets = mappedOffsets(of: shape, into: shape) { coordinates in
            shape.indices.map { flipped.contains($0) ? shape[$0] - 1 - coordinates[$0] : coordinates[$0] }
        }
        return try picked(at: offsets, shape: shape, name: "FlipBackward0")
    }

    /// The tensor tiled `repeats` times along each dimension, leading ones added as needed
    /// (`RepeatBackward0`).
    public func repeated(_ repeats: [Int]) throws(AutogradError) -> Variable {
        guard repeats.count >= data.rank, repeats.allSatisfy({ $0 >= 0 }) else {
            throw .invalidArgument("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
        }
        let source = [Int](repeating: 1, count: repeats.count - data.rank) + shape
        let outShape = zip(source, repeats).map { $0 * $1 }
        let offsets = mappedOffsets(of: outShape, into: source) { coordinates in
            source.indices.map { coordinates[$0] % Swift.max(source[$0], 1) }
        }
        return try picked(at: offsets, shape: outShape, name: "RepeatBackward0")
    }

    /// The tensor broadcast to `newShape` (`ExpandBackward0`); -1 keeps a dimension's size.
    public func expand(_ newShape: [Int]) throws(AutogradError) -> Variable {
        guard newShape.count >= data.rank else {
            throw .invalidArgument("expand: the number of sizes provided (\(newShape.count)) must be greater or equal to the number of dimensions in the tensor (\(data.rank))")
        }
        let lead = newShape.count - data.rank
        let target = newShape.indices.map { $0 >= lead && newShape[$0] == -1 ? shape[$0 - lead] : newShape[$0] }
        let out = try TensorMath.broadcast(data, to: target)
        let inputShape = shape
        return .record("ExpandBackward0", out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            [try TensorMath.sum(g, to: inputShape)]
        }
    }

    /// The transpose of a matrix, a vector itself (`TBackward0`).
    public func t() throws(AutogradError) -> Variable {
        guard data.rank <= 2 else { throw .invalidArgument("t() expects a tensor with <= 2 dimensions, but self is \(data.rank)D") }
        let order = data.rank == 2 ? [1, 0] : Array(0..<data.rank)
        let out = try TensorMath.permute(data, order)
        return .record("TBackward0", out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            [try TensorMath.permute(g, order)]
        }
    }

    /// A copy (`CloneBackward0`): the gradient passes as it is.
    public func clone() -> Variable {
        .record("CloneBackward0", data, inputs: [self], savesTensors: false) { g throws(AutogradError) in [g] }
    }
}

/// For each element of a tensor of `shape` (row-major), the flat offset in a tensor of
/// `sourceShape` of the element at the coordinates `source` maps it to.
func mappedOffsets(of shape: [Int], into sourceShape: [Int], _ source: ([Int]) -> [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: sourceShape.count)
    for axis in sourceShape.indices.reversed().dropFirst() { strides[axis] = strides[axis + 1] * sourceShape[axis + 1] }
    let count = product(shape)
    var offsets: [Int] = []
    offsets.reserveCapacity(count)
    var coordinates = [Int](repeating: 0, count: shape.count)
    for _ in 0..<count {
        offsets.append(zip(source(coordinates), strides).reduce(0) { $0 + $1.0 * $1.1 })
        Tensor.advance(&coordinates, rowMajorIn: shape)
    }
    return offsets
}
