import ConvNumerics

/// PyTorch's `torch.nn.init` functions on a tensor or a layer's weight or bias: kaiming_uniform_,
/// kaiming_normal_, xavier_uniform_, xavier_normal_, normal_, uniform_, trunc_normal_,
/// constant_, zeros_, ones_, and calculate_gain.
///
/// Each fills its first argument as PyTorch fills it in place: the call gives the new tensor,
/// and when the argument was read from a layer (`m.weight`) or a name, the layer or name gets it
/// too (``Builtin/writesBackFirstArgument``). The tensor is filled as PyTorch's float32 weights
/// are, and the draws continue the seeded stream.
enum InitBuiltins {
    static let all: [Builtin] = [
        kaimingUniform, kaimingNormal, xavierUniform, xavierNormal, normal, uniform, truncatedNormal, constant, zeros, ones,
        calculateGain,
    ]

    private static let kaimingParameters: [Builtin.Parameter] = [
        .required("tensor"), .optional("a", default: .number(0)), .optional("mode", default: .string("fan_in")),
        .optional("nonlinearity", default: .string("leaky_relu")),
    ]

    static let kaimingUniform = initializer(
        "kaiming_uniform_", kaimingParameters, signature: "kaiming_uniform_(tensor, a=0, mode=\"fan_in\", nonlinearity=\"leaky_relu\")",
        what: "U(-b, b) with b = √3·gain/√fan (He initialisation)"
    ) { call, tensor throws(RuntimeError) in
        let (a, mode, nonlinearity) = try kaimingSettings(call)
        return try RandomArguments.draw(call) { generator throws(RandomError) in
            try WeightInitialization.kaimingUniform(tensor, a: a, mode: mode, nonlinearity: nonlinearity, generator: &generator)
        }
    }

    static let kaimingNormal = initializer(
        "kaiming_normal_", kaimingParameters, signature: "kaiming_normal_(tensor, a=0, mode=\"fan_in\", nonlinearity=\"leaky_relu\")",
        what: "N(0, gain/√fan) (He initialisation)"
    ) { call, tensor throws(RuntimeError) in
        let (a, mode, nonlinearity) = try kaimingSettings(call)
        return try RandomArguments.draw(call) { generator throws(RandomError) in
            try WeightInitialization.kaimingNormal(tensor, a: a, mode: mode, nonlinearity: nonlinearity, generator: &generator)
        }
    }

    static let xavierUniform = initializer(
        "xavier_uniform_", [.required("tensor"), .optional("gain", default: .number(1))], signature: "xavier_uniform_(tensor, gain=1)",
        what: "U(-b, b) with b = gain·√(6/(fan_in + fan_out)) (Glorot initialisation)"
    ) { call, tensor throws(RuntimeError) in
        let gain = try call.number("gain")
        return try RandomArguments.draw(call) { generator throws(RandomError) in
            try WeightInitialization.xavierUniform(tensor, gain: gain, generator: &generator)
        }
    }

    static let xavierNormal = initializer(
        "xavier_normal_", [.required("tensor"), .optional("gain", default: .number(1))], signature: "xavier_normal_(tensor, gain=1)",
        what: "N(0, gain·√(2/(fan_in + fan_out))) (Glorot initialisation)"
    ) { call, tensor throws(RuntimeError) in
        let gain = try call.number("gain")
        return try RandomArguments.draw(call) { generator throws(RandomError) in
            try WeightInitialization.xavierNormal(tensor, gain: gain, generator: &generator)
        }
    }

    static let normal = initializer(
        "normal_", [.required("tensor"), .optional("mean", default: .number(0)), .optional("std", default: .number(1))],
        signature: "normal_(tensor, mean=0, std=1)", what: "N(mean, std²), as tensor.normal_"
    ) { call, tensor throws(RuntimeError) in
        let (mean, std) = (try call.number("mean"), try call.number("std"))
        return try RandomArguments.draw(call) { generator throws(RandomError) in
            try WeightInitialization.normal(tensor, mean: mean, std: std, generator: &generator)
        }
    }

    static let uniform = initializer(
        "uniform_", [.required("tensor"), .optional("a", "from", default: .number(0)), .optional("b", "to", default: .number(1))],
        signature: "uniform_(tensor, a=0, b=1)", what: "U(a, b), as tensor.uniform_"
    ) { call, tensor throws(RuntimeError) in
        let (a, b) = (try call.number("a"), try call.number("b"))
        return try RandomArguments.draw(call) { generator throws(RandomError) in
            try WeightInitialization.uniform(tensor, a: a, b: b, generator: &generator)
        }
    }

    static let truncatedNormal = initializer(
        "trunc_normal_",
        [.required("tensor"), .optional("mean", default: .number(0)), .optional("std", default: .number(1)),
         .optional("a", default: .number(-2)), .optional("b", default: .number(2))],
        signature: "trunc_normal_(tensor, mean=0, std=1, a=-2, b=2)", what: "N(mean, std²) truncated to [a, b]"
    ) { call, tensor throws(RuntimeError) in
        let (mean, std, a, b) = (try call.number("mean"), try call.number("std"), try call.number("a"), try call.number("b"))
        return try RandomArguments.draw(call) { generator throws(RandomError) in
            try WeightInitialization.truncatedNormal(tensor, mean: mean, std: std, a: a, b: b, generator: &generator)
        }
    }

    static let constant = initializer(
        "constant_", [.required("tensor"), .required("val", "value")], signature: "constant_(tensor, val)", what: "every element val"
    ) { call, tensor throws(RuntimeError) in
        RandomArguments.value(WeightInitialization.constant(tensor, value: try call.number("val")))
    }

    static let zeros = initializer("zeros_", [.required("tensor")], signature: "zeros_(tensor)", what: "every element 0") { _, tensor in
        RandomArguments.value(WeightInitialization.zeros(tensor))
    }

    static let ones = initializer("ones_", [.required("tensor")], signature: "ones_(tensor)", what: "every element 1") { _, tensor in
        RandomArguments.value(WeightInitialization.ones(tensor))
    }

    static let calculateGain = Builtin(
        name: "calculate_gain", aliases: ["torch.nn.init.calculate_gain"],
        parameters: [.required("nonlinearity"), .optional("param", default: .none)],
        summary: "the gain nn.init recommends for a nonlinearity",
        details: """
        calculate_gain(nonlinearity, param=none)

        1 for linear, conv1d and sigmoid, 5/3 for tanh, √2 for relu, √(2/(1 + slope²)) for
        leaky_relu (slope param, 0.01 by default), 3/4 for selu.
          calculate_gain("leaky_relu", 0.2)
        """,
        body: { call throws(RuntimeError) in
            var parameter: Double?
            if case .none = call.value("param") { parameter = nil } else { parameter = try call.number("param") }
            let nonlinearity = try call.string("nonlinearity")
            do throws(RandomError) {
                return .number(try WeightInitialization.gain(nonlinearity: nonlinearity, parameter: parameter))
            } catch {
                throw RandomArguments.refusal(error, call)
            }
        })

    /// An nn.init builtin: its first parameter is the tensor to fill, read as float32 (as
    /// PyTorch's weights are), and the result is written back where it was read from.
    private static func initializer(
        _ name: String, _ parameters: [Builtin.Parameter], signature: String, what: String,
        _ fill: @escaping @Sendable (BuiltinCall, Tensor) throws(RuntimeError) -> Value
    ) -> Builtin {
        var builtin = Builtin(
            name: name, aliases: ["torch.nn.init.\(name)"], parameters: parameters,
            summary: "fill a tensor or a layer's weight with \(what), as nn.init.\(name)",
            details: """
            \(signature)

            Fills tensor with \(what), drawn from the seeded stream exactly as
            torch.nn.init.\(name) draws. Given a layer's weight or bias (or a name), changes it
            in place, as PyTorch does, and gives the new tensor.
              m = Conv1d(2, 3, 3)
              nn.init.\(name)(m.weight\(name == "constant_" ? ", 0.5" : ""))
            """,
            body: { call throws(RuntimeError) in
                let filled = try fill(call, try RandomArguments.tensor(call, "tensor"))
                // A float32 tensor stays float32, as PyTorch fills it in place; conv's float64
                // values take the float32 draws of PyTorch's default weights, as numbers.
                guard try call.tensor("tensor", allowNumber: true).dtype == .float32, case .tensor(let tensor) = filled else { return filled }
                return .tensor(tensor.converted(to: .float32))
            })
        builtin.writesBackFirstArgument = true
        return builtin
    }

    /// `a`, `mode` and `nonlinearity` of a kaiming call, checked.
    private static func kaimingSettings(_ call: BuiltinCall) throws(RuntimeError) -> (Double, WeightInitialization.FanMode, String) {
        let a = try call.number("a")
        let modeName = try call.string("mode")
        let nonlinearity = try call.string("nonlinearity")
        do throws(RandomError) {
            let mode = try WeightInitialization.FanMode(named: modeName)
            _ = try WeightInitialization.gain(nonlinearity: nonlinearity, parameter: a)
            return (a, mode, nonlinearity)
        } catch {
            throw RandomArguments.refusal(error, call)
        }
    }
}
