import ConvAutograd
import ConvNumerics

/// Vector norms: `x.norm(p)`, `torch.norm(x, p, dim, keepdim)` and
/// `torch.linalg.vector_norm(x, ord, dim, keepdim)`, one computation (the engine's
/// ``ConvAutograd/Variable/vectorNorm(order:dims:keepDimensions:)``) for plain tensors and
/// tensors that require grad (`LinalgVectorNormBackward0`, as PyTorch 2 records all three).
/// `p="fro"` is the 2-norm of the elements, as PyTorch computes it; matrix norms (`"nuc"`,
/// `torch.linalg.matrix_norm`) are not here.
enum NormFunctions {
    /// `torch.norm` and `x.norm`.
    static let norm: Builtin = .tensorFunction(
        "norm",
        [.required("input"), .optional("p", default: .string("fro")), .optional("dim", default: .none),
         .optional("keepdim", default: .bool(false)), .optional("dtype", default: .none, namedOnly: true)],
        "the p-norm of the elements (along dim): 2 unless p is given, 1, inf, ...", example: "x.norm(dim=1, keepdim=True)"
    ) { call throws(RuntimeError) in
        try plain(call, order: try order(call, "p"))
    }

    /// `torch.linalg.vector_norm`.
    static let vectorNorm: Builtin = .tensorFunction(
        "vector_norm", aliases: ["torch.linalg.vector_norm"], torch: false,
        [.required("x", "input"), .optional("ord", default: .number(2)), .optional("dim", default: .none),
         .optional("keepdim", default: .bool(false)), .optional("dtype", default: .none, namedOnly: true)],
        "the ord-norm of the elements (along dim), as torch.linalg.vector_norm", example: "torch.linalg.vector_norm(x, ord=1, dim=1)"
    ) { call throws(RuntimeError) in
        let order = try order(call, "ord")
        // Not a tensor method, so the recording happens here, on the input as it was given.
        let x = try AutogradValues.variable(call.value("x"), what: "vector_norm's argument 'x'", at: call.range(of: "x"))
        return try recorded(call, x, order: order)
    }

    /// `torch.linalg.norm` where it is a vector norm: without `ord` (the 2-norm of the elements,
    /// which for a matrix is its Frobenius norm), or with `ord` over one dimension or of a 1-D
    /// tensor. Matrix norms with an `ord` are refused.
    static let linalgNorm: Builtin = .tensorFunction(
        "linalg_norm", aliases: ["torch.linalg.norm"], torch: false,
        [.required("x", "input"), .optional("ord", default: .none), .optional("dim", default: .none),
         .optional("keepdim", default: .bool(false)), .optional("dtype", default: .none, namedOnly: true)],
        "the 2-norm of the elements, or the ord-norm of a vector, as torch.linalg.norm", example: "torch.linalg.norm(x, dim=1)"
    ) { call throws(RuntimeError) in
        let x = try AutogradValues.variable(call.value("x"), what: "linalg.norm's argument 'x'", at: call.range(of: "x"))
        guard case .none = call.value("ord") else {
            let dims = try call.dimensions("dim", rank: x.data.rank)
            guard dims?.count == 1 || (dims == nil && x.data.rank == 1) else {
                throw call.error("conv computes vector norms only: a matrix norm with ord= is not supported; "
                                 + "torch.linalg.vector_norm(x, ord) is the norm of the elements", at: "ord")
            }
            return try recorded(call, x, order: try order(call, "ord"))
        }
        return try recorded(call, x, order: 2)
    }

    /// The norm of a plain tensor (the receiver or the first argument).
    private static func plain(_ call: BuiltinCall, order: Double) throws(RuntimeError) -> Value {
        try recorded(call, Variable(constant: try call.receivingTensor), order: order)
    }

    /// The norm of `x`, recorded when it requires grad; `order` is already read.
    static func recorded(_ call: BuiltinCall, _ x: Variable, order: Double) throws(RuntimeError) -> Value {
        guard x.data.dtype.isFloatingPoint else {
            throw call.error("linalg.vector_norm: Expected a floating point or complex tensor as input. Got \(x.data.dtype.scalarTypeName)",
                             raising: .notImplementedError)
        }
        if call.isGiven("dtype"), case let given = call.value("dtype"), !given.isNone {
            throw call.error("conv's norm computes in the input's dtype: dtype= must be None", at: "dtype")
        }
        let dims = try call.dimensions("dim", rank: x.data.rank)
        let keepdim = try call.bool("keepdim")
        // The largest or smallest |x| of nothing has no value (the sums of nothing are 0).
        if order.isInfinite {
            let name = order > 0 ? "inf" : "-inf"
            if let dims, let empty = dims.first(where: { x.shape[$0] == 0 }) {
                throw call.error("linalg.vector_norm cannot compute the \(name) norm on the dimension \(empty)because this dimension is "
                                 + "empty and the operation does not have an identity")
            }
            if dims == nil, x.data.count == 0 {
                throw call.error("linalg.vector_norm cannot compute the \(name) norm on an empty tensor because the operation does not "
                                 + "have an identity")
            }
        }
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
            try x.vectorNorm(order: order, dims: dims, keepDimensions: keepdim)
        }
    }

    /// The order argument `name` as a number: an int or float (`float('inf')` too), or `"fro"`
    /// for 2; any other string is PyTorch's refusal.
    static func order(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> Double {
        switch call.value(name) {
        case .none: return 2
        case .string("fro"): return 2
        case .string("nuc"):
            throw call.error("conv computes vector norms only: p=\"nuc\" (the nuclear norm of a matrix) is not supported", at: name)
        case .string(let other): throw call.error("linalg.matrix_norm: Order \(other) not supported.", at: name)
        default: return try call.number(name)
        }
    }
}
