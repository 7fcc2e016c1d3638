import ConvAutograd
import ConvNumerics

/// `F.silu`, `F.elu`, `F.softplus` and `F.mish`, as in PyTorch: each applies the layer of the
/// same name (`Modules/PointwiseActivations.swift`) to its argument, through the engine when
/// the argument requires grad.
enum PointwiseActivationBuiltins {
    static let all: [Builtin] = [silu, elu, softplus, mish]

    static let silu = function(
        "silu", "x * sigmoid(x), the sigmoid-weighted linear unit (swish)", [inplace],
        example: "F.silu(torch.tensor([-1., 0., 1.]))", make: SiLU.make)

    static let elu = function(
        "elu", "x for x > 0, alpha * (exp(x) - 1) otherwise", ELU.parameters,
        example: "F.elu(torch.tensor([-1., 0., 1.]), alpha=0.5)", make: ELU.make)

    static let softplus = function(
        "softplus", "log(1 + exp(beta * x)) / beta, a smooth relu; x itself where beta * x > threshold", Softplus.parameters,
        example: "F.softplus(torch.tensor([-1., 0., 30.]))", make: Softplus.make)

    static let mish = function(
        "mish", "x * tanh(softplus(x))", [inplace],
        example: "F.mish(torch.tensor([-1., 0., 1.]))", make: Mish.make)

    /// `inplace=False`, accepted as PyTorch's signatures have it.
    static let inplace = Builtin.Parameter.optional("inplace", default: .bool(false))

    /// A setting as PyTorch's repr shows it: an int as written (`2`), a float as Python writes it (`1.0`).
    static func written(_ value: Value) -> String {
        if case .int(let n) = value { return "\(n)" }
        return ActivationConstructor.pythonFloat(value.asNumber ?? .nan)
    }

    /// conv computes these out of place only.
    static func refuseInPlace(_ call: BuiltinCall) throws(RuntimeError) {
        guard try call.bool("inplace") else { return }
        throw call.error("conv computes \(call.builtin.name) out of place only: leave inplace=False and use the result", at: "inplace")
    }

    /// The engine's form, for ``AutogradBuiltins``: the layer's forward through the engine;
    /// with `inplace=True` a tensor with autograd identity is changed in place (PyTorch's `_` form).
    static func operation(_ call: BuiltinCall) throws(RuntimeError) -> Value {
        guard let make = makers[call.builtin.name] else {
            throw RuntimeError("\(call.builtin.name) has no engine form", at: call.range)
        }
        let layer = try make(call)
        if call.builtin.parameters.contains(where: { $0.name == "inplace" }), try call.bool("inplace"), case .variable(let box) = call.value("x") {
            return try inPlace(box, layer.function, at: call.range)
        }
        let x = try AutogradValues.variable(call.value("x"), what: "\(call.builtin.name)'s argument 'x'", at: call.range(of: "x"))
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try Functional.pointwise(x, layer.function) }
    }

    /// `function` applied to the tensor `box` in place, recorded under PyTorch's in-place node; gives the tensor itself.
    static func inPlace(_ box: VariableBox, _ function: PointwiseActivation, at range: SourceRange) throws(RuntimeError) -> Value {
        do throws(AutogradError) {
            try box.changeInPlace { x throws(AutogradError) in try Functional.pointwise(x, function, inPlace: true) }
        } catch { throw AutogradValues.located(error, at: range) }
        return .variable(box)
    }

    private static let makers = smoothMakers.merging(PiecewiseActivationBuiltins.makers) { first, _ in first }

    private static let smoothMakers: [String: @Sendable (BuiltinCall) throws(RuntimeError) -> any PointwiseActivationModule] = [
        "silu": { call throws(RuntimeError) in try SiLU.make(call) },
        "elu": { call throws(RuntimeError) in try ELU.make(call) },
        "softplus": { call throws(RuntimeError) in try Softplus.make(call) },
        "mish": { call throws(RuntimeError) in try Mish.make(call) },
    ]

    /// `F.name(x, ...)`, applying the layer `make` describes to a number or a tensor; `torch.name`
    /// too when `inTorch`.
    static func function(
        _ name: String, _ summary: String, _ extra: [Builtin.Parameter], example: String, inTorch: Bool = false,
        make: @escaping @Sendable (BuiltinCall) throws(RuntimeError) -> any PointwiseActivationModule
    ) -> Builtin {
        let signature = ([name + "(x"] + extra.map { "\($0.name)=\(ValueFormatter.repr($0.defaultValue ?? .none))" })
            .joined(separator: ", ") + ")"
        return Builtin(
            name: name, aliases: ["torch.nn.functional.\(name)"] + (inTorch ? ["torch.\(name)"] : []),
            parameters: [.required("x", "input")] + extra,
            summary: summary,
            details: """
            \(signature)

            \(summary), of a number or of every element of a tensor.
              \(example)
            """,
            body: { call throws(RuntimeError) in
                // The method form (`x.hardshrink()`) reaches the body with the tensor itself.
                if case .variable = call.value("x") { return try operation(call) }
                let layer = try make(call)
                switch call.value("x") {
                case .number, .int:
                    let x = call.value("x").asNumber ?? .nan
                    return .number(try layer.apply(Tensor(scalar: x), at: call.range).scalars.first ?? .nan)
                default:
                    return .tensor(try layer.apply(try call.tensor("x"), at: call.range))
                }
            })
    }
}
