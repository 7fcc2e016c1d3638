import ConvNumerics

extension Tensor {
    /// `count` rows of `length` scalars each, starting at row `first` of the row-major
    /// scalars: how the explanations pick one item's channels or one channel's kernels.
    func rows(_ count: Int, length: Int, startingAt first: Int = 0) -> [[Double]] {
        (first..<(first + count)).map { row in Array(scalars[(row * length)..<((row + 1) * length)]) }
    }
}
