/// PyTorch's CPU random generator: a 32-bit Mersenne Twister (mt19937) and the float32
/// uniform draw built on it, reproducing `torch.manual_seed(seed)` followed by `uniform_`
/// or `torch.rand` bit for bit.
public struct TorchGenerator: Sendable {
    private static let stateSize = 624
    private static let shift = 397
    private var state: [UInt32]
    private var index: Int

    /// Seeds like `std::mt19937(seed)` with the low 32 bits of `seed`, as PyTorch does.
    public init(seed: UInt64) {
        var state = [UInt32](repeating: 0, count: Self.stateSize)
        state[0] = UInt32(truncatingIfNeeded: seed)
        for i in 1..<Self.stateSize {
            let previous = state[i - 1]
            state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
        self.state = state
        self.index = Self.stateSize
    }

    /// The next 32 random bits.
    public mutating func nextUInt32() -> UInt32 {
        if index >= Self.stateSize { twist() }
        var value = state[index]
        index += 1
        // Tempering, as in the reference mt19937.
        value ^= value >> 11
        value ^= (value << 7) & 0x9D2C_5680
        value ^= (value << 15) & 0xEFC6_0000
        value ^= value >> 18
        return value
    }

    /// Regenerates all 624 words of state.
    private mutating func twist() {
        let n = Self.stateSize
        for i in 0..<n {
            let mixed = (state[i] & 0x8000_0000) | (state[(i + 1) % n] & 0x7FFF_FFFF)
            var next = state[(i + Self.shift) % n] ^ (mixed >> 1)
            if mixed & 1 != 0 { next ^= 0x9908_B0DF }
            state[i] = next
        }
        index = 0
    }

    /// One float32 draw from `[from, to)` the way PyTorch's CPU `uniform_` makes it.
    ///
    /// The bounds are rounded to `Float` first; 24 random bits give `u` in `[0, 1)`, and the
    /// result is `u·(to − from) + from` as a single fused multiply-add in float32 (PyTorch's
    /// compiled kernel contracts it, and the last bit depends on that).
    public mutating func uniformFloat(from: Double, to: Double) -> Float {
        let low = Float(from)
        let width = Float(to) - low
        let u = Float(nextUInt32() & 0xFF_FFFF) * 0x1p-24
        return low.addingProduct(u, width)
    }

    /// A tensor of `shape` filled in row-major order with ``uniformFloat(from:to:)`` draws
    /// (each stored as the `Double` of its `Float`), or `nil` when the shape is invalid or
    /// holds more than `elementLimit` elements. With the defaults it is `torch.rand(shape)`.
    public mutating func uniformTensor(
        shape: [Int], from: Double = 0, to: Double = 1, elementLimit: Int = Int.max
    ) -> Tensor? {
        guard let count = Tensor.elementCount(of: shape), count <= elementLimit else { return nil }
        var scalars: [Double] = []
        scalars.reserveCapacity(count)
        for _ in 0..<count { scalars.append(Double(uniformFloat(from: from, to: to))) }
        return Tensor(shape: shape, scalars: scalars)
    }
}
