import ConvNumerics

/// Seeing a tensor's elements with another shape or order: `view`, `reshape`, `unsqueeze`,
/// `squeeze`, `permute`, `transpose`, `flatten`, `expand`, `repeat`, `flip`, and what a tensor
/// says of itself (`size()`, `dim()`, `numel()`, `item()`, `tolist()`).
///
/// conv's tensors are values: a view is a copy of its base's elements, so writing through it
/// (in place) changes the view only (README, "Tensor methods").
enum ShapeMethods {
    /// The torch functions, which are methods too.
    static let functions: [Builtin] = [reshape, unsqueeze, squeeze, permute, transpose, flatten, flip, numel, clone]

    /// `x.nelement()`: `numel`'s older name, a method only.
    static let nelement = Builtin.tensorFunction(
        "nelement", torch: false, [input], "the number of elements (numel's other name)", example: "x.nelement()") { call throws(RuntimeError) in
        .int(try call.receivingTensor.count)
    }

    /// The methods PyTorch has only as methods.
    /// The torch functions of this family that are not methods.
    static let functionsOnly: [Builtin] = [sizeConstructor]

    /// `torch.Size([2, 3])`: a shape as its own value, as `x.shape` gives it.
    static let sizeConstructor = Builtin.tensorFunction(
        "Size", [.optional("sizes", default: .tuple([]))], "a shape: a tuple of sizes that prints as torch.Size([...])",
        example: "torch.Size([2, 3])") { call throws(RuntimeError) in
        var extents: [Int] = []
        for item in try call.items("sizes") {
            extents.append(try Coercion.integer(item, what: "torch.Size's sizes", at: call.range(of: "sizes")))
        }
        return .size(extents)
    }

    static let methodsOnly: [Builtin] = [view, viewAs, reshapeAs, t, expand, expandAs, repeatMethod, contiguous, detach,
                                         size, dim, item, tolist, nelement]

    private static let input = Builtin.Parameter.required("input")

    static let view = reshaping("view", torch: false, "the same elements seen with another shape; one size may be -1",
                                example: "x.view(2, -1)")
    static let reshape = reshaping("reshape", torch: true, "the same elements with another shape; one size may be -1",
                                   example: "torch.reshape(x, (3, 2))")

    private static func reshaping(_ name: String, torch: Bool, _ summary: String, example: String) -> Builtin {
        .tensorFunction(name, torch: torch, [input, .variadic("shape")], summary, example: example) { call throws(RuntimeError) in
            let x = try call.receivingTensor
            let shape = try TensorArguments.inferred(try call.sizes("shape"), count: x.count, at: call.range)
            return .tensor(TensorGeometry.reshaped(x, shape))
        }
    }

    static let viewAs = shapedLike("view_as")
    static let reshapeAs = shapedLike("reshape_as")

    private static func shapedLike(_ name: String) -> Builtin {
        .tensorFunction(name, torch: false, [input, .required("other")], "the same elements with other's shape",
                        example: "x.\(name)(y)") { call throws(RuntimeError) in
            let x = try call.receivingTensor
            let shape = try TensorArguments.inferred(try call.tensor("other").shape, count: x.count, at: call.range)
            return .tensor(TensorGeometry.reshaped(x, shape))
        }
    }

    static let unsqueeze = Builtin.tensorFunction(
        "unsqueeze", [input, .required("dim")], "a new dimension of size 1 at position dim",
        example: "torch.unsqueeze(x, 0)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        let dim = try call.dimension("dim", rank: x.rank + 1)
        var shape = x.shape
        shape.insert(1, at: dim)
        return .tensor(TensorGeometry.reshaped(x, shape))
    }

    static let squeeze = Builtin.tensorFunction(
        "squeeze", [input, .optional("dim", "axis", default: .none)], "without its dimensions of size 1 (only dim's, when given)",
        example: "x.squeeze(0)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        let dims = try call.dimensions("dim", rank: x.rank) ?? Array(x.shape.indices)
        let shape = x.shape.indices.filter { !(dims.contains($0) && x.shape[$0] == 1) }.map { x.shape[$0] }
        return .tensor(TensorGeometry.reshaped(x, shape))
    }

    static let permute = Builtin.tensorFunction(
        "permute", [input, .variadic("dims")], "its dimensions in the order dims",
        example: "x.permute(0, 2, 1)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        let raw = try call.sizes("dims")
        guard raw.count == x.rank else {
            throw call.error("permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(x.rank) is not equal to len(dims) = \(raw.count)")
        }
        var order: [Int] = []
        for dim in raw {
            let axis = try TensorArguments.dimension(dim, rank: x.rank, at: call.range(of: "dims"))
            guard !order.contains(axis) else { throw call.error("permute(): duplicate dims are not allowed.", at: "dims") }
            order.append(axis)
        }
        return .tensor(TensorGeometry.permuted(x, order))
    }

    static let transpose = Builtin.tensorFunction(
        "transpose", aliases: ["torch.swapaxes", "torch.swapdims"], [input, .required("dim0"), .required("dim1")],
        "dimensions dim0 and dim1 swapped", example: "x.transpose(1, 2)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        return .tensor(TensorGeometry.swapped(x, try call.dimension("dim0", rank: x.rank), try call.dimension("dim1", rank: x.rank)))
    }

    static let t = Builtin.tensorFunction(
        "t", torch: false, [input], "a matrix transposed (a vector as it is)", example: "w.t()") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        guard x.rank <= 2 else { throw call.error("t() expects a tensor with <= 2 dimensions, but self is \(x.rank)D") }
        return .tensor(TensorGeometry.swapped(x, 0, 1))
    }

    /// `x.T`: every dimension reversed.
    static func reversed(_ x: Tensor) -> Tensor { TensorGeometry.permuted(x, Array(x.shape.indices.reversed())) }

    static let flatten = Builtin.tensorFunction(
        "flatten", [input, .optional("start_dim", default: .int(0)), .optional("end_dim", default: .int(-1))],
        "dimensions start_dim to end_dim made one", example: "x.flatten(1)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        let start = try call.dimension("start_dim", rank: x.rank), end = try call.dimension("end_dim", rank: x.rank)
        guard start <= end else { throw call.error("flatten() has invalid args: start_dim cannot come after end_dim") }
        guard x.rank > 0 else { return .tensor(TensorGeometry.reshaped(x, [1])) }
        let merged = x.shape[start...end].reduce(1, *)
        return .tensor(TensorGeometry.reshaped(x, Array(x.shape[..<start]) + [merged] + Array(x.shape[(end + 1)...])))
    }

    static let flip = Builtin.tensorFunction(
        "flip", [input, .variadic("dims")], "the order of the elements reversed along dims",
        example: "torch.flip(x, [0])") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        var axes: [Int] = []
        for dim in try call.sizes("dims") {
            let axis = try TensorArguments.dimension(dim, rank: x.rank, at: call.range(of: "dims"))
            guard !axes.contains(axis) else { throw call.error("dim \(axis) appears multiple times in the list of dims", at: "dims") }
            axes.append(axis)
        }
        var strides = Tensor.strides(of: x.shape)
        var offset = 0
        for axis in axes where axis < x.rank && x.shape[axis] > 0 {
            offset += (x.shape[axis] - 1) * strides[axis]
            strides[axis] = -strides[axis]
        }
        let sources = TensorGeometry.strided(shape: x.shape, strides: strides, offset: offset)
        return .tensor(TensorGeometry.gather(x, shape: x.shape, sources: sources) ?? x)
    }

    static let expand = Builtin.tensorFunction(
        "expand", torch: false, [input, .variadic("sizes")], "dimensions of size 1 repeated to sizes (-1 keeps one)",
        example: "x.expand(3, -1)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        return try expanded(x, to: try call.sizes("sizes"), call)
    }

    static let expandAs = Builtin.tensorFunction(
        "expand_as", torch: false, [input, .required("other")], "expanded to other's shape",
        example: "b.expand_as(x)") { call throws(RuntimeError) in
        try expanded(try call.receivingTensor, to: try call.tensor("other").shape, call)
    }

    private static func expanded(_ x: Tensor, to sizes: [Int], _ call: BuiltinCall) throws(RuntimeError) -> Value {
        guard sizes.count >= x.rank else {
            throw call.error("expand(\(legacyTypeName(x)){\(TensorArguments.text(x.shape))}, size=\(TensorArguments.text(sizes))): the number of sizes provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(x.rank))")
        }
        let lead = sizes.count - x.rank
        let inputStrides = Tensor.strides(of: x.shape)
        var shape: [Int] = [], strides: [Int] = []
        for (axis, size) in sizes.enumerated() {
            guard axis >= lead else {
                guard size >= 0 else {
                    throw call.error("The expanded size of the tensor (\(size)) isn't allowed in a leading, non-existing dimension \(axis)")
                }
                shape.append(size); strides.append(0)
                continue
            }
            let existing = x.shape[axis - lead]
            let target = size == -1 ? existing : size
            guard target >= 0 else {
                throw call.error("The expanded size of the tensor (\(size)) isn't allowed in a leading, non-existing dimension \(axis)")
            }
            guard existing == target || existing == 1 else {
                throw call.error("The expanded size of the tensor (\(size)) must match the existing size (\(existing)) at non-singleton dimension \(axis).  Target sizes: \(TensorArguments.text(sizes)).  Tensor sizes: \(TensorArguments.text(x.shape))")
            }
            shape.append(target); strides.append(existing == 1 && target != 1 ? 0 : inputStrides[axis - lead])
        }
        try call.context.checkElementCount(of: shape, dtype: x.dtype, at: call.range)
        let sources = TensorGeometry.strided(shape: shape, strides: strides)
        return try call.made(TensorGeometry.gather(x, shape: shape, sources: sources) ?? x)
    }

    /// `torch.DoubleTensor`, as PyTorch names a tensor's type in some messages.
    static func legacyTypeName(_ x: Tensor) -> String {
        DTypeValues.legacyTypeName(x.dtype)
    }

    static let repeatMethod = Builtin.tensorFunction(
        "repeat", torch: false, [input, .variadic("sizes")], "the whole tensor repeated sizes times along each dimension",
        example: "x.repeat(2, 1)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        let repeats = try call.sizes("sizes")
        guard repeats.count >= x.rank else {
            throw call.error("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
        }
        guard repeats.allSatisfy({ $0 >= 0 }) else {
            throw call.error("Trying to create tensor with negative dimension \(repeats.first { $0 < 0 } ?? -1): \(TensorArguments.text(repeats))")
        }
        let base = [Int](repeating: 1, count: repeats.count - x.rank) + x.shape
        var shape: [Int] = []
        for (size, times) in zip(base, repeats) {
            let (product, overflow) = size.multipliedReportingOverflow(by: times)
            shape.append(overflow ? Int.max : product)
        }
        try call.context.checkElementCount(of: shape, dtype: x.dtype, at: call.range)
        let strides = Tensor.strides(of: base)
        var sources: [Int] = []
        TensorGeometry.forEachIndex(of: shape) { index in
            var source = 0
            for axis in index.indices { source += (index[axis] % base[axis]) * strides[axis] }
            sources.append(source)
        }
        return try call.made(TensorGeometry.gather(x, shape: shape, sources: sources) ?? x)
    }

    static let contiguous = identity("contiguous", torch: false, "the tensor itself (conv's tensors are always contiguous)")
    static let clone = identity("clone", torch: true, "a copy of the tensor")
    static let detach = identity("detach", torch: false, "the tensor, apart from any autograd graph")

    private static func identity(_ name: String, torch: Bool, _ summary: String) -> Builtin {
        .tensorFunction(name, torch: torch, [input], summary, example: "x.\(name)()") { call throws(RuntimeError) in
            .tensor(try call.receivingTensor)
        }
    }

    static let size = Builtin.tensorFunction(
        "size", torch: false, [input, .optional("dim", "axis", default: .none)], "the shape, or the size of dimension dim",
        example: "x.size(), x.size(-1)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        if case .none = call.value("dim") { return .size(x.shape) }
        let dim = try call.dimension("dim", rank: x.rank)
        guard dim < x.rank else { throw call.error("Dimension specified as \(dim) but tensor has no dimensions", raising: .indexError) }
        return .int(x.shape[dim])
    }

    static let dim = Builtin.tensorFunction(
        "dim", torch: false, [input], "the number of dimensions", example: "x.dim()") { call throws(RuntimeError) in
        .int(try call.receivingTensor.rank)
    }

    static let numel = Builtin.tensorFunction(
        "numel", [input], "the number of elements", example: "x.numel()") { call throws(RuntimeError) in
        .int(try call.receivingTensor.count)
    }

    static let item = Builtin.tensorFunction(
        "item", torch: false, [input], "the one element as a Python number", example: "x.sum().item()") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        guard x.count == 1 else { throw call.error("a Tensor with \(x.count) elements cannot be converted to Scalar") }
        return element(x, 0)
    }

    /// Element `offset` of `x` as Python's number of its dtype.
    static func element(_ x: Tensor, _ offset: Int) -> Value {
        switch x.storage {
        case .int64(let elements): .int(Int(elements[offset]))
        case .int32(let elements): .int(Int(elements[offset]))
        case .bool(let elements): .bool(elements[offset])
        // Read the one element: `scalars` would widen the whole tensor, which made `tolist` quadratic.
        case .float32(let elements): .number(Double(elements[offset]))
        case .float64(let elements): .number(elements[offset])
        }
    }

    static let tolist = Builtin.tensorFunction(
        "tolist", torch: false, [input], "the elements as nested Python lists", example: "x.tolist()") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        return nested(x, axis: 0, offset: 0, strides: Tensor.strides(of: x.shape))
    }

    private static func nested(_ x: Tensor, axis: Int, offset: Int, strides: [Int]) -> Value {
        guard axis < x.rank else { return element(x, offset) }
        let items = (0..<x.shape[axis]).map { nested(x, axis: axis + 1, offset: offset + $0 * strides[axis], strides: strides) }
        return .list(PythonList(items))
    }
}
