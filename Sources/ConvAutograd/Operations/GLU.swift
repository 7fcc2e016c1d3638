import ConvNumerics

extension Functional {
    /// The gated linear unit along `dim` (`GluBackward0`): the input cut into halves `a` and `b`
    /// there, and `a·σ(b)`; `dim` must have an even extent.
    public static func glu(_ x: Variable, dim: Int = -1) throws(AutogradError) -> Variable {
        guard x.data.rank > 0 else { throw .invalidArgument("glu does not support scalars because halving size must be even") }
        let axis = try wrapDimension(dim, rank: x.data.rank)
        let extent = x.shape[axis]
        guard extent % 2 == 0 else {
            throw .invalidArgument("Halving dimension must be even, but dimension \(axis) is size \(extent)")
        }
        let whole = Variable(constant: x.data)
        let a = try whole.slice(dim: axis, end: extent / 2).data
        let b = try whole.slice(dim: axis, start: extent / 2).data
        let dtype = try floatingDType(x.data, operation: "glu")
        let out = try TensorMath.onFloats(
            dtype,
            { () throws(AutogradError) in try TensorMath.zipMap(a, b, Float.self) { av, bv in av * (1 / (1 + Float.exponential(-bv))) } },
            { () throws(AutogradError) in try TensorMath.zipMap(a, b, Double.self) { av, bv in av * (1 / (1 + Double.exponential(-bv))) } })
        return .record("GluBackward0", out, inputs: [x]) { g throws(AutogradError) in
            func halves<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> Tensor {
                let first = try TensorMath.zipMap(g, b, t) { gv, bv in gv * (1 / (1 + S.exponential(-bv))) }
                let second = try TensorMath.zipMap3(g, a, b, t) { gv, av, bv in
                    let sigmoid = 1 / (1 + S.exponential(-bv))
                    return (1 - sigmoid) * sigmoid * av * gv
                }
                return try TensorMath.concatenate([first, second], dim: axis)
            }
            return [try TensorMath.onFloats(
                dtype, { () throws(AutogradError) in try halves(Float.self) }, { () throws(AutogradError) in try halves(Double.self) })]
        }
    }
}
