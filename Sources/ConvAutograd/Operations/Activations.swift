import ConvNumerics

/// Activation functions: forward through ConvNumerics' ``Activation`` kernels (so values are
/// the language's), backward through one specialised loop per function.
extension Variable {
    /// `max(x, 0)` (`ReluBackward0`); the gradient at exactly 0 is 0, as in PyTorch.
    public func relu() throws(AutogradError) -> Variable { try activate(.relu, .relu, name: "ReluBackward0") }
    /// `1/(1+e^−x)` (`SigmoidBackward0`).
    public func sigmoid() throws(AutogradError) -> Variable { try activate(.sigmoid, .sigmoid, name: "SigmoidBackward0") }
    /// The hyperbolic tangent (`TanhBackward0`).
    public func tanh() throws(AutogradError) -> Variable { try activate(.tanh, .tanh, name: "TanhBackward0") }

    /// An elementwise activation: forward by ConvNumerics, backward by `gradient`.
    func activate(_ activation: Activation, _ gradient: ActivationGradient, name: String, savingOutput: Bool = false) throws(AutogradError) -> Variable {
        let x = data
        let out: Tensor
        do { out = try activation.apply(x) } catch { throw .tensor(error) }
        // relu, sigmoid and tanh write their gradient with the output, the others with the input.
        let saving: Saving = savingOutput || [.relu, .sigmoid, .tanh].contains(gradient.recordKind) ? .output : .inputs
        return .record(name, out, inputs: [self], saving: saving,
                       details: .activation(gradient.recordKind, input: x, output: out)) { g throws(AutogradError) in
            [try gradient.backward(g, input: x, output: out)]
        }
    }

    /// Softmax along `dim` (`SoftmaxBackward0`): gradient `y·(g − Σ g·y)` along the dim.
    public func softmax(dim: Int) throws(AutogradError) -> Variable {
        let axis = try wrapDimension(dim, rank: data.rank)
        let out: Tensor
        do { out = try Activation.softmax(axis: axis).apply(data) } catch { throw .tensor(error) }
        return .record("SoftmaxBackward0", out, inputs: [self], saving: .output) { g throws(AutogradError) in
            [try TensorMath.softmaxBackward(g, output: out, axis: axis, logarithmic: false)]
        }
    }

    /// `log(softmax(x))` along `dim`, computed as `x − max − log Σ e^(x−max)`
    /// (`LogSoftmaxBackward0`): gradient `g − e^y · Σ g` along the dim.
    public func logSoftmax(dim: Int) throws(AutogradError) -> Variable {
        let axis = try wrapDimension(dim, rank: data.rank)
        let out = try TensorMath.logSoftmax(data, axis: axis)
        return .record("LogSoftmaxBackward0", out, inputs: [self], saving: .output) { g throws(AutogradError) in
            [try TensorMath.softmaxBackward(g, output: out, axis: axis, logarithmic: true)]
        }
    }
}

extension Functional {
    /// `x` where `x ≥ 0`, else `slope·x` (`LeakyReluBackward0`); the gradient at 0 is the slope.
    /// `inPlace`: the form `leaky_relu_` records (`LeakyReluBackward1`, which saves its output).
    public static func leakyReLU(_ x: Variable, negativeSlope: Double = 0.01, inPlace: Bool = false) throws(AutogradError) -> Variable {
        try x.activate(.leakyReLU(negativeSlope: negativeSlope), .leakyReLU(negativeSlope),
                       name: inPlace ? "LeakyReluBackward1" : "LeakyReluBackward0", savingOutput: inPlace)
    }

    /// GELU, exact or with PyTorch's tanh approximation (`GeluBackward0`).
    public static func gelu(_ x: Variable, tanhApproximation: Bool = false) throws(AutogradError) -> Variable {
        try x.activate(
            .gelu(tanhApproximation: tanhApproximation), .gelu(tanhApproximation: tanhApproximation), name: "GeluBackward0")
    }
}

/// The derivative of each elementwise activation, as PyTorch's backward kernels compute it.
enum ActivationGradient {
    case relu
    case leakyReLU(Double)
    case sigmoid
    case tanh
    case gelu(tanhApproximation: Bool)
    case pointwise(PointwiseActivation)

    /// How an ``OperationRecord`` names it.
    var recordKind: OperationRecord.ActivationKind {
        switch self {
        case .relu: .relu
        case .leakyReLU(let slope): .leakyReLU(slope: slope)
        case .sigmoid: .sigmoid
        case .tanh: .tanh
        case .gelu: .gelu
        case .pointwise(let function): .pointwise(name: function.name)
        }
    }

    func backward(_ g: Tensor, input: Tensor, output: Tensor) throws(AutogradError) -> Tensor {
        let dtype = try floatingDType(g, input, operation: "activation backward")
        return try TensorMath.onFloats(
            dtype, { () throws(AutogradError) in try run(g, input, output, Float.self) },
            { () throws(AutogradError) in try run(g, input, output, Double.self) })
    }

    private func run<S: GradScalar>(_ g: Tensor, _ x: Tensor, _ y: Tensor, _ t: S.Type) throws(AutogradError) -> Tensor {
        switch self {
        case .relu:
            return try TensorMath.zipMap(g, y, t) { gv, yv in yv > 0 ? gv : 0 }
        case .leakyReLU(let slope):
            let s = S(slope)
            return try TensorMath.zipMap(g, x, t) { gv, xv in xv > 0 ? gv : gv * s }
        case .sigmoid:
            return try TensorMath.zipMap(g, y, t) { gv, yv in gv * (1 - yv) * yv }
        case .tanh:
            return try TensorMath.zipMap(g, y, t) { gv, yv in gv * (1 - yv * yv) }
        case .gelu(false):
            // PyTorch: cdf = ½(1 + erf(x/√2)), pdf = e^(−x²/2)/√(2π), grad·(cdf + x·pdf).
            let alpha = S(0.5).squareRoot(), beta = S(2 / Double.pi.squareRoot()) * S(0.5).squareRoot() * S(0.5)
            return try TensorMath.zipMap(g, x, t) { gv, xv in
                let cdf = S(0.5) * (1 + S.errorFunction(xv * alpha))
                let pdf = S.exponential(S(-0.5) * xv * xv) * beta
                return gv * (cdf + xv * pdf)
            }
        case .gelu(true):
            let beta = S(2).squareRoot() * S(2 / Double.pi.squareRoot()) * S(0.5), kappa = S(0.044715)
            return try TensorMath.zipMap(g, x, t) { gv, xv in
                let cube = xv * xv * xv
                let inner = beta * (xv + kappa * cube)
                let tanhInner = S.hyperbolicTangent(inner)
                let left = S(0.5) * xv, right = 1 + tanhInner
                let leftDerivative = S(0.5) * right
                let tanhDerivative = 1 - tanhInner * tanhInner
                let innerDerivative = beta * (1 + 3 * kappa * xv * xv)
                return gv * (left * tanhDerivative * innerDerivative + leftDerivative)
            }
        case .pointwise(let function):
            return try TensorMath.zipMap(g, x, t) { gv, xv in function.gradient(gv, at: xv) }
        }
    }
}

extension TensorMath {
    /// Lines of `t` along `axis`: `(outer, extent, inner)`, line `(o, i)` starting at
    /// `o·extent·inner + i` with step `inner`.
    static func lines(_ shape: [Int], axis: Int) -> (outer: Int, extent: Int, inner: Int) {
        guard !shape.isEmpty else { return (1, 1, 1) }
        let inner = product(shape[(axis + 1)...])
        return (product(shape[..<axis]), shape[axis], inner)
    }

    /// `x − max − log Σ e^(x − max)` along `axis`.
    static func logSoftmax(_ t: Tensor, axis: Int) throws(AutogradError) -> Tensor {
        let dtype = try floatingDType(t, operation: "log_softmax")
        let (outer, extent, inner) = lines(t.shape, axis: axis)
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            var v = t.array(type)
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * extent * inner + i
                    var maximum = -S.infinity
                    for j in 0..<extent { maximum = Swift.max(maximum, v[base + j * inner]) }
                    var total: S = 0
                    for j in 0..<extent { total += S.exponential(v[base + j * inner] - maximum) }
                    let shift = maximum + S.logarithm(total)
                    for j in 0..<extent { v[base + j * inner] -= shift }
                }
            }
            return try .make(t.shape, v)
        }
        return try onFloats(dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }

    /// Softmax's backward `y·(g − Σ g·y)`, or log-softmax's `g − e^y·Σ g`, along `axis`.
    static func softmaxBackward(_ g: Tensor, output: Tensor, axis: Int, logarithmic: Bool) throws(AutogradError) -> Tensor {
        let dtype = try floatingDType(g, output, operation: "softmax backward")
        let (outer, extent, inner) = lines(g.shape, axis: axis)
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let gv = g.array(type), y = output.array(type)
            var out = [S](repeating: 0, count: gv.count)
            for o in 0..<outer {
                for i in 0..<inner {
                    let base = o * extent * inner + i
                    var total: S = 0
                    for j in 0..<extent {
                        let k = base + j * inner
                        total += logarithmic ? gv[k] : gv[k] * y[k]
                    }
                    for j in 0..<extent {
                        let k = base + j * inner
                        out[k] = logarithmic ? gv[k] - S.exponential(y[k]) * total : y[k] * (gv[k] - total)
                    }
                }
            }
            return try .make(g.shape, out)
        }
        return try onFloats(dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }
}
