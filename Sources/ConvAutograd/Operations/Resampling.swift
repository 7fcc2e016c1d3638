import ConvNumerics

/// How `F.interpolate` and `nn.Upsample` take each output sample from the input along the last
/// axis: `nearest`, `nearest-exact` (PyTorch's corrected nearest, which looks at sample
/// centres) or `linear`.
public enum ResamplingMode: String, Sendable, CaseIterable {
    case nearest
    case nearestExact = "nearest-exact"
    case linear

    /// The name of the node a resampled tensor's `grad_fn` shows.
    var nodeName: String {
        switch self {
        case .nearest: "UpsampleNearest1DBackward0"
        case .nearestExact: "UpsampleNearestExact1DBackward0"
        case .linear: "UpsampleLinear1DBackward0"
        }
    }
}

/// One resampling of a length `L_in` to `L_out`: for each output sample, the input samples it
/// reads and their weights (one tap for the nearest modes, two for linear). Both the forward
/// pass and the gradient read the same taps, so the gradient of each output flows back to
/// exactly the samples it was made of, in the same proportions.
public struct ResamplingTaps: Sendable, Equatable {
    /// For output sample `j`: `(input index, weight)` pairs.
    public let taps: [[(index: Int, weight: Double)]]

    public static func == (a: ResamplingTaps, b: ResamplingTaps) -> Bool {
        a.taps.count == b.taps.count && zip(a.taps, b.taps).allSatisfy { x, y in
            x.count == y.count && zip(x, y).allSatisfy { $0.index == $1.index && $0.weight == $1.weight }
        }
    }

    /// PyTorch's index arithmetic (ATen's UpSample.h), step for step: the source positions are
    /// computed in single precision for float32 data (and for the nearest modes always), in
    /// double for float64, so that the same input sample is chosen at every boundary.
    /// `scale` is the user's scale factor when it reaches the kernel (PyTorch then uses
    /// `1/scale`), or `nil` for `L_in/L_out`.
    public init(inputLength: Int, outputLength: Int, mode: ResamplingMode, alignCorners: Bool, scale: Double?, dtype: DType) {
        switch mode {
        case .nearest, .nearestExact:
            let step = Self.scale(Float.self, input: inputLength, output: outputLength, scale: scale)
            taps = (0..<outputLength).map { j in
                let source: Int
                if mode == .nearest, outputLength == inputLength {
                    source = j
                } else if mode == .nearest, outputLength == 2 * inputLength {
                    source = j >> 1
                } else {
                    let position = mode == .nearest ? Double(j) * Double(step) : (Double(j) + 0.5) * Double(step)
                    source = Swift.min(Int(Float(position).rounded(.down)), inputLength - 1)
                }
                return [(source, 1)]
            }
        case .linear:
            taps = dtype == .float64
                ? Self.linearTaps(Double.self, inputLength, outputLength, alignCorners, scale)
                : Self.linearTaps(Float.self, inputLength, outputLength, alignCorners, scale)
        }
    }

    /// `compute_scales_value`: `1/scale` when a positive scale factor was given, else `L_in/L_out`.
    private static func scale<T: BinaryFloatingPoint>(_: T.Type, input: Int, output: Int, scale: Double?) -> T {
        if let scale, scale > 0 { return T(1.0 / scale) }
        return T(input) / T(output)
    }

    /// `compute_source_index_and_lambda` for every output sample, in `T`.
    private static func linearTaps<T: BinaryFloatingPoint>(
        _: T.Type, _ inputLength: Int, _ outputLength: Int, _ alignCorners: Bool, _ scale: Double?
    ) -> [[(index: Int, weight: Double)]] {
        let ratio: T = alignCorners
            ? (outputLength > 1 ? T(inputLength - 1) / T(outputLength - 1) : 0)
            : Self.scale(T.self, input: inputLength, output: outputLength, scale: scale)
        return (0..<outputLength).map { j in
            if outputLength == inputLength { return [(j, 1), (j, 0)] }
            var position = alignCorners ? ratio * T(j) : ratio * (T(j) + 0.5) - 0.5
            if !alignCorners, position < 0 { position = 0 }
            let first = Swift.min(Int(Float(position).rounded(.down)), inputLength - 1)
            let upper = Swift.min(Swift.max(position - T(first), 0), 1)
            let second = first + (first < inputLength - 1 ? 1 : 0)
            return [(first, Double(1 - upper)), (second, Double(upper))]
        }
    }
}

extension Functional {
    /// `F.interpolate(x, size | scale_factor, mode, align_corners)` on a `(N, C, L)` input: each
    /// output sample a weighted sum of its ``ResamplingTaps`` (`UpsampleNearest1DBackward0`,
    /// `UpsampleNearestExact1DBackward0`, `UpsampleLinear1DBackward0`).
    public static func interpolate(_ x: Variable, taps: ResamplingTaps, mode: ResamplingMode) throws(AutogradError) -> Variable {
        let input = x.data
        guard input.dtype.isFloatingPoint else { throw .unsupportedDType(operation: "interpolate", input.dtype) }
        let rows = RowLayout(input.shape, outLength: taps.taps.count)
        let out = try rows.map(input) { (row: ArraySlice<Double>) in
            taps.taps.map { sources in sources.reduce(0.0) { $0 + $1.weight * row[row.startIndex + $1.index] } }
        }
        return .record(mode.nodeName, out, inputs: [x], savesTensors: false) { g throws(AutogradError) in
            [try rows.scatter(g, into: input.shape, dtype: input.dtype) { j, value, add in
                for tap in taps.taps[j] { add(tap.index, tap.weight * value) }
            }]
        }
    }
}
