import ConvNumerics

/// Operations that keep or replace elements by a test of each one: `masked_select` (the
/// elements where a mask is true, in order) and `nan_to_num` (NaN and the infinities replaced
/// by finite numbers).
extension Variable {
    /// The elements where `mask` is true, in row-major order, as one dimension
    /// (`MaskedSelectBackward0`); `mask` has this tensor's shape (the caller broadcasts both).
    /// The gradient of each kept element goes back to its place; the others get 0.
    public func maskedSelect(_ mask: [Bool]) throws(AutogradError) -> Variable {
        let x = data
        let dtype = try floatingDType(x, operation: "masked_select")
        guard mask.count == x.count else {
            throw .invalidArgument("internal: a mask of \(mask.count) elements for \(x.count) elements")
        }
        let places = mask.indices.filter { mask[$0] }
        let scalars = x.converted(to: .float64).scalars
        let out = try Tensor.make([places.count], places.map { scalars[$0] }).converted(to: dtype)
        return .record("MaskedSelectBackward0", out, inputs: [self]) { g throws(AutogradError) in
            let upstream = g.converted(to: .float64).scalars
            var grad = [Double](repeating: 0, count: x.count)
            for (k, place) in places.enumerated() where k < upstream.count { grad[place] = upstream[k] }
            return [try Tensor.make(x.shape, grad).converted(to: dtype)]
        }
    }

    /// NaN replaced by `nan`, +∞ by `posinf` and −∞ by `neginf`, each rounded to the tensor's
    /// dtype (`NanToNumBackward0`); the gradient passes where the element was finite and is 0
    /// where it was replaced.
    public func nanToNum(nan: Double, posinf: Double, neginf: Double) throws(AutogradError) -> Variable {
        let x = data
        let dtype = try floatingDType(x, operation: "nan_to_num")
        let scalars = x.converted(to: .float64).scalars
        let out = try Tensor.make(x.shape, scalars.map { value in
            value.isNaN ? nan : value == .infinity ? posinf : value == -.infinity ? neginf : value
        }).converted(to: dtype)
        return .record("NanToNumBackward0", out, inputs: [self]) { g throws(AutogradError) in
            let upstream = g.converted(to: .float64).scalars
            let grad = zip(upstream, scalars).map { $1.isFinite ? $0 : 0 }
            return [try Tensor.make(x.shape, grad).converted(to: dtype)]
        }
    }
}

extension Variable {
    /// The elementwise larger (`largest`) or smaller of `self` and `other` where a NaN loses
    /// (`FmaxBackward0`, `FminBackward0`): as PyTorch, the gradient goes to `self` where it won
    /// or `other` is NaN, to `other` where it won or `self` is NaN, half to each on a tie.
    public func nanIgnoringExtremum(_ other: Variable, largest: Bool) throws(AutogradError) -> Variable {
        let (a, b) = (data, other.data)
        let name = largest ? "fmax" : "fmin"
        let dtype = try floatingDType(a, b, operation: name)
        guard let shape = Broadcasting.shape(a.shape, b.shape) else { throw .shapeMismatch(operation: name, left: a.shape, right: b.shape) }
        func forward<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
            try TensorMath.zipMap(try TensorMath.broadcast(a, to: shape), try TensorMath.broadcast(b, to: shape), t) { x, y in
                if x.isNaN || y.isNaN { return x.isNaN ? y : x }
                return largest ? Swift.max(x, y) : Swift.min(x, y)
            }
        }
        let out = try TensorMath.onFloats(dtype, { () throws(AutogradError) in try forward(Float.self) },
                                          { () throws(AutogradError) in try forward(Double.self) })
        return .record(largest ? "FmaxBackward0" : "FminBackward0", out, inputs: [self, other]) { g throws(AutogradError) in
            func run<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> [Tensor?] {
                let (x, y) = (try TensorMath.broadcast(a, to: g.shape), try TensorMath.broadcast(b, to: g.shape))
                // A tie's gradient is split in half, as PyTorch's maximum splits it.
                let mine = try TensorMath.zipMap3(g, x, y, t) { gv, u, v in u == v ? gv / 2 : (largest ? u > v : u < v) || v.isNaN ? gv : 0 }
                let theirs = try TensorMath.zipMap3(g, x, y, t) { gv, u, v in u == v ? gv / 2 : (largest ? u > v : u < v) || v.isNaN ? 0 : gv }
                return [try TensorMath.sum(mine, to: a.shape), try TensorMath.sum(theirs, to: b.shape)]
            }
            return try TensorMath.onFloats(dtype, { () throws(AutogradError) in try run(Float.self) },
                                           { () throws(AutogradError) in try run(Double.self) })
        }
    }

    /// `torch.unique`'s values, recorded as PyTorch records them (`Unique2Backward0`), which
    /// has no derivative: a backward pass through them is refused in PyTorch's words.
    public func uniqueValues(_ values: Tensor) -> Variable {
        .record("Unique2Backward0", values, inputs: [self]) { _ throws(AutogradError) in
            throw .invalidArgument("the derivative for '_unique2' is not implemented.")
        }
    }
}
