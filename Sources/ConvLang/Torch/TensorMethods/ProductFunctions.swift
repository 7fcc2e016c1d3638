import ConvNumerics

/// Matrix products (`torch.matmul` and `@`, `mm`, `bmm`, `dot`), in their operands' dtype, and whole-tensor comparisons
/// (`torch.equal`, `torch.isclose`).
enum ProductFunctions {
    static let functions: [Builtin] = [matmul, mm, bmm, dot, equal, isclose]

    private static let input = Builtin.Parameter.required("input")

    static let matmul = Builtin.tensorFunction(
        "matmul", [input, .required("other")], "the matrix product, with vectors and batches as PyTorch's (also a @ b)",
        example: "torch.matmul(w, x)") { call throws(RuntimeError) in
        try call.made(try product(try call.receivingTensor, try call.tensor("other", allowNumber: true), at: call.range, context: call.context))
    }

    static let mm = Builtin.tensorFunction(
        "mm", [input, .required("mat2")], "the product of two matrices", example: "torch.mm(a, b)") { call throws(RuntimeError) in
        let a = try call.receivingTensor, b = try call.tensor("mat2")
        guard a.rank == 2 else { throw call.error("mm: self must be a matrix, got \(a.rank)-D tensor") }
        guard b.rank == 2 else { throw call.error("mm: mat2 must be a matrix, got \(b.rank)-D tensor") }
        return try call.made(try product(a, b, at: call.range, context: call.context))
    }

    static let bmm = Builtin.tensorFunction(
        "bmm", [input, .required("mat2")], "the products of two batches of matrices", example: "torch.bmm(a, b)") { call throws(RuntimeError) in
        let a = try call.receivingTensor, b = try call.tensor("mat2")
        guard a.rank == 3 else { throw call.error("batch1 must be a 3D tensor") }
        guard b.rank == 3 else { throw call.error("batch2 must be a 3D tensor") }
        guard a.shape[0] == b.shape[0], a.shape[2] == b.shape[1] else {
            throw call.error("Expected size for first two dimensions of batch2 tensor to be: [\(a.shape[0]), \(a.shape[2])] but got: [\(b.shape[0]), \(b.shape[1])].")
        }
        return try call.made(try product(a, b, at: call.range, context: call.context))
    }

    static let dot = Builtin.tensorFunction(
        "dot", [input, .required("other")], "the dot product of two vectors", example: "torch.dot(a, b)") { call throws(RuntimeError) in
        let a = try call.receivingTensor, b = try call.tensor("other")
        guard a.rank == 1, b.rank == 1 else { throw call.error("1D tensors expected, but got \(a.rank)D and \(b.rank)D tensors") }
        guard a.count == b.count else {
            throw call.error("inconsistent tensor size, expected tensor [\(a.count)] and src [\(b.count)] to have the same number of elements, but got \(a.count) and \(b.count) elements respectively")
        }
        return .tensor(try product(a, b, at: call.range, context: call.context))
    }

    /// `a @ b` as `torch.matmul`: a vector is a row on the left and a column on the right (its
    /// dimension dropped from the result), and the dimensions before the last two broadcast.
    static func product(_ a: Tensor, _ b: Tensor, at range: SourceRange, context: EvaluationContext) throws(RuntimeError) -> Tensor {
        guard a.rank > 0, b.rank > 0 else {
            throw RuntimeError("both arguments to matmul need to be at least 1D, but they are \(a.rank)D and \(b.rank)D", at: range)
        }
        if a.dtype == .bool || b.dtype == .bool {
            // PyTorch's CPU kernels have no bool form; the message names the kernel the shapes pick.
            let kernel = a.rank == 1 && b.rank == 1 ? "dot" : b.rank == 1 ? "addmv_impl_cpu" : a.rank <= 2 && b.rank == 2 ? "addmm_impl_cpu_" : "bmm"
            throw RuntimeError("\"\(kernel)\" not implemented for 'Bool'", at: range, raising: .notImplementedError)
        }
        let left = a.rank == 1 ? [1] + a.shape : a.shape, right = b.rank == 1 ? b.shape + [1] : b.shape
        let (n, k) = (left[left.count - 2], left[left.count - 1]), (k2, m) = (right[right.count - 2], right[right.count - 1])
        guard k == k2 else {
            if a.rank == 1 && b.rank == 1 {
                throw RuntimeError("inconsistent tensor size, expected tensor [\(a.count)] and src [\(b.count)] to have the same number of elements, but got \(a.count) and \(b.count) elements respectively", at: range)
            }
            if b.rank == 1 { throw RuntimeError("size mismatch, got input (\(n)), mat (\(n)x\(k)), vec (\(k2))", at: range) }
            throw RuntimeError("mm: mat1 and mat2 shapes cannot be multiplied (\(n)x\(k) and \(k2)x\(m))", at: range)
        }
        let leftBatch = Array(left.dropLast(2)), rightBatch = Array(right.dropLast(2))
        guard let batch = Broadcasting.shape(leftBatch, rightBatch) else {
            throw ElementwiseMethods.mismatch(leftBatch, rightBatch, at: range)
        }
        // Both operands are spread over the batch before multiplying: each, and the result, must fit.
        for shape in [batch + [n, k], batch + [k, m], batch + [n, m]] { try context.checkElementCount(of: shape, at: range) }
        let x = broadcastBatch(a, shape: left, to: batch), y = broadcastBatch(b, shape: right, to: batch)
        let batches = batch.reduce(1, *)
        var out = [Double](repeating: 0, count: batches * n * m)
        for p in 0..<batches {
            for i in 0..<n {
                for j in 0..<m {
                    var total = 0.0
                    for l in 0..<k { total += x[p * n * k + i * k + l] * y[p * k * m + l * m + j] }
                    out[p * n * m + i * m + j] = total
                }
            }
        }
        let shape = batch + (a.rank == 1 ? [] : [n]) + (b.rank == 1 ? [] : [m])
        // Computed in float64, the result takes the operands' dtype, as PyTorch's (an int64
        // product stays int64, exact while its sums stay below 2^53; float32 rounds once).
        // PyTorch refuses operands of two dtypes; conv promotes them, so that the short
        // language's float64 tensors meet torch's float32 ones.
        return TensorGeometry.float64(shape, out).converted(to: TypePromotion.promote(a.dtype, b.dtype))
    }

    /// The elements of `x` (seen with `shape`, its matrices last) repeated over the batch `batch`.
    private static func broadcastBatch(_ x: Tensor, shape: [Int], to batch: [Int]) -> [Double] {
        let matrix = Array(shape.suffix(2))
        let seen = TensorGeometry.reshaped(x, shape)
        guard let zeros = Tensor(repeating: 0, shape: batch + matrix), let result = Broadcasting.combine(zeros, seen, { $1 }) else {
            return seen.scalars
        }
        return result.scalars
    }

    static let equal = Builtin.tensorFunction(
        "equal", [input, .required("other")], "True when both tensors have the same shape and elements",
        example: "torch.equal(a, b)") { call throws(RuntimeError) in
        let a = try call.receivingTensor, b = try call.tensor("other")
        return .bool(a.shape == b.shape && a.scalars == b.scalars)
    }

    static let isclose = Builtin.tensorFunction(
        "isclose", [input, .required("other"), .optional("rtol", default: .number(1e-5)), .optional("atol", default: .number(1e-8)),
                    .optional("equal_nan", default: .bool(false))],
        "whether each pair of elements is within atol + rtol * |other|, as a bool tensor",
        example: "torch.isclose(a, b)") { call throws(RuntimeError) in
        let a = try call.receivingTensor, b = try call.tensor("other", allowNumber: true)
        let rtol = try call.number("rtol"), atol = try call.number("atol"), equalNaN = try call.bool("equal_nan")
        guard let close = Broadcasting.combine(a, b, { x, y in
            if x.isNaN || y.isNaN { return equalNaN && x.isNaN && y.isNaN ? 1 : 0 }
            return x == y || Swift.abs(x - y) <= atol + rtol * Swift.abs(y) ? 1 : 0
        }) else { throw ElementwiseMethods.mismatch(a.shape, b.shape, call) }
        return .tensor(close.converted(to: .bool))
    }
}
