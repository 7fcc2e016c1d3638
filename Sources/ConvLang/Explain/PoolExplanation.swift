import ConvNumerics

/// Everything `explain` shows about one max or average pooling, worked out once from the input
/// and the real result; ``PoolExplanationText`` and ``PoolExplanationSVG`` only lay it out.
///
/// Only the first item of a batch is kept: every item is pooled the same way.
struct PoolExplanation: Sendable {
    /// Which pooling: the wording of each step depends on it.
    enum Kind: Sendable {
        case max
        case average
    }

    /// What was called, for the heading: `max_pool1d` or a layer's repr.
    var callee: String
    var kind: Kind
    var inputShape: [Int]
    var batch: Int
    var channels: Int
    var inputLength: Int
    var parameters: PoolingParameters
    var outputLength: Int
    /// The first item's channels, unpadded: `rows[c][index]`.
    var rows: [[Double]]
    /// The first item's result, `outputs[c][i]`, exactly as the pooling computed it.
    var outputs: [[Double]]

    var kernelSize: Int { parameters.kernelSize }
    var stride: Int { parameters.effectiveStride }
    var padding: Int { parameters.padding }
    /// Average pooling has no dilation.
    var dilation: Int { kind == .max ? parameters.dilation : 1 }
    var paddedLength: Int { inputLength + 2 * padding }
    /// The padded row, plus the positions a last ceil-mode window hangs over past its end.
    var drawnLength: Int { Swift.max(paddedLength, (outputLength - 1) * stride + windows.span) }
    /// `−∞` for max pooling (it never wins), `0` for average pooling.
    var paddingValue: Double { kind == .max ? -Double.infinity : 0 }
    var name: String { kind == .max ? "max" : "average" }

    var windows: SlidingWindows {
        SlidingWindows(length: paddedLength, kernelSize: kernelSize, stride: stride, dilation: dilation, steps: outputLength)
    }

    var lengthFormula: LengthFormula {
        LengthFormula(inputLength: inputLength, left: padding, right: padding, kernelSize: kernelSize, stride: stride,
                      dilation: dilation, ceilMode: parameters.ceilMode)
    }

    /// What sits at a drawn position.
    enum Slot: Equatable {
        case input(index: Int)
        case padding
        /// Past the right padding, where only a ceil-mode window reaches: it does not count.
        case pastEnd
    }

    func slot(_ position: Int) -> Slot {
        if position >= paddedLength { return .pastEnd }
        if position < padding || position >= padding + inputLength { return .padding }
        return .input(index: position - padding)
    }

    /// The value at a drawn position, or `nil` past the end.
    func value(channel c: Int, _ position: Int) -> Double? {
        switch slot(position) {
        case .input(let index): rows[c][index]
        case .padding: paddingValue
        case .pastEnd: nil
        }
    }

    func window(step i: Int) -> [Int] { windows.window(step: i) }

    /// How one average is divided, as PyTorch divides it.
    struct Divisor: Equatable {
        var value: Int
        /// The window's positions up to the end of the right padding (`count_include_pad=true`).
        var windowInPadding: Int
        /// The input values in the window (`count_include_pad=false`).
        var inputValues: Int
    }

    /// PyTorch's divisor for step `i`: the window clipped to the padded row when padding
    /// counts, else the number of input values in it.
    func divisor(step i: Int) -> Divisor {
        let start = i * stride
        let paddedEnd = Swift.min(start + kernelSize, paddedLength)
        let inputs = Swift.max(0, Swift.min(paddedEnd, padding + inputLength) - Swift.max(start, padding))
        let inPadding = paddedEnd - start
        return Divisor(value: parameters.countIncludePad ? inPadding : inputs, windowInPadding: inPadding, inputValues: inputs)
    }

    /// The length floor (or ceil) division gives, before ceil mode's last-window rule.
    var roundedLength: Int? { lengthFormula.value }

    /// Ceil mode dropped a last window that would have started in the right padding.
    var droppedLastWindow: Bool { parameters.ceilMode && roundedLength.map { $0 > outputLength } == true }

    /// Whether a ceil-mode run would have a window covering `position` that this one lacks
    /// (so the explanation can say ceil_mode=true would use it).
    func coveredInCeilMode(_ position: Int) -> Bool {
        guard !parameters.ceilMode else { return false }
        var ceil = lengthFormula
        ceil.ceilMode = true
        guard var length = ceil.value else { return false }
        if (length - 1) * stride >= inputLength + padding { length -= 1 }
        guard length > outputLength else { return false }
        return (outputLength..<length).contains { step in window(step: step).contains(position) }
    }
}

extension PoolExplanation {
    /// Builds the explanation of a pooling that has already succeeded with `result`.
    /// Returns `nil` only if the shapes disagree with what the pooling accepted.
    init?(callee: String, kind: Kind, input: Tensor, parameters: PoolingParameters, result: Tensor) {
        guard let dims = SignalDimensions(shape: input.shape) else { return nil }
        guard dims.length > 0, dims.batch * dims.channels > 0, result.count % (dims.batch * dims.channels) == 0 else { return nil }
        let outputLength = result.count / (dims.batch * dims.channels)
        guard outputLength > 0 else { return nil }
        self.callee = callee
        self.kind = kind
        inputShape = input.shape
        batch = dims.batch
        channels = dims.channels
        inputLength = dims.length
        self.parameters = parameters
        self.outputLength = outputLength
        rows = input.rows(dims.channels, length: dims.length)
        outputs = result.rows(dims.channels, length: outputLength)
    }
}
