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
        }
    }
}

extension Functional {
    /// One of SiLU, ELU, Softplus and Mish, recorded under PyTorch's node name.
    public static func pointwise(_ x: Variable, _ function: PointwiseActivation) throws(AutogradError) -> Variable {
        switch function {
        case .silu: try silu(x)
        case .elu(let alpha): try elu(x, alpha: alpha)
        case .softplus(let beta, let threshold): try softplus(x, beta: beta, threshold: threshold)
        case .mish: try mish(x)
        }
    }
}
