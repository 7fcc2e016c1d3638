import ConvNumerics

/// `LeakyReLU(negative_slope=0.01, inplace=False)`: PyTorch's `nn.LeakyReLU`. With `inplace=True`
/// a tensor with autograd identity is changed in place (as `ReLU(inplace=True)` does).
final class LeakyReLU: ActivationModule {
    let trainingFlag = TrainingFlag()
    let negativeSlope: Double
    let inplace: Bool

    init(negativeSlope: Double, inplace: Bool = false) { (self.negativeSlope, self.inplace) = (negativeSlope, inplace) }

    var description: String {
        "LeakyReLU(negative_slope=\(ActivationConstructor.pythonFloat(negativeSlope))\(inplace ? ", inplace=True" : ""))"
    }

    func activation(for input: Tensor, at range: SourceRange) -> Activation { .leakyReLU(negativeSlope: negativeSlope) }

    var members: [(name: String, value: Value)] { [("negative_slope", .number(negativeSlope))] }
    var jsonFields: [(String, String)] { [("negative_slope", JSONEncoding.number(negativeSlope))] }

    static let slopeParameter = Builtin.Parameter.optional("negative_slope", default: .number(0.01))
    static let inplaceParameter = Builtin.Parameter.optional("inplace", default: .bool(false))

    /// The layer a call of `LeakyReLU` or `leaky_relu` describes.
    static func make(_ call: BuiltinCall) throws(RuntimeError) -> LeakyReLU {
        LeakyReLU(negativeSlope: try call.number("negative_slope"), inplace: try call.bool("inplace"))
    }

    static let constructor = ActivationConstructor.builtin(
        "LeakyReLU", "x for x >= 0, negative_slope * x otherwise", [slopeParameter, inplaceParameter], make: make)
}
