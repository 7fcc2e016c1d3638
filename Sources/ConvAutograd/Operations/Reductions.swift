import ConvNumerics

/// Sums, means and extrema, over everything or along dimensions.
extension Variable {
    /// The sum of every element (`SumBackward0`).
    public func sum() throws(AutogradError) -> Variable {
        let inputShape = shape
        let out = try TensorMath.sum(data, dims: [], keepDimensions: false)
        return .record("SumBackward0", out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            [try TensorMath.broadcast(g, to: inputShape)]
        }
    }

    /// The sum along `dims` (`SumBackward1`), keeping them as size 1 when `keepDimensions`.
    public func sum(dims: [Int], keepDimensions: Bool = false) throws(AutogradError) -> Variable {
        let (out, keptShape) = try reduceAlong(dims, keepDimensions)
        let inputShape = shape
        return .record("SumBackward1", out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            [try TensorMath.broadcast(try g.viewed(keptShape), to: inputShape)]
        }
    }

    /// The mean of every element (`MeanBackward0`).
    public func mean() throws(AutogradError) -> Variable {
        let inputShape = shape
        let n = Double(data.count)
        let out = try TensorMath.binary(try TensorMath.sum(data, dims: [], keepDimensions: false), scalar: n, .divide)
        return .record("MeanBackward0", out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            [try TensorMath.broadcast(try TensorMath.binary(g, scalar: n, .divide), to: inputShape)]
        }
    }

    /// The mean along `dims` (`MeanBackward1`).
    public func mean(dims: [Int], keepDimensions: Bool = false) throws(AutogradError) -> Variable {
        let (total, keptShape) = try reduceAlong(dims, keepDimensions)
        let n = Double(data.count / Swift.max(product(keptShape), 1))
        let out = try TensorMath.binary(total, scalar: n, .divide)
        let inputShape = shape
        return .record("MeanBackward1", out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            [try TensorMath.broadcast(try TensorMath.binary(try g.viewed(keptShape), scalar: n, .divide), to: inputShape)]
        }
    }

    /// The sum along wrapped `dims` and the shape with those dims kept as 1.
    private func reduceAlong(_ dims: [Int], _ keep: Bool) throws(AutogradError) -> (Tensor, [Int]) {
        var wrapped: [Int] = []
        for dim in dims { wrapped.append(try wrapDimension(dim, rank: data.rank)) }
        let out = try TensorMath.sum(data, dims: wrapped.isEmpty && data.rank == 0 ? [] : wrapped, keepDimensions: keep)
        let kept = data.shape.indices.map { wrapped.contains($0) ? 1 : data.shape[$0] }
        return (out, kept)
    }

    /// The largest element (`MaxBackward1`); the gradient is shared evenly among ties.
    public func max() throws(AutogradError) -> Variable { try extreme(largest: true) }
    /// The smallest element (`MinBackward1`); the gradient is shared evenly among ties.
    public func min() throws(AutogradError) -> Variable { try extreme(largest: false) }

    private func extreme(largest: Bool) throws(AutogradError) -> Variable {
        let x = data
        let dtype = try floatingDType(x, operation: largest ? "max" : "min")
        guard x.count > 0 else {
            throw .invalidArgument("\(largest ? "max" : "min")(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
        }
        func run<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> (Tensor, [Int]) {
            let v = x.array(t)
            var best = v[0]
            for value in v where value.isNaN || (largest ? value > best : value < best) {
                best = value
                if value.isNaN { break }
            }
            let ties = v.indices.filter { v[$0] == best || (best.isNaN && v[$0].isNaN) }
            return (try .make([], [best]), ties)
        }
        let (out, ties) = try TensorMath.onFloats(dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
        return .record(largest ? "MaxBackward1" : "MinBackward1", out, inputs: [self]) { g throws(AutogradError) in
            func back<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
                var grad = [S](repeating: 0, count: x.count)
                let share = g.array(t)[0] / S(ties.count)
                for index in ties { grad[index] = share }
                return try .make(x.shape, grad)
            }
            return [try TensorMath.onFloats(dtype, { () throws(AutogradError) in try back(Float.self) }, { () throws(AutogradError) in try back(Double.self) })]
        }
    }

    /// The largest elements along `dim` and their (first) indices (`MaxBackward0`).
    public func max(dim: Int, keepDimensions: Bool = false) throws(AutogradError) -> (values: Variable, indices: Tensor) {
        try extreme(dim: dim, keepDimensions: keepDimensions, largest: true)
    }

    /// The smallest elements along `dim` and their (first) indices (`MinBackward0`).
    public func min(dim: Int, keepDimensions: Bool = false) throws(AutogradError) -> (values: Variable, indices: Tensor) {
        try extreme(dim: dim, keepDimensions: keepDimensions, largest: false)
    }

    private func extreme(dim: Int, keepDimensions: Bool, largest: Bool) throws(AutogradError) -> (values: Variable, indices: Tensor) {
        let x = data
        let dtype = try floatingDType(x, operation: largest ? "max" : "min")
        let axis = try wrapDimension(dim, rank: x.rank)
        let extent = x.rank == 0 ? 1 : x.shape[axis]
        guard extent > 0 else { throw .invalidArgument("\(largest ? "max" : "min")(): Expected reduction dim \(dim) to have non-zero size.") }
        let inner = x.rank == 0 ? 1 : product(x.shape[(axis + 1)...])
        let outer = x.count / Swift.max(extent * inner, 1)
        var kept = x.shape
        if x.rank > 0 { kept[axis] = 1 }
        let outShape = keepDimensions ? kept : x.shape.indices.filter { $0 != axis }.map { x.shape[$0] }
        func run<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> (Tensor, [Int64]) {
            let v = x.array(t)
            var values: [S] = [], indices: [Int64] = []
            values.reserveCapacity(outer * inner)
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * extent * inner + i
                    var best = v[base], at = 0
                    for j in 1..<Swift.max(extent, 1) {
                        let value = v[base + j * inner]
                        if best.isNaN { break }
                        if value.isNaN || (largest ? value > best : value < best) { best = value; at = j }
                    }
                    values.append(best)
                    indices.append(Int64(at))
                }
            }
            return (try .make(outShape, values), indices)
        }
        let (out, indices) = try TensorMath.onFloats(dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
        guard let indexTensor = Tensor(shape: outShape, scalars: indices) else { throw .invalidArgument("internal: indices") }
        let result = Variable.record(largest ? "MaxBackward0" : "MinBackward0", out, inputs: [self]) { g throws(AutogradError) in
            func back<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
                let gv = g.array(t)
                var grad = [S](repeating: 0, count: x.count)
                for o in 0..<outer {
                    for i in 0..<inner {
                        let k = o * inner + i
                        grad[o * extent * inner + Int(indices[k]) * inner + i] += gv[k]
                    }
                }
                return try .make(x.shape, grad)
            }
            return [try TensorMath.onFloats(dtype, { () throws(AutogradError) in try back(Float.self) }, { () throws(AutogradError) in try back(Double.self) })]
        }
        return (result, indexTensor)
    }
}
