import ConvNumerics

/// `a @ b` as PyTorch's `matmul` for tensors of one to three dimensions, with PyTorch's node
/// names: `DotBackward0` (vector · vector), `MvBackward0` (matrix · vector), `MmBackward0`
/// (matrix · matrix), `SqueezeBackward4` (vector · matrix), `UnsafeViewBackward0` (a batch of
/// matrices times a batch, a matrix or a vector) and `BmmBackward0` for `torch.bmm`.
///
/// Every form is a batch of matrix products: a vector is a one-row (left) or one-column (right)
/// matrix. The gradients are `g · bᵀ` and `aᵀ · g`, summed over the batch for a `b` shared by it.
extension Variable {
    /// The matrix product of `self` and `other`; `batched`: the form `torch.bmm` records.
    public func matmul(_ other: Variable, batched: Bool = false) throws(AutogradError) -> Variable {
        let (a, b) = (data, other.data)
        let dtype = try floatingDType(a, b, operation: "matmul")
        let (ra, rb) = (a.rank, b.rank)
        guard (1...3).contains(ra), (1...3).contains(rb), rb < 3 || ra == 3 else {
            throw .invalidArgument("conv records the gradient of matmul for tensors of 1 to 3 dimensions, not \(ra)-D @ \(rb)-D")
        }
        let batch = ra == 3 ? a.shape[0] : 1
        let m = ra == 1 ? 1 : a.shape[ra - 2]
        let k = a.shape[ra - 1]
        let kb = rb == 1 ? b.shape[0] : b.shape[rb - 2]
        let n = rb == 1 ? 1 : b.shape[rb - 1]
        let sharedB = rb < 3
        guard k == kb, sharedB || b.shape[0] == batch else {
            throw .invalidArgument("mat1 and mat2 shapes cannot be multiplied (\(batch * m)x\(k) and \(kb)x\(n))")
        }
        let outShape: [Int] = switch (ra, rb) {
        case (1, 1): []
        case (1, _): [n]
        case (2, 1): [m]
        case (2, _): [m, n]
        case (_, 1): [batch, m]
        default: [batch, m, n]
        }
        let name = switch (ra, rb) {
        case (1, 1): "DotBackward0"
        case (1, _): "SqueezeBackward4"
        case (2, 1): "MvBackward0"
        case (2, _): "MmBackward0"
        default: batched ? "BmmBackward0" : "UnsafeViewBackward0"
        }
        let x = a.converted(to: .float64).scalars, y = b.converted(to: .float64).scalars
        var out = [Double](repeating: 0, count: batch * m * n)
        for p in 0..<batch {
            let (xBase, yBase, oBase) = (p * m * k, sharedB ? 0 : p * k * n, p * m * n)
            for i in 0..<m {
                for l in 0..<k {
                    let left = x[xBase + i * k + l]
                    for j in 0..<n { out[oBase + i * n + j] += left * y[yBase + l * n + j] }
                }
            }
        }
        let (aShape, bShape) = (a.shape, b.shape)
        return .record(name, try Tensor.make(outShape, out).converted(to: dtype), inputs: [self, other]) { g throws(AutogradError) in
            let upstream = g.converted(to: .float64).scalars
            var gx = [Double](repeating: 0, count: x.count), gy = [Double](repeating: 0, count: y.count)
            for p in 0..<batch {
                let (xBase, yBase, oBase) = (p * m * k, sharedB ? 0 : p * k * n, p * m * n)
                for i in 0..<m {
                    for j in 0..<n {
                        let gv = upstream[oBase + i * n + j]
                        for l in 0..<k {
                            gx[xBase + i * k + l] += gv * y[yBase + l * n + j]
                            gy[yBase + l * n + j] += x[xBase + i * k + l] * gv
                        }
                    }
                }
            }
            return [try Tensor.make(aShape, gx).converted(to: dtype), try Tensor.make(bShape, gy).converted(to: dtype)]
        }
    }
}
