/// One sample of a padded row: its value and where it came from.
public struct PaddedSample: Sendable, Equatable, Hashable {
    /// The value the kernel sees at this position.
    public var value: Double
    /// The index in the unpadded row this value was copied from, or `nil` for a zero pad.
    public var sourceIndex: Int?

    /// Makes a sample.
    public init(value: Double, sourceIndex: Int?) {
        self.value = value
        self.sourceIndex = sourceIndex
    }
}

extension Convolution {
    /// Pads one channel the way the convolution does, for showing the padded input.
    ///
    /// Refuses exactly what ``conv1d(_:weight:bias:parameters:elementLimit:interrupt:)``
    /// refuses about padding: negative amounts, an empty row, reflect padding of `L` or more
    /// on a side, circular padding of more than `L`, and a result over `elementLimit`.
    public static func padded(
        _ row: [Double], left: Int, right: Int, mode: PaddingMode, elementLimit: Int = Int.max
    ) throws(ConvolutionError) -> [PaddedSample] {
        let sources = try paddedSources(inputLength: row.count, left: left, right: right, mode: mode, elementLimit: elementLimit)
        return sources.map { source in PaddedSample(value: source.map { row[$0] } ?? 0, sourceIndex: source) }
    }

    /// For every position of a row of `inputLength` padded as ``padded(_:left:right:mode:elementLimit:)``
    /// pads it (with the same refusals), the input index it copies, or `nil` for a zero.
    static func paddedSources(
        inputLength: Int, left: Int, right: Int, mode: PaddingMode, elementLimit: Int
    ) throws(ConvolutionError) -> [Int?] {
        guard left >= 0, right >= 0 else { throw .negativePadding(left: left, right: right) }
        guard inputLength > 0 else { throw .emptyInput(shape: [0]) }
        try checkPaddingLimits(left: left, right: right, inputLength: inputLength, mode: mode)
        let count = try checkedCount(inputLength, left, right, limit: elementLimit)
        return (0..<count).map { position in
            sourceIndex(ofPaddedPosition: position, inputLength: inputLength, left: left, mode: mode)
        }
    }

    /// The input index that supplies position `position` of a row padded by `left` on the
    /// left, or `nil` when that position is a zero.
    ///
    /// Total over all integers: positions beyond PyTorch's padding limits keep following the
    /// mode's pattern (reflect folds back and forth, circular wraps), so callers can never
    /// index outside the row. Returns `nil` when `inputLength <= 0` or the arithmetic overflows.
    public static func sourceIndex(
        ofPaddedPosition position: Int, inputLength: Int, left: Int, mode: PaddingMode
    ) -> Int? {
        guard inputLength > 0 else { return nil }
        let (offset, overflow) = position.subtractingReportingOverflow(left)
        guard !overflow else { return nil }
        if offset >= 0, offset < inputLength { return offset }
        switch mode {
        case .zeros:
            return nil
        case .replicate:
            return offset < 0 ? 0 : inputLength - 1
        case .circular:
            let remainder = offset % inputLength
            return remainder < 0 ? remainder + inputLength : remainder
        case .reflect:
            return reflectedIndex(offset, inputLength: inputLength)
        }
    }

    /// Mirrors about the first and last samples without repeating them: with `L = 4` the
    /// indices run `… 2 1 [0 1 2 3] 2 1 0 1 …`, a pattern of period `2(L−1)`.
    private static func reflectedIndex(_ offset: Int, inputLength: Int) -> Int {
        guard inputLength > 1 else { return 0 }
        let period = (inputLength - 1).multipliedSaturating(by: 2)
        var phase = offset % period
        if phase < 0 { phase += period }
        return phase < inputLength ? phase : period - phase
    }

    /// PyTorch's `F.pad` limits: reflect must pad less than `L` on each side, circular at
    /// most `L` (it may wrap around once).
    static func checkPaddingLimits(
        left: Int, right: Int, inputLength: Int, mode: PaddingMode
    ) throws(ConvolutionError) {
        switch mode {
        case .zeros, .replicate:
            return
        case .reflect:
            guard left < inputLength, right < inputLength else {
                throw .reflectPaddingTooLarge(left: left, right: right, inputLength: inputLength)
            }
        case .circular:
            guard left <= inputLength, right <= inputLength else {
                throw .circularPaddingTooLarge(left: left, right: right, inputLength: inputLength)
            }
        }
    }

    /// `length + left + right`, refused when it overflows or exceeds `limit`.
    static func checkedCount(_ length: Int, _ left: Int, _ right: Int, limit: Int) throws(ConvolutionError) -> Int {
        let (partial, overflow1) = length.addingReportingOverflow(left)
        let (total, overflow2) = partial.addingReportingOverflow(right)
        guard !overflow1, !overflow2 else { throw .tooLarge(elements: nil, limit: limit) }
        guard total <= limit else { throw .tooLarge(elements: total, limit: limit) }
        return total
    }
}
