import ConvNumerics

/// `LeakyReLU(negative_slope=0.01)`: PyTorch's `nn.LeakyReLU`.
final class LeakyReLU: ActivationModule {
    let negativeSlope: Double

    init(negativeSlope: Double) { self.negativeSlope = negativeSlope }

    var description: String { "LeakyReLU(negative_slope=\(ActivationConstructor.pythonFloat(negativeSlope)))" }

    func activation(for input: Tensor, at range: SourceRange) -> Activation { .leakyReLU(negativeSlope: negativeSlope) }

    var members: [(name: String, value: Value)] { [("negative_slope", .number(negativeSlope))] }
    var jsonFields: [(String, String)] { [("negative_slope", JSONEncoding.number(negativeSlope))] }

    static let slopeParameter = Builtin.Parameter.optional("negative_slope", default: .number(0.01))

    /// The layer a call of `LeakyReLU` or `leaky_relu` describes.
    static func make(_ call: BuiltinCall) throws(RuntimeError) -> LeakyReLU {
        LeakyReLU(negativeSlope: try call.number("negative_slope"))
    }

    static let constructor = ActivationConstructor.builtin(
        "LeakyReLU", "x for x >= 0, negative_slope * x otherwise", [slopeParameter], make: make)
}
