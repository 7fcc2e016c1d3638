import ConvNumerics

extension Functional {
    /// `F.linear(x, w, b) = x·wᵀ + b` for `x` of shape `(*, in)` and `w` of `(out, in)`
    /// (`AddmmBackward0` for a 2-D input with bias, `MmBackward0` without, and
    /// `UnsafeViewBackward0` for other ranks, as PyTorch names them).
    public static func linear(_ x: Variable, _ w: Variable, _ b: Variable?) throws(AutogradError) -> Variable {
        guard x.data.rank >= 1, w.data.rank >= 1 else {
            throw .invalidArgument("both arguments to linear need to be at least 1D, but they are \(x.data.rank)D and \(w.data.rank)D")
        }
        guard w.data.rank == 2, let features = x.shape.last, features == w.shape[1] else {
            let rows = x.data.count / Swift.max(x.shape.last ?? 1, 1)
            // PyTorch names the kernel that refused: addmm with a bias, mm without.
            throw .invalidArgument("\(b == nil ? "mm" : "addmm"): mat1 and mat2 shapes cannot be multiplied "
                + "(\(rows)x\(x.shape.last ?? 0) and \(w.shape.last ?? 0)x\(w.shape.first ?? 0))")
        }
        guard x.data.dtype == w.data.dtype else {
            // PyTorch's matmul names the operands mat1 and mat2, and the dtypes as its scalar types.
            let names: [DType: String] = [.float32: "Float", .float64: "Double", .int64: "Long", .bool: "Bool"]
            throw .invalidArgument("mat1 and mat2 must have the same dtype, but got "
                + "\(names[x.data.dtype] ?? x.data.dtype.rawValue) and \(names[w.data.dtype] ?? w.data.dtype.rawValue)")
        }
        _ = try floatingDType(x.data, w.data, operation: "linear")
        if let b { _ = try floatingDType(x.data, b.data, operation: "linear") }
        let rows = x.data.count / Swift.max(features, 1)
        let outFeatures = w.shape[0]
        let outShape = Array(x.shape.dropLast()) + [outFeatures]
        let (input, weight) = (x.data, w.data)
        var out = try TensorMath.matmul(input, rows, features, weight, outFeatures, transposeRight: true, outShape: outShape)
        if let b { out = try TensorMath.binary(out, b.data, .add) }
        let name = x.data.rank == 2 ? (b == nil ? "MmBackward0" : "AddmmBackward0") : "UnsafeViewBackward0"
        let needs = (x.requiresGrad, w.requiresGrad, b?.requiresGrad ?? false)
        let inputs = [x, w] + (b.map { [$0] } ?? [])
        return .record(name, out, inputs: inputs) { g throws(AutogradError) in
            let g2 = try g.viewed([rows, outFeatures])
            var grads: [Tensor?] = [
                needs.0 ? try TensorMath.matmul(g2, rows, outFeatures, weight, features, transposeRight: false, outShape: input.shape) : nil,
                needs.1 ? try TensorMath.matmulTransposedLeft(g2, try input.viewed([rows, features])) : nil,
            ]
            if b != nil { grads.append(needs.2 ? try TensorMath.sum(g2, dims: [0], keepDimensions: false) : nil) }
            return grads
        }
    }
}

extension TensorMath {
    /// `a (rows × inner) · b`, with `b` given as `(columns × inner)` when `transposeRight`, else
    /// `(inner × columns)`.
    static func matmul(
        _ a: Tensor, _ rows: Int, _ inner: Int, _ b: Tensor, _ columns: Int, transposeRight: Bool, outShape: [Int]
    ) throws(AutogradError) -> Tensor {
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let x = a.array(type), y = b.array(type)
            var out = [S](repeating: 0, count: rows * columns)
            for r in 0..<rows {
                for c in 0..<columns {
                    var total: S = 0
                    if transposeRight {
                        for k in 0..<inner { total += x[r * inner + k] * y[c * inner + k] }
                    } else {
                        for k in 0..<inner { total += x[r * inner + k] * y[k * columns + c] }
                    }
                    out[r * columns + c] = total
                }
            }
            return try .make(outShape, out)
        }
        return try onFloats(a.dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }

    /// `aᵀ · b` for `a (rows × m)` and `b (rows × n)`: `(m × n)`.
    static func matmulTransposedLeft(_ a: Tensor, _ b: Tensor) throws(AutogradError) -> Tensor {
        let (rows, m, n) = (a.shape[0], a.shape[1], b.shape[1])
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let x = a.array(type), y = b.array(type)
            var out = [S](repeating: 0, count: m * n)
            for r in 0..<rows {
                for i in 0..<m {
                    let xv = x[r * m + i]
                    for j in 0..<n { out[i * n + j] += xv * y[r * n + j] }
                }
            }
            return try .make([m, n], out)
        }
        return try onFloats(a.dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }
}
