import ConvNumerics

/// Indexing NumPy arrays as NumPy does: `a[1]` (a scalar of a 1-D array, a row of a 2-D one),
/// `a[1:3]`, `a[::-1]`, `a[0, 1]`, `a[:, 0]`, and boolean masks `a[a > 0]`; assignment to the
/// same selections (`a[0] = 5`, `a[1:3] = 0`, `a[a < 0] = 0`) changes the array in place, so
/// every name bound to it sees the change. Out-of-range indices are NumPy's IndexError.
extension Evaluator {
    /// What a subscript picks: flat offsets of a boolean mask, or one selection per axis.
    private enum NumPySelection {
        case mask([Int])
        case axes([AxisSelection])
    }

    /// `a[...]` for a NumPy array `base`; nil for any other value.
    func numpyItem(of base: Value, _ subscripts: [Subscript], range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> Value? {
        guard let array = base.numpyArray else { return nil }
        let tensor = array.tensor
        switch try numpySelection(tensor, subscripts, range: range, locals) {
        case .mask(let offsets):
            return .array(TensorGeometry.gather(tensor, shape: [offsets.count], sources: offsets) ?? tensor)
        case .axes(let selections):
            let (shape, offsets) = Self.offsets(of: tensor, selections)
            if shape.isEmpty, let offset = offsets.first { return .numpyElement(tensor, at: offset) }
            return .array(TensorGeometry.gather(tensor, shape: shape, sources: offsets) ?? tensor)
        }
    }

    /// `a[...] = value` for a NumPy array `container`, in place; false for any other value.
    func setNumPyItem(of container: Value, _ subscripts: [Subscript], to value: Value, range: SourceRange,
                      _ locals: Locals?) throws(RuntimeError) -> Bool {
        guard let array = container.numpyArray else { return false }
        let tensor = array.tensor
        let shape: [Int], offsets: [Int]
        switch try numpySelection(tensor, subscripts, range: range, locals) {
        case .mask(let picked): (shape, offsets) = ([picked.count], picked)
        case .axes(let selections): (shape, offsets) = Self.offsets(of: tensor, selections)
        }
        let given = try NumPyLibrary.tensor(value, dtype: nil, what: "the assigned value", at: range).converted(to: .float64)
        guard let target = Tensor(repeating: 0, shape: shape),
              let spread = Broadcasting.combine(target, given, { $1 }), spread.shape == shape else {
            throw RuntimeError("could not broadcast input array from shape \(NumPyShapes.tuple(given.shape)) into shape \(NumPyShapes.tuple(shape))",
                               at: range, raising: .valueError)
        }
        var elements = tensor.scalars
        for (offset, element) in zip(offsets, spread.scalars) { elements[offset] = element }
        array.tensor = (Tensor(shape: tensor.shape, scalars: elements) ?? tensor).converted(to: tensor.dtype)
        return true
    }

    private func numpySelection(_ tensor: Tensor, _ subscripts: [Subscript], range: SourceRange,
                                _ locals: Locals?) throws(RuntimeError) -> NumPySelection {
        guard subscripts.count <= tensor.rank else {
            throw RuntimeError("too many indices for array: array is \(tensor.rank)-dimensional, but \(subscripts.count) were indexed",
                               at: range, raising: .indexError)
        }
        var selections: [AxisSelection] = []
        for (axis, item) in subscripts.enumerated() {
            guard case .index(let expr) = item else {
                selections.append(try select(item, extent: tensor.shape[axis], of: .tensorAxis(axis), locals))
                continue
            }
            let value = try evaluate(expr, locals)
            if let mask = value.numpyArray, mask.tensor.dtype == .bool {
                guard subscripts.count == 1, mask.tensor.shape == tensor.shape else {
                    throw RuntimeError("boolean index did not match indexed array: array has shape \(NumPyShapes.tuple(tensor.shape)), the mask \(NumPyShapes.tuple(mask.tensor.shape))",
                                       at: expr.range, raising: .indexError)
                }
                let flags = mask.tensor.boolScalars ?? []
                return .mask(flags.indices.filter { flags[$0] })
            }
            selections.append(try numpyIndex(value, extent: tensor.shape[axis], axis: axis, at: expr.range))
        }
        return .axes(selections)
    }

    /// One integer index, NumPy's IndexError when it is outside the axis.
    private func numpyIndex(_ value: Value, extent: Int, axis: Int, at range: SourceRange) throws(RuntimeError) -> AxisSelection {
        let value = value.numpyScalarValue ?? value  // `a[i[1]]`: a NumPy int indexes as the int it is
        if value.numpyArray != nil || value.asTensor != nil || { if case .list = value { true } else { false } }() {
            throw RuntimeError("conv's NumPy indexes with ints, slices and boolean masks, not with arrays of indices", at: range,
                               raising: .indexError)
        }
        let raw = try Coercion.integer(value, what: "an index", at: range)
        let index = raw < 0 ? raw + extent : raw
        guard index >= 0, index < extent else {
            throw RuntimeError("index \(raw) is out of bounds for axis \(axis) with size \(extent)", at: range, raising: .indexError)
        }
        return .single(index)
    }
}

enum NumPyIndexing {
    /// What `for x in a` walks: a 1-D array's scalars, the rows of a higher one.
    static func rows(_ tensor: Tensor) -> [Value] {
        guard let count = tensor.shape.first else { return [] }
        let rowShape = Array(tensor.shape.dropFirst())
        let rowCount = rowShape.reduce(1, *)
        return (0..<count).map { row in
            if rowShape.isEmpty { return .numpyElement(tensor, at: row) }
            let sources = Array((row * rowCount)..<((row + 1) * rowCount))
            return .array(TensorGeometry.gather(tensor, shape: rowShape, sources: sources) ?? tensor)
        }
    }
}
