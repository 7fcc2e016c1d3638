import ConvNumerics

/// In-place operations (`y.add_(1)`, `y.relu_()`, `y[0] = 0`) as PyTorch records them.
///
/// A variable's data is a value, so an in-place operation is the operation itself, recorded on
/// the old variable, whose result takes the old one's place: the caller (the language's
/// tensor object) holds the returned variable from then on. It shares the old variable's
/// version counter, one higher, so a node that saved the old values refuses to run in a later
/// backward pass. What the operation itself saves of its receiver is the value before the change
/// (PyTorch saves a copy), so only saved outputs (`relu_`, `exp_`) are checked later.
extension Variable {
    /// The variable `operation(self)` leaves when it changes `self` in place.
    ///
    /// With nothing to record (grad mode off, or nothing requires grad) the values of `self` are
    /// replaced and `self` is returned. A leaf that requires grad is refused while grad mode is
    /// on (`view`: the change is to an element or slice of it, as `x[0] = 1`), and the result
    /// must keep the receiver's shape and dtype.
    public func inPlace(view: Bool = false, _ operation: (Variable) throws(AutogradError) -> Variable) throws(AutogradError) -> Variable {
        if GradMode.isEnabled, isLeaf, requiresGrad { throw .leafInPlace(view: view) }
        let result = try operation(self)
        guard result.shape == shape else { throw .inPlaceShape(output: shape, broadcast: result.shape) }
        guard let node = result.gradFn else {
            try assign(result.data.dtype == dtype ? result.data : result.data.converted(to: dtype))
            return self
        }
        guard result.dtype == dtype else { throw .dtypeMismatch(operation: node.name, left: dtype, right: result.dtype) }
        versionCounter.bump()
        node.saved = node.saved.compactMap { saved in
            if saved.counter === result.versionCounter { return SavedVersion(output: saved, rebasedOnto: versionCounter) }
            return saved.counter === versionCounter ? nil : saved
        }
        versionCounter.producer = node.name
        return Variable(result: result.data, gradFn: node, versionCounter: versionCounter)
    }

    /// `min(max(self, min), max)` with either bound left out (`ClampBackward1`): the gradient
    /// passes where the value lies strictly inside the bounds and is 0 elsewhere, at a bound and
    /// at NaN too, as PyTorch 2.15 computes it. `name` is the node's (`ClampMinBackward0` for
    /// `clamp_min`).
    public func clamp(min low: Double?, max high: Double?, name: String = "ClampBackward1") throws(AutogradError) -> Variable {
        let x = data
        func forward<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
            let (lo, hi) = (low.map { S($0) }, high.map { S($0) })
            return try TensorMath.map(x, t) { v in
                guard !v.isNaN else { return v }
                var out = v
                if let lo, out < lo { out = lo }
                if let hi, out > hi { out = hi }
                return out
            }
        }
        let out = try TensorMath.onFloats(x.dtype, { () throws(AutogradError) in try forward(Float.self) },
                                          { () throws(AutogradError) in try forward(Double.self) })
        return .record(name, out, inputs: [self]) { g throws(AutogradError) in
            func backward<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
                let (lo, hi) = (low.map { S($0) }, high.map { S($0) })
                return try TensorMath.zipMap(g, x, t) { grad, v in
                    (lo.map { v > $0 } ?? true) && (hi.map { v < $0 } ?? true) ? grad : 0
                }
            }
            return [try TensorMath.onFloats(g.dtype, { () throws(AutogradError) in try backward(Float.self) },
                                            { () throws(AutogradError) in try backward(Double.self) })]
        }
    }

    /// Every element set to `value` (`FillBackward2`; `ZeroBackward0` for `zero_`): the old
    /// values get no gradient.
    public func filled(_ value: Double, name: String = "FillBackward2") throws(AutogradError) -> Variable {
        let out = try TensorMath.broadcast(constant(value).data, to: shape)
        let (shape, dtype) = (self.shape, self.dtype)
        return .record(name, out, inputs: [self], savesTensors: false) { _ throws(AutogradError) in
            [try TensorMath.broadcast(Tensor(scalar: 0).converted(to: dtype), to: shape)]
        }
    }

    /// The values of `source` (broadcast to this shape, in this dtype) in place of these
    /// (`CopyBackwards`): the old values get no gradient, `source` the gradient summed back to
    /// its shape, in its dtype.
    public func copied(from source: Variable) throws(AutogradError) -> Variable {
        let out = try TensorMath.broadcast(source.data.converted(to: dtype), to: shape)
        let (shape, dtype, sourceShape, sourceType) = (self.shape, self.dtype, source.shape, source.dtype)
        return .record("CopyBackwards", out, inputs: [self, source], savesTensors: false) { g throws(AutogradError) in
            [try TensorMath.broadcast(Tensor(scalar: 0).converted(to: dtype), to: shape),
             try TensorMath.sum(g, to: sourceShape).converted(to: sourceType)]
        }
    }

    /// The elements at `offsets` (row-major, a selection of shape `selection`) replaced by
    /// `source` broadcast to that shape (`CopySlices`, as `y[i] = v` records): the old values
    /// get the gradient with the replaced elements zeroed, `source` the replaced elements'
    /// gradient summed back to its shape, in its dtype.
    /// `name` is the node's (`IndexPutBackward0`, ... for an index array).
    public func settingItems(at offsets: [Int], selection: [Int], to source: Variable, name: String = "CopySlices") throws(AutogradError) -> Variable {
        let values = try TensorMath.broadcast(source.data.converted(to: dtype), to: selection)
        guard values.count == offsets.count else { throw .shapeMismatch(operation: "copy_", left: selection, right: source.shape) }
        let (sourceShape, sourceType) = (source.shape, source.dtype)
        let out = try TensorMath.scatterItems(values, into: data, at: offsets)
        return .record(name, out, inputs: [self, source], savesTensors: false) { g throws(AutogradError) in
            let zeros = try TensorMath.broadcast(Tensor(scalar: 0).converted(to: g.dtype), to: selection)
            let picked = try TensorMath.gatherItems(g, at: offsets, shape: selection)
            return [try TensorMath.scatterItems(zeros, into: g, at: offsets),
                    try TensorMath.sum(picked, to: sourceShape).converted(to: sourceType)]
        }
    }

    /// The values in another floating dtype (`ToCopyBackward0`), the gradient converted back;
    /// to an integer or bool dtype the result is a constant, as PyTorch's is.
    public func converted(to target: DType) throws(AutogradError) -> Variable {
        let out = data.converted(to: target)
        guard target.isFloatingPoint else { return Variable(constant: out) }
        let source = dtype
        return .record("ToCopyBackward0", out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            [g.converted(to: source)]
        }
    }
}

extension Variable {
    /// The elements at flat `offsets` (in range, repeats allowed) as a tensor of `shape`
    /// (`IndexBackward0`, as `x[idx]` and `x[mask]` record, or the node `name` of another
    /// gather, such as `unfold`'s): the gradient of an element picked several times is summed.
    public func elements(at offsets: [Int], shape: [Int], name: String = "IndexBackward0") throws(AutogradError) -> Variable {
        let out = try TensorMath.gatherItems(data, at: offsets, shape: shape)
        let inputShape = self.shape
        return .record(name, out, inputs: [self], savesTensors: false) { g throws(AutogradError) in
            [try TensorMath.scatterAddItems(g, into: inputShape, at: offsets)]
        }
    }
}

extension TensorMath {
    /// Zeros of `shape` with `values`' elements added at `offsets`, in order.
    static func scatterAddItems(_ values: Tensor, into shape: [Int], at offsets: [Int]) throws(AutogradError) -> Tensor {
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            var out = [S](repeating: 0, count: shape.reduce(1, *))
            let source = values.array(type)
            for (index, offset) in offsets.enumerated() where out.indices.contains(offset) && source.indices.contains(index) {
                out[offset] += source[index]
            }
            return try .make(shape, out)
        }
        return try onFloats(values.dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }

    /// `base` with the elements at `offsets` replaced by `values`' elements, in order.
    static func scatterItems(_ values: Tensor, into base: Tensor, at offsets: [Int]) throws(AutogradError) -> Tensor {
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            var out = base.array(type)
            let source = values.array(type)
            for (index, offset) in offsets.enumerated() where out.indices.contains(offset) && source.indices.contains(index) {
                out[offset] = source[index]
            }
            return try .make(base.shape, out)
        }
        return try onFloats(base.dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }

    /// The elements of `t` at `offsets`, as a tensor of `shape`.
    static func gatherItems(_ t: Tensor, at offsets: [Int], shape: [Int]) throws(AutogradError) -> Tensor {
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let source = t.array(type)
            return try .make(shape, offsets.map { source.indices.contains($0) ? source[$0] : 0 })
        }
        return try onFloats(t.dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }
}
