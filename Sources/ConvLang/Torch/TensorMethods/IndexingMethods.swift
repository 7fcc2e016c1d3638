import ConvNumerics

/// Taking and placing elements by position, as PyTorch's: `gather`, `index_select`, `take`,
/// `narrow`, `repeat_interleave`, `roll`, `tril`, `triu`, `diag`, and their writing
/// counterparts `scatter` and `scatter_add`, with `outer`, `tril_indices` and `triu_indices`.
///
/// Every taking function works out a ``Placement`` (for each result element, the input element
/// it is, or none for a zero) and copies through it in the input's dtype; the recorded forms
/// (``AutogradIndexMethods``) hand the same placement to the engine, so the values, the checks
/// and the errors are one implementation.
enum IndexingMethods {
    static let functions: [Builtin] = [gather, scatter, scatterAdd, indexSelect, take, narrow, repeatInterleave, roll, tril, triu,
                                       diag, outer]
    static let methodsOnly: [Builtin] = [scatterInPlace, scatterAddInPlace]
    static let functionsOnly: [Builtin] = [trilIndices, triuIndices]

    private static let input = Builtin.Parameter.required("input")

    /// A taking function: `placement` reads the arguments and says where each result element comes from.
    private static func placing(
        _ name: String, aliases: [String] = [], _ parameters: [Builtin.Parameter], _ summary: String, example: String,
        _ placement: @escaping @Sendable (BuiltinCall, Tensor) throws(RuntimeError) -> Placement
    ) -> Builtin {
        .tensorFunction(name, aliases: aliases, [input] + parameters, summary, example: example) { call throws(RuntimeError) in
            let x = try call.receivingTensor
            return try call.made(placed(x, try placement(call, x)))
        }
    }

    /// For each element of a result of `shape`, the flat offset of the input element it is, or
    /// -1 for a zero.
    struct Placement {
        var shape: [Int]
        var sources: [Int]
    }

    /// `x`'s elements placed as `placement` says, in `x`'s dtype.
    static func placed(_ x: Tensor, _ placement: Placement) -> Tensor {
        let sources = placement.sources
        func pick<E: TensorElement>(_ elements: [E]) -> [E] { sources.map { $0 < 0 ? E.zeroElement : elements[$0] } }
        let storage: TensorStorage = switch x.storage {
        case .float64(let elements): .float64(pick(elements))
        case .float32(let elements): .float32(pick(elements))
        case .int64(let elements): .int64(pick(elements))
        case .int32(let elements): .int32(pick(elements))
        case .bool(let elements): .bool(pick(elements))
        }
        return Tensor(shape: placement.shape, storage: storage) ?? x
    }

    /// The positions in `name`, a tensor of int64 (or int32 when `int32`) positions; PyTorch's
    /// error for any other dtype.
    static func positions(_ call: BuiltinCall, _ name: String, int32: Bool, message: String) throws(RuntimeError) -> (Tensor, [Int]) {
        let index = try call.tensor(name)
        guard index.dtype == .int64 || (int32 && index.dtype == .int32) else { throw call.error(message, at: name) }
        return (index, index.converted(to: .int64).elements(as: Int64.self)?.map { Int($0) } ?? [])
    }

    /// Refuses a result of `shape` past the run's element limit, before it is made.
    static func checkSize(_ call: BuiltinCall, _ shape: [Int]) throws(RuntimeError) {
        let limit = call.context.limits.maximumElements
        guard let count = Tensor.elementCount(of: shape), count <= limit else {
            let count = Tensor.elementCount(of: shape).map(String.init) ?? "too many"
            throw call.error("\(call.builtin.name)() would make \(count) elements, more than the limit of \(limit)")
        }
    }

    private static func outOfBounds(_ call: BuiltinCall, _ value: Int, dim: Int, size: Int) -> RuntimeError {
        call.error("index \(value) is out of bounds for dimension \(dim) with size \(size)", at: "index")
    }

    /// The offset in a tensor of `strides` of the multi-index `index` with `dim` replaced by `position`.
    private static func offset(_ index: [Int], strides: [Int], dim: Int, position: Int) -> Int {
        var offset = 0
        for axis in index.indices { offset += (axis == dim ? position : index[axis]) * strides[axis] }
        return offset
    }

    /// Each index element's target in `x` along `dim` (`gather` and `scatter`), checked as PyTorch checks them.
    static func targets(_ call: BuiltinCall, _ x: Tensor, dim: Int, index: Tensor, positions: [Int]) throws(RuntimeError) -> [Int] {
        let extent = x.rank == 0 ? 1 : x.shape[dim]
        let strides = Tensor.strides(of: x.shape)
        var targets: [Int] = []
        targets.reserveCapacity(positions.count)
        var failure: RuntimeError?
        var flat = 0
        TensorGeometry.forEachIndex(of: index.shape) { at in
            guard failure == nil else { return }
            let position = positions[flat]
            flat += 1
            guard position >= 0, position < extent else { failure = outOfBounds(call, position, dim: dim, size: extent); return }
            targets.append(x.rank == 0 ? 0 : offset(at, strides: strides, dim: dim, position: position))
        }
        if let failure { throw failure }
        if index.rank == 0, let position = positions.first {
            guard position >= 0, position < extent else { throw outOfBounds(call, position, dim: dim, size: extent) }
            return [x.rank == 0 ? 0 : position * strides[dim]]
        }
        return targets
    }

    // MARK: - gather

    static let gather = placing(
        "gather", [.required("dim"), .required("index"), .optional("sparse_grad", default: .bool(false), namedOnly: true)],
        "the elements at index along dim: out[i][j] = x[i][index[i][j]] for dim=1", example: "x.gather(1, labels.unsqueeze(1))", gatherPlacement)

    static func gatherPlacement(_ call: BuiltinCall, _ x: Tensor) throws(RuntimeError) -> Placement {
        let dim = try call.dimension("dim", rank: x.rank)
        let (index, positions) = try positions(call, "index", int32: true, message: "gather(): Expected dtype int32/int64 for index")
        guard Swift.max(index.rank, 1) == Swift.max(x.rank, 1) else {
            throw call.error("Index tensor must have the same number of dimensions as input tensor", at: "index")
        }
        for axis in index.shape.indices where axis != dim && x.rank > 0 && index.shape[axis] > x.shape[axis] {
            throw call.error("Size does not match at dimension \(axis) expected index \(TensorArguments.text(index.shape)) to be no larger than self \(TensorArguments.text(x.shape)) apart from dimension \(dim)", at: "index")
        }
        return Placement(shape: index.shape, sources: try targets(call, x, dim: dim, index: index, positions: positions))
    }

    // MARK: - scatter

    /// What `scatter` and `scatter_add` write: for each element of index, where in the input it
    /// goes (`targets`), and which element of src it takes (`sources`; none for a value).
    struct Scattering {
        var targets: [Int]
        var sources: [Int]
        /// The tensor written from, or nil for `value`.
        var src: Tensor?
        var value: Double
    }

    private static let scatterParameters: [Builtin.Parameter] = [
        input, .required("dim"), .required("index"), .optional("src", "value", default: .none),
        .optional("reduce", default: .none, namedOnly: true),
    ]

    static let scatter = Builtin.tensorFunction(
        "scatter", scatterParameters, "a copy with src's elements (or value) written at index along dim",
        example: "torch.zeros(2, 4).scatter(1, torch.tensor([[1], [3]]), 1.0)") { call throws(RuntimeError) in
        try scattered(call, add: false)
    }

    static let scatterAdd = Builtin.tensorFunction(
        "scatter_add", [input, .required("dim"), .required("index"), .required("src")],
        "a copy with src's elements added at index along dim", example: "torch.zeros(3).scatter_add(0, labels, ones)") { call throws(RuntimeError) in
        try scattered(call, add: true)
    }

    static let scatterInPlace = writingBack(scatter, "scatter_")
    static let scatterAddInPlace = writingBack(scatterAdd, "scatter_add_")

    /// `x.scatter_(...)`: the function's result, written back to the tensor it was called on.
    private static func writingBack(_ function: Builtin, _ name: String) -> Builtin {
        var builtin = Builtin.tensorFunction(name, torch: false, function.parameters, function.summary + ", in place",
                                             example: "x.\(name)(1, index, src)", function.body)
        builtin.writesBackFirstArgument = true
        return builtin
    }

    private static func scattered(_ call: BuiltinCall, add: Bool) throws(RuntimeError) -> Value {
        let x = try call.receivingTensor
        let scattering = try scattering(call, x, add: add)
        return try call.made(written(x, scattering, add: add))
    }

    /// `x` with `scattering` written into it (or added to it).
    static func written(_ x: Tensor, _ scattering: Scattering, add: Bool) -> Tensor {
        let src = scattering.src ?? (Tensor(repeating: scattering.value, shape: []) ?? x).converted(to: x.dtype)
        func write<E: TensorElement>(_ base: [E], _ from: [E], _ combine: (E, E) -> E) -> [E] {
            var out = base
            for (target, source) in zip(scattering.targets, scattering.sources) {
                out[target] = add ? combine(out[target], from[source]) : from[source]
            }
            return out
        }
        let storage: TensorStorage = switch (x.storage, src.storage) {
        case (.float64(let a), .float64(let b)): .float64(write(a, b, +))
        case (.float32(let a), .float32(let b)): .float32(write(a, b, +))
        case (.int64(let a), .int64(let b)): .int64(write(a, b, &+))
        case (.int32(let a), .int32(let b)): .int32(write(a, b, &+))
        case (.bool(let a), .bool(let b)): .bool(write(a, b) { $0 || $1 })
        default: x.storage
        }
        return Tensor(shape: x.shape, storage: storage) ?? x
    }

    static func scattering(_ call: BuiltinCall, _ x: Tensor, add: Bool) throws(RuntimeError) -> Scattering {
        let name = add ? "scatter_add" : "scatter"
        if case .string = call.value("reduce") {
            throw call.error("conv's \(name)() does not take reduce=; scatter_add adds", at: "reduce")
        }
        let dim = try call.dimension("dim", rank: x.rank)
        let (index, positions) = try positions(call, "index", int32: true, message: "scatter(): Expected dtype int32/int64 for index")
        var src: Tensor?
        var value = 0.0
        switch call.value("src") {
        case .tensor, .variable:
            let tensor = try call.tensor("src")
            guard tensor.dtype == x.dtype else { throw call.error("scatter(): Expected self.dtype to be equal to src.dtype", at: "src") }
            src = tensor
        case .none:
            throw call.error("\(name)() missing 1 required positional argument: \"src\"", raising: .typeError)
        default:
            value = try call.number("src")
        }
        guard Swift.max(index.rank, 1) == Swift.max(x.rank, 1), src.map({ Swift.max($0.rank, 1) == Swift.max(x.rank, 1) }) ?? true else {
            throw call.error("Index tensor must have the same number of dimensions as self tensor", at: "index")
        }
        for axis in index.shape.indices where x.rank > axis {
            let tooLarge = (axis != dim && index.shape[axis] > x.shape[axis])
                || (src.map { $0.rank > axis && index.shape[axis] > $0.shape[axis] } ?? false)
            guard tooLarge else { continue }
            let against = src.map { " and to be no larger size than src \(TensorArguments.text($0.shape))" } ?? ""
            throw call.error("Expected index \(TensorArguments.text(index.shape)) to be no larger than self \(TensorArguments.text(x.shape)) apart from dimension \(dim)\(against)", at: "index")
        }
        let targets = try targets(call, x, dim: dim, index: index, positions: positions)
        var sources: [Int] = []
        if let src {
            let strides = Tensor.strides(of: src.shape)
            TensorGeometry.forEachIndex(of: index.shape) { at in sources.append(offset(at, strides: strides, dim: -1, position: 0)) }
            if index.rank == 0 { sources = [0] }
        } else {
            sources = [Int](repeating: 0, count: targets.count)
        }
        return Scattering(targets: targets, sources: sources, src: src, value: value)
    }

    // MARK: - index_select, take, narrow

    static let indexSelect = placing(
        "index_select", [.required("dim"), .required("index")], "the slices at the positions index along dim",
        example: "x.index_select(0, torch.tensor([0, 2]))", indexSelectPlacement)

    static func indexSelectPlacement(_ call: BuiltinCall, _ x: Tensor) throws(RuntimeError) -> Placement {
        let dim = try call.dimension("dim", rank: x.rank)
        let (index, positions) = try positions(call, "index", int32: true, message: "index_select(): Expected dtype int32 or int64 for index")
        guard index.rank <= 1 else { throw call.error("index_select(): Index is supposed to be a vector", at: "index", raising: .indexError) }
        let extent = x.rank == 0 ? 1 : x.shape[dim]
        for position in positions where position < 0 || position >= extent {
            throw call.error("index out of range in self", at: "index", raising: .indexError)
        }
        guard x.rank > 0 else { return Placement(shape: index.rank == 0 ? [] : [positions.count], sources: positions.map { _ in 0 }) }
        var shape = x.shape
        shape[dim] = positions.count
        try checkSize(call, shape)
        let strides = Tensor.strides(of: x.shape)
        var sources: [Int] = []
        TensorGeometry.forEachIndex(of: shape) { at in sources.append(offset(at, strides: strides, dim: dim, position: positions[at[dim]])) }
        return Placement(shape: shape, sources: sources)
    }

    static let take = placing(
        "take", [.required("index")], "the elements at flat positions index (negative from the end), in index's shape",
        example: "torch.take(x, torch.tensor([0, 5]))", takePlacement)

    static func takePlacement(_ call: BuiltinCall, _ x: Tensor) throws(RuntimeError) -> Placement {
        let index = try call.tensor("index")
        guard index.dtype == .int64 else {
            throw call.error("take(): Expected a long tensor for index, but got \(index.dtype.scalarTypeName)", at: "index")
        }
        var sources: [Int] = []
        for raw in index.elements(as: Int64.self) ?? [] {
            let position = Int(raw)
            guard position >= -x.count, position < x.count else {
                throw call.error("out of range: tried to access index \(position) on a tensor of \(x.count) elements.", at: "index",
                                 raising: .indexError)
            }
            sources.append(position < 0 ? position + x.count : position)
        }
        return Placement(shape: index.shape, sources: sources)
    }

    static let narrow = placing(
        "narrow", [.required("dim"), .required("start"), .required("length")],
        "length elements along dim from start (negative from the end)", example: "x.narrow(1, 0, 2)", narrowPlacement)

    static func narrowPlacement(_ call: BuiltinCall, _ x: Tensor) throws(RuntimeError) -> Placement {
        guard x.rank > 0 else { throw call.error("narrow() cannot be applied to a 0-dim tensor.") }
        let dim = try call.dimension("dim", rank: x.rank)
        let start = try integer(call, "start"), length = try integer(call, "length")
        let size = x.shape[dim]
        guard start >= -size, start <= size else {
            throw call.error("start out of range (expected to be in range of [\(-size), \(size)], but got \(start))", at: "start",
                             raising: .indexError)
        }
        guard length >= 0 else { throw call.error("narrow(): length must be non-negative.", at: "length") }
        let from = start < 0 ? start + size : start
        guard length <= size - from else {
            throw call.error("start (\(from)) + length (\(length)) exceeds dimension size (\(size)).", at: "length")
        }
        return slice(x.shape, dim: dim, from: from, count: length)
    }

    /// `count` positions from `from` along `dim` of a tensor of `shape`.
    static func slice(_ shape: [Int], dim: Int, from: Int, count: Int) -> Placement {
        var out = shape
        out[dim] = count
        let strides = Tensor.strides(of: shape)
        var sources: [Int] = []
        TensorGeometry.forEachIndex(of: out) { at in sources.append(offset(at, strides: strides, dim: dim, position: at[dim] + from)) }
        return Placement(shape: out, sources: sources)
    }

    /// An int argument, or a 0-d integer tensor (`x.narrow(0, torch.tensor(1), 2)`).
    private static func integer(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> Int {
        if let tensor = call.value(name).asTensor, tensor.count == 1, !tensor.dtype.isFloatingPoint, let first = tensor.scalars.first {
            return Int(first)
        }
        return try call.integer(name)
    }

    // MARK: - repeat_interleave, roll

    static let repeatInterleave = placing(
        "repeat_interleave", [.required("repeats"), .optional("dim", default: .none),
                              .optional("output_size", default: .none, namedOnly: true)],
        "each element (or slice along dim) repeated, next to itself", example: "x.repeat_interleave(2, dim=0)", repeatPlacement)

    /// The placement of `repeat_interleave`, and whether repeats was a tensor (recorded as
    /// `IndexSelectBackward0`, where an int is a view's `ViewBackward0`).
    static func repeatPlacement(_ call: BuiltinCall, _ x: Tensor) throws(RuntimeError) -> Placement {
        let flat = call.value("dim").isNone
        let shape = flat ? [x.count] : x.shape
        let dim = flat ? 0 : try call.dimension("dim", rank: x.rank)
        let extent = shape.isEmpty ? 1 : shape[dim]
        var repeats: [Int]
        if let tensor = call.value("repeats").asTensor {
            guard tensor.rank <= 1 else { throw call.error("repeats must be 0-dim or 1-dim tensor", at: "repeats") }
            guard !tensor.dtype.isFloatingPoint, tensor.dtype != .bool else {
                throw call.error("repeat_interleave: repeats has to be Long or Int tensor", at: "repeats")
            }
            repeats = tensor.converted(to: .int64).elements(as: Int64.self)?.map { Int($0) } ?? []
            guard repeats.allSatisfy({ $0 >= 0 }) else { throw call.error("repeats can not be negative", at: "repeats") }
            if repeats.count == 1 { repeats = [Int](repeating: repeats[0], count: extent) }
            guard repeats.count == extent else {
                throw call.error("repeats must have the same size as input along dim, but got repeats.size(0) = \(repeats.count) and input.size(\(dim)) = \(extent)", at: "repeats")
            }
        } else {
            let count = try call.integer("repeats")
            guard count >= 0 else { throw call.error("Repeats must be non-negative", at: "repeats") }
            repeats = [Int](repeating: count, count: extent)
        }
        var total = 0
        for count in repeats {
            let (sum, overflow) = total.addingReportingOverflow(count)
            total = overflow ? Int.max : sum
        }
        var outShape = shape.isEmpty ? [0] : shape
        outShape[shape.isEmpty ? 0 : dim] = total
        try checkSize(call, outShape)
        var positions: [Int] = []
        for (position, count) in repeats.enumerated() { positions += [Int](repeating: position, count: count) }
        guard !shape.isEmpty else { return Placement(shape: [positions.count], sources: positions.map { _ in 0 }) }
        var out = shape
        out[dim] = positions.count
        let strides = Tensor.strides(of: shape)
        var sources: [Int] = []
        TensorGeometry.forEachIndex(of: out) { at in sources.append(offset(at, strides: strides, dim: dim, position: positions[at[dim]])) }
        return Placement(shape: out, sources: sources)
    }

    static let roll = placing(
        "roll", [.required("shifts"), .optional("dims", default: .none)],
        "the elements shifted along dims, those pushed off the end coming back at the start (without dims, of the flattened tensor)",
        example: "torch.roll(x, 1, dims=0)", rollPlacement)

    static func rollPlacement(_ call: BuiltinCall, _ x: Tensor) throws(RuntimeError) -> Placement {
        let shifts = try integers(call, "shifts")
        let dims = call.value("dims").isNone ? [] : try integers(call, "dims")
        guard dims.isEmpty ? shifts.count == 1 : shifts.count == dims.count else {
            throw call.error("shifts and dimensions must align. shifts: \(shifts.count), dims:\(dims.count)")
        }
        let shape = dims.isEmpty ? [x.count] : x.shape
        var moves = [Int](repeating: 0, count: Swift.max(shape.count, 1))
        for (shift, dim) in zip(shifts, dims.isEmpty ? [0] : dims) {
            let axis = try TensorArguments.dimension(dim, rank: shape.count, at: call.range(of: "dims"))
            let extent = Swift.max(shape[axis], 1)
            moves[axis] = (moves[axis] + shift % extent) % extent
        }
        guard !shape.isEmpty else { return Placement(shape: x.shape, sources: [0]) }
        let strides = Tensor.strides(of: shape)
        var sources: [Int] = []
        TensorGeometry.forEachIndex(of: shape) { at in
            var source = 0
            for axis in at.indices {
                let extent = shape[axis]
                let position = extent == 0 ? 0 : ((at[axis] - moves[axis]) % extent + extent) % extent
                source += position * strides[axis]
            }
            sources.append(source)
        }
        return Placement(shape: x.shape, sources: sources)
    }

    /// An int or a tuple or list of ints.
    private static func integers(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> [Int] {
        let items: [Value] = switch call.value(name) {
        case .tuple(let items): items
        case .list(let list): list.items
        case .size(let extents): extents.map(Value.int)
        case let single: [single]
        }
        var values: [Int] = []
        for item in items { values.append(try Coercion.integer(item, what: "\(call.builtin.name)'s argument '\(name)'", at: call.range(of: name))) }
        return values
    }

    // MARK: - tril, triu, diag

    static let tril = triangle("tril", lower: true)
    static let triu = triangle("triu", lower: false)

    private static func triangle(_ name: String, lower: Bool) -> Builtin {
        placing(name, [.optional("diagonal", default: .int(0))],
                "the \(lower ? "lower" : "upper") triangle of the last two dimensions (from diagonal), zeros elsewhere",
                example: "x.\(name)(diagonal=\(lower ? "-1" : "1"))") { call, x throws(RuntimeError) in
            try trianglePlacement(call, x, lower: lower)
        }
    }

    static func trianglePlacement(_ call: BuiltinCall, _ x: Tensor, lower: Bool) throws(RuntimeError) -> Placement {
        guard x.rank >= 2 else { throw call.error("\(lower ? "tril" : "triu"): input tensor must have at least 2 dimensions") }
        guard case .int(let diagonal) = call.value("diagonal") else {
            throw call.error("\(lower ? "tril" : "triu")(): argument 'diagonal' (position 1) must be int, not \(call.value("diagonal").typeName)",
                             at: "diagonal", raising: .typeError)
        }
        let (rows, columns) = (x.shape[x.rank - 2], x.shape[x.rank - 1])
        let sources = (0..<x.count).map { offset -> Int in
            let column = offset % Swift.max(columns, 1), row = (offset / Swift.max(columns, 1)) % Swift.max(rows, 1)
            return (lower ? column - row <= diagonal : column - row >= diagonal) ? offset : -1
        }
        return Placement(shape: x.shape, sources: sources)
    }

    static let diag = placing(
        "diag", [.optional("diagonal", default: .int(0))],
        "a vector made the diagonal of a square matrix, or a matrix's diagonal as a vector", example: "torch.diag(torch.tensor([1., 2.]))", diagPlacement)

    static func diagPlacement(_ call: BuiltinCall, _ x: Tensor) throws(RuntimeError) -> Placement {
        let k = try call.integer("diagonal", in: -(1 << 40)...(1 << 40))
        switch x.rank {
        case 1:
            let size = x.count + Swift.abs(k)
            try checkSize(call, [size, size])
            var sources = [Int](repeating: -1, count: size * size)
            for i in 0..<x.count { sources[(k >= 0 ? i : i - k) * size + (k >= 0 ? i + k : i)] = i }
            return Placement(shape: [size, size], sources: sources)
        case 2:
            let (rows, columns) = (x.shape[0], x.shape[1])
            let (row, column) = k >= 0 ? (0, k) : (-k, 0)
            let count = Swift.max(0, Swift.min(rows - row, columns - column))
            return Placement(shape: [count], sources: (0..<count).map { (row + $0) * columns + column + $0 })
        default:
            throw call.error("diag(): Supports 1D or 2D tensors. Got \(x.rank)D")
        }
    }

    // MARK: - outer, tril_indices, triu_indices

    static let outer = Builtin.tensorFunction(
        "outer", aliases: ["torch.ger"], [input, .required("vec2")], "every product of an element of input with one of vec2, as a matrix",
        example: "torch.outer(a, b)") { call throws(RuntimeError) in
        let (x, y) = (try call.receivingTensor, try call.tensor("vec2", allowNumber: true))
        try outerCheck(call, x, y)
        let column = Value.tensor(TensorGeometry.reshaped(x, [x.count, 1]))
        return try Operators.binary(.multiply, column, .tensor(y), operatorRange: call.range, leftRange: call.range,
                                    rightRange: call.range(of: "vec2"), context: call.context)
    }

    static func outerCheck(_ call: BuiltinCall, _ x: Tensor, _ y: Tensor) throws(RuntimeError) {
        for (tensor, name) in [(x, "self"), (y, "vec2")] where tensor.rank != 1 {
            throw call.error("outer: Expected 1-D argument \(name), but got \(tensor.rank)-D")
        }
    }

    static let trilIndices = indices("tril_indices", lower: true)
    static let triuIndices = indices("triu_indices", lower: false)

    private static func indices(_ name: String, lower: Bool) -> Builtin {
        .tensorFunction(name, [.required("row"), .required("col"), .optional("offset", default: .int(0)),
                               .optional("dtype", default: .none, namedOnly: true), .optional("device", default: .none, namedOnly: true),
                               .optional("layout", default: .none, namedOnly: true)],
                        "the row and column positions of the \(lower ? "lower" : "upper") triangle of a row × col matrix, as a 2 × N tensor",
                        example: "torch.\(name)(3, 3)") { call throws(RuntimeError) in
            let rows = try call.integer("row"), columns = try call.integer("col"), offset = try call.integer("offset")
            guard rows >= 0 else { throw call.error("row must be non-negative, got\(rows)", at: "row") }
            guard columns >= 0 else { throw call.error("col must be non-negative, got\(columns)", at: "col") }
            try checkSize(call, [rows, columns])
            var (top, left): ([Int], [Int]) = ([], [])
            for row in 0..<rows {
                for column in 0..<columns where lower ? column - row <= offset : column - row >= offset {
                    top.append(row); left.append(column)
                }
            }
            let dtype = DTypeValues.dtype(of: call.value("dtype")) ?? .int64
            return try call.made(TensorGeometry.int64([2, top.count], top + left).converted(to: dtype))
        }
    }
}
