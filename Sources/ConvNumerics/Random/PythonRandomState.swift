#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Python's `random` module's state: the same 32-bit Mersenne Twister as PyTorch's generator,
/// seeded as CPython seeds it (`init_by_array` of the seed's 32-bit words), with CPython's own
/// rules for turning its words into numbers, so `random.seed(n)` followed by any of these draws
/// gives CPython's values bit for bit.
public struct PythonRandomState: Sendable {
    private var engine: TorchGenerator
    /// The second value of `gauss`'s last pair, which CPython hands out before drawing again.
    private var gaussNext: Double?

    /// `random.seed(n)` for the int whose absolute value has the 32-bit words `magnitude`, least
    /// significant first (no words, or only zeros, for 0).
    public init(magnitude: [UInt32]) {
        var key = magnitude
        while key.count > 1, key.last == 0 { key.removeLast() }
        engine = TorchGenerator(key: key.isEmpty ? [0] : key)
    }

    /// `random.seed(n)` for `n` of at most 64 bits.
    public init(seed: UInt64) {
        self.init(magnitude: [UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32)])
    }

    /// `random.random()`: a float in `[0, 1)` from 27 bits of one word and 26 of the next.
    public mutating func random() -> Double { engine.nextResolution53Double() }

    /// `random.getrandbits(k)` for `0 ≤ k ≤ 64`: one word's top `k` bits, or for more than 32
    /// the first word as the low half and the top `k − 32` bits of the second as the high one.
    public mutating func randomBits(_ k: Int) -> UInt64 {
        guard k > 0 else { return 0 }
        if k <= 32 { return UInt64(engine.nextUInt32() >> (32 - k)) }
        let low = UInt64(engine.nextUInt32())
        let high = UInt64(engine.nextUInt32() >> (64 - Swift.min(k, 64)))
        return high << 32 | low
    }

    /// `_randbelow(n)`: a uniform integer in `0..<n` (`n > 0`), drawing `n.bit_length()` bits
    /// until the value is below `n`.
    public mutating func below(_ n: UInt64) -> UInt64 {
        let k = 64 - n.leadingZeroBitCount
        var r = randomBits(k)
        while r >= n { r = randomBits(k) }
        return r
    }

    /// `random.gauss(0, 1)`: the Box–Muller pair of CPython's `gauss`, the second kept for the
    /// next call.
    public mutating func gauss() -> Double {
        if let z = gaussNext {
            gaussNext = nil
            return z
        }
        let x2pi = random() * 2 * Double.pi
        let g2rad = (-2.0 * log(1.0 - random())).squareRoot()
        gaussNext = sin(x2pi) * g2rad
        return cos(x2pi) * g2rad
    }

    /// `random.shuffle(x)` for `count` items, through `swap`: from the last position down to the
    /// second, each swapped with one drawn at or below it.
    public mutating func shuffle(count: Int, swap: (Int, Int) -> Void) {
        guard count > 1 else { return }
        for i in stride(from: count - 1, through: 1, by: -1) {
            swap(i, Int(below(UInt64(i + 1))))
        }
    }

    /// The positions `random.sample(population, k)` picks from a population of `n` (`0 ≤ k ≤ n`),
    /// in selection order: from a shrinking pool when `n` is small beside `k`, else by redrawing
    /// positions already taken, as CPython chooses between them.
    public mutating func samplePositions(n: Int, k: Int) -> [Int] {
        var setSize = 21
        if k > 5 { setSize += Int(pow(4.0, ceil(log(Double(k * 3)) / log(4.0)))) }
        var result: [Int] = []
        result.reserveCapacity(k)
        if n <= setSize {
            var pool = Array(0..<n)
            for i in 0..<k {
                let j = Int(below(UInt64(n - i)))
                result.append(pool[j])
                pool[j] = pool[n - i - 1]
            }
        } else {
            var selected: Set<Int> = []
            for _ in 0..<k {
                var j = Int(below(UInt64(n)))
                while selected.contains(j) { j = Int(below(UInt64(n))) }
                selected.insert(j)
                result.append(j)
            }
        }
        return result
    }
}
