import ConvNumerics

extension Functional {
    /// `x·σ(x)` (`SiluBackward0`).
    public static func silu(_ x: Variable) throws(AutogradError) -> Variable {
        try x.activate(.pointwise(.silu), .pointwise(.silu), name: "SiluBackward0")
    }

    /// `x` for `x > 0`, else `alpha·(e^x − 1)` (`EluBackward0`).
    public static func elu(_ x: Variable, alpha: Double = 1) throws(AutogradError) -> Variable {
        try x.activate(.pointwise(.elu(alpha: alpha)), .pointwise(.elu(alpha: alpha)), name: "EluBackward0")
    }

    /// `log(1 + e^(beta·x))/beta`, linear above `threshold` (`SoftplusBackward0`).
    public static func softplus(_ x: Variable, beta: Double = 1, threshold: Double = 20) throws(AutogradError) -> Variable {
        let function = PointwiseActivation.softplus(beta: beta, threshold: threshold)
        return try x.activate(.pointwise(function), .pointwise(function), name: "SoftplusBackward0")
    }

    /// `x·tanh(softplus(x))` (`MishBackward0`).
    public static func mish(_ x: Variable) throws(AutogradError) -> Variable {
        try x.activate(.pointwise(.mish), .pointwise(.mish), name: "MishBackward0")
    }
}

extension PointwiseActivation {
    /// `g` times the derivative at `x`, in the order PyTorch's backward kernels multiply.
    func gradient<S: GradScalar>(_ g: S, at x: S) -> S {
        switch self {
        case .silu:
            let sigmoid = 1 / (1 + S.exponential(-x))
            return g * sigmoid * (1 + x * (1 - sigmoid))
        case .elu(let alpha):
            return x <= 0 ? g * S(alpha) * S.exponential(x) : g
        case .softplus(let beta, let threshold):
            let z = S.exponential(x * S(beta))
            return x * S(beta) > S(threshold) ? g : g * z / (z + 1)
        case .mish:
            let sigmoid = 1 / (1 + S.exponential(-x))
            let tanhSoftplus = S.hyperbolicTangent(S.logOnePlus(S.exponential(x)))
            return g * (tanhSoftplus + x * sigmoid * (1 - tanhSoftplus * tanhSoftplus))
        case .hardtanh(let low, let high):
            return x <= S(low) || x >= S(high) ? 0 : g
        case .selu:
            let (scale, negative) = Self.seluCoefficients(S.self)
            return x <= 0 ? g * 1 * negative * S.exponential(x) : g * scale
        case .celu(let alpha):
            let inverse = S(1 / alpha)
            return x <= 0 ? g * inverse * S(alpha) * S.exponential(x * inverse) : g
        case .logSigmoid:
            let negative = x < 0
            let z = S.exponential(-Swift.abs(x))
            return g * ((negative ? 1 : 0) - (negative ? 1 : -1) * (z / (1 + z)))
        case .softsign:
            // As the engine composes it: x / (1 + |x|), through DivBackward0 and AbsBackward0.
            let denominator = 1 + Swift.abs(x)
            let sign: S = x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0))
            return g / denominator + (-g * x / (denominator * denominator)) * sign
        case .tanhshrink:
            // As the engine composes it: x − tanh(x), through SubBackward0 and TanhBackward0.
            let y = S.hyperbolicTangent(x)
            return g + (-g) * (1 - y * y)
        case .hardswish:
            if x <= -3 { return 0 }
            return x < 3 ? g * (x / 3 + S(0.5)) : g
        case .hardsigmoid:
            // PyTorch's kernel writes 1/6 as a float literal, in float64 too.
            return x > -3 && x < 3 ? g * S(Float(1) / Float(6)) : 0
        case .softshrink(let lambd), .hardshrink(let lambd):
            return x >= -S(lambd) && x <= S(lambd) ? 0 : g
        case .threshold(let threshold, _):
            return x <= S(threshold) ? 0 : g
        }
    }
}

extension Functional {
    /// One of the ``PointwiseActivation``s, recorded as PyTorch records it: softsign and
    /// tanhshrink are compositions in PyTorch (`DivBackward0`, `SubBackward0`), and are composed
    /// here too so their graphs are PyTorch's. `inPlace`: the node the `_` form records
    /// (`selu_` is `EluBackward1`, `threshold_` is `ThresholdBackward1`).
    public static func pointwise(_ x: Variable, _ function: PointwiseActivation, inPlace: Bool = false) throws(AutogradError) -> Variable {
        switch function {
        case .softsign: return try x.div(try x.abs().add(1))
        case .tanhshrink: return try x.sub(try x.tanh())
        default: return try x.activate(.pointwise(function), .pointwise(function), name: nodeName(function, inPlace: inPlace))
        }
    }

    /// PyTorch's backward node for `function` (its in-place form's when `inPlace`).
    static func nodeName(_ function: PointwiseActivation, inPlace: Bool) -> String {
        let suffix = inPlace ? "Backward1" : "Backward0"
        return switch function {
        case .silu: "SiluBackward0"
        case .elu, .selu: "Elu" + suffix
        case .celu: "Celu" + suffix
        case .softplus: "SoftplusBackward0"
        case .mish: "MishBackward0"
        case .hardtanh: "HardtanhBackward0"
        case .logSigmoid: "LogSigmoidBackward0"
        case .softsign: "DivBackward0"
        case .hardswish: "HardswishBackward0"
        case .hardsigmoid: "HardsigmoidBackward0"
        case .tanhshrink: "SubBackward0"
        case .softshrink: "SoftshrinkBackward0"
        case .hardshrink: "HardshrinkBackward0"
        case .threshold: "Threshold" + suffix
        }
    }
}
