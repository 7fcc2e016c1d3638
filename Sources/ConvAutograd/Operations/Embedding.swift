import ConvNumerics

extension Functional {
    /// `F.embedding(indices, weight, padding_idx)`: the rows of `weight` (`num × dim`) at
    /// `positions`, which the caller has checked lie in `0..<num`, shaped `indexShape + [dim]`
    /// (`EmbeddingBackward0`). The weight's gradient adds each gradient row into the row it was
    /// read from, in the order of the indices, as PyTorch's `index_add_` does; the row
    /// `paddingIndex` (if any) gets no gradient.
    public static func embedding(
        _ weight: Variable, positions: [Int], indexShape: [Int], paddingIndex: Int?
    ) throws(AutogradError) -> Variable {
        guard weight.data.rank == 2 else { throw .invalidArgument("'weight' must be 2-D") }
        let (rows, width) = (weight.shape[0], weight.shape[1])
        guard positions.allSatisfy({ $0 >= 0 && $0 < rows }) else { throw .invalidArgument("index out of range in self") }
        let outShape = indexShape + [width]
        let data = weight.data
        let out: Tensor = switch data.dtype {
        case .float32: try .make(outShape, gatherRows(data.elements(as: Float.self) ?? [], positions, width))
        case .float64: try .make(outShape, gatherRows(data.elements(as: Double.self) ?? [], positions, width))
        case .int64: try rowsTensor(outShape, gatherRows(data.elements(as: Int64.self) ?? [], positions, width))
        case .int32: try rowsTensor(outShape, gatherRows(data.elements(as: Int32.self) ?? [], positions, width))
        case .bool: try rowsTensor(outShape, gatherRows(data.elements(as: Bool.self) ?? [], positions, width))
        }
        let weightShape = weight.shape
        return .record("EmbeddingBackward0", out, inputs: [weight], savesTensors: false) { g throws(AutogradError) in
            try [TensorMath.onFloats(
                g.dtype,
                { () throws(AutogradError) in
                    try .make(weightShape, scatterRows(g.array(Float.self), positions, rows, width, skipping: paddingIndex))
                },
                { () throws(AutogradError) in
                    try .make(weightShape, scatterRows(g.array(Double.self), positions, rows, width, skipping: paddingIndex))
                })]
        }
    }

    /// The rows at `positions` of a row-major matrix `width` wide, one after another.
    private static func gatherRows<E: TensorElement>(_ matrix: [E], _ positions: [Int], _ width: Int) -> [E] {
        var result: [E] = []
        result.reserveCapacity(positions.count * width)
        for position in positions {
            let start = position * width
            guard start + width <= matrix.count else { break }
            result.append(contentsOf: matrix[start..<start + width])
        }
        return result
    }

    /// A `rows × width` matrix of zeros with row `k` of `gradient` added into row
    /// `positions[k]`, for every `k` whose position is not `skipping`.
    private static func scatterRows<S: GradScalar>(
        _ gradient: [S], _ positions: [Int], _ rows: Int, _ width: Int, skipping: Int?
    ) -> [S] {
        var result = [S](repeating: .zero, count: rows * width)
        for (k, position) in positions.enumerated() where position != skipping {
            let (source, target) = (k * width, position * width)
            guard source + width <= gradient.count, target + width <= result.count else { continue }
            for j in 0..<width { result[target + j] += gradient[source + j] }
        }
        return result
    }

    private static func rowsTensor<E: TensorElement>(_ shape: [Int], _ elements: [E]) throws(AutogradError) -> Tensor {
        guard let tensor = Tensor(shape: shape, scalars: elements) else {
            throw .invalidArgument("internal: \(elements.count) elements do not fill shape \(shape)")
        }
        return tensor
    }
}
