import ConvAutograd
import ConvNumerics

// SELU, CELU, LogSigmoid, Softsign and Tanhshrink: the smooth activations of
// ``PointwiseActivation`` beside SiLU, ELU, Softplus and Mish (`PointwiseActivations.swift`).

/// `SELU(inplace=False)`: PyTorch's `nn.SELU`, ELU scaled by SELU's fixed constants.
final class SELU: PointwiseActivationModule {
    let trainingFlag = TrainingFlag()
    let function = PointwiseActivation.selu
    let inplace: Bool

    init(inplace: Bool) { self.inplace = inplace }

    var description: String { inplace ? "SELU(inplace=True)" : "SELU()" }
    var members: [(name: String, value: Value)] { [("inplace", .bool(inplace))] }

    /// The layer a call of `SELU` or `selu` describes.
    static func make(_ call: BuiltinCall) throws(RuntimeError) -> SELU { SELU(inplace: try call.bool("inplace")) }

    static let constructor = ActivationConstructor.builtin(
        "SELU", "scale * (x for x > 0, alpha * (exp(x) - 1) otherwise), with fixed alpha and scale",
        [PointwiseActivationBuiltins.inplace], make: make)
}

/// `CELU(alpha=1.0, inplace=False)`: PyTorch's `nn.CELU`.
final class CELU: PointwiseActivationModule {
    let trainingFlag = TrainingFlag()
    let alpha: Value
    let inplace: Bool

    init(alpha: Value, inplace: Bool) { (self.alpha, self.inplace) = (alpha, inplace) }

    var function: PointwiseActivation { .celu(alpha: alpha.asNumber ?? 1) }
    var description: String { "CELU(alpha=\(PointwiseActivationBuiltins.written(alpha))\(inplace ? ", inplace=True" : ""))" }
    var members: [(name: String, value: Value)] { [("alpha", alpha), ("inplace", .bool(inplace))] }
    var jsonFields: [(String, String)] { [("alpha", JSONEncoding.number(alpha.asNumber ?? 1))] }

    static let parameters: [Builtin.Parameter] = [.optional("alpha", default: .number(1)), PointwiseActivationBuiltins.inplace]

    /// The layer `nn.CELU(...)` describes.
    static func make(_ call: BuiltinCall) throws(RuntimeError) -> CELU {
        _ = try call.number("alpha")
        return CELU(alpha: call.value("alpha"), inplace: try call.bool("inplace"))
    }

    /// The layer `F.celu(...)` applies: alpha 0 is refused in PyTorch's words.
    static func makeFunction(_ call: BuiltinCall) throws(RuntimeError) -> CELU {
        guard try call.number("alpha") != 0 else { throw call.error("ZeroDivisionError: alpha cannot be 0 for CELU", at: "alpha") }
        return try make(call)
    }

    static let constructor = ActivationConstructor.builtin(
        "CELU", "x for x > 0, alpha * (exp(x / alpha) - 1) otherwise", parameters, make: make)
}

/// `LogSigmoid()`: PyTorch's `nn.LogSigmoid`, `log(1 / (1 + e^−x))` without overflow.
final class LogSigmoid: PointwiseActivationModule {
    let trainingFlag = TrainingFlag()
    let function = PointwiseActivation.logSigmoid

    static let constructor = ActivationConstructor.builtin("LogSigmoid", "log(sigmoid(x))") { _ throws(RuntimeError) in LogSigmoid() }
}

/// `Softsign()`: PyTorch's `nn.Softsign`, `x / (1 + |x|)`.
final class Softsign: PointwiseActivationModule {
    let trainingFlag = TrainingFlag()
    let function = PointwiseActivation.softsign

    static let constructor = ActivationConstructor.builtin("Softsign", "x / (1 + |x|)") { _ throws(RuntimeError) in Softsign() }
}

/// `Tanhshrink()`: PyTorch's `nn.Tanhshrink`, `x − tanh(x)`.
final class Tanhshrink: PointwiseActivationModule {
    let trainingFlag = TrainingFlag()
    let function = PointwiseActivation.tanhshrink

    static let constructor = ActivationConstructor.builtin("Tanhshrink", "x - tanh(x)") { _ throws(RuntimeError) in Tanhshrink() }
}
