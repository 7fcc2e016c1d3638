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
