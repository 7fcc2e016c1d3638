import ConvAutograd
import ConvNumerics

/// `F.cosine_similarity(x1, x2, dim=1, eps=1e-8)`: the cosine of the angle between the slices of
/// `x1` and `x2` along `dim`. Computed as PyTorch 2.15 computes it, each input divided by its own
/// norm first (a clone of the norm, raised to `eps` in place without recording), then the
/// products summed: `SumBackward1` over `MulBackward0` of two `DivBackward0`s, so that the
/// gradients match, at a zero vector too.
enum CosineSimilarityFunction {
    static let cosineSimilarity = Builtin.tensorFunction(
        "cosine_similarity", aliases: ["torch.nn.functional.cosine_similarity"],
        [.required("x1"), .required("x2"), .optional("dim", default: .int(1)), .optional("eps", default: .number(1e-8))],
        "the cosine of the angle between x1 and x2 along dim", example: "F.cosine_similarity(a, b, dim=0)") { call throws(RuntimeError) in
        var a = try AutogradValues.variable(call.value("x1"), what: "cosine_similarity's x1", at: call.range(of: "x1"))
        var b = try AutogradValues.variable(call.value("x2"), what: "cosine_similarity's x2", at: call.range(of: "x2"))
        let eps = try call.number("eps")
        // Integer inputs compute in the default float; two floats in the wider one.
        for index in 0..<2 {
            let part = index == 0 ? a : b
            guard !part.dtype.isFloatingPoint else { continue }
            let made = Variable(constant: part.data.converted(to: call.context.defaultDType))
            if index == 0 { a = made } else { b = made }
        }
        guard let shape = Broadcasting.shape(a.shape, b.shape) else {
            throw call.error("The size of tensor a (\(a.shape.last ?? 0)) must match the size of tensor b (\(b.shape.last ?? 0)) at non-singleton dimension \(Swift.max(a.shape.count, b.shape.count) - 1)")
        }
        let dim = try TensorArguments.dimension(try call.integer("dim"), rank: shape.count, at: call.range(of: "dim"))
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) -> Variable in
            let x1 = a.shape == shape ? a : try a.expand(shape)
            let x2 = b.shape == shape ? b : try b.expand(shape)
            func unit(_ x: Variable) throws(AutogradError) -> Variable {
                let norm = try x.vectorNorm(order: 2, dims: [dim], keepDimensions: true).clone()
                try norm.assign(try norm.detach().clamp(min: eps, max: nil).data)
                return try x.div(norm)
            }
            return try unit(x1).mul(try unit(x2)).sum(dims: [dim])
        }
    }
}
