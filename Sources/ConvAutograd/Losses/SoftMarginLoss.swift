import ConvNumerics

extension Functional {
    /// `F.soft_margin_loss(x, y)`: `log(1 + e^(−y·x))` per element, reduced
    /// (`SoftMarginLossBackward0`), in the input's precision as PyTorch's kernel computes it.
    public static func softMarginLoss(_ x: Variable, _ target: Tensor, reduction: LossReduction) throws(AutogradError) -> Variable {
        let dtype = try floatingDType(x.data, operation: "soft_margin_loss")
        guard target.shape == x.shape else { throw .shapeMismatch(operation: "soft_margin_loss", left: x.shape, right: target.shape) }
        let y = target.converted(to: dtype), input = x.data
        func forward<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let v = input.array(type), t = y.array(type)
            let losses = zip(v, t).map { S.logOnePlus(S.exponential(-$1 * $0)) }
            return try ReducedLoss<S>(reduction: reduction, shape: input.shape, divisor: S(v.count)).reduce(losses)
        }
        let out = try TensorMath.onFloats(dtype, { () throws(AutogradError) in try forward(Float.self) },
                                          { () throws(AutogradError) in try forward(Double.self) })
        return .record("SoftMarginLossBackward0", out, inputs: [x]) { g throws(AutogradError) in
            func backward<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
                let v = input.array(type), t = y.array(type), upstream = g.array(type)
                // PyTorch: −y·z/(1 + z)·norm·grad with z = e^(−y·x), norm 1/n for the mean.
                let norm: S = reduction == .mean ? 1 / S(v.count) : 1
                let grad = v.indices.map { i -> S in
                    let z = S.exponential(-t[i] * v[i])
                    let g = reduction == .none ? upstream[i] : upstream[0]
                    return -t[i] * z / (1 + z) * norm * g
                }
                return try .make(input.shape, grad)
            }
            return [try TensorMath.onFloats(dtype, { () throws(AutogradError) in try backward(Float.self) },
                                            { () throws(AutogradError) in try backward(Double.self) })]
        }
    }

    /// `F.logsigmoid(x)`: `min(x, 0) − log1p(e^(−|x|))` (`LogSigmoidBackward0`), as PyTorch's
    /// CPU kernel computes it.
    public static func logSigmoid(_ x: Variable) throws(AutogradError) -> Variable {
        let dtype = try floatingDType(x.data, operation: "log_sigmoid")
        let input = x.data
        func forward<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            try .make(input.shape, input.array(type).map { v in Swift.min(v, 0) - S.logOnePlus(S.exponential(-Swift.abs(v))) })
        }
        let out = try TensorMath.onFloats(dtype, { () throws(AutogradError) in try forward(Float.self) },
                                          { () throws(AutogradError) in try forward(Double.self) })
        return .record("LogSigmoidBackward0", out, inputs: [x]) { g throws(AutogradError) in
            func backward<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
                let v = input.array(type), upstream = g.array(type)
                return try .make(input.shape, v.indices.map { i -> S in
                    let negative = v[i] < 0
                    let z = S.exponential(-Swift.abs(v[i]))
                    return upstream[i] * ((negative ? 1 : 0) - (negative ? 1 : -1) * (z / (1 + z)))
                })
            }
            return [try TensorMath.onFloats(dtype, { () throws(AutogradError) in try backward(Float.self) },
                                            { () throws(AutogradError) in try backward(Double.self) })]
        }
    }
}
