#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// NumPy's legacy random state (`np.random.seed`, `np.random.rand`, ...): the same 32-bit
/// Mersenne Twister as PyTorch's generator, seeded the same way, with NumPy's own rules for
/// turning its words into numbers, so `np.random.seed(s)` followed by any of these draws gives
/// NumPy's values bit for bit.
public struct NumPyRandomState: Sendable {
    private var engine: TorchGenerator
    /// The second value of the last polar pair, which NumPy hands out before drawing again.
    private var cachedGauss: Double?

    /// `np.random.seed(seed)`, for `0 ≤ seed < 2^32`.
    public init(seed: UInt32) {
        engine = TorchGenerator(seed: UInt64(seed))
    }

    /// The next 32 random bits.
    public mutating func nextUInt32() -> UInt32 { engine.nextUInt32() }

    /// A float64 uniform in `[0, 1)`: 27 bits of one word and 26 of the next, as NumPy builds it.
    public mutating func nextDouble() -> Double { engine.nextResolution53Double() }

    /// A standard normal sample by the polar method, the pair's other value kept for the next call.
    public mutating func nextGauss() -> Double {
        if let cached = cachedGauss {
            cachedGauss = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2 * nextDouble() - 1
            x2 = 2 * nextDouble() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * log(r2) / r2).squareRoot()
        cachedGauss = f * x1
        return f * x2
    }

    /// A uniform integer in `0...max`, by masked rejection on 32-bit words (64-bit ones when
    /// `max` needs them), as NumPy's legacy `randint`, `shuffle` and `permutation` draw.
    public mutating func interval(_ max: UInt64) -> UInt64 {
        guard max > 0 else { return 0 }
        var mask = max
        for shift in [1, 2, 4, 8, 16, 32] as [UInt64] { mask |= mask >> shift }
        if max <= 0xFFFF_FFFF {
            var value = UInt64(nextUInt32()) & mask
            while value > max { value = UInt64(nextUInt32()) & mask }
            return value
        }
        var value = engine.nextUInt64() & mask
        while value > max { value = engine.nextUInt64() & mask }
        return value
    }

    /// `randint(low, high)`: a uniform integer in `low..<high` (`low < high`).
    public mutating func integer(low: Int64, high: Int64) -> Int64 {
        // A span of exactly 2^32 values takes one whole word, as NumPy's special case does:
        // `interval`'s mask is then all ones and never rejects.
        low &+ Int64(bitPattern: interval(UInt64(bitPattern: high &- low) &- 1))
    }

    /// Shuffles `count` positions in place through `swap`, as NumPy's legacy `shuffle`: from the
    /// last position down, each swapped with one drawn at or below it.
    public mutating func shuffle(count: Int, swap: (Int, Int) -> Void) {
        guard count > 1 else { return }
        for i in stride(from: count - 1, through: 1, by: -1) {
            let j = Int(interval(UInt64(i)))
            swap(i, j)
        }
    }
}
