/// How a convolution pads its input before sliding the kernel over it.
///
/// Every named choice resolves to an explicit `(left, right)` pair once the kernel size is
/// known; see ``Convolution/resolvedPadding(_:kernelSize:)``. With `E = d·(k−1)+1` the kernel
/// span and `T = d·(k−1)`:
public enum Padding: Sendable, Equatable, Hashable {
    /// `left` samples before the input and `right` after it. Asymmetric padding is allowed.
    case explicit(left: Int, right: Int)
    /// No padding: `(0, 0)`. The output has `L − E + 1` samples (stride 1).
    case valid
    /// Output as long as the input (stride 1 only, as in PyTorch): left `T/2`, right `T − T/2`,
    /// so when `T` is odd the extra sample goes on the right.
    case same
    /// Everything on the left, `(T, 0)`: output sample `i` sees only inputs up to `i`.
    case causal
    /// Every partial overlap, `(T, T)`: the output has `L + T` samples (stride 1).
    case full

    /// The same padding on both sides, like PyTorch's integer `padding=p`.
    public static func symmetric(_ amount: Int) -> Padding { .explicit(left: amount, right: amount) }
}

/// What the padded samples hold, matching PyTorch's `padding_mode`.
///
/// With `x = [1, 2, 3, 4]` padded by two on each side:
/// `zeros` → `0 0 1 2 3 4 0 0`, `reflect` → `3 2 1 2 3 4 3 2` (edge not repeated),
/// `replicate` → `1 1 1 2 3 4 4 4`, `circular` → `3 4 1 2 3 4 1 2`.
public enum PaddingMode: String, Sendable, CaseIterable, Hashable {
    /// Zeros outside the input.
    case zeros
    /// The input mirrored about its first and last samples; each side must pad less than `L`.
    case reflect
    /// The first or last sample repeated.
    case replicate
    /// The input wrapped around; each side may pad at most `L`.
    case circular
}

/// The hyper-parameters of a 1-D convolution, with PyTorch's defaults.
///
/// The values are not checked here, so a caller can hold any combination the user typed;
/// ``Convolution`` validates them when they are used and throws a ``ConvolutionError``.
public struct ConvolutionParameters: Sendable, Equatable, Hashable {
    /// Distance `s` between consecutive kernel positions.
    public var stride: Int
    /// How much padding `p` to add and where.
    public var padding: Padding
    /// Spacing `d` between kernel taps: `d − 1` implicit zeros between them.
    public var dilation: Int
    /// Number of channel groups `g`; each output channel sees only its group's input channels.
    public var groups: Int
    /// What the padded samples hold.
    public var paddingMode: PaddingMode

    /// Makes parameters; every argument defaults to PyTorch's `Conv1d` default.
    public init(
        stride: Int = 1,
        padding: Padding = .explicit(left: 0, right: 0),
        dilation: Int = 1,
        groups: Int = 1,
        paddingMode: PaddingMode = .zeros
    ) {
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
        self.paddingMode = paddingMode
    }
}
