import ConvNumerics

/// Operations whose result is some of the input's elements, chosen by value: the elementwise
/// `maximum`/`minimum` of two tensors, elements taken along a dimension at given positions
/// (`sort`, `topk`, `median(dim)`), and one value shared evenly among the elements equal to it
/// (`median()`). The gradient goes back to the elements chosen, as PyTorch sends it.
extension Variable {
    /// The elementwise larger of `self` and `other`, broadcast (`MaximumBackward0`): the
    /// gradient goes to the larger operand, half to each where they are equal.
    public func maximum(_ other: Variable) throws(AutogradError) -> Variable {
        try extremum(other, largest: true)
    }

    /// The elementwise smaller of `self` and `other` (`MinimumBackward0`).
    public func minimum(_ other: Variable) throws(AutogradError) -> Variable {
        try extremum(other, largest: false)
    }

    private func extremum(_ other: Variable, largest: Bool) throws(AutogradError) -> Variable {
        let (a, b) = (data, other.data)
        let dtype = try floatingDType(a, b, operation: largest ? "maximum" : "minimum")
        func forward<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
            guard let shape = Broadcasting.shape(a.shape, b.shape) else {
                throw .shapeMismatch(operation: largest ? "maximum" : "minimum", left: a.shape, right: b.shape)
            }
            return try TensorMath.zipMap(try TensorMath.broadcast(a, to: shape), try TensorMath.broadcast(b, to: shape), t) { x, y in
                x.isNaN || y.isNaN ? S.nan : (largest ? Swift.max(x, y) : Swift.min(x, y))
            }
        }
        let out = try TensorMath.onFloats(dtype, { () throws(AutogradError) in try forward(Float.self) },
                                          { () throws(AutogradError) in try forward(Double.self) })
        return .record(largest ? "MaximumBackward0" : "MinimumBackward0", out, inputs: [self, other]) { g throws(AutogradError) in
            // PyTorch: where(a == b, g / 2, g), zeroed where the operand lost.
            func share<S: GradScalar>(_ t: S.Type, mine: Tensor, theirs: Tensor) throws(AutogradError) -> Tensor {
                let (x, y) = (try TensorMath.broadcast(mine, to: g.shape), try TensorMath.broadcast(theirs, to: g.shape))
                return try TensorMath.zipMap3(g, x, y, t) { gv, u, v in
                    if u == v { return gv / 2 }
                    return (largest ? u < v : u > v) ? 0 : gv
                }
            }
            func run<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> [Tensor?] {
                [try TensorMath.sum(try share(t, mine: a, theirs: b), to: a.shape),
                 try TensorMath.sum(try share(t, mine: b, theirs: a), to: b.shape)]
            }
            return try TensorMath.onFloats(dtype, { () throws(AutogradError) in try run(Float.self) },
                                           { () throws(AutogradError) in try run(Double.self) })
        }
    }

    /// The elements at `indices` (int64 positions along `dim`) of each line along `dim`
    /// (`name`: `SortBackward0`, `TopkBackward0`, `MedianBackward1`, ...), laid out as `indices`
    /// is: the input's shape with `dim` the number taken, or without `dim` for one; each
    /// element's gradient is the sum of the upstream gradients of the places it was taken to.
    public func taken(along dim: Int, indices: Tensor, name: String) throws(AutogradError) -> Variable {
        let x = data
        _ = try floatingDType(x, operation: name)
        let axis = try wrapDimension(dim, rank: x.rank)
        let extent = x.rank == 0 ? 1 : x.shape[axis]
        let inner = x.rank == 0 ? 1 : product(x.shape[(axis + 1)...])
        let outer = x.count / Swift.max(extent * inner, 1)
        let positions = indices.converted(to: .int64).elements(as: Int64.self) ?? []
        let taken = positions.count / Swift.max(outer * inner, 1)
        guard positions.count == outer * taken * inner, positions.allSatisfy({ $0 >= 0 && Int($0) < extent }) else {
            throw .invalidArgument("internal: positions of shape \(indices.shape) do not fit a tensor of shape \(x.shape)")
        }
        // The flat offset in x of each output element.
        var offsets: [Int] = []
        offsets.reserveCapacity(positions.count)
        for o in 0..<outer {
            for j in 0..<taken {
                for i in 0..<inner { offsets.append(o * extent * inner + Int(positions[(o * taken + j) * inner + i]) * inner + i) }
            }
        }
        return try picked(at: offsets, shape: indices.shape, name: name)
    }

    /// The elements at flat `offsets`, laid out in `shape` (each offset may be taken more than
    /// once, or not at all): the gradient of each element is the sum of the upstream gradients
    /// of the places it went to.
    func picked(at offsets: [Int], shape outShape: [Int], name: String) throws(AutogradError) -> Variable {
        let dtype = try floatingDType(data, operation: name)
        let out = try TensorMath.gatherItems(data, at: offsets, shape: outShape)
        let inputShape = shape
        return .record(name, out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            func run<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
                let upstream = g.array(t)
                var grad = [S](repeating: 0, count: product(inputShape))
                for (index, offset) in offsets.enumerated() { grad[offset] += upstream[index] }
                return try .make(inputShape, grad)
            }
            return [try TensorMath.onFloats(dtype, { () throws(AutogradError) in try run(Float.self) },
                                            { () throws(AutogradError) in try run(Double.self) })]
        }
    }

    /// `value`, one of the elements, as a 0-d tensor whose gradient is shared evenly among the
    /// elements equal to it (NaN among NaNs), as PyTorch's `median()` shares it
    /// (`name`: `MedianBackward0`).
    public func chosen(_ value: Tensor, name: String) throws(AutogradError) -> Variable {
        let x = data
        let dtype = try floatingDType(x, operation: name)
        let target = value.converted(to: .float64).scalars.first ?? .nan
        let scalars = x.converted(to: .float64).scalars
        let ties = scalars.indices.filter { scalars[$0] == target || (target.isNaN && scalars[$0].isNaN) }
        let out = try Tensor.make([], [target]).converted(to: dtype)
        return .record(name, out, inputs: [self]) { g throws(AutogradError) in
            var grad = [Double](repeating: 0, count: scalars.count)
            let share = (g.converted(to: .float64).scalars.first ?? 0) / Double(Swift.max(ties.count, 1))
            for index in ties { grad[index] = share }
            return [try Tensor.make(x.shape, grad).converted(to: dtype)]
        }
    }
}

extension Variable {
    /// `self` where `condition` is not 0, `other` elsewhere, the three broadcast together
    /// (`WhereBackward0`): each operand's gradient is the upstream gradient where it was chosen,
    /// summed back to its shape.
    public func selected(where condition: Tensor, otherwise other: Variable) throws(AutogradError) -> Variable {
        let dtype = try floatingDType(data, other.data, operation: "where")
        let mask = condition.converted(to: .float64)
        guard let shape = Broadcasting.shape(mask.shape, shape).flatMap({ Broadcasting.shape($0, other.shape) }) else {
            throw .shapeMismatch(operation: "where", left: shape, right: other.shape)
        }
        let chosen = try TensorMath.broadcast(mask, to: shape).scalars.map { $0 != 0 }
        let a = try TensorMath.broadcast(data.converted(to: .float64), to: shape).scalars
        let b = try TensorMath.broadcast(other.data.converted(to: .float64), to: shape).scalars
        let out = try Tensor.make(shape, chosen.indices.map { chosen[$0] ? a[$0] : b[$0] }).converted(to: dtype)
        let (aShape, bShape) = (self.shape, other.shape)
        return .record("WhereBackward0", out, inputs: [self, other], savesTensors: false) { g throws(AutogradError) in
            let upstream = g.converted(to: .float64).scalars
            let left = try Tensor.make(shape, chosen.indices.map { chosen[$0] ? upstream[$0] : 0 })
            let right = try Tensor.make(shape, chosen.indices.map { chosen[$0] ? 0 : upstream[$0] })
            return [try TensorMath.sum(left, to: aShape).converted(to: dtype), try TensorMath.sum(right, to: bShape).converted(to: dtype)]
        }
    }
}

extension Variable {
    /// `value` where `mask` holds, the element elsewhere (`MaskedFillBackward0`): the gradient
    /// passes where the mask is false and is 0 where it is true. `mask` has one flag per element.
    public func maskedFilled(_ mask: [Bool], value: Double) throws(AutogradError) -> Variable {
        let dtype = try floatingDType(data, operation: "masked_fill")
        let x = data.converted(to: .float64).scalars
        guard mask.count == x.count else { throw .shapeMismatch(operation: "masked_fill", left: shape, right: [mask.count]) }
        let out = try Tensor.make(shape, x.indices.map { mask[$0] ? value : x[$0] }).converted(to: dtype)
        let inputShape = shape
        return .record("MaskedFillBackward0", out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            let upstream = g.converted(to: .float64).scalars
            return [try Tensor.make(inputShape, upstream.indices.map { mask[$0] ? 0 : upstream[$0] }).converted(to: dtype)]
        }
    }
}
