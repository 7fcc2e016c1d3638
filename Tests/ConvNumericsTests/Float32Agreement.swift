import Testing
import ConvNumerics

/// The float32 side of the float32 agreement tests: random inputs in float32, the same values
/// widened for the float64 reference, and the comparison within float32 rounding.
enum Float32Agreement {
    /// Relative tolerance: float32 carries 24 bits (about 6e-8), and the problems sum at most a
    /// few dozen terms, each adding at most one rounding.
    static let tolerance = 1e-5

    /// A float32 tensor of `shape` from the dice, and the same values in float64.
    static func pair(_ dice: inout Dice, _ shape: [Int], scale: Double = 1) -> (float32: Tensor, float64: Tensor)? {
        guard let drawn = dice.tensor(shape) else { return nil }
        let float32 = drawn.map { $0 * scale }.converted(to: .float32)
        return (float32, float32.converted(to: .float64))
    }

    /// Every element of `tensor` made non-negative, in float64: run through the reference, it
    /// gives the sum of the magnitudes of the terms each result adds up.
    static func magnitude(_ tensor: Tensor) -> Tensor {
        tensor.converted(to: .float64).map { Swift.abs($0) }
    }

    /// `actual` is float32, has the reference's shape, and each element is within
    /// `tolerance · (|reference| + magnitude)`; NaNs and infinities must match exactly.
    static func expectAgrees(
        _ actual: Tensor, _ reference: Tensor, magnitude: Tensor? = nil, _ label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(actual.dtype == .float32, "\(label): dtype", sourceLocation: sourceLocation)
        #expect(reference.dtype == .float64, "\(label): reference dtype", sourceLocation: sourceLocation)
        #expect(actual.shape == reference.shape, "\(label): shape", sourceLocation: sourceLocation)
        guard actual.shape == reference.shape else { return }
        let sizes = magnitude?.scalars ?? [Double](repeating: 0, count: reference.count)
        for (index, (got, want)) in zip(actual.scalars, reference.scalars).enumerated() {
            guard want.isFinite else {
                #expect(got == want || (got.isNaN && want.isNaN), "\(label)[\(index)]: \(got) vs \(want)",
                        sourceLocation: sourceLocation)
                continue
            }
            let bound = tolerance * (Swift.abs(want) + sizes[index])
            #expect(Swift.abs(got - want) <= bound, "\(label)[\(index)]: \(got) vs \(want), bound \(bound)",
                    sourceLocation: sourceLocation)
        }
    }
}
