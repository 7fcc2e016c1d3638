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
            for (part, (label, expected)) in zip(parts.dropFirst(), [(first, rank.0), (second, rank.1)]) where part.data.rank != expected {
                let what = expected == 1 ? "vector" : (expected == 2 ? "matrix" : "3D tensor")
                throw call.error("\(label == "mat1" || label == "mat2" ? label : label) must be a \(what), got \(part.data.rank)-D tensor", at: label)
            }
            if name == "addmm", parts[1].shape[1] != parts[2].shape[0] {
                let (m1, m2) = (parts[1].shape, parts[2].shape)
                throw call.error("addmm: mat1 and mat2 shapes cannot be multiplied (\(m1[0])x\(m1[1]) and \(m2[0])x\(m2[1]))")
            }
            if rank.0 == 3, parts[1].shape[0] != parts[2].shape[0] {
                throw call.error("batch1 and batch2 must have same number of batches, got \(parts[1].shape[0]) and \(parts[2].shape[0])")
            }
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
        let (dimsA, dimsB) = try contracted(call, a.data.rank, b.data.rank)
        for (da, db) in zip(dimsA, dimsB) where a.shape[da] != b.shape[db] {
            throw call.error("contracted dimensions need to match, but first has size \(a.shape[da]) in dim \(da) and second has size \(b.shape[db]) in dim \(db)")
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

    /// The dimensions `dims=` names: a count (the last of `a`, the first of `b`) or two lists.
    private static func contracted(_ call: BuiltinCall, _ rankA: Int, _ rankB: Int) throws(RuntimeError) -> ([Int], [Int]) {
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
            return (try list(pair.items[0], rank: rankA), try list(pair.items[1], rank: rankB))
        case .tuple(let pair) where pair.count == 2:
            return (try list(pair[0], rank: rankA), try list(pair[1], rank: rankB))
        default:
            let count = try call.integer("dims")
            guard count >= 0 else { throw call.error("tensordot expects dims >= 0, but got dims=\(count)", at: "dims") }
            guard count <= Swift.min(rankA, rankB) else {
                throw call.error("tensordot expects dims < ndim_a or ndim_b, but got dims=\(count)", at: "dims")
            }
            return (Array((rankA - count)..<rankA), Array(0..<count))
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
        guard !parts.isEmpty else { return .tensor(Tensor(shape: [0, 0], scalars: [Double]()) ?? Tensor([Double]())) }
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
            throw call.error("linalg.vector_norm: Expected a floating point or complex tensor as input. Got \(a.dtype.scalarTypeName)")
        }
        return try run(call, [a, b], node: "DistBackward0") { v throws(AutogradError) in try v[0].sub(v[1]).vectorNorm(order: p) }
    }
}
