/// Where a window (a conv's kernel or a pooling window) lands at each step over a padded row,
/// and which positions it never reads. Shared by every explanation that slides a window.
struct SlidingWindows: Sendable, Equatable {
    /// Positions of the padded row.
    var length: Int
    var kernelSize: Int
    var stride: Int
    var dilation: Int
    /// How many steps there are (one per output element).
    var steps: Int

    /// `d·(k−1)+1`: how many positions one window spans.
    var span: Int { dilation * (kernelSize - 1) + 1 }

    /// The positions the taps cover at step `i` (counting from 0): `i·s + j·d`. In ceil mode
    /// the last ones may lie past the padded row.
    func window(step i: Int) -> [Int] {
        (0..<kernelSize).map { i * stride + $0 * dilation }
    }

    /// A position no window reads, and why.
    struct Unused: Sendable, Equatable {
        enum Reason: Sendable, Equatable {
            /// After the last window: one more stride would run off the end.
            case pastLastWindow
            /// Inside a window's span, between two taps (dilation).
            case betweenTaps
            /// Between two windows: the stride is longer than the span.
            case betweenWindows
        }
        var position: Int
        var reason: Reason
    }

    /// Every position of the padded row that no tap of any step covers, in order.
    var unused: [Unused] {
        let covered = coveredPositions()
        let lastEnd = (steps - 1) * stride + span
        return covered.indices.filter { !covered[$0] }.map { position in
            if position >= lastEnd { return Unused(position: position, reason: .pastLastWindow) }
            let inSpan = position % stride < span
            return Unused(position: position, reason: inSpan ? .betweenTaps : .betweenWindows)
        }
    }

    /// Which positions of the padded row some tap reads. Tap `j` reads `j·d + i·s` for every
    /// step `i`: a run of `steps` consecutive slots in the positions ≡ `j·d` (mod s). Merging
    /// those runs per residue marks each position at most once, so the cost follows the row's
    /// length, not steps × taps (which for a long conv is as much work as the conv itself).
    private func coveredPositions() -> [Bool] {
        var covered = [Bool](repeating: false, count: length)
        guard steps > 0, stride > 0 else { return covered }
        var runs: [Int: [Range<Int>]] = [:]
        for tap in 0..<kernelSize {
            let start = tap * dilation
            runs[start % stride, default: []].append((start / stride)..<(start / stride + steps))
        }
        for (residue, slots) in runs {
            var marked = Int.min
            for slot in slots.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                for index in Swift.max(slot.lowerBound, marked)..<Swift.max(slot.upperBound, marked) {
                    let position = residue + index * stride
                    if position >= length { break }
                    covered[position] = true
                }
                marked = Swift.max(marked, slot.upperBound)
            }
        }
        return covered
    }

    /// Why `what` is never read, in words: `the kernel moves 2 slots and the next window would
    /// end past the input`. `mover` is what slides (`kernel`, `window`).
    func unusedReason(_ reason: Unused.Reason, mover: String) -> String {
        typealias N = ExplanationNumbers
        switch reason {
        case .pastLastWindow:
            return "the \(mover) moves \(N.count(stride, "slot")) and the next window would end past the input"
        case .betweenTaps:
            return "it falls between the \(mover)'s taps (d=\(dilation)) in every window that spans it"
        case .betweenWindows:
            return "the \(mover) moves \(N.count(stride, "slot")) but spans only \(span), so it jumps over it"
        }
    }
}
