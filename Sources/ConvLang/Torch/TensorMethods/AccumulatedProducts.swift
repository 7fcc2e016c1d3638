import ConvAutograd
import ConvNumerics

/// Products with an accumulator and products of whole tensors: `torch.addmm`, `addmv`,
/// `addbmm`, `baddbmm` (`β·input + α·product`), `trace`, `kron`, `tensordot`, `block_diag`,
/// `cdist` and `dist`. Each is composed from the engine's products and recorded as PyTorch's one
/// node (`AddmmBackward0`, `TraceBackward0`, `CdistBackward0`, ...), so that its gradients flow.
/// Integer operands compute in float64 and give their integer dtype back.
enum AccumulatedProducts {
    /// Functions that are methods too.
    static let functions: [Builtin] = [addmm, addmv, addbmm, baddbmm, trace, kron, dist]
    /// Torch functions only, as in PyTorch.
    static let functionsOnly: [Builtin] = [tensordot, blockDiag, cdist]

    private static let input = Builtin.Parameter.required("input")
    private static let scales: [Builtin.Parameter] = [.optional("beta", default: .int(1), namedOnly: true),
                                                      .optional("alpha", default: .int(1), namedOnly: true)]

    static let addmm = accumulated("addmm", "mat1", "mat2", rank: (2, 2), node: "AddmmBackward0", "β·input + α·(mat1 @ mat2)")
    static let addmv = accumulated("addmv", "mat", "vec", rank: (2, 1), node: "AddmvBackward0", "β·input + α·(mat @ vec)")
    static let addbmm = accumulated("addbmm", "batch1", "batch2", rank: (3, 3), node: "AddbmmBackward0",
                                    "β·input + α·Σ(batch1[i] @ batch2[i])", sumsBatch: true)
    static let baddbmm = accumulated("baddbmm", "batch1", "batch2", rank: (3, 3), node: "BaddbmmBackward0",
                                     "β·input + α·(batch1 @ batch2), batch by batch")

    /// `β·input + α·(first @ second)`, the product's operands of the given ranks.
    private static func accumulated(
        _ name: String, _ first: String, _ second: String, rank: (Int, Int), node: String, _ summary: String, sumsBatch: Bool = false
    ) -> Builtin {
        Builtin.tensorFunction(name, [input, .required(first), .required(second)] + scales, summary,
                               example: "torch.\(name)(bias, a, b)") { call throws(RuntimeError) in
            let parts = [try PairwiseFunctions.operand(call, "input"), try PairwiseFunctions.operand(call, first),
                         try PairwiseFunctions.operand(call, second)]
            let (beta, alpha) = (try call.number("beta"), try call.number("alpha"))
            try checkShapes(call, name, parts[1], parts[2], rank: rank)
            let (a, b) = (parts[1].shape, parts[2].shape)
            let target = switch (rank.0, sumsBatch) {
            case (3, true): [a[1], b[2]]
            case (3, false): [a[0], a[1], b[2]]
            case (_, _): rank.1 == 1 ? [a[0]] : [a[0], b[1]]
            }
            try checkExpands(call, parts[0].shape, to: target)
            return try run(call, parts, node: node) { v throws(AutogradError) in
                let base = beta == 1 ? v[0] : try v[0].mul(beta)
                guard sumsBatch else {
                    let product = try v[1].matmul(v[2], batched: rank.0 == 3)
                    return try base.add(alpha == 1 ? product : try product.mul(alpha))
                }
                // One product over the batch and the inner dimension together, as PyTorch's CPU
                // kernel computes it: (n, b·m) @ (b·m, p).
                let (batches, rows, inner) = (v[1].shape[0], v[1].shape[1], v[1].shape[2])
                let left = try v[1].transpose(0, 1).reshape([rows, batches * inner])
                let product = try left.matmul(try v[2].reshape([batches * inner, v[2].shape[2]]))
                return try base.add(alpha == 1 ? product : try product.mul(alpha))
            }
        }
    }

    /// PyTorch's refusal of an accumulator that does not expand to the product's shape.
    private static func checkExpands(_ call: BuiltinCall, _ shape: [Int], to target: [Int]) throws(RuntimeError) {
        guard shape.count <= target.count else {
            throw call.error("expand(torch.FloatTensor{\(TensorArguments.text(shape))}, size=\(TensorArguments.text(target))): the number of sizes provided (\(target.count)) must be greater or equal to the number of dimensions in the tensor (\(shape.count))")
        }
        let offset = target.count - shape.count
        for dim in shape.indices.reversed() where shape[dim] != 1 && shape[dim] != target[dim + offset] {
            throw call.error("The expanded size of the tensor (\(target[dim + offset])) must match the existing size (\(shape[dim])) at non-singleton dimension \(dim + offset).  Target sizes: \(TensorArguments.text(target)).  Tensor sizes: \(TensorArguments.text(shape))")
        }
    }

    /// PyTorch's refusals of the product's operands, in its words.
    private static func checkShapes(_ call: BuiltinCall, _ name: String, _ a: Variable, _ b: Variable, rank: (Int, Int)) throws(RuntimeError) {
        let (ra, rb) = (a.data.rank, b.data.rank)
        switch rank.0 {
        case 3:
            // PyTorch reads dimension 2 of each batch before anything else.
            for r in [ra, rb] where r < 3 {
                throw call.error("Dimension out of range (expected to be in range of [-\(r), \(r - 1)], but got 2)", raising: .indexError)
            }
            let batch2Sizes = "Expected size for first two dimensions of batch2 tensor to be: [\(a.shape[0]), \(a.shape[2])] but got: [\(b.shape[0]), \(b.shape[1])]."
            guard a.shape[0] == b.shape[0] else {
                if name == "baddbmm" { throw call.error(batch2Sizes) }
                throw call.error("batch1 and batch2 must have same number of batches, got \(a.shape[0]) and \(b.shape[0])")
            }
            guard a.shape[2] == b.shape[1] else {
                if name == "baddbmm" { throw call.error(batch2Sizes) }
                throw call.error("Incompatible matrix sizes for bmm (\(a.shape[1])x\(a.shape[2]) and \(b.shape[1])x\(b.shape[2]))")
            }
        case 2 where rank.1 == 2:
            guard ra == 2 else { throw call.error("addmm: self must be a matrix, got \(ra)-D tensor") }
            guard rb == 2 else { throw call.error("addmm: mat2 must be a matrix, got \(rb)-D tensor") }
            guard a.shape[1] == b.shape[0] else {
                throw call.error("addmm: mat1 and mat2 shapes cannot be multiplied (\(a.shape[0])x\(a.shape[1]) and \(b.shape[0])x\(b.shape[1]))")
            }
        default:
            guard ra == 2, rb == 1 else { throw call.error("vector + matrix @ vector expected, got 1, \(ra), \(rb)") }
            guard a.shape[1] == b.shape[0] else {
                throw call.error("size mismatch, got input (\(a.shape[0])), mat (\(a.shape[0])x\(a.shape[1])), vec (\(b.shape[0]))")
            }
        }
    }

    /// `compose` on `parts` recorded as `node`; integer parts compute in float64 and the result
    /// takes their promoted integer dtype.
    static func run(
        _ call: BuiltinCall, _ parts: [Variable], node: String, _ compose: @escaping ([Variable]) throws(AutogradError) -> Variable
    ) throws(RuntimeError) -> Value {
        let dtype = parts.dropFirst().reduce(parts[0].dtype) { TypePromotion.promote($0, $1.dtype) }
        guard dtype.isFloatingPoint else {
            let result = try AutogradValues.run(at: call.range) { () throws(AutogradError) in
                try compose(parts.map { Variable(constant: $0.data.converted(to: .float64)) })
            }
            return result.asTensor.map { .tensor($0.converted(to: dtype == .bool ? .int64 : dtype)) } ?? result
        }
        let operands = parts.map { $0.dtype == dtype || $0.requiresGrad ? $0 : Variable(constant: $0.data.converted(to: dtype)) }
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try Variable.fused(node, operands, compose) }
    }

    /// `torch.trace(x)`: the sum of a matrix's diagonal (`TraceBackward0`).
    static let trace = Builtin.tensorFunction("trace", [input], "the sum of a matrix's diagonal", example: "torch.trace(m)") { call throws(RuntimeError) in
        let x = try PairwiseFunctions.operand(call, "input")
        guard x.data.rank == 2 else { throw call.error("trace: expected a matrix, but got tensor with dim \(x.data.rank)") }
        let (rows, columns) = (x.shape[0], x.shape[1])
        let offsets = (0..<Swift.min(rows, columns)).map { $0 * columns + $0 }
        let integral = !x.dtype.isFloatingPoint
        let result = try run(call, [x], node: "TraceBackward0") { v throws(AutogradError) in
            try v[0].elements(at: offsets, shape: [offsets.count]).sum()
        }
        // An integer trace is an int64 sum, as PyTorch's.
        return integral ? result.asTensor.map { .tensor($0.converted(to: .int64)) } ?? result : result
    }

    /// `torch.kron(a, b)`: the Kronecker product, each element of `a` times the whole of `b`
    /// (`UnsafeViewBackward0`, PyTorch's last step).
    static let kron = Builtin.tensorFunction("kron", [input, .required("other")], "the Kronecker product of input and other",
                                             example: "torch.kron(a, b)") { call throws(RuntimeError) in
        let (a, b) = (try PairwiseFunctions.operand(call, "input"), try PairwiseFunctions.operand(call, "other"))
        let rank = Swift.max(a.data.rank, b.data.rank)
        let aShape = Array(repeating: 1, count: rank - a.data.rank) + a.shape
        let bShape = Array(repeating: 1, count: rank - b.data.rank) + b.shape
        let interleavedA = aShape.flatMap { [$0, 1] }, interleavedB = bShape.flatMap { [1, $0] }
        let outShape = zip(aShape, bShape).map { $0 * $1 }
        try call.context.checkElementCount(of: outShape, at: call.range)
        return try run(call, [a, b], node: "UnsafeViewBackward0") { v throws(AutogradError) in
            try v[0].reshape(interleavedA).mul(try v[1].reshape(interleavedB)).reshape(outShape)
        }
    }

    /// `torch.tensordot(a, b, dims=2)`: the last `dims` dimensions of `a` contracted with the
    /// first `dims` of `b`, or the listed pairs (`dims=([1, 0], [0, 1])`); computed as PyTorch's
    /// permute, reshape, `mm` and view (`ViewBackward0`).
    static let tensordot = Builtin.tensorFunction(
        "tensordot", [.required("a"), .required("b"), .optional("dims", default: .int(2))],
        "a and b contracted over dims", example: "torch.tensordot(a, b, dims=([1], [0]))") { call throws(RuntimeError) in
        let (a, b) = (try PairwiseFunctions.operand(call, "a"), try PairwiseFunctions.operand(call, "b"))
        let (dimsA, dimsB, written) = try contracted(call, a.data.rank, b.data.rank)
        for (index, (da, db)) in zip(dimsA, dimsB).enumerated() where a.shape[da] != b.shape[db] {
            throw call.error("contracted dimensions need to match, but first has size \(a.shape[da]) in dim \(written.0[index]) and second has size \(b.shape[db]) in dim \(written.1[index])")
        }
        let freeA = (0..<a.data.rank).filter { !dimsA.contains($0) }, freeB = (0..<b.data.rank).filter { !dimsB.contains($0) }
        let size = dimsA.map { a.shape[$0] }.reduce(1, *)
        let (rows, columns) = (freeA.map { a.shape[$0] }.reduce(1, *), freeB.map { b.shape[$0] }.reduce(1, *))
        let outShape = freeA.map { a.shape[$0] } + freeB.map { b.shape[$0] }
        return try run(call, [a, b], node: "ViewBackward0") { v throws(AutogradError) in
            let left = try v[0].permute(freeA + dimsA).reshape([rows, size])
            let right = try v[1].permute(dimsB + freeB).reshape([size, columns])
            return try left.matmul(right).reshape(outShape)
        }
    }

    /// The dimensions `dims=` names: a count (the last of `a`, the first of `b`) or two lists;
    /// then the dimensions as written, which PyTorch's messages name.
    private static func contracted(_ call: BuiltinCall, _ rankA: Int, _ rankB: Int) throws(RuntimeError) -> ([Int], [Int], ([Int], [Int])) {
        func written(_ value: Value) -> [Int] {
            let items: [Value] = switch value {
            case .list(let list): list.items
            case .tuple(let items): items
            default: [value]
            }
            return items.compactMap { if case .int(let n) = $0 { n } else { nil } }
        }
        func list(_ value: Value, rank: Int) throws(RuntimeError) -> [Int] {
            let items: [Value] = switch value {
            case .list(let list): list.items
            case .tuple(let items): items
            default: [value]
            }
            var dims: [Int] = []
            for item in items {
                dims.append(try TensorArguments.dimension(try Coercion.integer(item, what: "tensordot's dims", at: call.range(of: "dims")),
                                                          rank: rank, at: call.range(of: "dims")))
            }
            return dims
        }
        switch call.value("dims") {
        case .list(let pair) where pair.items.count == 2:
            return (try list(pair.items[0], rank: rankA), try list(pair.items[1], rank: rankB), (written(pair.items[0]), written(pair.items[1])))
        case .tuple(let pair) where pair.count == 2:
            return (try list(pair[0], rank: rankA), try list(pair[1], rank: rankB), (written(pair[0]), written(pair[1])))
        default:
            let count = try call.integer("dims")
            guard count >= 0 else { throw call.error("tensordot expects dims >= 0, but got dims=\(count)", at: "dims") }
            guard count <= Swift.min(rankA, rankB) else {
                throw call.error("tensordot expects dims < ndim_a or ndim_b, but got dims=\(count)", at: "dims")
            }
            return (Array((rankA - count)..<rankA), Array(0..<count), (Array(-count..<0), Array(0..<count)))
        }
    }

    /// `torch.block_diag(a, b, ...)`: the tensors as blocks along a diagonal, zeros elsewhere
    /// (`BlockDiagBackward0`); 0-d and 1-D tensors are one-row blocks.
    static let blockDiag = Builtin.tensorFunction("block_diag", [.variadic("tensors")], "the tensors as blocks along a diagonal",
                                                  example: "torch.block_diag(a, b)") { call throws(RuntimeError) in
        var parts: [Variable] = []
        for (position, item) in call.rest.enumerated() {
            let part = try AutogradValues.variable(item.value, what: "block_diag's tensors", at: item.range)
            guard part.data.rank <= 2 else {
                throw call.error("torch.block_diag: Input tensors must have 2 or fewer dimensions. Input \(position) has \(part.data.rank) dimensions")
            }
            parts.append(part)
        }
        let blocks = parts.map { part in part.data.rank == 2 ? (part.shape[0], part.shape[1]) : (1, part.data.rank == 0 ? 1 : part.shape[0]) }
        let (rows, columns) = (blocks.map(\.0).reduce(0, +), blocks.map(\.1).reduce(0, +))
        try call.context.checkElementCount(of: [rows, columns], at: call.range)
        // No tensors at all give PyTorch's empty (1, 0) tensor.
        guard !parts.isEmpty else { return .tensor((Tensor(shape: [1, 0], scalars: [Double]()) ?? Tensor([Double]())).converted(to: call.context.defaultDType)) }
        return try run(call, parts, node: "BlockDiagBackward0") { v throws(AutogradError) in
            var (top, left, total): (Int, Int, Variable?) = (0, 0, nil)
            for (part, (height, width)) in zip(v, blocks) {
                var sources = [Int](repeating: -1, count: rows * columns)
                for row in 0..<height { for column in 0..<width { sources[(top + row) * columns + left + column] = row * width + column } }
                let placed = try part.placed(sources, shape: [rows, columns], name: "BlockDiagBackward0")
                total = try total.map { total throws(AutogradError) in try total.add(placed) } ?? placed
                (top, left) = (top + height, left + width)
            }
            return total ?? v[0]
        }
    }

    /// `torch.cdist(x1, x2, p=2)`: the p-norm distance of every row of `x1` to every row of
    /// `x2` (batched over leading dimensions; `CdistBackward0`).
    static let cdist = Builtin.tensorFunction(
        "cdist", [.required("x1"), .required("x2"), .optional("p", default: .number(2)),
                  .optional("compute_mode", default: .none)],
        "the p-norm distance between each row of x1 and each row of x2", example: "torch.cdist(a, b)") { call throws(RuntimeError) in
        let (a, b) = (try PairwiseFunctions.operand(call, "x1"), try PairwiseFunctions.operand(call, "x2"))
        let p = try call.number("p")
        guard a.dtype.isFloatingPoint, b.dtype.isFloatingPoint else {
            throw call.error("cdist only supports floating-point dtypes, X1 got: \(a.dtype.isFloatingPoint ? b.dtype.scalarTypeName : a.dtype.scalarTypeName)")
        }
        guard a.data.rank >= 2 else { throw call.error("cdist only supports at least 2D tensors, X1 got: \(a.data.rank)D") }
        guard b.data.rank >= 2 else { throw call.error("cdist only supports at least 2D tensors, X2 got: \(b.data.rank)D") }
        guard a.shape.last == b.shape.last else {
            throw call.error("X1 and X2 must have the same number of columns. X1: \(a.shape.last ?? 0) X2: \(b.shape.last ?? 0)")
        }
        guard p >= 0 else { throw call.error("cdist only supports non-negative p values") }
        return try run(call, [a, b], node: "CdistBackward0") { v throws(AutogradError) in
            let difference = try v[0].unsqueeze(-2).sub(try v[1].unsqueeze(-3))
            return try difference.vectorNorm(order: p, dims: [difference.data.rank - 1])
        }
    }

    /// `torch.dist(a, b, p=2)`: the p-norm of `a − b` (`DistBackward0`).
    static let dist = Builtin.tensorFunction("dist", [input, .required("other"), .optional("p", default: .number(2))],
                                             "the p-norm of input − other", example: "torch.dist(a, b)") { call throws(RuntimeError) in
        let (a, b) = (try PairwiseFunctions.operand(call, "input"), try PairwiseFunctions.operand(call, "other"))
        let p = try call.number("p")
        guard a.dtype.isFloatingPoint || b.dtype.isFloatingPoint else {
            throw call.error("norm(): input dtype should be either floating point or complex. Got \(a.dtype.scalarTypeName) instead.",
                             raising: .notImplementedError)
        }
        return try run(call, [a, b], node: "DistBackward0") { v throws(AutogradError) in try v[0].sub(v[1]).vectorNorm(order: p) }
    }
}
