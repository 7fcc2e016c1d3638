import ConvNumerics

/// Views, reorderings, indexing and joining. A view's gradient is the upstream gradient seen
/// with the input's shape; an indexing's is the upstream gradient scattered into zeros.
extension Variable {
    /// The same elements with `newShape`; one extent may be `-1` (`ViewBackward0`).
    public func view(_ newShape: [Int]) throws(AutogradError) -> Variable {
        let resolved = try Self.inferShape(newShape, count: data.count)
        let out = try data.viewed(resolved)
        let inputShape = shape
        return .record("ViewBackward0", out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            [try g.viewed(inputShape)]
        }
    }

    /// The same tensor as a new node (`AliasBackward0`): what indexing with full slices only
    /// (`x[:, :]`) gives in PyTorch.
    public func alias() -> Variable {
        .record("AliasBackward0", data, inputs: [self], savesTensors: false) { g throws(AutogradError) in [g] }
    }

    /// ``view(_:)`` (tensors here are always contiguous, so a reshape is a view).
    public func reshape(_ newShape: [Int]) throws(AutogradError) -> Variable { try view(newShape) }

    /// Dimensions `startDim...endDim` merged into one (`ViewBackward0`).
    public func flatten(startDim: Int = 0, endDim: Int = -1) throws(AutogradError) -> Variable {
        guard data.rank > 0 else { return try view([1]) }
        let start = try wrapDimension(startDim, rank: data.rank), end = try wrapDimension(endDim, rank: data.rank)
        guard start <= end else { throw .invalidArgument("flatten() has invalid args: start_dim cannot come after end_dim") }
        let merged = product(shape[start...end])
        return try view(Array(shape[..<start]) + [merged] + Array(shape[(end + 1)...]))
    }

    /// A new dimension of size 1 at `dim` (`UnsqueezeBackward0`).
    public func unsqueeze(_ dim: Int) throws(AutogradError) -> Variable {
        let axis = try wrapDimension(dim, rank: data.rank + 1)
        var newShape = shape
        newShape.insert(1, at: axis)
        return try reshaped(newShape, name: "UnsqueezeBackward0")
    }

    /// Every dimension of size 1 removed (`SqueezeBackward0`), or only `dim` when given and of
    /// size 1 (`SqueezeBackward1`).
    public func squeeze(_ dim: Int? = nil) throws(AutogradError) -> Variable {
        guard let dim else { return try reshaped(shape.filter { $0 != 1 }, name: "SqueezeBackward0") }
        let axis = try wrapDimension(dim, rank: data.rank)
        var newShape = shape
        if data.rank > 0, newShape[axis] == 1 { newShape.remove(at: axis) }
        return try reshaped(newShape, name: "SqueezeBackward1")
    }

    private func reshaped(_ newShape: [Int], name: String) throws(AutogradError) -> Variable {
        let out = try data.viewed(newShape)
        let inputShape = shape
        return .record(name, out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            [try g.viewed(inputShape)]
        }
    }

    /// The dimensions reordered (`PermuteBackward0`).
    public func permute(_ order: [Int]) throws(AutogradError) -> Variable {
        var wrapped: [Int] = []
        for dim in order { wrapped.append(try wrapDimension(dim, rank: data.rank)) }
        let out = try TensorMath.permute(data, wrapped)
        var inverse = [Int](repeating: 0, count: wrapped.count)
        for (i, axis) in wrapped.enumerated() { inverse[axis] = i }
        return .record("PermuteBackward0", out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            [try TensorMath.permute(g, inverse)]
        }
    }

    /// Dimensions `a` and `b` swapped (`TransposeBackward0`; PyTorch's in-place `transpose_`
    /// records `TransposeBackward1`).
    public func transpose(_ a: Int, _ b: Int, name: String = "TransposeBackward0") throws(AutogradError) -> Variable {
        let x = try wrapDimension(a, rank: data.rank), y = try wrapDimension(b, rank: data.rank)
        var order = Array(0..<data.rank)
        if data.rank > 0 { order.swapAt(x, y) }
        let out = try TensorMath.permute(data, order)
        return .record(name, out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            [try TensorMath.permute(g, order)]
        }
    }

    /// `self[..., index, ...]` along `dim` (`SelectBackward0`); negative indices count from
    /// the end.
    public func select(dim: Int, index: Int) throws(AutogradError) -> Variable {
        let axis = try wrapDimension(dim, rank: data.rank)
        guard data.rank > 0 else { throw .invalidArgument("select() cannot be applied to a 0-dim tensor.") }
        let extent = shape[axis]
        guard index >= -extent, index < extent else {
            throw .invalidArgument("index \(index) is out of bounds for dimension \(axis) with size \(extent)")
        }
        let position = index < 0 ? index + extent : index
        var viewShape = shape
        viewShape.remove(at: axis)
        var strides = Tensor.strides(of: shape)
        let offset = position * strides[axis]
        strides.remove(at: axis)
        return try strided(shape: viewShape, strides: strides, offset: offset, name: "SelectBackward0")
    }

    /// Entry `index` of the first dimension as iterating over a tensor gives it
    /// (`UnbindBackward0`: PyTorch walks a tensor by unbinding it); the gradient is `select`'s.
    public func unbound(index: Int) throws(AutogradError) -> Variable {
        guard data.rank > 0 else { throw .invalidArgument("iteration over a 0-d tensor") }
        guard index >= 0, index < shape[0] else {
            throw .invalidArgument("index \(index) is out of bounds for dimension 0 with size \(shape[0])")
        }
        var strides = Tensor.strides(of: shape)
        let offset = index * strides[0]
        strides.removeFirst()
        return try strided(shape: Array(shape.dropFirst()), strides: strides, offset: offset, name: "UnbindBackward0")
    }

    /// `self` cut along `dim` into consecutive pieces of `sizes`, which sum to its extent there;
    /// each piece is its own node named `name` (`SplitBackward0`, `SplitWithSizesBackward0`)
    /// whose gradient is the upstream gradient placed at the piece's slice of the input.
    public func split(dim: Int, sizes: [Int], name: String) throws(AutogradError) -> [Variable] {
        let axis = try wrapDimension(dim, rank: data.rank)
        guard data.rank > 0 else { throw .invalidArgument("split expects at least a 1-dimensional tensor") }
        var total = 0
        for size in sizes {
            let (sum, overflow) = total.addingReportingOverflow(size)
            guard size >= 0, !overflow else { throw .invalidArgument("split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=\(Tensor.list(sizes))") }
            total = sum
        }
        guard total == shape[axis] else {
            throw .invalidArgument("split_with_sizes expects split_sizes to sum exactly to \(shape[axis]) (input tensor's size at dimension \(dim)), but got split_sizes=\(Tensor.list(sizes))")
        }
        let strides = Tensor.strides(of: shape)
        var pieces: [Variable] = []
        var start = 0
        for size in sizes {
            var pieceShape = shape
            pieceShape[axis] = size
            pieces.append(try strided(shape: pieceShape, strides: strides, offset: start * strides[axis], name: name))
            start += size
        }
        return pieces
    }

    /// Every entry along `dim`, that dimension removed (`UnbindBackward0`); each entry's
    /// gradient is `select`'s.
    public func unbind(dim: Int) throws(AutogradError) -> [Variable] {
        let axis = try wrapDimension(dim, rank: data.rank)
        guard data.rank > 0 else { throw .invalidArgument("Dimension specified as \(axis) but tensor has no dimensions") }
        var entryShape = shape
        entryShape.remove(at: axis)
        var strides = Tensor.strides(of: shape)
        let step = strides.remove(at: axis)
        var entries: [Variable] = []
        for index in 0..<shape[axis] {
            entries.append(try strided(shape: entryShape, strides: strides, offset: index * step, name: "UnbindBackward0"))
        }
        return entries
    }

    /// `self[start:end:step]` along `dim` (`SliceBackward0`), with Python's clamping of
    /// out-of-range bounds; `step` must be positive.
    public func slice(dim: Int, start: Int? = nil, end: Int? = nil, step: Int = 1) throws(AutogradError) -> Variable {
        let axis = try wrapDimension(dim, rank: data.rank)
        guard data.rank > 0 else { throw .invalidArgument("slice() cannot be applied to a 0-dim tensor.") }
        guard step > 0 else { throw .invalidArgument("slice step must be positive") }
        let extent = shape[axis]
        func clamp(_ value: Int?, _ fallback: Int) -> Int {
            guard let value else { return fallback }
            return Swift.min(Swift.max(value < 0 ? value + extent : value, 0), extent)
        }
        let from = clamp(start, 0), to = Swift.max(clamp(end, extent), clamp(start, 0))
        var viewShape = shape
        viewShape[axis] = to == from ? 0 : (to - from - 1) / step + 1
        var strides = Tensor.strides(of: shape)
        let offset = from * strides[axis]
        strides[axis] *= step
        return try strided(shape: viewShape, strides: strides, offset: offset, name: "SliceBackward0")
    }

    /// The entries of `dim` at int64 `indices`, in their order, repeats allowed
    /// (`IndexSelectBackward0`); the gradient of a repeated entry is summed.
    public func indexSelect(dim: Int, indices: Tensor) throws(AutogradError) -> Variable {
        try picking(dim: dim, indices: indices, name: "IndexSelectBackward0", operation: "index_select")
    }

    /// `self[indices]` for an int64 tensor of indices into the first dimension
    /// (`IndexBackward0`); negative indices count from the end, and the result's shape is the
    /// indices' shape followed by the remaining dimensions.
    public func index(_ indices: Tensor) throws(AutogradError) -> Variable {
        let picked = try picking(dim: 0, indices: indices.viewed([indices.count]), name: "IndexBackward0", operation: "index")
        guard indices.rank != 1 else { return picked }
        let out = try picked.data.viewed(indices.shape + Array(shape.dropFirst()))
        let pickedShape = picked.shape
        return .record("IndexBackward0", out, inputs: [picked], savesTensors: false) { g throws(AutogradError) in
            [try g.viewed(pickedShape)]
        }
    }

    private func picking(dim: Int, indices: Tensor, name: String, operation: String) throws(AutogradError) -> Variable {
        guard let raw = indices.int64Scalars, indices.rank <= 1 else {
            throw .invalidArgument("\(operation)(): Expected a 1-D tensor of int64 indices, but got \(indices.dtype) of rank \(indices.rank)")
        }
        guard data.rank > 0 else { throw .invalidArgument("\(operation)() cannot be applied to a 0-dim tensor.") }
        let axis = try wrapDimension(dim, rank: data.rank)
        let extent = shape[axis]
        var positions: [Int] = []
        for index in raw {
            guard index >= -Int64(extent), index < Int64(extent) else {
                throw .invalidArgument("index \(index) is out of bounds for dimension \(axis) with size \(extent)")
            }
            positions.append(Int(index < 0 ? index + Int64(extent) : index))
        }
        // Each picked entry is a strided slab: copy them one after another along `axis`.
        var strides = Tensor.strides(of: shape)
        let step = strides[axis]
        strides[axis] = 0
        var slabShape = shape
        slabShape[axis] = 1
        var slabs: [Tensor] = []
        for position in positions {
            slabs.append(try TensorMath.gather(data, shape: slabShape, strides: strides, offset: position * step))
        }
        var outShape = shape
        outShape[axis] = positions.count
        let out = positions.isEmpty ? try Tensor.zeros(outShape, dtype: dtype) : try TensorMath.concatenate(slabs, dim: axis)
        let inputShape = shape
        return .record(name, out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            var grad = try Tensor.zeros(inputShape, dtype: g.dtype)
            var gStrides = Tensor.strides(of: g.shape)
            let gStep = gStrides[axis]
            gStrides[axis] = 0
            for (k, position) in positions.enumerated() {
                let slab = try TensorMath.gather(g, shape: slabShape, strides: gStrides, offset: k * gStep)
                let placed = try TensorMath.scatter(slab, into: inputShape, strides: strides, offset: position * step)
                grad = try TensorMath.binary(grad, placed, .add)
            }
            return [grad]
        }
    }

    private func strided(shape viewShape: [Int], strides: [Int], offset: Int, name: String) throws(AutogradError) -> Variable {
        let out = try TensorMath.gather(data, shape: viewShape, strides: strides, offset: offset)
        let inputShape = shape
        return .record(name, out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            [try TensorMath.scatter(g, into: inputShape, strides: strides, offset: offset)]
        }
    }

    /// `newShape` with a `-1` replaced by what makes `count` elements.
    static func inferShape(_ newShape: [Int], count: Int) throws(AutogradError) -> [Int] {
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        guard unknown.count <= 1, newShape.allSatisfy({ $0 >= -1 }) else {
            throw .invalidArgument("shape '\(Tensor.list(newShape))' is invalid for input of size \(count)")
        }
        guard let known = Tensor.elementCount(of: newShape.filter { $0 != -1 }) else {
            throw .invalidArgument("shape '\(Tensor.list(newShape))' is invalid for input of size \(count)")
        }
        guard let hole = unknown.first else { return newShape }
        guard known > 0, count % known == 0 else {
            throw .invalidArgument("shape '\(Tensor.list(newShape))' is invalid for input of size \(count)")
        }
        var resolved = newShape
        resolved[hole] = count / known
        return resolved
    }
}

extension Functional {
    /// Joins variables along `dim` (`CatBackward0`).
    public static func cat(_ parts: [Variable], dim: Int = 0) throws(AutogradError) -> Variable {
        guard let first = parts.first else { throw .invalidArgument("torch.cat(): expected a non-empty list of Tensors") }
        let axis = try wrapDimension(dim, rank: first.data.rank)
        let out = try TensorMath.concatenate(parts.map(\.data), dim: axis)
        let shapes = parts.map(\.shape)
        return .record("CatBackward0", out, inputs: parts, savesTensors: false) { g throws(AutogradError) in
            var grads: [Tensor?] = []
            var start = 0
            var strides = Tensor.strides(of: g.shape)
            let step = strides[axis]
            strides[axis] = step
            for partShape in shapes {
                grads.append(try TensorMath.gather(g, shape: partShape, strides: strides, offset: start * step))
                start += partShape[axis]
            }
            return grads
        }
    }

    /// Stacks variables of one shape along a new dimension `dim` (`StackBackward0`, or `name`
    /// where PyTorch's result comes from a fused kernel that stacks as it goes).
    public static func stack(_ parts: [Variable], dim: Int = 0, name: String = "StackBackward0") throws(AutogradError) -> Variable {
        guard let first = parts.first else { throw .invalidArgument("stack expects a non-empty TensorList") }
        let axis = try wrapDimension(dim, rank: first.data.rank + 1)
        for part in parts where part.shape != first.shape {
            throw .invalidArgument("stack expects each tensor to be equal size, but got \(Tensor.list(first.shape)) at entry 0 and \(Tensor.list(part.shape)) at entry \(parts.firstIndex { $0 === part } ?? 0)")
        }
        var expanded = first.shape
        expanded.insert(1, at: axis)
        let out = try TensorMath.concatenate(try parts.map { p throws(AutogradError) in try p.data.viewed(expanded) }, dim: axis)
        let partShape = first.shape
        return .record(name, out, inputs: parts, savesTensors: false) { g throws(AutogradError) in
            var grads: [Tensor?] = []
            var strides = Tensor.strides(of: g.shape)
            let step = strides[axis]
            strides.remove(at: axis)
            for index in 0..<parts.count {
                grads.append(try TensorMath.gather(g, shape: partShape, strides: strides, offset: index * step))
            }
            return grads
        }
    }
}

/// PyTorch's functional interface (`torch.nn.functional` and the `torch.` functions of
/// several tensors): convolutions, pooling, activations with options, losses, joining.
public enum Functional {}
