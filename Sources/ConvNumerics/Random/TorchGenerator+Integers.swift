/// Integer draws: `torch.randint`, `randint_like`, `Tensor.random_` and `torch.randperm`.
///
/// `randint(low, high)` is `low + draw % (high − low)`, from one 32-bit draw, or one 64-bit
/// draw when `high − low >= 2^32`. The values are converted to the tensor's dtype.
extension TorchGenerator {
    /// `torch.randint(low, high, shape, dtype=dtype)`.
    public mutating func randint(
        low: Int64, high: Int64, shape: [Int], dtype: DType = .int64, elementLimit: Int = Int.max
    ) throws(RandomError) -> Tensor {
        let count = try Tensor.elementCount(of: shape, limit: elementLimit, refusing: RandomError.self)
        return try randomFilled(Tensor.zeros(shape: shape, dtype: dtype, count: count), from: low, to: high)
    }

    /// `tensor.random_(from, to)`: integers in `[from, to)` in the tensor's dtype.
    public mutating func randomFilled(_ tensor: Tensor, from: Int64, to: Int64) throws(RandomError) -> Tensor {
        guard from < to else { throw .emptyIntegerRange(low: from, high: to) }
        try Self.checkExact(from, in: tensor.dtype)
        try Self.checkExact(to - 1, in: tensor.dtype)
        let range = UInt64(bitPattern: to &- from)
        let wide = range >= 1 << 32 && tensor.dtype != .bool
        let values = (0..<tensor.count).map { _ in
            let draw = wide ? nextUInt64() : UInt64(nextUInt32())
            return Int64(bitPattern: draw % range &+ UInt64(bitPattern: from))
        }
        return tensor.refilled(values).converted(to: tensor.dtype)
    }

    /// `tensor.random_()`: integers from 0 up to 2^24 (float32), 2^53 (float64), 2^63 − 1
    /// (int64) or 2^31 − 1 (int32), both ends included, or `false`/`true` (bool).
    public mutating func randomFilled(_ tensor: Tensor) -> Tensor {
        switch tensor.dtype {
        case .float32: tensor.refilled((0..<tensor.count).map { _ in Float(nextUInt32() % ((1 << 24) + 1)) })
        case .float64: tensor.refilled((0..<tensor.count).map { _ in Double(nextUInt64() % ((1 << 53) + 1)) })
        case .int64: tensor.refilled((0..<tensor.count).map { _ in Int64(nextUInt64() % (1 << 63)) })
        case .int32: tensor.refilled((0..<tensor.count).map { _ in Int32(nextUInt32() % (1 << 31)) })
        case .bool: tensor.refilled((0..<tensor.count).map { _ in nextUInt32() & 1 == 1 })
        }
    }

    /// `torch.randperm(n)`: a random permutation of `0..<n` (int64), as PyTorch's CPU kernel
    /// shuffles: a swap with a 32-bit draw per position, or, from `n` of about 2^28 on, the
    /// inside-out shuffle on 64-bit draws.
    public mutating func randperm(_ n: Int, elementLimit: Int = Int.max) throws(RandomError) -> Tensor {
        guard n >= 0 else { throw .negativeCount(n) }
        guard n <= elementLimit else { throw .tooLarge(elements: n, limit: elementLimit) }
        var values = (0..<n).map(Int64.init)
        if n < Int(UInt32.max / 20) {
            for i in 0..<Swift.max(n - 1, 0) {
                let z = Int(UInt64(nextUInt32()) % UInt64(n - i))
                values.swapAt(i, i + z)
            }
        } else {
            for i in 0..<n {
                let z = Int(nextUInt64() % UInt64(i + 1))
                values[i] = values[z]
                values[z] = Int64(i)
            }
        }
        return Tensor(values)
    }

    /// PyTorch refuses bounds a floating dtype cannot hold exactly (beyond ±2^digits) and
    /// bool bounds other than 0 and 1.
    private static func checkExact(_ bound: Int64, in dtype: DType) throws(RandomError) {
        let limit: Int64 = switch dtype {
        case .float32: 1 << 24
        case .float64: 1 << 53
        case .int64: Int64.max
        case .int32: Int64(Int32.max)
        case .bool: 1
        }
        let lowest = dtype == .bool ? 0 : -limit
        guard bound >= lowest, bound <= limit else { throw .integerBoundOutOfRange(bound, dtype: dtype) }
    }
}
