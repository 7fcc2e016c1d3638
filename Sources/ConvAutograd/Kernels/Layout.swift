import ConvNumerics

/// Raw (non-autograd) reshaping, broadcasting and copying kernels.
extension TensorMath {
    /// Sums `g` down to `shape`, which broadcasts to `g`'s shape: what every broadcasting
    /// operation's backward does with its upstream gradient.
    static func sum(_ g: Tensor, to shape: [Int]) throws(AutogradError) -> Tensor {
        if g.shape == shape { return g }
        guard Broadcasting.shape(g.shape, shape) == g.shape else {
            throw .shapeMismatch(operation: "sum_to_size", left: g.shape, right: shape)
        }
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let source = g.array(type)
            var out = [S](repeating: 0, count: product(shape))
            if out.count == 1 {
                // The whole tensor (`loss.sum()`, a mean's sum): PyTorch's order, to its last bit.
                out[0] = source.withUnsafeBufferPointer { S.torchSum($0) }
            } else {
                let walk = BroadcastWalk(shape: g.shape, xShape: shape, yShape: g.shape)
                let (inner, step) = (walk.inner, walk.xInner)
                source.withUnsafeBufferPointer { source in
                    out.withUnsafeMutableBufferPointer { out in
                        walk.forEachRow { start, target, _ in
                            if step == 0 {
                                // A row summed into one element, in PyTorch's order for a row.
                                out[target] += S.torchSum(UnsafeBufferPointer(rebasing: source[start..<(start + inner)]))
                            } else {
                                for i in 0..<inner { out[target + i * step] += source[start + i] }
                            }
                        }
                    }
                }
            }
            return try .make(shape, out)
        }
        return try onFloats(g.dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }

    /// `t` repeated along broadcast dimensions to `shape` (`expand` made contiguous).
    static func broadcast(_ t: Tensor, to shape: [Int]) throws(AutogradError) -> Tensor {
        if t.shape == shape { return t }
        guard Broadcasting.shape(t.shape, shape) == shape else {
            throw .shapeMismatch(operation: "expand", left: t.shape, right: shape)
        }
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let source = t.array(type)
            let count = product(shape)
            if source.count == 1 { return try .make(shape, [S](repeating: source[0], count: count)) }
            let walk = BroadcastWalk(shape: shape, xShape: t.shape, yShape: shape)
            let out = [S](unsafeUninitializedCapacity: count) { buffer, initialized in
                walk.forEachRow { start, offset, _ in
                    for i in 0..<walk.inner { buffer[start + i] = source[offset + i * walk.xInner] }
                }
                initialized = count
            }
            return try .make(shape, out)
        }
        return try onFloats(t.dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }

    /// The dimensions of `t` reordered: result dim `i` is `t`'s dim `order[i]`.
    static func permute(_ t: Tensor, _ order: [Int]) throws(AutogradError) -> Tensor {
        guard order.count == t.rank, Set(order) == Set(0..<t.rank) else {
            throw .invalidArgument("permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(t.rank) is not equal to len(dims) = \(order.count)")
        }
        if order == Array(0..<t.rank) { return t }
        let shape = order.map { t.shape[$0] }
        // When only dimensions of size 1 move, the elements keep their order: a reshape.
        let moved = order.filter { t.shape[$0] != 1 }
        if moved == moved.sorted() { return try t.viewed(shape) }
        let sourceStrides = Tensor.strides(of: t.shape)
        let strides = order.map { sourceStrides[$0] }
        return try gather(t, shape: shape, strides: strides, offset: 0)
    }

    /// A strided view of `t` copied out: element `index` of the result is
    /// `t[offset + Σ index[i]·strides[i]]`.
    static func gather(_ t: Tensor, shape: [Int], strides: [Int], offset: Int) throws(AutogradError) -> Tensor {
        func run<S: TensorElement>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let source = t.elements(as: type) ?? []
            let count = product(shape)
            // Rows of the last dimension, walked by an odometer over the outer ones.
            let inner = shape.last ?? 1, step = strides.last ?? 0
            let rows = inner == 0 ? 0 : count / inner
            let outer = Swift.max(shape.count - 1, 0)
            let out = [S](unsafeUninitializedCapacity: count) { buffer, initialized in
                source.withUnsafeBufferPointer { source in
                    var index = [Int](repeating: 0, count: outer)
                    var rowStart = offset
                    for row in 0..<rows {
                        if step == 1, let from = source.baseAddress, let to = buffer.baseAddress, inner > 0,
                           rowStart >= 0, rowStart + inner <= source.count {
                            // A contiguous row (a permute that keeps the last dimension): one copy.
                            (to + row * inner).initialize(from: from + rowStart, count: inner)
                        } else {
                            for i in 0..<inner { buffer[row * inner + i] = source[rowStart + i * step] }
                        }
                        var axis = outer - 1
                        while axis >= 0 {
                            index[axis] += 1
                            rowStart += strides[axis]
                            if index[axis] < shape[axis] { break }
                            rowStart -= strides[axis] * shape[axis]
                            index[axis] = 0
                            axis -= 1
                        }
                    }
                }
                initialized = count
            }
            guard let tensor = Tensor(shape: shape, scalars: out) else { throw .invalidArgument("internal: gather") }
            return tensor
        }
        switch t.dtype {
        case .float32: return try run(Float.self)
        case .float64: return try run(Double.self)
        case .int64: return try run(Int64.self)
        case .int32: return try run(Int32.self)
        case .bool: return try run(Bool.self)
        }
    }

    /// Adds `g` into a zero tensor of `shape` at the strided positions ``gather`` reads: the
    /// backward of every slicing view.
    static func scatter(_ g: Tensor, into shape: [Int], strides: [Int], offset: Int) throws(AutogradError) -> Tensor {
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let source = g.array(type)
            var out = [S](repeating: 0, count: product(shape))
            let viewShape = g.shape
            if !source.isEmpty {
                var index = [Int](repeating: 0, count: viewShape.count)
                var position = offset
                for value in source {
                    out[position] += value
                    var axis = viewShape.count - 1
                    while axis >= 0 {
                        index[axis] += 1
                        position += strides[axis]
                        if index[axis] < viewShape[axis] { break }
                        position -= strides[axis] * viewShape[axis]
                        index[axis] = 0
                        axis -= 1
                    }
                }
            }
            return try .make(shape, out)
        }
        return try onFloats(g.dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }

    /// Joins tensors of one dtype along `dim` (their other extents equal).
    static func concatenate(_ parts: [Tensor], dim: Int) throws(AutogradError) -> Tensor {
        guard let first = parts.first else { throw .invalidArgument("torch.cat(): expected a non-empty list of Tensors") }
        let dtype = try floatingDType(parts[0], operation: "cat")
        for part in parts {
            guard part.dtype == dtype else { throw .dtypeMismatch(operation: "cat", left: dtype, right: part.dtype) }
            var a = part.shape, b = first.shape
            guard a.count == b.count else { throw .shapeMismatch(operation: "cat", left: b, right: a) }
            a[dim] = 0; b[dim] = 0
            guard a == b else { throw .shapeMismatch(operation: "cat", left: first.shape, right: part.shape) }
        }
        var shape = first.shape
        shape[dim] = parts.reduce(0) { $0 + $1.shape[dim] }
        let outer = product(first.shape[..<dim])
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            var out: [S] = []
            out.reserveCapacity(product(shape))
            let arrays = parts.map { $0.array(type) }
            let blocks = parts.map { product($0.shape[dim...]) }
            for o in 0..<outer {
                for (array, block) in zip(arrays, blocks) { out.append(contentsOf: array[(o * block)..<((o + 1) * block)]) }
            }
            return try .make(shape, out)
        }
        return try onFloats(dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }

    /// Sums over the dimensions in `dims` (all when empty), keeping them as size 1 when
    /// `keepDimensions`.
    static func sum(_ t: Tensor, dims: [Int], keepDimensions: Bool) throws(AutogradError) -> Tensor {
        let reduced = dims.isEmpty ? Set(0..<t.rank) : Set(dims)
        let kept = t.shape.indices.map { reduced.contains($0) ? 1 : t.shape[$0] }
        let total = try sum(t, to: kept)
        if keepDimensions { return total }
        return try total.viewed(t.shape.indices.filter { !reduced.contains($0) }.map { t.shape[$0] })
    }
}
