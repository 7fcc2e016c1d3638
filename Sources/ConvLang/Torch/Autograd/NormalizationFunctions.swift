import ConvAutograd
import ConvNumerics

/// `F.layer_norm`, `F.group_norm`, `F.batch_norm` and `F.instance_norm`: the normalisation
/// layers' computations as functions, with PyTorch's arguments and nodes.
enum NormalizationFunctions {
    static let all: [Builtin] = [layerNorm, groupNorm, batchNorm, instanceNorm]

    private static let layerNorm = Builtin.tensorFunction(
        "layer_norm", aliases: ["torch.nn.functional.layer_norm"],
        [.required("input"), .required("normalized_shape"), .optional("weight", default: .none), .optional("bias", default: .none),
         .optional("eps", default: .number(1e-5))],
        "input normalised over its last dimensions (normalized_shape)", example: "F.layer_norm(x, (4,))") { call throws(RuntimeError) in
        let x = try input(call)
        let given = call.value("normalized_shape")
        let items: [Value] = switch given {
        case .tuple(let items): items
        case .size(let sizes): sizes.map(Value.int)
        case .list(let list): list.items
        default: [given]
        }
        var shape: [Int] = []
        for item in items { shape.append(try Coercion.integer(item, what: "normalized_shape", at: call.range(of: "normalized_shape"))) }
        let (weight, bias, eps) = (try optional(call, "weight"), try optional(call, "bias"), try call.number("eps"))
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
            try Functional.layerNorm(x, normalizedShape: shape, weight: weight, bias: bias, eps: eps)
        }
    }

    private static let groupNorm = Builtin.tensorFunction(
        "group_norm", aliases: ["torch.nn.functional.group_norm"],
        [.required("input"), .required("num_groups"), .optional("weight", default: .none), .optional("bias", default: .none),
         .optional("eps", default: .number(1e-5))],
        "input's channels normalised in num_groups groups", example: "F.group_norm(x, 2)") { call throws(RuntimeError) in
        let x = try input(call)
        let groups = try call.integer("num_groups")
        let (weight, bias, eps) = (try optional(call, "weight"), try optional(call, "bias"), try call.number("eps"))
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
            try Functional.groupNorm(x, groups: groups, weight: weight, bias: bias, eps: eps)
        }
    }

    private static let batchNorm = Builtin.tensorFunction(
        "batch_norm", aliases: ["torch.nn.functional.batch_norm"],
        [.required("input"), .required("running_mean"), .required("running_var"), .optional("weight", default: .none),
         .optional("bias", default: .none), .optional("training", default: .bool(false)), .optional("momentum", default: .number(0.1)),
         .optional("eps", default: .number(1e-5))],
        "input normalised per channel by the running statistics, or the batch's when training",
        example: "F.batch_norm(x, None, None, training=True)") { call throws(RuntimeError) in
        let x = try input(call)
        let training = try call.bool("training")
        let running = try runningStatistics(call)
        if training, running != nil {
            throw call.error("conv's F.batch_norm does not update running_mean and running_var in place; use nn.BatchNorm1d",
                             at: "running_mean")
        }
        if !training, running == nil {
            throw call.error("running_mean and running_var must be given when training=False", at: "running_mean", raising: .valueError)
        }
        let (weight, bias, eps) = (try optional(call, "weight"), try optional(call, "bias"), try call.number("eps"))
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
            try Functional.batchNorm(x, weight: weight, bias: bias, running: training ? nil : running, eps: eps).output
        }
    }

    private static let instanceNorm = Builtin.tensorFunction(
        "instance_norm", aliases: ["torch.nn.functional.instance_norm"],
        [.required("input"), .optional("running_mean", default: .none), .optional("running_var", default: .none),
         .optional("weight", default: .none), .optional("bias", default: .none), .optional("use_input_stats", default: .bool(true)),
         .optional("momentum", default: .number(0.1)), .optional("eps", default: .number(1e-5))],
        "each channel of each sample normalised by its own statistics", example: "F.instance_norm(x)") { call throws(RuntimeError) in
        let x = try input(call)
        let useInput = try call.bool("use_input_stats")
        if useInput, x.data.rank >= 3, x.data.count / Swift.max(x.shape[0] * x.shape[1], 1) <= 1 {
            throw call.error("Expected more than 1 spatial element when training, got input size torch.Size([" + x.shape.map(String.init).joined(separator: ", ") + "])",
                             raising: .valueError)
        }
        let running = try runningStatistics(call)
        if useInput, running != nil {
            throw call.error("conv's F.instance_norm does not update running_mean and running_var in place; use nn.InstanceNorm1d",
                             at: "running_mean")
        }
        let (weight, bias, eps, momentum) = (try optional(call, "weight"), try optional(call, "bias"), try call.number("eps"),
                                             try call.number("momentum"))
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
            try Functional.instanceNorm(x, weight: weight, bias: bias, running: running, useInputStatistics: useInput,
                                        momentum: momentum, eps: eps).output
        }
    }

    private static func input(_ call: BuiltinCall) throws(RuntimeError) -> Variable {
        try AutogradValues.variable(call.value("input"), what: "\(call.builtin.name)'s input", at: call.range(of: "input"))
    }

    /// A tensor argument that may be None (`weight=None`).
    private static func optional(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> Variable? {
        if case .none = call.value(name) { return nil }
        return try AutogradValues.variable(call.value(name), what: "\(call.builtin.name)'s \(name)", at: call.range(of: name))
    }

    /// `running_mean` and `running_var`, both given or both None.
    private static func runningStatistics(_ call: BuiltinCall) throws(RuntimeError) -> (mean: Tensor, variance: Tensor)? {
        switch (call.value("running_mean"), call.value("running_var")) {
        case (.none, .none): return nil
        case (let mean, let variance):
            return (try Coercion.tensor(mean, what: "running_mean", at: call.range(of: "running_mean")),
                    try Coercion.tensor(variance, what: "running_var", at: call.range(of: "running_var")))
        }
    }
}
