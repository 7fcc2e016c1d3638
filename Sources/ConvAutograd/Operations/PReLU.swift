import ConvNumerics

extension Functional {
    /// `x` where `x > 0`, else `weight·x` (`PreluKernelBackward0`), with one weight for every
    /// channel (dimension 1, or the whole of a rank-0 or rank-1 input) or a single weight for all.
    public static func prelu(_ x: Variable, weight w: Variable) throws(AutogradError) -> Variable {
        let channels = x.data.rank >= 2 ? x.shape[1] : 1
        let count = w.data.count
        guard count == 1 || count == channels else {
            throw .invalidArgument("Mismatch of parameter numbers and input channel size. Found parameter numbers = \(count) and channel size = \(channels).")
        }
        // The weight viewed to broadcast along dimension 1.
        let weightShape = count == 1 || x.data.rank < 2 ? [Int](repeating: 1, count: x.data.rank)
            : [1, count] + [Int](repeating: 1, count: x.data.rank - 2)
        let weight = try TensorMath.broadcast(try w.data.converted(to: x.dtype).viewed(weightShape), to: x.shape)
        let input = x.data
        let dtype = try floatingDType(input, operation: "prelu")
        let out = try TensorMath.onFloats(
            dtype,
            { () throws(AutogradError) in try TensorMath.zipMap(input, weight, Float.self) { xv, wv in xv > 0 ? xv : wv * xv } },
            { () throws(AutogradError) in try TensorMath.zipMap(input, weight, Double.self) { xv, wv in xv > 0 ? xv : wv * xv } })
        let weightGivenShape = w.shape
        return .record("PreluKernelBackward0", out, inputs: [x, w]) { g throws(AutogradError) in
            func run<S: GradScalar>(_ t: S.Type) throws(AutogradError) -> [Tensor?] {
                let inputGradient = try TensorMath.zipMap3(g, input, weight, t) { gv, xv, wv in xv > 0 ? gv : wv * gv }
                let contributions = try TensorMath.zipMap(g, input, t) { gv, xv in xv > 0 ? 0 : xv * gv }
                return [inputGradient, try TensorMath.sum(contributions, to: weightShape).viewed(weightGivenShape)]
            }
            return try TensorMath.onFloats(dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
        }
    }
}
