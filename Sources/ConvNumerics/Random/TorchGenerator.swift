/// PyTorch's CPU random generator: a 32-bit Mersenne Twister (mt19937), the uniform draws built
/// on it, and the normal sample PyTorch keeps between calls, reproducing `torch.manual_seed(seed)`
/// followed by any of PyTorch's CPU random functions bit for bit.
///
/// The distributions live in extensions by family (uniform, normal, integers, Bernoulli) and
/// ``WeightInitialization`` builds `nn.init` on them; every draw advances this one stream, as
/// every random call in PyTorch advances its one default generator.
public struct TorchGenerator: Sendable {
    private static let stateSize = 624
    private static let shift = 397
    private var state: [UInt32]
    private var index: Int
    /// The second value of the last Box–Muller pair drawn for fewer than 16 normal samples,
    /// which PyTorch's generator keeps and hands out before drawing again. Seeding clears it.
    var cachedNormal: Double?

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

    /// Seeds like the reference mt19937's `init_by_array(key)`, as CPython's `random.seed`
    /// does with the 32-bit words of its seed (least significant first).
    public init(key: [UInt32]) {
        let n = Self.stateSize
        self.init(seed: 19_650_218)
        let key = key.isEmpty ? [0] : key
        var i = 1, j = 0
        for _ in 0..<Swift.max(n, key.count) {
            let previous = state[i - 1]
            state[i] = (state[i] ^ ((previous ^ (previous >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(truncatingIfNeeded: j)
            i += 1
            j += 1
            if i >= n { state[0] = state[n - 1]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<(n - 1) {
            let previous = state[i - 1]
            state[i] = (state[i] ^ ((previous ^ (previous >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= n { state[0] = state[n - 1]; i = 1 }
        }
        state[0] = 0x8000_0000
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

    /// The next 64 random bits, as PyTorch's `random64()`: the first 32-bit draw is the high half.
    public mutating func nextUInt64() -> UInt64 {
        let high = UInt64(nextUInt32())
        return high << 32 | UInt64(nextUInt32())
    }

    /// A float32 uniform in `[0, 1)` from one 32-bit draw: its low 24 bits times 2^-24.
    public mutating func nextUnitFloat() -> Float {
        Float(nextUInt32() & 0xFF_FFFF) * 0x1p-24
    }

    /// A float64 uniform in `[0, 1)` from one 64-bit draw: its low 53 bits times 2^-53.
    public mutating func nextUnitDouble() -> Double {
        Double(nextUInt64() & 0x1F_FFFF_FFFF_FFFF) * 0x1p-53
    }

    /// A float64 uniform in `[0, 1)` from two 32-bit draws, 27 bits of the first and 26 of the
    /// second, as the reference mt19937's `genrand_res53` makes it (NumPy's legacy
    /// `random_sample`, CPython's `random.random`).
    public mutating func nextResolution53Double() -> Double {
        let a = Double(nextUInt32() >> 5), b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
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
        return low.addingProduct(nextUnitFloat(), width)
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
