import ConvAutograd
import ConvNumerics

/// The layers of ``PointwiseActivation``: each holds its function, and its engine forward records
/// PyTorch's node for it.
protocol PointwiseActivationModule: ActivationModule, DifferentiableModule {
    var function: PointwiseActivation { get }
    /// `inplace=True`: a tensor with autograd identity is changed in place.
    var inplace: Bool { get }
}

extension PointwiseActivationModule {
    var inplace: Bool { false }
    func activation(for input: Tensor, at range: SourceRange) -> Activation { .pointwise(function) }
    func forward(variable x: Variable) throws(AutogradError) -> Variable { try Functional.pointwise(x, function) }
}

/// `SiLU(inplace=False)`: PyTorch's `nn.SiLU`, `x·σ(x)`.
final class SiLU: PointwiseActivationModule {
    let trainingFlag = TrainingFlag()
    let function = PointwiseActivation.silu

    static let constructor = ActivationConstructor.builtin("SiLU", "x * sigmoid(x)", [PointwiseActivationBuiltins.inplace], make: make)

    /// The layer a call of `SiLU` or `silu` describes.
    static func make(_ call: BuiltinCall) throws(RuntimeError) -> SiLU {
        try PointwiseActivationBuiltins.refuseInPlace(call)
        return SiLU()
    }
}

/// `Mish(inplace=False)`: PyTorch's `nn.Mish`, `x·tanh(softplus(x))`.
final class Mish: PointwiseActivationModule {
    let trainingFlag = TrainingFlag()
    let function = PointwiseActivation.mish

    static let constructor = ActivationConstructor.builtin("Mish", "x * tanh(softplus(x))", [PointwiseActivationBuiltins.inplace], make: make)

    /// The layer a call of `Mish` or `mish` describes.
    static func make(_ call: BuiltinCall) throws(RuntimeError) -> Mish {
        try PointwiseActivationBuiltins.refuseInPlace(call)
        return Mish()
    }
}

/// `ELU(alpha=1.0, inplace=False)`: PyTorch's `nn.ELU`.
final class ELU: PointwiseActivationModule {
    let trainingFlag = TrainingFlag()
    let alpha: Double
    /// `alpha` as written (PyTorch keeps `ELU(alpha=2)`'s int): its repr and member show it so.
    let alphaValue: Value

    init(alpha: Value) { (self.alpha, self.alphaValue) = (alpha.asNumber ?? 1, alpha) }

    var function: PointwiseActivation { .elu(alpha: alpha) }
    var description: String { "ELU(alpha=\(PointwiseActivationBuiltins.written(alphaValue)))" }
    var members: [(name: String, value: Value)] { [("alpha", alphaValue)] }
    var jsonFields: [(String, String)] { [("alpha", JSONEncoding.number(alpha))] }

    static let parameters: [Builtin.Parameter] = [.optional("alpha", default: .number(1)), PointwiseActivationBuiltins.inplace]

    /// The layer a call of `ELU` or `elu` describes.
    static func make(_ call: BuiltinCall) throws(RuntimeError) -> ELU {
        try PointwiseActivationBuiltins.refuseInPlace(call)
        _ = try call.number("alpha")
        return ELU(alpha: call.value("alpha"))
    }

    static let constructor = ActivationConstructor.builtin("ELU", "x for x > 0, alpha * (exp(x) - 1) otherwise", parameters, make: make)
}

/// `Softplus(beta=1.0, threshold=20.0)`: PyTorch's `nn.Softplus`.
final class Softplus: PointwiseActivationModule {
    let trainingFlag = TrainingFlag()
    let beta: Double
    let threshold: Double
    /// `beta` and `threshold` as written (PyTorch keeps ints): the repr and members show them so.
    let written: (beta: Value, threshold: Value)

    init(beta: Value, threshold: Value) {
        (self.beta, self.threshold, self.written) = (beta.asNumber ?? 1, threshold.asNumber ?? 20, (beta, threshold))
    }

    var function: PointwiseActivation { .softplus(beta: beta, threshold: threshold) }
    var description: String {
        "Softplus(beta=\(PointwiseActivationBuiltins.written(written.beta)), threshold=\(PointwiseActivationBuiltins.written(written.threshold)))"
    }
    var members: [(name: String, value: Value)] { [("beta", written.beta), ("threshold", written.threshold)] }
    var jsonFields: [(String, String)] { [("beta", JSONEncoding.number(beta)), ("threshold", JSONEncoding.number(threshold))] }

    static let parameters: [Builtin.Parameter] = [.optional("beta", default: .number(1)), .optional("threshold", default: .number(20))]

    /// The layer a call of `Softplus` or `softplus` describes.
    static func make(_ call: BuiltinCall) throws(RuntimeError) -> Softplus {
        _ = (try call.number("beta"), try call.number("threshold"))
        return Softplus(beta: call.value("beta"), threshold: call.value("threshold"))
    }

    static let constructor = ActivationConstructor.builtin(
        "Softplus", "log(1 + exp(beta * x)) / beta, x itself where beta * x > threshold", parameters, make: make)
}
