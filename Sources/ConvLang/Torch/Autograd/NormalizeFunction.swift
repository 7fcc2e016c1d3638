import ConvAutograd
import ConvNumerics

/// `F.normalize(x, p=2.0, dim=1, eps=1e-12)`: each slice along `dim` divided by its p-norm,
/// the norm kept from falling below `eps`. Composed as PyTorch composes it, `x / x.norm(p,
/// dim, keepdim=True).clamp_min(eps).expand_as(x)`, so that the graph holds the same nodes
/// (`DivBackward0` over `ExpandBackward0`, `ClampMinBackward0`, `LinalgVectorNormBackward0`).
enum NormalizeFunction {
    static let normalize = Builtin.tensorFunction(
        "normalize", aliases: ["torch.nn.functional.normalize"], torch: false,
        [.required("input"), .optional("p", default: .number(2)), .optional("dim", default: .int(1)),
         .optional("eps", default: .number(1e-12)), .optional("out", default: .none, namedOnly: true)],
        "input divided by its p-norm along dim (at least eps)", example: "F.normalize(x, dim=1)") { call throws(RuntimeError) in
        guard call.value("out").isNone else { throw call.error("conv's F.normalize does not write into out=", at: "out") }
        let x = try AutogradValues.variable(call.value("input"), what: "normalize's input", at: call.range(of: "input"))
        let order = try call.number("p")
        let eps = try call.number("eps")
        let dim = try call.dimension("dim", rank: x.data.rank)
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
            let norm = try x.vectorNorm(order: order, dims: [dim], keepDimensions: true)
            let denominator = try norm.clamp(min: eps, max: nil, name: "ClampMinBackward0").expand(x.shape)
            return try x.div(denominator)
        }
    }
}
