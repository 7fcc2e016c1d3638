import ConvAutograd
import ConvNumerics

/// The backward steps that act element by element: an activation (the ReLU mask, the sigmoid
/// and tanh derivatives from their outputs) and a pointwise loss (MSE: 2·(input − target)/N).
struct ElementwiseBackwardText {
    let step: BackwardStep
    let title: String
    let sources: BackwardSources
    let all: Bool

    private typealias N = ExplanationNumbers

    // MARK: - Activations

    func activation(_ kind: OperationRecord.ActivationKind, input: Tensor, output: Tensor) -> [String] {
        let (name, rule) = Self.rule(of: kind)
        var lines = ["\(title): y = \(name)(\(sources.describe(0, role: "x"))), element by element: \(rule)"]
        guard let gradient = step.gradients.first ?? nil else {
            return lines + ["  \(sources.describe(0, role: "x")) needs no gradient (it does not require grad)"]
        }
        let (g, x, y, result) = (step.upstream.scalars, input.scalars, output.scalars, gradient.scalars)
        for k in visibleIndices(result.count, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all) {
            guard let k else { lines.append("  …"); continue }
            let at = BackwardValues.index(k, shape: input.shape)
            let value = N.number(result[k])
            let gk = N.term(g[k])
            let text: String = switch kind {
            case .relu:
                x[k] > 0 ? "g\(at)·1 = \(gk)·1 = \(value) (x\(at) = \(N.number(x[k])) > 0: it passes)"
                    : "0 (x\(at) = \(N.number(x[k])) ≤ 0: relu blocks it)"
            case .leakyReLU(let slope):
                x[k] > 0 ? "g\(at)·1 = \(gk)·1 = \(value) (x\(at) = \(N.number(x[k])) > 0)"
                    : "g\(at)·slope = \(gk)·\(N.term(slope)) = \(value) (x\(at) = \(N.number(x[k])) ≤ 0)"
            case .sigmoid:
                "g\(at)·y\(at)·(1 − y\(at)) = \(gk)·\(N.term(y[k]))·(1 − \(N.term(y[k]))) = \(value)"
            case .tanh:
                "g\(at)·(1 − y\(at)²) = \(gk)·(1 − \(N.term(y[k]))²) = \(value)"
            case .gelu:
                "g\(at)·gelu′(x\(at)) = \(gk)·gelu′(\(N.number(x[k]))) = \(value)"
            case .pointwise(let name):
                "g\(at)·\(name)′(x\(at)) = \(gk)·\(name)′(\(N.number(x[k]))) = \(value)"
            }
            lines.append("  ∂L/∂x\(at) = " + text)
        }
        return lines
    }

    private static func rule(of kind: OperationRecord.ActivationKind) -> (String, String) {
        switch kind {
        case .relu: ("relu", "∂L/∂x = g where x > 0, else 0 (the ReLU mask)")
        case .leakyReLU: ("leaky_relu", "∂L/∂x = g where x > 0, else g·slope")
        case .sigmoid: ("sigmoid", "∂L/∂x = g·σ′(x) = g·y·(1 − y), from the output y")
        case .tanh: ("tanh", "∂L/∂x = g·tanh′(x) = g·(1 − y²), from the output y")
        case .gelu: ("gelu", "∂L/∂x = g·gelu′(x)")
        case .pointwise(let name): (name, "∂L/∂x = g·\(name)′(x)")
        }
    }

    // MARK: - Dropout

    /// Dropout's mask: each kept element passes `g` scaled by `1/(1 − p)`, a dropped one nothing.
    func dropout(mask: Tensor, p: Double) -> [String] {
        let scales = mask.scalars
        let scale = scales.first { $0 != 0 } ?? (p < 1 ? 1 / (1 - p) : 0)
        let kept = scales.filter { $0 != 0 }.count
        var lines = ["\(title): dropout y = x·mask/(1 − p) of \(sources.describe(0, role: "x")) with p = \(N.number(p)): "
                     + "the forward kept \(kept) of \(N.count(scales.count, "element")), each scaled by 1/(1 − \(N.number(p))) = \(N.number(scale))",
                     "  so ∂L/∂x = g·mask/(1 − p): a kept element passes its gradient times \(N.number(scale)), a dropped one gets 0"]
        guard let gradient = step.gradients.first ?? nil else {
            return lines + ["  \(sources.describe(0, role: "x")) needs no gradient (it does not require grad)"]
        }
        let (g, result) = (step.upstream.scalars, gradient.scalars)
        for k in visibleIndices(result.count, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all) {
            guard let k else { lines.append("  …"); continue }
            let at = BackwardValues.index(k, shape: mask.shape)
            lines.append(scales[k] == 0 ? "  ∂L/∂x\(at) = \(N.number(result[k])): dropped in the forward"
                         : "  ∂L/∂x\(at) = g\(at)·\(N.term(scales[k])) = \(N.term(g[k]))·\(N.term(scales[k])) = \(N.number(result[k]))")
        }
        return lines
    }

    // MARK: - Losses

    func loss(_ kind: OperationRecord.LossKind, input: Tensor, target: Tensor, reduction: LossReduction) -> [String] {
        let count = input.count
        let (name, formula) = Self.formula(of: kind)
        let reduced = switch reduction {
        case .mean: "mean over N = \(count) elements"
        case .sum: "sum over the \(N.count(count, "element"))"
        case .none: "not reduced"
        }
        var lines = ["\(title): L = \(name)(\(sources.describe(0, role: "input")), \(sources.describe(1, role: "target"))), "
                     + "\(formula), \(reduced)"]
        let upstreamSymbol = reduction == .none ? "g[i]" : "g"
        let share = switch reduction {
        case .mean: "/N·\(upstreamSymbol)"
        default: "·\(upstreamSymbol)"
        }
        lines.append("  with d = input − target: ∂L/∂input[i] = " + Self.derivative(of: kind) + share
                     + (reduction == .none ? "" : ", g = ∂L/∂L = " + BackwardValues.summary(step.upstream, all: all)))
        guard let gradient = step.gradients.first ?? nil, input.shape == target.shape, gradient.count == count else {
            return lines + genericGradients
        }
        let (x, y, g, result) = (input.scalars, target.scalars, step.upstream.scalars, gradient.scalars)
        for k in visibleIndices(count, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all) {
            guard let k else { lines.append("  …"); continue }
            let at = BackwardValues.index(k, shape: input.shape)
            let d = x[k] - y[k]
            let upstream = reduction == .none ? g[k] : (g.first ?? 1)
            let scale = switch reduction {
            case .mean: "/\(count)·\(N.term(upstream))"
            default: "·\(N.term(upstream))"
            }
            let difference = "(\(N.number(x[k])) − \(N.term(y[k])))"
            lines.append("  ∂L/∂input\(at) = " + Self.numbers(kind, d: d, difference: difference) + scale + " = " + N.number(result[k]))
        }
        if step.gradients.count > 1, step.gradients[1] != nil {
            lines.append("  ∂L/∂target = −∂L/∂input = " + BackwardValues.summary(step.gradients[1] ?? gradient, all: all))
        }
        return lines
    }

    private var genericGradients: [String] {
        step.gradients.enumerated().compactMap { index, gradient in
            gradient.map { "  → \(sources.describe(index, role: index == 0 ? "input" : "target")): " + BackwardValues.summary($0, all: all) }
        }
    }

    private static func formula(of kind: OperationRecord.LossKind) -> (String, String) {
        switch kind {
        case .squared: ("mse_loss", "(input − target)² per element")
        case .smoothL1(let beta): ("smooth_l1_loss", "½d²/β where |d| < β = \(ExplanationNumbers.number(beta)), else |d| − ½β")
        case .huber(let delta): ("huber_loss", "½d² where |d| < δ = \(ExplanationNumbers.number(delta)), else δ·(|d| − ½δ)")
        }
    }

    private static func derivative(of kind: OperationRecord.LossKind) -> String {
        switch kind {
        case .squared: "2·d"
        case .smoothL1: "(d/β where |d| < β, else sign(d))"
        case .huber: "(d where |d| < δ, else δ·sign(d))"
        }
    }

    /// `2·(−1.9 − 0)`, or the branch of smooth L1 and Huber that `d` falls in.
    private static func numbers(_ kind: OperationRecord.LossKind, d: Double, difference: String) -> String {
        typealias N = ExplanationNumbers
        switch kind {
        case .squared:
            return "2·" + difference
        case .smoothL1(let beta):
            if abs(d) < beta { return difference + "/" + N.term(beta) }
            return d < 0 ? "(−1)" : "1"
        case .huber(let delta):
            if abs(d) < delta { return difference }
            return (d < 0 ? "(−" : "(") + N.number(delta) + ")"
        }
    }
}
