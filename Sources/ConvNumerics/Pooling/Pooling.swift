/// The settings of a 1-D max or average pooling, with PyTorch's defaults.
public struct PoolingParameters: Sendable, Equatable, Hashable {
    /// The window size `k`.
    public var kernelSize: Int
    /// The step between windows; `nil` means the kernel size (PyTorch's default, unlike conv's 1).
    public var stride: Int?
    /// Implicit padding on both sides: `−∞` for max pooling, `0` for average pooling.
    public var padding: Int
    /// Spacing between window taps (max pooling only; average pooling uses 1).
    public var dilation: Int
    /// Round the output length up instead of down, keeping a last partial window that starts
    /// inside the input or the left padding.
    public var ceilMode: Bool
    /// Average pooling: divide by the window size including padding (`true`), or by the number
    /// of real samples in the window (`false`).
    public var countIncludePad: Bool

    /// Makes parameters; every argument defaults to PyTorch's.
    public init(
        kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1,
        ceilMode: Bool = false, countIncludePad: Bool = true
    ) {
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.ceilMode = ceilMode
        self.countIncludePad = countIncludePad
    }

    /// The stride in force: the given one, or the kernel size.
    public var effectiveStride: Int { stride ?? kernelSize }
}

/// 1-D max and average pooling with PyTorch's exact rules.
///
/// With `E = d·(k−1)+1`:
///
///     L_out = ⌊(L + 2p − E) / s⌋ + 1            (⌈…⌉ with ceil_mode)
///     and with ceil_mode, if (L_out − 1)·s ≥ L + p, L_out −= 1
///
/// The second rule drops a last window that would start in the right padding. Inputs may be
/// `(L)`, `(C, L)` or `(N, C, L)`; the output has the same rank.
public enum Pooling {
    /// Max pooling, as PyTorch's `F.max_pool1d`: padding is `−∞` (it never wins), NaN wins.
    /// Computed in the input's dtype (float32 or float64); int64 and bool inputs are refused.
    public static func maxPool1d(
        _ input: Tensor, parameters: PoolingParameters, elementLimit: Int = Int.max, memory: MemoryBudget = .unlimited,
        interrupt: InterruptFlag? = nil
    ) throws(PoolingError) -> Tensor {
        try checkInputRank(input.shape)
        let window = try maxPoolWindow(parameters, inputLength: input.shape.last ?? 0)
        return try pool(input, window: window, elementLimit: elementLimit, memory: memory, interrupt: interrupt, kernel: MaximumKernel())
    }

    /// Average pooling, as PyTorch's `F.avg_pool1d` (no dilation; the divisor follows
    /// `countIncludePad`, and windows hanging past the right padding in ceil mode count fewer).
    /// Computed in the input's dtype (float32 or float64); int64 and bool inputs are refused.
    public static func avgPool1d(
        _ input: Tensor, parameters: PoolingParameters, elementLimit: Int = Int.max, memory: MemoryBudget = .unlimited,
        interrupt: InterruptFlag? = nil
    ) throws(PoolingError) -> Tensor {
        try checkInputRank(input.shape)
        let window = try avgPoolWindow(parameters, inputLength: input.shape.last ?? 0)
        let kernel = AverageKernel(countIncludePad: parameters.countIncludePad)
        return try pool(input, window: window, elementLimit: elementLimit, memory: memory, interrupt: interrupt, kernel: kernel)
    }

    /// The output length of max pooling after its checks, in PyTorch's order.
    public static func maxPoolOutputLength(inputLength: Int, parameters: PoolingParameters) throws(PoolingError) -> Int {
        try maxPoolWindow(parameters, inputLength: inputLength).outputLength
    }

    /// The output length of average pooling after its checks, in PyTorch's order.
    public static func avgPoolOutputLength(inputLength: Int, parameters: PoolingParameters) throws(PoolingError) -> Int {
        try avgPoolWindow(parameters, inputLength: inputLength).outputLength
    }

    // MARK: - Checks

    private static func checkInputRank(_ shape: [Int]) throws(PoolingError) {
        guard (1...3).contains(shape.count) else { throw .inputRank(shape: shape) }
        guard let length = shape.last, length > 0 else { throw .emptyInput(shape: shape) }
    }

    /// `max_pool1d`'s checks: kernel, stride, padding sign, padding ≤ k/2 (undilated),
    /// dilation, then the output length.
    private static func maxPoolWindow(_ parameters: PoolingParameters, inputLength: Int) throws(PoolingError) -> PoolingWindow {
        let (k, s, p, d) = (parameters.kernelSize, parameters.effectiveStride, parameters.padding, parameters.dilation)
        guard k > 0 else { throw .nonPositiveKernelSize(kernelSize: k) }
        guard s > 0 else { throw .nonPositiveStride(stride: s) }
        guard p >= 0 else { throw .negativePadding(padding: p) }
        guard p <= k / 2 else { throw .paddingTooLarge(padding: p, kernelSize: k, dilation: d) }
        guard d > 0 else { throw .nonPositiveDilation(dilation: d) }
        return try PoolingWindow(inputLength: inputLength, kernelSize: k, stride: s, padding: p, dilation: d,
                                 ceilMode: parameters.ceilMode)
    }

    /// `avg_pool1d`'s checks (it runs as a 2-D pooling): stride zero, padding sign,
    /// padding ≤ k/2, kernel, stride sign, then the output length. Dilation is always 1.
    private static func avgPoolWindow(_ parameters: PoolingParameters, inputLength: Int) throws(PoolingError) -> PoolingWindow {
        let (k, s, p) = (parameters.kernelSize, parameters.effectiveStride, parameters.padding)
        guard s != 0 else { throw .nonPositiveStride(stride: s) }
        guard p >= 0 else { throw .negativePadding(padding: p) }
        guard p <= k / 2 else { throw .paddingTooLarge(padding: p, kernelSize: k, dilation: 1) }
        guard k > 0 else { throw .nonPositiveKernelSize(kernelSize: k) }
        guard s > 0 else { throw .nonPositiveStride(stride: s) }
        return try PoolingWindow(inputLength: inputLength, kernelSize: k, stride: s, padding: p, dilation: 1,
                                 ceilMode: parameters.ceilMode)
    }

    // MARK: - Reduction over windows

    /// Applies `kernel` to every window of every row, in the input's dtype.
    private static func pool(
        _ input: Tensor, window: PoolingWindow, elementLimit: Int, memory: MemoryBudget, interrupt: InterruptFlag?,
        kernel: some WindowKernel
    ) throws(PoolingError) -> Tensor {
        switch input.dtype {
        case .float64: try pool(input, as: Double.self, window: window, elementLimit: elementLimit, memory: memory, interrupt: interrupt, kernel: kernel)
        case .float32: try pool(input, as: Float.self, window: window, elementLimit: elementLimit, memory: memory, interrupt: interrupt, kernel: kernel)
        case .int64, .int32, .bool: throw .unsupportedDType(input.dtype)
        }
    }

    /// The kernel gets each row and the window's first (padded-coordinate) position, which may
    /// be negative.
    private static func pool<Scalar: TensorScalar>(
        _ input: Tensor, as type: Scalar.Type, window: PoolingWindow, elementLimit: Int, memory: MemoryBudget,
        interrupt: InterruptFlag?, kernel: some WindowKernel
    ) throws(PoolingError) -> Tensor {
        guard let elements = input.elements(as: type) else { throw .unsupportedDType(input.dtype) }
        let length = window.inputLength
        let rows = length == 0 ? 0 : input.count / length
        var outputShape = input.shape
        outputShape[outputShape.count - 1] = window.outputLength
        let count = try Tensor.elementCount(of: outputShape, limit: elementLimit, refusing: PoolingError.self)
        try memory.reserve(count, of: input.dtype, refusing: PoolingError.self)
        var output: [Scalar] = []
        output.reserveCapacity(count)
        for row in 0..<rows {
            if interrupt?.isRaised == true { throw .interrupted }
            let values = elements[(row * length)..<((row + 1) * length)]
            for index in 0..<window.outputLength {
                output.append(kernel.reduce(values, start: index * window.stride - window.padding, window: window))
            }
        }
        guard let result = Tensor(shape: outputShape, scalars: output) else { throw .tooLarge(elements: nil, limit: elementLimit) }
        return result
    }
}

/// What one pooling does with one window: generic over the element type, so one kernel value
/// serves float32 and float64.
private protocol WindowKernel {
    /// The window of `row` starting at padded position `start`; `row` is indexed from
    /// `row.startIndex`.
    func reduce<Scalar: TensorScalar>(_ row: ArraySlice<Scalar>, start: Int, window: PoolingWindow) -> Scalar
}

/// The largest sample of the window; padding is `−∞`, and a NaN wins at once.
private struct MaximumKernel: WindowKernel {
    func reduce<Scalar: TensorScalar>(_ row: ArraySlice<Scalar>, start: Int, window: PoolingWindow) -> Scalar {
        var best = -Scalar.infinity
        for tap in 0..<window.kernelSize {
            let position = start + tap * window.dilation
            guard position >= 0 else { continue }
            guard position < row.count else { break }
            let value = row[row.startIndex + position]
            if value.isNaN { return value }
            if value > best { best = value }
        }
        return best
    }
}

/// The mean of the window with PyTorch's divisor: the window clipped to `[−p, L+p)` when
/// padding counts, else the window clipped to the input.
private struct AverageKernel: WindowKernel {
    var countIncludePad: Bool

    func reduce<Scalar: TensorScalar>(_ row: ArraySlice<Scalar>, start: Int, window: PoolingWindow) -> Scalar {
        let length = row.count
        let paddedEnd = Swift.min(start + window.kernelSize, length + window.padding)
        let poolSize = paddedEnd - start
        let first = Swift.max(start, 0)
        let end = Swift.min(paddedEnd, length)
        guard first < end else { return 0 }
        var sum: Scalar = 0
        for position in first..<end { sum += row[row.startIndex + position] }
        return sum / Scalar(countIncludePad ? poolSize : end - first)
    }
}

/// The lengths of one pooling, after its parameter checks.
struct PoolingWindow: Sendable {
    var inputLength: Int
    var kernelSize: Int
    var stride: Int
    var padding: Int
    var dilation: Int
    var outputLength: Int

    /// PyTorch's `pooling_output_shape`: floor (or ceil) division, then the ceil-mode rule
    /// that a last window must start inside the input or the left padding.
    init(inputLength: Int, kernelSize: Int, stride: Int, padding: Int, dilation: Int, ceilMode: Bool) throws(PoolingError) {
        guard let span = (kernelSize - 1).multipliedChecked(by: dilation)?.addingChecked(1),
              let padded = padding.multipliedChecked(by: 2)?.addingChecked(inputLength),
              let rounding = ceilMode ? stride.addingChecked(-1) : 0,
              let numerator = (padded - span).addingChecked(rounding)
        else { throw .tooLarge(elements: nil, limit: Int.max) }
        var length = Self.floorDivide(numerator, stride) + 1
        if ceilMode, let start = (length - 1).multipliedChecked(by: stride), start >= inputLength + padding {
            length -= 1
        }
        guard length >= 1 else { throw .outputTooShort(inputLength: inputLength, outputLength: length) }
        (self.inputLength, self.kernelSize, self.stride) = (inputLength, kernelSize, stride)
        (self.padding, self.dilation, self.outputLength) = (padding, dilation, length)
    }

    /// Division rounding toward −∞ (PyTorch's `div_rtn`), for a positive divisor.
    static func floorDivide(_ numerator: Int, _ divisor: Int) -> Int {
        let quotient = numerator / divisor
        return (numerator % divisor != 0 && numerator < 0) ? quotient - 1 : quotient
    }
}
