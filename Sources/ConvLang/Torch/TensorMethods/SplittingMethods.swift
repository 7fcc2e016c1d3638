import ConvAutograd
import ConvNumerics

/// Cutting a tensor into pieces along one dimension: `chunk`, `split` and `unbind`, as methods
/// and as torch functions. Each gives a tuple of tensors; on a tensor that requires grad each
/// piece is recorded (``recorded(_:_:)``), so a loss made of several pieces sends every piece's
/// gradient back to its place in the input.
enum SplittingMethods {
    /// The torch functions, which are methods too.
    static let functions: [Builtin] = [chunk, split, unbind]

    private static let input = Builtin.Parameter.required("input")

    static let chunk = Builtin.tensorFunction(
        "chunk", [input, .required("chunks"), .optional("dim", default: .int(0))],
        "at most chunks pieces along dim, each of ceil(size / chunks) but the last", example: "a, b = x.chunk(2, dim=1)") { call throws(RuntimeError) in
        try pieces(call, try plan(call, try call.receivingTensor))
    }

    static let split = Builtin.tensorFunction(
        "split", [input, .required("split_size_or_sections", "split_size"), .optional("dim", default: .int(0))],
        "pieces along dim of split_size each (the last may be smaller), or of the sizes in a list",
        example: "a, b = torch.split(x, [2, 3], dim=1)") { call throws(RuntimeError) in
        try pieces(call, try plan(call, try call.receivingTensor))
    }

    static let unbind = Builtin.tensorFunction(
        "unbind", [input, .optional("dim", default: .int(0))], "every entry along dim, that dimension removed",
        example: "rows = x.unbind(0)") { call throws(RuntimeError) in
        try pieces(call, try plan(call, try call.receivingTensor))
    }

    /// How a call cuts its tensor: consecutive pieces of `sizes` along `dim` (which `unbind`
    /// removes), and the name of PyTorch's backward node for the pieces.
    struct Plan {
        let dim: Int
        let sizes: [Int]
        let removesDimension: Bool
        let gradName: String
    }

    /// The plan of a call of `chunk`, `split` or `unbind`, with PyTorch's checks in PyTorch's order.
    static func plan(_ call: BuiltinCall, _ x: Tensor) throws(RuntimeError) -> Plan {
        switch call.builtin.name {
        case "chunk":
            let chunks = try integer(call, "chunks", refusal: "chunk(): argument 'chunks' (position 1) must be int, not float")
            guard x.rank > 0 else { throw call.error("chunk expects at least a 1-dimensional tensor") }
            guard chunks > 0 else { throw call.error("chunk expects `chunks` to be greater than 0, got: \(chunks)", at: "chunks") }
            let dim = try call.dimension("dim", rank: x.rank)
            let extent = x.shape[dim]
            // ceil(extent / chunks), written so that it cannot overflow.
            let size = extent / chunks + (extent % chunks == 0 ? 0 : 1)
            // An empty dimension still gives `chunks` empty pieces, as many as a tensor's elements may be.
            if size == 0 {
                let limit = call.context.limits.maximumElements
                guard chunks <= limit else {
                    throw RuntimeError("chunk would make \(chunks) empty pieces, more than the limit of \(limit)",
                                       at: call.range(of: "chunks"), kind: .limit(.elements))
                }
                return Plan(dim: dim, sizes: Array(repeating: 0, count: chunks), removesDimension: false, gradName: "SplitWithSizesBackward0")
            }
            return Plan(dim: dim, sizes: equalSizes(extent, size), removesDimension: false, gradName: "SplitBackward0")
        case "split":
            switch call.value("split_size_or_sections") {
            case .list, .tuple:
                var sizes: [Int] = []
                for (position, item) in try call.items("split_size_or_sections").enumerated() {
                    sizes.append(try integer(call, "split_size_or_sections", item, refusal:
                        "split_with_sizes(): argument 'split_sizes' failed to unpack the object at pos \(position + 1) with error \"type must be tuple of ints,but got float\""))
                }
                guard x.rank > 0 else { throw call.error("split expects at least a 1-dimensional tensor") }
                let raw = try call.integer("dim")
                let dim = try call.dimension("dim", rank: x.rank)
                let extent = x.shape[dim]
                let list = TensorArguments.text(sizes)
                guard sizes.allSatisfy({ $0 >= 0 }) else {
                    throw call.error("split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=\(list)", at: "split_size_or_sections")
                }
                var total = 0
                for size in sizes {
                    let (sum, overflow) = total.addingReportingOverflow(size)
                    total = overflow ? Int.max : sum
                }
                guard total == extent else {
                    throw call.error("split_with_sizes expects split_sizes to sum exactly to \(extent) (input tensor's size at dimension \(raw)), but got split_sizes=\(list)",
                                     at: "split_size_or_sections")
                }
                return Plan(dim: dim, sizes: sizes, removesDimension: false, gradName: "SplitWithSizesBackward0")
            default:
                let size = try integer(call, "split_size_or_sections",
                                       refusal: "split_with_sizes(): argument 'split_sizes' (position 2) must be tuple of ints, not float")
                guard x.rank > 0 else { throw call.error("split expects at least a 1-dimensional tensor") }
                guard size >= 0 else { throw call.error("split expects split_size be non-negative, but got split_size=\(size)", at: "split_size_or_sections") }
                let dim = try call.dimension("dim", rank: x.rank)
                let extent = x.shape[dim]
                guard size > 0 || extent == 0 else {
                    throw call.error("split_size can only be 0 if dimension size is 0, but got dimension size of \(extent)", at: "split_size_or_sections")
                }
                return Plan(dim: dim, sizes: size == 0 ? [0] : equalSizes(extent, size), removesDimension: false, gradName: "SplitBackward0")
            }
        default:
            let dim = try call.dimension("dim", rank: x.rank)
            guard x.rank > 0 else {
                throw call.error("Dimension specified as \(dim) but tensor has no dimensions", at: "dim", raising: .indexError)
            }
            return Plan(dim: dim, sizes: Array(repeating: 1, count: x.shape[dim]), removesDimension: true, gradName: "UnbindBackward0")
        }
    }

    /// Argument `name` (or `value`, an item of it) as an int: a float is refused as PyTorch
    /// refuses it, with `refusal`, where conv's integer arguments elsewhere take a whole float.
    private static func integer(
        _ call: BuiltinCall, _ name: String, _ value: Value? = nil, refusal: String
    ) throws(RuntimeError) -> Int {
        let given = value ?? call.value(name)
        if case .number = given { throw call.error(refusal, at: name, raising: .typeError) }
        return try Coercion.integer(given, what: "\(call.builtin.name)'s argument '\(name)'", at: call.range(of: name))
    }

    /// Pieces of `size` that make `extent`, the last one smaller when `size` does not divide it
    /// (one empty piece for an empty extent).
    private static func equalSizes(_ extent: Int, _ size: Int) -> [Int] {
        guard extent > 0 else { return [0] }
        return stride(from: 0, to: extent, by: size).map { Swift.min(size, extent - $0) }
    }

    /// The tuple of the plain tensor's pieces.
    private static func pieces(_ call: BuiltinCall, _ plan: Plan) throws(RuntimeError) -> Value {
        let x = try call.receivingTensor
        let strides = Tensor.strides(of: x.shape)
        var items: [Value] = []
        var start = 0
        for size in plan.sizes {
            var shape = x.shape
            shape[plan.dim] = size
            let sources = TensorGeometry.strided(shape: shape, strides: strides, offset: start * strides[plan.dim])
            var piece = TensorGeometry.gather(x, shape: shape, sources: sources) ?? x
            if plan.removesDimension {
                shape.remove(at: plan.dim)
                piece = TensorGeometry.reshaped(piece, shape)
            }
            items.append(.tensor(piece))
            start += size
        }
        return try call.context.checkMemory(afterMaking: .tuple(items), at: call.range)
    }

    /// The pieces of `x`, a tensor that requires grad, each recorded with PyTorch's node
    /// (`SplitBackward0`, `SplitWithSizesBackward0`, `UnbindBackward0`).
    static func recorded(_ call: BuiltinCall, _ x: Variable) throws(RuntimeError) -> Value {
        let plan = try plan(call, x.data)
        do {
            let pieces = plan.removesDimension
                ? try x.unbind(dim: plan.dim)
                : try x.split(dim: plan.dim, sizes: plan.sizes, name: plan.gradName)
            return .tuple(pieces.map(Value.result))
        } catch {
            throw AutogradValues.located(error, at: call.range)
        }
    }
}
