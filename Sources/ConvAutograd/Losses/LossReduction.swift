import ConvNumerics

/// How a loss combines its per-element values: PyTorch's `reduction=` argument.
public enum LossReduction: String, Sendable, CaseIterable {
    /// The per-element losses, unreduced.
    case none
    /// Their mean (PyTorch's default).
    case mean
    /// Their sum.
    case sum
}

/// Per-element losses reduced, and the upstream gradient spread back over the elements.
struct ReducedLoss<S: GradScalar> {
    let reduction: LossReduction
    let shape: [Int]
    /// What the mean divides by (the element count, or the total class weight of `nll_loss`).
    let divisor: S

    /// The loss tensor: `shape` for `none`, a scalar otherwise.
    func reduce(_ values: [S]) throws(AutogradError) -> Tensor {
        switch reduction {
        case .none: return try .make(shape, values)
        // In PyTorch's order (`loss.sum()`, `loss.mean()` = the sum over the count).
        case .sum: return try .make([], [values.withUnsafeBufferPointer { S.torchSum($0) }])
        case .mean: return try .make([], [values.withUnsafeBufferPointer { S.torchSum($0) } / divisor])
        }
    }

    /// The upstream gradient of element `i`.
    @inline(__always)
    func upstream(_ g: [S], _ i: Int) -> S {
        switch reduction {
        case .none: g[i]
        case .sum: g[0]
        case .mean: g[0] / divisor
        }
    }
}
