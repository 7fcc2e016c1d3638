import CConvKernels

/// Normal draws: `torch.randn`, `randn_like`, `torch.normal` and `Tensor.normal_`.
///
/// PyTorch takes one of two paths by element count:
/// - fewer than 16 elements (either dtype): float64 Box–Muller per pair from two 53-bit
///   uniforms, handing out `r·cos θ` and keeping `r·sin θ` in the generator for the next
///   sample, across calls and dtypes, until the generator is seeded again;
/// - 16 or more: one uniform of the dtype per element, then Box–Muller over blocks of 16
///   (the first 8 give the radii, the last 8 the angles); when the count is not a multiple of
///   16, the last 16 elements are drawn again and recomputed. float32 blocks use PyTorch's
///   vectorised single-precision log and sin/cos (in CConvKernels), float64 the C library's.
extension TorchGenerator {
    /// `torch.randn(shape, dtype=dtype)`, or `torch.normal(mean, std, size=shape)`.
    public mutating func normal(
        shape: [Int], dtype: DType = .float32, mean: Double = 0, std: Double = 1, elementLimit: Int = Int.max
    ) throws(RandomError) -> Tensor {
        let count = try Tensor.elementCount(of: shape, limit: elementLimit, refusing: RandomError.self)
        return try normalFilled(Tensor.zeros(shape: shape, dtype: dtype, count: count), mean: mean, std: std)
    }

    /// `tensor.normal_(mean, std)`: a tensor of the same shape and dtype (float32 or float64)
    /// filled with normal samples.
    public mutating func normalFilled(_ tensor: Tensor, mean: Double = 0, std: Double = 1) throws(RandomError) -> Tensor {
        guard std >= 0 else { throw .negativeStandardDeviation(std) }
        switch tensor.dtype {
        case .float32: return tensor.refilled(normalFloats(count: tensor.count, mean: mean, std: std))
        case .float64: return tensor.refilled(normalDoubles(count: tensor.count, mean: mean, std: std))
        case .int64, .int32, .bool: throw .unsupportedDType(tensor.dtype, operation: "normal_")
        }
    }

    /// `torch.normal(mean, std)` with a tensor of means: `normal_(0, std)` of the means' shape
    /// and dtype, then the means added (in the dtype), as PyTorch computes it.
    public mutating func normal(mean: Tensor, std: Double) throws(RandomError) -> Tensor {
        let drawn = try normalFilled(Tensor.zeros(shape: mean.shape, dtype: mean.dtype, count: mean.count), mean: 0, std: std)
        return try Self.operands { () throws(TensorError) in try Broadcasting.combine(drawn, mean, .add) }
    }

    /// `torch.normal(mean, std)` with tensors of means and standard deviations (same dtype,
    /// broadcast): standard normals of the broadcast shape, times `std`, plus `mean`, each step
    /// rounded to the dtype as PyTorch's `mul_` then `add_`.
    public mutating func normal(mean: Tensor, std: Tensor) throws(RandomError) -> Tensor {
        try Self.checkStandardDeviations(std)
        guard mean.dtype == std.dtype else { throw .operands(.dtypeMismatch(left: mean.dtype, right: std.dtype)) }
        guard let shape = Broadcasting.shape(mean.shape, std.shape) else {
            throw .operands(.shapeMismatch(left: mean.shape, right: std.shape))
        }
        let count = try Tensor.elementCount(of: shape, limit: Int.max, refusing: RandomError.self)
        let drawn = try normalFilled(Tensor.zeros(shape: shape, dtype: mean.dtype, count: count))
        return try Self.operands { () throws(TensorError) in
            try Broadcasting.combine(Broadcasting.combine(drawn, std, .multiply), mean, .add)
        }
    }

    /// `torch.normal(mean, std)` with a number for the mean and a tensor of standard deviations:
    /// standard normals of the deviations' shape and dtype, times `std`, plus `mean`.
    public mutating func normal(mean: Double, std: Tensor) throws(RandomError) -> Tensor {
        try Self.checkStandardDeviations(std)
        let drawn = try normalFilled(Tensor.zeros(shape: std.shape, dtype: std.dtype, count: std.count))
        return try Self.operands { () throws(TensorError) in
            try Broadcasting.combine(Broadcasting.combine(drawn, std, .multiply), mean, .add)
        }
    }

    private static func checkStandardDeviations(_ std: Tensor) throws(RandomError) {
        guard std.scalars.allSatisfy({ $0 >= 0 }) else { throw .negativeStandardDeviations }
    }

    private static func operands(_ body: () throws(TensorError) -> Tensor) throws(RandomError) -> Tensor {
        do { return try body() } catch { throw .operands(error) }
    }

    /// One standard normal sample of the small-count path: the kept one if there is one, else
    /// a fresh pair (keeping its second value).
    mutating func nextStandardNormal() -> Double {
        if let kept = cachedNormal {
            cachedNormal = nil
            return kept
        }
        let u1 = nextUnitDouble()
        let u2 = nextUnitDouble()
        var sine = 0.0
        let cosine = conv_random_box_muller(u1, u2, &sine)
        cachedNormal = sine
        return cosine
    }

    private static let blockSize = 16

    private mutating func normalFloats(count: Int, mean: Double, std: Double) -> [Float] {
        guard count >= Self.blockSize else {
            // PyTorch scales in float64 (fused), then rounds to float32.
            return (0..<count).map { _ in Float(mean.addingProduct(nextStandardNormal(), std)) }
        }
        var values = (0..<count).map { _ in nextUnitFloat() }
        let redrawn = count % Self.blockSize == 0 ? [] : (0..<Self.blockSize).map { _ in nextUnitFloat() }
        Self.boxMullerBlocks(&values, redrawnTail: redrawn) { block in
            conv_random_normal16_f32(block, Float(mean), Float(std))
        }
        return values
    }

    private mutating func normalDoubles(count: Int, mean: Double, std: Double) -> [Double] {
        guard count >= Self.blockSize else {
            return (0..<count).map { _ in mean.addingProduct(nextStandardNormal(), std) }
        }
        var values = (0..<count).map { _ in nextUnitDouble() }
        let redrawn = count % Self.blockSize == 0 ? [] : (0..<Self.blockSize).map { _ in nextUnitDouble() }
        Self.boxMullerBlocks(&values, redrawnTail: redrawn) { block in
            conv_random_normal16_f64(block, mean, std)
        }
        return values
    }

    /// Runs `transform` on each whole block of 16 uniforms in `values`, then, when the count is
    /// not a multiple of 16, puts `redrawnTail` (16 fresh uniforms) over the last 16 elements
    /// and transforms them again: PyTorch's order of draws and overwrites.
    private static func boxMullerBlocks<Element>(
        _ values: inout [Element], redrawnTail: [Element], transform: (UnsafeMutablePointer<Element>) -> Void
    ) {
        let count = values.count
        values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start + blockSize <= count {
                transform(base + start)
                start += blockSize
            }
        }
        guard redrawnTail.count == blockSize else { return }
        values.replaceSubrange((count - blockSize)..., with: redrawnTail)
        values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            transform(base + count - blockSize)
        }
    }
}
