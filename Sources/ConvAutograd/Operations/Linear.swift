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
        guard x.data.dtype == w.data.dtype else { throw linearDTypeMismatch(x.data.dtype, w.data.dtype, hasBias: b != nil) }
        _ = try floatingDType(x.data, w.data, operation: "linear")
        if let b { _ = try floatingDType(x.data, b.data, operation: "linear") }
        // The rows are the leading dimensions' product, which an input without features (…, 0) has too.
        guard let rows = Tensor.elementCount(of: Array(x.shape.dropLast())) else {
            throw .invalidArgument("linear: the input of shape \(x.shape) has too many rows")
        }
        let outFeatures = w.shape[0]
        let outShape = Array(x.shape.dropLast()) + [outFeatures]
        let (input, weight) = (x.data, w.data)
        var out = try TensorMath.matmul(input, rows, features, weight, outFeatures, transposeRight: true, outShape: outShape)
        if let b { out = try TensorMath.binary(out, b.data, .add) }
        let name = x.data.rank == 2 ? (b == nil ? "MmBackward0" : "AddmmBackward0") : "UnsafeViewBackward0"
        let needs = (x.requiresGrad, w.requiresGrad, b?.requiresGrad ?? false)
        let inputs = [x, w] + (b.map { [$0] } ?? [])
        let details = OperationRecord.linear(input: input, weight: weight, bias: b?.data)
        return .record(name, out, inputs: inputs, details: details) { g throws(AutogradError) in
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

extension Functional {
    /// PyTorch's refusal of a linear map whose input is not in the weight's dtype: its addmm (with
    /// a bias) names the operands mat1 and mat2 and the dtypes as scalar types; its mm (without)
    /// names them m1 and m2 and the dtypes as C++ types.
    public static func linearDTypeMismatch(_ input: DType, _ weight: DType, hasBias: Bool) -> AutogradError {
        .invalidArgument(hasBias
            ? "mat1 and mat2 must have the same dtype, but got \(input.scalarTypeName) and \(weight.scalarTypeName)"
            : "expected m1 and m2 to have the same dtype, but got: \(input.cTypeName) != \(weight.cTypeName)")
    }
}

extension TensorMath {
    /// `a (rows × inner) · b`, with `b` given as `(columns × inner)` when `transposeRight`, else
    /// `(inner × columns)`, on ConvNumerics' matrix-multiply kernel.
    static func matmul(
        _ a: Tensor, _ rows: Int, _ inner: Int, _ b: Tensor, _ columns: Int, transposeRight: Bool, outShape: [Int]
    ) throws(AutogradError) -> Tensor {
        let layout: MatrixProduct.Layout = transposeRight ? .transposed : .asIs
        return try onFloats(
            a.dtype,
            { () throws(AutogradError) in
                try .make(outShape, MatrixProduct.multiply(a.array(Float.self), .asIs, b.array(Float.self), layout,
                                                           m: rows, k: inner, n: columns))
            },
            { () throws(AutogradError) in
                try .make(outShape, MatrixProduct.multiply(a.array(Double.self), .asIs, b.array(Double.self), layout,
                                                           m: rows, k: inner, n: columns))
            })
    }

    /// `aᵀ · b` for `a (rows × m)` and `b (rows × n)`: `(m × n)`.
    static func matmulTransposedLeft(_ a: Tensor, _ b: Tensor) throws(AutogradError) -> Tensor {
        let (rows, m, n) = (a.shape[0], a.shape[1], b.shape[1])
        return try onFloats(
            a.dtype,
            { () throws(AutogradError) in
                try .make([m, n], MatrixProduct.multiply(a.array(Float.self), .transposed, b.array(Float.self), .asIs,
                                                         m: m, k: rows, n: n))
            },
            { () throws(AutogradError) in
                try .make([m, n], MatrixProduct.multiply(a.array(Double.self), .transposed, b.array(Double.self), .asIs,
                                                         m: m, k: rows, n: n))
            })
    }
}
