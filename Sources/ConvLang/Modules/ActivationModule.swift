import ConvNumerics

/// A layer that applies one function to every element (softmax: along one dimension): no
/// weights, and the shape passes through unchanged.
protocol ActivationModule: TensorModule {
    /// The function to apply to `input`; softmax checks its dimension against the input's rank.
    func activation(for input: Tensor, at range: SourceRange) throws(RuntimeError) -> Activation
}

extension ActivationModule {
    /// PyTorch's repr of a layer without settings: `ReLU()`.
    var description: String { "\(typeName)()" }

    func forward(_ input: Tensor, _ call: ModuleCall) throws(RuntimeError) -> Tensor {
        try apply(input, at: call.range)
    }

    /// The function applied to `input`; also what the functional forms (`sigmoid(x)`, ...) run.
    func apply(_ input: Tensor, at range: SourceRange) throws(RuntimeError) -> Tensor {
        let activation = try activation(for: input, at: range)
        do {
            return try activation.apply(input)
        } catch {
            throw RuntimeError(error.description, at: range)
        }
    }
}

/// How the activation layers' constructor builtins are made and described.
enum ActivationConstructor {
    /// `name(parameters...)`, a layer computing `summary`, made by `make`.
    static func builtin(
        _ name: String, _ summary: String, _ parameters: [Builtin.Parameter] = [],
        make: @escaping @Sendable (BuiltinCall) throws(RuntimeError) -> any Module
    ) -> Builtin {
        let arguments = parameters.map { parameter in
            parameter.defaultValue.map { "\(parameter.name)=\(ValueFormatter.repr($0))" } ?? parameter.name
        }.joined(separator: ", ")
        return Builtin(
            name: name, aliases: ["torch.nn.\(name)"], parameters: parameters,
            summary: "the \(name) activation as a layer, as PyTorch's nn.\(name)",
            details: """
            \(name)(\(arguments))

            A layer computing \(summary); it has no weights.
            Use it inside Sequential(...), or call it: \(name)(\(parameters.first?.defaultValue == nil && !parameters.isEmpty ? "dim=-1" : ""))(x).
            """,
            constructsLayer: true, body: { call throws(RuntimeError) in .layer(Layer(try make(call))) })
    }

    /// A float as Python's repr writes it: `0.01`, `1.0`, `1e-05`.
    static func pythonFloat(_ x: Double) -> String {
        x.isFinite ? "\(x)" : (x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf"))
    }
}
