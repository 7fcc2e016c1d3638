import ConvNumerics

/// `GELU(approximate="none")`: PyTorch's `nn.GELU`, exact or with its tanh approximation.
final class GELU: ActivationModule {
    let trainingFlag = TrainingFlag()
    /// "none" or "tanh", as PyTorch spells it.
    let approximate: String

    init(approximate: String) { self.approximate = approximate }

    var description: String { "GELU(approximate='\(approximate)')" }

    func activation(for input: Tensor, at range: SourceRange) -> Activation { .gelu(tanhApproximation: approximate == "tanh") }

    var members: [(name: String, value: Value)] { [("approximate", .string(approximate))] }
    var jsonFields: [(String, String)] { [("approximate", JSONEncoding.string(approximate))] }

    static let approximateParameter = Builtin.Parameter.optional("approximate", default: .string("none"))

    /// The layer a call of `GELU` or `gelu` describes.
    static func make(_ call: BuiltinCall) throws(RuntimeError) -> GELU {
        let name = try call.string("approximate")
        guard name == "none" || name == "tanh" else {
            throw call.error("approximate must be \"none\" or \"tanh\", not \"\(name)\"", at: "approximate")
        }
        return GELU(approximate: name)
    }

    static let constructor = ActivationConstructor.builtin(
        "GELU", "x * Phi(x), Phi the normal CDF (exact erf form)", [approximateParameter], make: make)
}
