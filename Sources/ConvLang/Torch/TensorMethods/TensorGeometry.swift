import ConvNumerics

/// Rearranging a tensor's elements without computing on them: every shape method (permute,
/// expand, repeat, flip, cat, ...) says, for each element of its result, which element of its
/// input it is, and ``gather(_:shape:sources:)`` copies them, keeping the dtype.
enum TensorGeometry {
    /// A tensor of `shape` whose element `i` is `tensor`'s element `sources[i]` (row-major offsets).
    static func gather(_ tensor: Tensor, shape: [Int], sources: [Int]) -> Tensor? {
        let storage: TensorStorage = switch tensor.storage {
        case .float64(let elements): .float64(sources.map { elements[$0] })
        case .float32(let elements): .float32(sources.map { elements[$0] })
        case .int64(let elements): .int64(sources.map { elements[$0] })
        case .int32(let elements): .int32(sources.map { elements[$0] })
        case .bool(let elements): .bool(sources.map { elements[$0] })
        }
        return Tensor(shape: shape, storage: storage)
    }

    /// The input offset of every element of a result of `shape` read through `strides` from
    /// `offset`: a stride of 0 repeats an element (expand), a negative one reads backwards (flip).
    static func strided(shape: [Int], strides: [Int], offset: Int = 0) -> [Int] {
        var sources: [Int] = []
        sources.reserveCapacity(Tensor.elementCount(of: shape) ?? 0)
        forEachIndex(of: shape) { index in
            var source = offset
            for axis in index.indices { source += index[axis] * strides[axis] }
            sources.append(source)
        }
        return sources
    }

    /// Calls `body` with every multi-index of `shape` in row-major order.
    static func forEachIndex(of shape: [Int], _ body: ([Int]) -> Void) {
        guard let count = Tensor.elementCount(of: shape), count > 0 else { return }
        var index = [Int](repeating: 0, count: shape.count)
        for _ in 0..<count {
            body(index)
            Tensor.advance(&index, rowMajorIn: shape)
        }
    }

    /// `tensor` with its dimensions in the order `order` (a permutation of its axes).
    static func permuted(_ tensor: Tensor, _ order: [Int]) -> Tensor {
        let strides = Tensor.strides(of: tensor.shape)
        let shape = order.map { tensor.shape[$0] }
        return gather(tensor, shape: shape, sources: strided(shape: shape, strides: order.map { strides[$0] })) ?? tensor
    }

    /// `tensor` with dimensions `a` and `b` swapped.
    static func swapped(_ tensor: Tensor, _ a: Int, _ b: Int) -> Tensor {
        guard tensor.rank > 1 else { return tensor }
        var order = Array(0..<tensor.rank)
        order.swapAt(a, b)
        return permuted(tensor, order)
    }

    /// The same elements with another shape (which must hold as many).
    static func reshaped(_ tensor: Tensor, _ shape: [Int]) -> Tensor {
        tensor.reshaped(to: shape) ?? tensor
    }

    /// A float64 tensor of `shape` from its row-major elements.
    static func float64(_ shape: [Int], _ scalars: [Double]) -> Tensor {
        Tensor(shape: shape, scalars: scalars) ?? Tensor(scalars)
    }

    /// An int64 tensor of `shape` (indices, as PyTorch gives them).
    static func int64(_ shape: [Int], _ elements: [Int]) -> Tensor {
        let values = elements.map { Int64($0) }
        return Tensor(shape: shape, scalars: values) ?? Tensor(values)
    }
}
