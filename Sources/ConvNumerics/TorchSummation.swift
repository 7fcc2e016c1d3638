/// The sum of float32 elements added in the order PyTorch's CPU kernel adds them, so that a
/// float32 `x.sum()` is PyTorch's to the last bit (a float64 sum rounded once to float32 is
/// often one unit off it).
///
/// PyTorch (2.x, x86 CPUs) sums a contiguous float32 run in float32: from 8 elements on, in 8
/// lanes of whole vectors (four vector accumulators, combined in a cascade every 16 steps), then
/// the elements after the last whole vector in order, then the 8 lanes in order; a shorter run
/// in four scalar accumulators the same way. Checked against PyTorch 2.15 on every length up to
/// 32,768 elements; beyond that PyTorch splits the run among its threads, and the result
/// depends on their number.
public enum TorchSummation {
    /// The sum of `elements` in PyTorch's order.
    public static func sum(_ elements: UnsafeBufferPointer<Float>) -> Float {
        let count = elements.count
        guard let base = elements.baseAddress else { return 0 }
        guard count >= 8 else { return rowSum(count) { base[$0] } }
        let vectors = count / 8
        let lanes = rowSum(vectors) { index in
            UnsafeRawPointer(base + index * 8).loadUnaligned(as: SIMD8<Float>.self)
        }
        var total: Float = 0
        for index in (vectors * 8)..<count { total += base[index] }
        for lane in 0..<8 { total += lanes[lane] }
        return total
    }

    /// The sum of the elements of a float32 array, in PyTorch's order.
    public static func sum(_ elements: [Float]) -> Float {
        elements.withUnsafeBufferPointer { sum($0) }
    }

    /// PyTorch's `row_sum`: four accumulators over groups of four items, the leftover items
    /// into the first, then the four added in order.
    @inline(__always)
    private static func rowSum<Accumulator: SummationAccumulator>(_ size: Int, _ load: (Int) -> Accumulator) -> Accumulator {
        let groups = size / 4
        var partial = multiRowSum(groups, load)
        for index in (groups * 4)..<size { partial.0 += load(index) }
        return partial.0 + partial.1 + partial.2 + partial.3
    }

    /// PyTorch's `multi_row_sum` with four rows: `size` groups of four items summed into four
    /// accumulators, each kept in four levels that carry into the next every `2^levelPower`
    /// groups (a cascade, which bounds the rounding error of long sums).
    @inline(__always)
    private static func multiRowSum<Accumulator: SummationAccumulator>(
        _ size: Int, _ load: (Int) -> Accumulator
    ) -> (Accumulator, Accumulator, Accumulator, Accumulator) {
        let levelPower = Swift.max(4, ceilLog2(size) / 4)
        let levelStep = 1 << levelPower
        // Fewer groups than one level's step: the plain loop alone (carrying zeros changes nothing).
        guard size >= levelStep else {
            var first = (Accumulator.zero, Accumulator.zero, Accumulator.zero, Accumulator.zero)
            for group in 0..<size {
                first.0 += load(group * 4)
                first.1 += load(group * 4 + 1)
                first.2 += load(group * 4 + 2)
                first.3 += load(group * 4 + 3)
            }
            return first
        }
        let levelMask = levelStep - 1
        var levels = [[Accumulator]](repeating: [Accumulator](repeating: .zero, count: 4), count: 4)
        var group = 0
        while group + levelStep <= size {
            for _ in 0..<levelStep {
                for row in 0..<4 { levels[0][row] += load(group * 4 + row) }
                group += 1
            }
            for level in 1..<4 {
                for row in 0..<4 {
                    levels[level][row] += levels[level - 1][row]
                    levels[level - 1][row] = .zero
                }
                if group & (levelMask << (level * levelPower)) != 0 { break }
            }
        }
        while group < size {
            for row in 0..<4 { levels[0][row] += load(group * 4 + row) }
            group += 1
        }
        for level in 1..<4 {
            for row in 0..<4 { levels[0][row] += levels[level][row] }
        }
        return (levels[0][0], levels[0][1], levels[0][2], levels[0][3])
    }

    /// c10's `CeilLog2`: 1 for 2 and below, else the bits of `x - 1`.
    private static func ceilLog2(_ x: Int) -> Int {
        x <= 2 ? 1 : Int.bitWidth - (x - 1).leadingZeroBitCount
    }
}

/// What the summation accumulates: one float32, or eight lanes of them.
protocol SummationAccumulator {
    static var zero: Self { get }
    static func + (left: Self, right: Self) -> Self
    static func += (left: inout Self, right: Self)
}

extension Float: SummationAccumulator {}
extension SIMD8: SummationAccumulator where Scalar == Float {}
