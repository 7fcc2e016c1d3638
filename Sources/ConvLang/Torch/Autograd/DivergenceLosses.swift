import ConvAutograd
import ConvNumerics
import Foundation

/// `kl_div`, `poisson_nll_loss` and `gaussian_nll_loss`, composed as PyTorch composes them.
enum DivergenceLosses {
    private static let reduction = ComposedLoss.reduction

    /// `F.kl_div(input, target)`: `xlogy(t, t) − t·input` (with `log_target`, `e^t·(t − input)`),
    /// reduced; `batchmean` is the sum over the batch size.
    static let klDiv = ComposedLoss(
        function: "kl_div", layer: "KLDivLoss", inputs: ["input", "target"],
        options: [reduction, .optional("log_target", default: .bool(false))],
        summary: "the Kullback-Leibler divergence of log-probabilities from a target distribution", batchMean: true
    ) { tensors, settings throws(AutogradError) in
        let (input, target) = (tensors[0], tensors[1])
        let output: Variable
        if settings.flag("log_target") {
            output = try target.exp().mul(target.sub(input))
        } else {
            guard !target.requiresGrad else { throw .invalidArgument("conv's kl_div takes a target that does not require grad") }
            output = try xlogy(target).sub(target.mul(input))
        }
        if settings.reduction == "batchmean" {
            let sum = try output.sum()
            return input.data.rank == 0 ? sum : try sum.div(Double(input.shape[0]))
        }
        return try settings.reduced(output)
    }

    /// `xlogy(t, t)`: `t·log(t)`, 0 where `t` is 0, in the target's precision.
    private static func xlogy(_ target: Variable) -> Variable {
        let values: [Double] = target.data.dtype == .float32
            ? target.data.scalars.map { t in let f = Float(t); return f == 0 ? 0 : Double(f * Foundation.log(f)) }
            : target.data.scalars.map { t in t == 0 ? 0 : t * Foundation.log(t) }
        let tensor = Tensor(shape: target.shape, scalars: values) ?? Tensor(scalar: 0.0)
        return Variable(constant: tensor.converted(to: target.data.dtype))
    }

    /// `F.poisson_nll_loss(input, target)`: `e^input − t·input` (or `input − t·log(input + eps)`),
    /// with Stirling's term where `full` and `t > 1`.
    static let poissonNLL = ComposedLoss(
        function: "poisson_nll_loss", layer: "PoissonNLLLoss", inputs: ["input", "target"],
        options: [.optional("log_input", default: .bool(true)), .optional("full", default: .bool(false)),
                  .optional("eps", default: .number(1e-8)), reduction],
        summary: "the negative log-likelihood of a Poisson-distributed target"
    ) { tensors, settings throws(AutogradError) in
        let (input, target) = (tensors[0], tensors[1])
        var loss = settings.flag("log_input")
            ? try input.exp().sub(target.mul(input))
            : try input.sub(target.mul(input.add(settings.number("eps")).log()))
        if settings.flag("full") {
            let t = target.data.scalars
            let stirling = t.map { t -> Double in t <= 1 ? 0 : t * Foundation.log(t) - t + 0.5 * Foundation.log(2 * Double.pi * t) }
            let tensor = Tensor(shape: target.shape, scalars: stirling) ?? Tensor(scalar: 0.0)
            loss = try loss.add(Variable(constant: tensor.converted(to: input.data.dtype)))
        }
        return try settings.reduced(loss)
    }

    /// `F.gaussian_nll_loss(input, target, var)`: `½·(log(var) + (input − target)²/var)`, the
    /// variance kept from falling below eps.
    static let gaussianNLL = ComposedLoss(
        function: "gaussian_nll_loss", layer: "GaussianNLLLoss", inputs: ["input", "target", "var"],
        options: [.optional("full", default: .bool(false)), .optional("eps", default: .number(1e-6)), reduction],
        summary: "the negative log-likelihood of a Gaussian target with a predicted variance", refusesWithValueError: true
    ) { tensors, settings throws(AutogradError) in
        let (input, target) = (tensors[0], tensors[1])
        var variance = tensors[2]
        guard !variance.data.scalars.contains(where: { $0 < 0 }) else { throw .invalidArgument("var has negative entry/entries") }
        if variance.data.rank == 0, input.data.rank > 0 {
            variance = try variance.mul(input.constant(1, shape: input.shape))
        } else if variance.shape != input.shape {
            let heteroscedastic = variance.data.rank == input.data.rank
                && zip(input.shape, variance.shape).filter({ $0 != $1 }).map(\.1).reduce(0, +) == 1
            if Array(input.shape.dropLast()) == variance.shape {
                variance = try variance.unsqueeze(-1)
            } else if !heteroscedastic {
                throw .invalidArgument("var is of incorrect size")
            }
        }
        // PyTorch clamps a clone of var in place without recording it.
        let clamped = try variance.clamp(min: settings.number("eps"), max: nil, name: "CloneBackward0")
        var loss = try clamped.log().add(input.sub(target).pow(2).div(clamped)).mul(0.5)
        if settings.flag("full") { loss = try loss.add(0.5 * Foundation.log(2 * Double.pi)) }
        return try settings.reduced(loss)
    }
}
