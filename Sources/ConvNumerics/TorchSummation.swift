/// The sum of float32 or float64 elements added in the order PyTorch's CPU kernel adds them,
/// so that `x.sum()` is PyTorch's to the last bit (a float64 sum of float32 elements rounded
/// once is often one unit off it, and a float64 sum in plain order differs from PyTorch's too).
///
/// PyTorch (2.x, x86 CPUs) sums a contiguous run in its own dtype: from one 256-bit vector's worth
/// of elements on (8 float32 or 4 float64 lanes), in lanes of whole vectors (four vector
/// accumulators, combined in a cascade every 16 steps), then the elements after the last whole
/// vector in order, then the lanes in order; a shorter run in four scalar accumulators the same
/// way. Checked against PyTorch 2.15 on every length up to 140 and on longer ones up to 32,768
/// elements; beyond that PyTorch splits the run among its threads, and the result depends on
/// their number.
public enum TorchSummation {
    /// The sum of float32 `elements` in PyTorch's order.
    public static func sum(_ elements: UnsafeBufferPointer<Float>) -> Float {
        cascade(elements, SIMD8<Float>.self)
    }

    /// The sum of float64 `elements` in PyTorch's order.
    public static func sum(_ elements: UnsafeBufferPointer<Double>) -> Double {
        cascade(elements, SIMD4<Double>.self)
    }

    /// The sum of the elements of a float32 array, in PyTorch's order.
    public static func sum(_ elements: [Float]) -> Float {
        elements.withUnsafeBufferPointer { sum($0) }
    }

    /// The sum of the elements of a float64 array, in PyTorch's order.
    public static func sum(_ elements: [Double]) -> Double {
        elements.withUnsafeBufferPointer { sum($0) }
    }

    /// PyTorch's `cascade_sum` for one contiguous run, with `Vector`'s lanes.
    @inline(__always)
    private static func cascade<Vector: SIMD & SummationAccumulator>(
        _ elements: UnsafeBufferPointer<Vector.Scalar>, _ type: Vector.Type
    ) -> Vector.Scalar where Vector.Scalar: SummationAccumulator {
        let lanes = Vector.scalarCount
        let count = elements.count
        guard let base = elements.baseAddress else { return .zero }
        guard count >= lanes else { return rowSum(count) { base[$0] } }
        let vectors = count / lanes
        let partial = rowSum(vectors) { index in
            UnsafeRawPointer(base + index * lanes).loadUnaligned(as: Vector.self)
        }
        var total = Vector.Scalar.zero
        for index in (vectors * lanes)..<count { total += base[index] }
        for lane in 0..<lanes { total += partial[lane] }
        return total
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
    public static func ceilLog2(_ x: Int) -> Int {
        x <= 2 ? 1 : Int.bitWidth - (x - 1).leadingZeroBitCount
    }
}

/// What the summation accumulates: one element, or a vector of lanes.
protocol SummationAccumulator {
    static var zero: Self { get }
    static func + (left: Self, right: Self) -> Self
    static func += (left: inout Self, right: Self)
}

extension Float: SummationAccumulator {}
extension Double: SummationAccumulator {}
extension SIMD8: SummationAccumulator where Scalar == Float {}
extension SIMD4: SummationAccumulator where Scalar == Double {}
