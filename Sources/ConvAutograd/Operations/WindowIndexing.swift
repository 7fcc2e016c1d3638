import ConvNumerics

/// Pooling that names its windows' positions: `max_pool1d(return_indices=True)`,
/// `adaptive_max_pool1d`, `adaptive_avg_pool1d` and `max_unpool1d`. Each works on the last
/// axis of a `(C, L)` or `(N, C, L)` input, row by row; indices count along that axis, as
/// PyTorch's do.
extension Functional {
    /// `F.max_pool1d(x, ..., return_indices=True)`: the values and, for each window, the position
    /// of its first maximum (a NaN wins), as int64.
    public static func maxPool1dWithIndices(
        _ x: Variable, parameters: PoolingParameters
    ) throws(AutogradError) -> (values: Variable, indices: Tensor) {
        let length = x.shape.last ?? 0
        let outLength: Int
        do { outLength = try Pooling.maxPoolOutputLength(inputLength: length, parameters: parameters) } catch { throw .pooling(error) }
        let p = parameters
        let windows = (0..<outLength).map { i in
            (0..<p.kernelSize).map { i * p.effectiveStride - p.padding + $0 * p.dilation }.filter { $0 >= 0 && $0 < length }
        }
        return try argmaxPool(x, windows: windows)
    }

    /// `F.adaptive_max_pool1d(x, output_size, return_indices=True)`: window `i` runs from
    /// `floor(i·L/o)` to `ceil((i+1)·L/o)`.
    public static func adaptiveMaxPool1d(_ x: Variable, outputSize: Int) throws(AutogradError) -> (values: Variable, indices: Tensor) {
        try checkAdaptive(x, outputSize: outputSize, operation: "adaptive_max_pool1d")
        let windows = adaptiveWindows(length: x.shape.last ?? 0, outputSize: outputSize)
        return try argmaxPool(x, windows: windows.map { Array($0) }, details: .adaptivePool(max: true, input: x.data, windows: windows))
    }

    /// `F.adaptive_avg_pool1d(x, output_size)`: the mean of each adaptive window.
    public static func adaptiveAvgPool1d(_ x: Variable, outputSize: Int) throws(AutogradError) -> Variable {
        try checkAdaptive(x, outputSize: outputSize, operation: "adaptive_avg_pool1d")
        let windows = adaptiveWindows(length: x.shape.last ?? 0, outputSize: outputSize)
        let rows = RowLayout(x.shape, outLength: outputSize)
        let input = x.data
        let out = try rows.map(input) { (row: ArraySlice<Double>) in
            windows.map { window in window.reduce(0.0) { $0 + row[row.startIndex + $1] } / Double(window.count) }
        }
        return .record("SqueezeBackward1", out, inputs: [x], savesTensors: false,
                       details: .adaptivePool(max: false, input: input, windows: windows)) { g throws(AutogradError) in
            [try rows.scatter(g, into: input.shape, dtype: input.dtype) { i, value, add in
                for position in windows[i] { add(position, value / Double(windows[i].count)) }
            }]
        }
    }

    /// `F.max_unpool1d(x, indices, ...)`: zeros of `outputLength` along the last axis with each
    /// value put at its index; an index outside is PyTorch's refusal.
    public static func maxUnpool1d(_ x: Variable, indices: Tensor, outputLength: Int) throws(AutogradError) -> Variable {
        guard indices.shape == x.shape else {
            throw .invalidArgument("Expected shape of indices to be same as that of the input tensor (\(Tensor.list(x.shape))) "
                + "but got indices tensor with shape: \(Tensor.list(indices.shape))")
        }
        let inLength = x.shape.last ?? 0
        let rowCount = inLength == 0 ? 0 : x.data.count / inLength
        let targets = indices.scalars.map { Int(exactly: $0.rounded(.towardZero)) ?? -1 }
        if let bad = targets.first(where: { $0 < 0 || $0 >= outputLength }) {
            throw .invalidArgument("Found an invalid max index: \(bad) (output volumes are of size \(outputLength)x1)")
        }
        let outShape = Array(x.shape.dropLast()) + [outputLength]
        let input = x.data
        // Overlapping windows can name one index twice: the value is written, not added, as PyTorch's.
        let out = try scatterRows(input, rows: rowCount, inLength: inLength, targets: targets, outShape: outShape, accumulate: false)
        return .record("MaxUnpool2DBackward0", out, inputs: [x], savesTensors: false) { g throws(AutogradError) in
            [try gatherRows(g, rows: rowCount, outLength: inLength, sources: targets, sourceLength: outputLength, shape: input.shape)]
        }
    }

    /// The default length `max_unpool1d` gives: `(L − 1)·stride − 2·padding + kernel_size`.
    public static func unpooledLength(inputLength: Int, kernelSize: Int, stride: Int, padding: Int) -> Int {
        (inputLength - 1) * stride - 2 * padding + kernelSize
    }

    // MARK: - Shared

    private static func checkAdaptive(_ x: Variable, outputSize: Int, operation: String) throws(AutogradError) {
        guard x.data.rank == 2 || x.data.rank == 3 else {
            throw .invalidArgument("Expected 2 to 3 dimensions, but got \(x.data.rank)-dimensional tensor for argument #1 "
                + "'self' (while checking arguments for \(operation))")
        }
        guard outputSize >= 0 else { throw .invalidArgument("\(operation): elements of output_size must be greater than or equal to 0 but received {\(outputSize)}") }
        for (dim, extent) in x.shape.enumerated().dropFirst(x.data.rank - 2) where extent == 0 {
            throw .invalidArgument("\(operation)(): Expected input to have non-zero size for non-batch dimensions, but input has sizes "
                + "\(Tensor.list(x.shape)) with dimension \(dim) being empty")
        }
    }

    /// The adaptive windows over `length` for `outputSize` outputs.
    public static func adaptiveWindows(length: Int, outputSize: Int) -> [Range<Int>] {
        (0..<outputSize).map { i in (i * length / outputSize)..<(((i + 1) * length + outputSize - 1) / outputSize) }
    }

    /// The largest value of each window of positions (the first on ties, a NaN wins) and where it is.
    private static func argmaxPool(
        _ x: Variable, windows: [[Int]], details: OperationRecord? = nil
    ) throws(AutogradError) -> (values: Variable, indices: Tensor) {
        let rows = RowLayout(x.shape, outLength: windows.count)
        var positions: [Int] = []
        positions.reserveCapacity(rows.count * windows.count)
        let scalars = x.data.scalars
        for row in 0..<rows.count {
            let base = row * rows.length
            for window in windows {
                var at = -1, best = -Double.infinity
                for position in window {
                    let value = scalars[base + position]
                    if at < 0 || value > best || value.isNaN {
                        (at, best) = (position, value)
                        if value.isNaN { break }
                    }
                }
                positions.append(at)
            }
        }
        let indicesShape = Array(x.shape.dropLast()) + [windows.count]
        guard let indices = Tensor(shape: indicesShape, scalars: positions.map(Int64.init)) else {
            throw .invalidArgument("invalid shape \(indicesShape)")
        }
        let input = x.data
        let values = try gatherRows(input, rows: rows.count, outLength: windows.count, sources: positions,
                                    sourceLength: rows.length, shape: indicesShape)
        let variable = Variable.record("SqueezeBackward1", values, inputs: [x], savesTensors: false,
                                       details: details) { g throws(AutogradError) in
            [try scatterRows(g, rows: rows.count, inLength: windows.count, targets: positions, outShape: input.shape)]
        }
        return (variable, indices)
    }

    /// `out[row, i] = t[row, sources[row·outLength + i]]`, summing nothing: a gather along the last axis.
    static func gatherRows(
        _ t: Tensor, rows: Int, outLength: Int, sources: [Int], sourceLength: Int, shape: [Int]
    ) throws(AutogradError) -> Tensor {
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let v = t.array(type)
            var out = [S](repeating: 0, count: rows * outLength)
            for row in 0..<rows {
                for i in 0..<outLength where sources[row * outLength + i] >= 0 {
                    out[row * outLength + i] = v[row * sourceLength + sources[row * outLength + i]]
                }
            }
            return try .make(shape, out)
        }
        return try TensorMath.onFloats(t.dtype, { () throws(AutogradError) in try run(Float.self) },
                                       { () throws(AutogradError) in try run(Double.self) })
    }

    /// `out[row, targets[row·inLength + i]] += t[row, i]`: a scatter-add along the last axis
    /// (a plain write without `accumulate`).
    static func scatterRows(
        _ t: Tensor, rows: Int, inLength: Int, targets: [Int], outShape: [Int], accumulate: Bool = true
    ) throws(AutogradError) -> Tensor {
        let outLength = outShape.last ?? 0
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let v = t.array(type)
            var out = [S](repeating: 0, count: rows * outLength)
            for row in 0..<rows {
                for i in 0..<inLength where targets[row * inLength + i] >= 0 {
                    let at = row * outLength + targets[row * inLength + i]
                    out[at] = accumulate ? out[at] + v[row * inLength + i] : v[row * inLength + i]
                }
            }
            return try .make(outShape, out)
        }
        return try TensorMath.onFloats(t.dtype, { () throws(AutogradError) in try run(Float.self) },
                                       { () throws(AutogradError) in try run(Double.self) })
    }
}

/// A tensor seen as rows along its last axis, for kernels that map each row to `outLength` values.
struct RowLayout {
    let count: Int
    let length: Int
    let outShape: [Int]

    init(_ shape: [Int], outLength: Int) {
        length = shape.last ?? 0
        count = length == 0 ? product(shape.dropLast()) : product(shape) / length
        outShape = Array(shape.dropLast()) + [outLength]
    }

    /// Each row mapped through `body` (in Double, rounded to the tensor's dtype: a window's sum
    /// is accumulated in Double as PyTorch's float32 kernels accumulate it in a wider type).
    func map(_ t: Tensor, _ body: (ArraySlice<Double>) -> [Double]) throws(AutogradError) -> Tensor {
        let scalars = t.scalars
        var out: [Double] = []
        for row in 0..<count { out += body(scalars[(row * length)..<((row + 1) * length)]) }
        return try Tensor.make(outShape, out).converted(to: t.dtype)
    }

    /// A gradient of the input's shape from `g` (of ``outShape``): `body(i, value, add)` adds
    /// output `i`'s share to positions of the row.
    func scatter(
        _ g: Tensor, into shape: [Int], dtype: DType, _ body: (Int, Double, (Int, Double) -> Void) -> Void
    ) throws(AutogradError) -> Tensor {
        let gv = g.scalars, outLength = outShape.last ?? 0
        var out = [Double](repeating: 0, count: count * length)
        for row in 0..<count {
            for i in 0..<outLength {
                body(i, gv[row * outLength + i]) { position, share in out[row * length + position] += share }
            }
        }
        return try Tensor.make(shape, out).converted(to: dtype)
    }
}
