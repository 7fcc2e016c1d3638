import ConvNumerics

/// The activation functions `leaky_relu`, `sigmoid`, `tanh`, `gelu` and `softmax`, as in
/// PyTorch: each applies the layer of the same name (`Modules/`) to its argument.
enum ActivationBuiltins {
    static let all: [Builtin] = [leakyReLU, sigmoid, tanh, gelu, softmax]

    static let leakyReLU = elementwise(
        "leaky_relu", "x for x >= 0, negative_slope * x otherwise", inTorch: false, extra: [LeakyReLU.slopeParameter, LeakyReLU.inplaceParameter],
        example: "leaky_relu([-2, 3], 0.1)        # [-0.2, 3]", make: LeakyReLU.make)

    static let sigmoid = elementwise("sigmoid", "1 / (1 + exp(-x)), the logistic function",
                                     example: "sigmoid(0)                      # 0.5") { _ throws(RuntimeError) in Sigmoid() }

    static let tanh = elementwise("tanh", "the hyperbolic tangent",
                                  example: "tanh([0, 1])                    # [0, 0.76159416]") { _ throws(RuntimeError) in Tanh() }

    static let gelu = elementwise(
        "gelu", "x * Phi(x) with Phi the standard normal CDF, 0.5*x*(1 + erf(x/sqrt(2))) exactly;\n"
            + "approximate=\"tanh\" uses PyTorch's tanh approximation instead",
        inTorch: false, extra: [GELU.approximateParameter],
        example: "gelu([-1, 0, 1])                # [-0.15865525, 0, 0.84134475]", make: GELU.make)

    static let softmax = Builtin(
        name: "softmax", aliases: ["torch.nn.functional.softmax", "torch.softmax"],
        parameters: [.required("x", "input"), .optional("dim", default: .number(-1))],
        summary: "exp(x) / sum(exp(x)) along one dimension",
        details: """
        softmax(x, dim=-1)

        Turns each line of x along dimension dim (negative counts from the end) into
        probabilities that sum to 1. Computed as exp(x - max) / sum(exp(x - max)), so large
        inputs do not overflow.
          softmax([1, 2, 3])              # [0.09003057, 0.24472847, 0.66524096]
          softmax([[1, 2], [3, 5]], dim=0)
        """,
        body: { call throws(RuntimeError) in try applyToValue(Softmax(dim: try call.integer("dim")), call) })

    // MARK: - Applying

    /// A number in gives a number out; anything else must be a tensor.
    private static func applyToValue(_ activation: any ActivationModule, _ call: BuiltinCall) throws(RuntimeError) -> Value {
        switch call.value("x") {
        case .number, .int:
            let x = call.value("x").asNumber ?? .nan
            let result = try activation.apply(Tensor(scalar: x), at: call.range)
            return .number(result.scalars.first ?? .nan)
        default:
            return .tensor(try activation.apply(try call.tensor("x"), at: call.range))
        }
    }

    // MARK: - Builders

    /// `F.name(x, ...)`, and `torch.name` too when `inTorch`.
    private static func elementwise(
        _ name: String, _ summary: String, inTorch: Bool = true, extra: [Builtin.Parameter] = [], example: String,
        make: @escaping @Sendable (BuiltinCall) throws(RuntimeError) -> any ActivationModule
    ) -> Builtin {
        let signature = ([name + "(x"] + extra.map { "\($0.name)=\(ValueFormatter.repr($0.defaultValue ?? .none))" })
            .joined(separator: ", ") + ")"
        return Builtin(
            name: name, aliases: ["torch.nn.functional.\(name)"] + (inTorch ? ["torch.\(name)"] : []),
            parameters: [.required("x", "input")] + extra,
            summary: summary.split(separator: "\n").first.map(String.init) ?? summary,
            details: """
            \(signature)

            \(summary), of a number or of every element of a tensor.
              \(example)
            """,
            body: { call throws(RuntimeError) in try applyToValue(try make(call), call) })
    }
}
