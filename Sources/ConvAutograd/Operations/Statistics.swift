import ConvNumerics

/// Variance, standard deviation, product and the extremes without indices (`amax`, `amin`), over everything or along dimensions, with
/// PyTorch's gradients (`VarBackward0`, `StdBackward0`, `ProdBackward0`, `ProdBackward1`).
///
/// Each is computed in float64 and given in the input's dtype; the backward pass reads the
/// input's values again, grouped as the forward grouped them (``ReductionGroups``).
extension Variable {
    /// The variance along `dims` (every element when nil), `Σ(x − mean)² / (n − correction)`
    /// (`VarBackward0`): gradient `g · 2(x − mean) / (n − correction)`. With `n − correction ≤ 0`
    /// the value and gradient are PyTorch's inf and NaN.
    public func variance(dims: [Int]? = nil, correction: Double = 1, keepDimensions: Bool = false) throws(AutogradError) -> Variable {
        try spread(dims: dims, correction: correction, keepDimensions: keepDimensions, root: false)
    }

    /// The standard deviation, the square root of ``variance(dims:correction:keepDimensions:)``
    /// (`StdBackward0`): gradient `g / (2·std)` through the variance, and 0 where the standard
    /// deviation is 0 (every element equal), as PyTorch masks it.
    public func std(dims: [Int]? = nil, correction: Double = 1, keepDimensions: Bool = false) throws(AutogradError) -> Variable {
        try spread(dims: dims, correction: correction, keepDimensions: keepDimensions, root: true)
    }

    private func spread(dims: [Int]?, correction: Double, keepDimensions: Bool, root: Bool) throws(AutogradError) -> Variable {
        let dtype = try floatingDType(data, operation: root ? "std" : "var")
        let layout = try ReductionGroups(shape: shape, dims: dims, keepDimensions: keepDimensions)
        let x = data.converted(to: .float64).scalars
        var means: [Double] = [], values: [Double] = []
        for group in layout.groups {
            let mean = group.reduce(0) { $0 + x[$1] } / Double(group.count)
            let squares = group.reduce(0) { $0 + (x[$1] - mean) * (x[$1] - mean) }
            let variance = squares / Swift.max(0, Double(group.count) - correction)
            means.append(mean)
            values.append(root ? variance.squareRoot() : variance)
        }
        let out = try layout.output(values, dtype: dtype)
        return .record(root ? "StdBackward0" : "VarBackward0", out, inputs: [self]) { g throws(AutogradError) in
            try layout.inputGradient(g, dtype: dtype) { index, group, upstream, grad in
                var scale = upstream
                if root { scale = values[index] == 0 ? 0 : scale / (2 * values[index]) }
                let divisor = Swift.max(0, Double(group.count) - correction)
                for offset in group { grad[offset] = scale * 2 * (x[offset] - means[index]) / divisor }
            }
        }
    }

    /// The product of every element (`ProdBackward0`).
    public func prod() throws(AutogradError) -> Variable {
        try product(dims: nil, keepDimensions: false, name: "ProdBackward0")
    }

    /// The product along `dim` (`ProdBackward1`).
    public func prod(dim: Int, keepDimensions: Bool = false) throws(AutogradError) -> Variable {
        try product(dims: [dim], keepDimensions: keepDimensions, name: "ProdBackward1")
    }

    /// Each element's gradient is the product of the other elements of its group: `prod / x`
    /// without zeros; with one zero, that element gets the product of the rest and the others
    /// 0; with two or more, every element gets 0, as PyTorch computes it.
    private func product(dims: [Int]?, keepDimensions: Bool, name: String) throws(AutogradError) -> Variable {
        let dtype = try floatingDType(data, operation: "prod")
        let layout = try ReductionGroups(shape: shape, dims: dims, keepDimensions: keepDimensions)
        let x = data.converted(to: .float64).scalars
        let values = layout.groups.map { group in group.reduce(1.0) { $0 * x[$1] } }
        let out = try layout.output(values, dtype: dtype)
        return .record(name, out, inputs: [self]) { g throws(AutogradError) in
            try layout.inputGradient(g, dtype: dtype) { index, group, upstream, grad in
                let zeros = group.filter { x[$0] == 0 }
                switch zeros.count {
                case 0:
                    for offset in group { grad[offset] = upstream * values[index] / x[offset] }
                case 1:
                    let others = group.reduce(1.0) { $1 == zeros[0] ? $0 : $0 * x[$1] }
                    grad[zeros[0]] = upstream * others
                default:
                    break
                }
            }
        }
    }
}

extension Variable {
    /// The largest value along `dims` (every dimension when nil or empty), without indices
    /// (`AmaxBackward0`): each group's gradient is shared evenly among its elements equal to the
    /// largest, as PyTorch shares it.
    public func amax(dims: [Int]? = nil, keepDimensions: Bool = false) throws(AutogradError) -> Variable {
        try extremum(dims: dims, keepDimensions: keepDimensions, largest: true)
    }

    /// The smallest value along `dims` (`AminBackward0`).
    public func amin(dims: [Int]? = nil, keepDimensions: Bool = false) throws(AutogradError) -> Variable {
        try extremum(dims: dims, keepDimensions: keepDimensions, largest: false)
    }

    private func extremum(dims: [Int]?, keepDimensions: Bool, largest: Bool) throws(AutogradError) -> Variable {
        let name = largest ? "amax" : "amin"
        let dtype = try floatingDType(data, operation: name)
        let layout = try ReductionGroups(shape: shape, dims: dims, keepDimensions: keepDimensions)
        let x = data.converted(to: .float64).scalars
        let values = layout.groups.map { group -> Double in
            let elements = group.map { x[$0] }
            if elements.contains(where: \.isNaN) { return .nan }
            return (largest ? elements.max() : elements.min()) ?? .nan
        }
        let out = try layout.output(values, dtype: dtype)
        return .record(largest ? "AmaxBackward0" : "AminBackward0", out, inputs: [self]) { g throws(AutogradError) in
            try layout.inputGradient(g, dtype: dtype) { index, group, upstream, grad in
                let target = values[index]
                let ties = group.filter { x[$0] == target || (target.isNaN && x[$0].isNaN) }
                for offset in ties { grad[offset] = upstream / Double(ties.count) }
            }
        }
    }
}

/// How a reduction groups its input: for each output element (row-major), the offsets of the
/// input elements it reduces, in order.
struct ReductionGroups {
    let inputShape: [Int]
    /// The output's shape (the reduced dimensions kept as 1 when asked).
    let outputShape: [Int]
    let groups: [[Int]]

    /// `dims` nil or empty reduces every dimension.
    init(shape: [Int], dims: [Int]?, keepDimensions: Bool) throws(AutogradError) {
        var reduced = Set<Int>()
        for dim in dims ?? [] { reduced.insert(try wrapDimension(dim, rank: shape.count)) }
        if reduced.isEmpty { reduced = Set(shape.indices) }
        let kept = shape.indices.map { reduced.contains($0) ? 1 : shape[$0] }
        inputShape = shape
        outputShape = keepDimensions ? kept : shape.indices.filter { !reduced.contains($0) }.map { shape[$0] }
        var groups = [[Int]](repeating: [], count: product(kept))
        let targets = mappedOffsets(of: shape, into: kept) { coordinates in
            shape.indices.map { reduced.contains($0) ? 0 : coordinates[$0] }
        }
        for (offset, target) in targets.enumerated() { groups[target].append(offset) }
        self.groups = groups
    }

    /// One value per group as the output tensor, in `dtype`.
    func output(_ values: [Double], dtype: DType) throws(AutogradError) -> Tensor {
        try Tensor.make(outputShape, values).converted(to: dtype)
    }

    /// The input's gradient in `dtype`, from the output's gradient `g`: for each group, `fill`
    /// writes into `grad` (zeros, in float64, in the input's layout) the gradients of the group's
    /// elements, given the group's index, its offsets and its upstream gradient.
    func inputGradient(
        _ g: Tensor, dtype: DType, _ fill: (_ index: Int, _ group: [Int], _ upstream: Double, _ grad: inout [Double]) -> Void
    ) throws(AutogradError) -> [Tensor] {
        let upstream = g.converted(to: .float64).scalars
        var grad = [Double](repeating: 0, count: product(inputShape))
        for (index, group) in groups.enumerated() { fill(index, group, upstream[index], &grad) }
        return [try Tensor.make(inputShape, grad).converted(to: dtype)]
    }
}
