import ConvNumerics

/// Activation functions (`leaky_relu`, `sigmoid`, `tanh`, `gelu`, `softmax`) and the layers
/// `ReLU`, `LeakyReLU`, `Sigmoid`, `Tanh`, `GELU`, `Softmax`, as in PyTorch.
enum ActivationBuiltins {
    static let all: [Builtin] = [
        leakyReLU, sigmoid, tanh, gelu, softmax,
        layer("ReLU", "max(x, 0)", []) { _ throws(RuntimeError) in .relu },
        layer("LeakyReLU", "x for x >= 0, negative_slope * x otherwise", [.optional("negative_slope", default: .number(0.01))]) {
            call throws(RuntimeError) in .leakyReLU(negativeSlope: try call.number("negative_slope"))
        },
        layer("Sigmoid", "1 / (1 + exp(-x))", []) { _ throws(RuntimeError) in .sigmoid },
        layer("Tanh", "the hyperbolic tangent", []) { _ throws(RuntimeError) in .tanh },
        layer("GELU", "x * Phi(x), Phi the normal CDF (exact erf form)", [.optional("approximate", default: .string("none"))]) {
            call throws(RuntimeError) in .gelu(approximate: try approximation(call))
        },
        layer("Softmax", "exp(x) / sum(exp(x)) along dimension dim", [.required("dim")]) { call throws(RuntimeError) in
            .softmax(dim: try call.integer("dim"))
        },
    ]

    static let leakyReLU = elementwise(
        "leaky_relu", "x for x >= 0, negative_slope * x otherwise",
        extra: [.optional("negative_slope", default: .number(0.01))],
        example: "leaky_relu([-2, 3], 0.1)        # [-0.2, 3]"
    ) { call throws(RuntimeError) in .leakyReLU(negativeSlope: try call.number("negative_slope")) }

    static let sigmoid = elementwise("sigmoid", "1 / (1 + exp(-x)), the logistic function",
                                     example: "sigmoid(0)                      # 0.5") { _ throws(RuntimeError) in .sigmoid }

    static let tanh = elementwise("tanh", "the hyperbolic tangent",
                                  example: "tanh([0, 1])                    # [0, 0.76159416]") { _ throws(RuntimeError) in .tanh }

    static let gelu = elementwise(
        "gelu", "x * Phi(x) with Phi the standard normal CDF, 0.5*x*(1 + erf(x/sqrt(2))) exactly;\n"
            + "approximate=\"tanh\" uses PyTorch's tanh approximation instead",
        extra: [.optional("approximate", default: .string("none"))],
        example: "gelu([-1, 0, 1])                # [-0.15865525, 0, 0.84134475]"
    ) { call throws(RuntimeError) in .gelu(approximate: try approximation(call)) }

    static let softmax = Builtin(
        name: "softmax", parameters: [.required("x", "input"), .optional("dim", default: .number(-1))],
        summary: "exp(x) / sum(exp(x)) along one dimension",
        details: """
        softmax(x, dim=-1)   also F.softmax, torch.softmax

        Turns each line of x along dimension dim (negative counts from the end) into
        probabilities that sum to 1. Computed as exp(x - max) / sum(exp(x - max)), so large
        inputs do not overflow.
          softmax([1, 2, 3])              # [0.09003057, 0.24472847, 0.66524096]
          softmax([[1, 2], [3, 5]], dim=0)
        """,
        body: { call throws(RuntimeError) in
            let function = ActivationLayer.Function.softmax(dim: try call.integer("dim"))
            return try applyToValue(function, call)
        })

    // MARK: - Applying

    /// Applies an activation to a tensor; for softmax, checks the dimension against the rank.
    static func apply(_ function: ActivationLayer.Function, to input: Tensor, at range: SourceRange) throws(RuntimeError) -> Tensor {
        let activation: Activation
        switch function {
        case .relu: activation = .relu
        case .leakyReLU(let slope): activation = .leakyReLU(negativeSlope: slope)
        case .sigmoid: activation = .sigmoid
        case .tanh: activation = .tanh
        case .gelu(let approximate): activation = .gelu(tanhApproximation: approximate == "tanh")
        case .softmax(let dim):
            let rank = Swift.max(input.rank, 1)
            guard dim >= -rank, dim < rank else {
                throw RuntimeError("softmax over dim \(dim), but the input has shape \(input.shape) "
                                   + "(dims -\(rank) to \(rank - 1))", at: range)
            }
            activation = .softmax(axis: dim < 0 ? dim + rank : dim)
        }
        do {
            return try activation.apply(input)
        } catch {
            throw RuntimeError(error.description, at: range)
        }
    }

    /// A number in gives a number out; anything else must be a tensor.
    private static func applyToValue(_ function: ActivationLayer.Function, _ call: BuiltinCall) throws(RuntimeError) -> Value {
        if case .number(let x) = call.value("x") {
            let result = try apply(function, to: Tensor(scalar: x), at: call.range)
            return .number(result.scalars.first ?? .nan)
        }
        return .tensor(try apply(function, to: try call.tensor("x"), at: call.range))
    }

    private static func approximation(_ call: BuiltinCall) throws(RuntimeError) -> String {
        let name = try call.string("approximate")
        guard name == "none" || name == "tanh" else {
            throw call.error("approximate must be \"none\" or \"tanh\", not \"\(name)\"", at: "approximate")
        }
        return name
    }

    // MARK: - Builders

    private static func elementwise(
        _ name: String, _ summary: String, extra: [Builtin.Parameter] = [], example: String,
        _ function: @escaping @Sendable (BuiltinCall) throws(RuntimeError) -> ActivationLayer.Function
    ) -> Builtin {
        let signature = ([name + "(x"] + extra.map { "\($0.name)=\(ValueFormatter.repr($0.defaultValue ?? .none))" })
            .joined(separator: ", ") + ")"
        return Builtin(
            name: name, parameters: [.required("x", "input")] + extra,
            summary: summary.split(separator: "\n").first.map(String.init) ?? summary,
            details: """
            \(signature)   also F.\(name), torch.\(name)

            \(summary), of a number or of every element of a tensor.
              \(example)
            """,
            body: { call throws(RuntimeError) in try applyToValue(try function(call), call) })
    }

    private static func layer(
        _ name: String, _ summary: String, _ parameters: [Builtin.Parameter],
        _ function: @escaping @Sendable (BuiltinCall) throws(RuntimeError) -> ActivationLayer.Function
    ) -> Builtin {
        let arguments = parameters.map { parameter in
            parameter.defaultValue.map { "\(parameter.name)=\(ValueFormatter.repr($0))" } ?? parameter.name
        }.joined(separator: ", ")
        return Builtin(
            name: name, parameters: parameters,
            summary: "the \(name) activation as a layer, as PyTorch's nn.\(name)",
            details: """
            \(name)(\(arguments))   also nn.\(name)

            A layer computing \(summary); it has no weights.
            Use it inside Sequential(...), or call it: \(name)(\(name == "Softmax" ? "dim=-1" : ""))(x).
            """,
            body: { call throws(RuntimeError) in .layer(.activation(ActivationLayer(function: try function(call)))) })
    }
}
