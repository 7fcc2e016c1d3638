import ConvAutograd
import ConvNumerics

/// An optimizer whose step `explain opt.step()` can show: its groups' rules and parameters,
/// and each parameter's state.
protocol StepExplainable {
    /// Each group's rule and parameters, in group order.
    var explainedGroups: [(rule: any UpdateRule, params: [Variable])] { get }
    func state(of param: Variable) -> (step: Int, buffers: [[Double]])?
}

extension Optimizer: StepExplainable {
    var explainedGroups: [(rule: any UpdateRule, params: [Variable])] { paramGroups.map { ($0.rule, $0.params) } }
}

/// `explain opt.step()`: the update rule with its hyper-parameters, then for each parameter
/// (the first and last elements of a long one) the rule worked through with its numbers, from
/// the values, gradients and state before the step to the values after. The step is the
/// optimizer's own; the values after it are the ones it wrote.
extension Explainer {
    func optimizerStep(_ object: OptimizerObject, _ call: BuiltinCall) throws(RuntimeError) -> Value {
        guard let optimizer = object.optimizer as? any StepExplainable else {
            throw CallExplainer.cannotShow("\(object.typeName).step", at: call.range)
        }
        if let svgRange = options.svgRange, options.svgPath != nil {
            throw RuntimeError("explain draws no figure of an optimizer's step", at: svgRange,
                               notes: ["leave out svg=; explain loss.backward() draws the backward step"])
        }
        let names = TensorNames(globals: context.evaluator?.globals)
        let before = optimizer.explainedGroups.map { group in
            group.params.map { ParameterBefore(values: $0.data.scalars, grad: $0.grad?.scalars, state: optimizer.state(of: $0)) }
        }
        var running = call
        let value = try call.builtin.body(&running)
        var lines: [String] = []
        for (index, group) in optimizer.explainedGroups.enumerated() {
            let rule = StepRule(group.rule)
            lines += ["explain \(object.typeName).step()" + (optimizer.explainedGroups.count > 1 ? ", group \(index)" : "")
                      + ": " + rule.settings, "rule: " + rule.formula]
            for (position, param) in group.params.enumerated() {
                let name = names.name(of: param) ?? "param_groups[\(index)]['params'][\(position)]"
                lines += [""] + rule.lines(name: name, param: param, before: before[index][position],
                                           after: optimizer.state(of: param), all: options.all)
            }
        }
        context.output(.explanation(lines.joined(separator: "\n") + "\n"))
        return value
    }
}

/// A parameter as the step found it.
struct ParameterBefore {
    let values: [Double]
    let grad: [Double]?
    let state: (step: Int, buffers: [[Double]])?
}

/// One rule's words and arithmetic: SGD and Adam in full, any other rule as before → after.
struct StepRule {
    private enum Kind {
        case sgd(SGD)
        case adam(Adam)
        case other(String)
    }

    private let kind: Kind
    private let lr: Double
    private typealias N = ExplanationNumbers

    init(_ rule: any UpdateRule) {
        lr = rule.lr
        if let sgd = rule as? SGD { kind = .sgd(sgd) } else if let adam = rule as? Adam { kind = .adam(adam) } else {
            kind = .other("\(type(of: rule))")
        }
    }

    var settings: String {
        switch kind {
        case .sgd(let r):
            "SGD with lr=\(N.number(r.lr)), momentum=\(N.number(r.momentum)), dampening=\(N.number(r.dampening)), "
                + "weight_decay=\(N.number(r.weightDecay)), nesterov=\(r.nesterov ? "True" : "False")"
        case .adam(let r):
            "\(r.decoupledWeightDecay ? "AdamW" : "Adam") with lr=\(N.number(r.lr)), betas=(\(N.number(r.betas.0)), \(N.number(r.betas.1))), "
                + "eps=\(N.number(r.eps)), weight_decay=\(N.number(r.weightDecay))" + (r.amsgrad ? ", amsgrad=True" : "")
        case .other(let name): "\(name) with lr=\(N.number(lr))"
        }
    }

    var formula: String {
        switch kind {
        case .sgd(let r):
            var parts = [String]()
            if r.weightDecay != 0 { parts.append("g = grad + weight_decay·w") } else { parts.append("g = grad") }
            if r.momentum != 0 {
                parts.append("buf = momentum·buf + (1 − dampening)·g (on the first step buf = g)")
                parts.append(r.nesterov ? "g = g + momentum·buf" : "g = buf")
            }
            parts.append("w = w − lr·g")
            return parts.joined(separator: "; ")
        case .adam(let r):
            let decay = r.weightDecay == 0 ? "g = grad; " : (r.decoupledWeightDecay ? "w = w·(1 − lr·weight_decay); g = grad; " : "g = grad + weight_decay·w; ")
            return decay + "m = β1·m + (1 − β1)·g; v = β2·v + (1 − β2)·g²" + (r.amsgrad ? "; v_max = max(v_max, v)" : "")
                + "; w = w − lr·m̂/(√v̂ + eps) with m̂ = m/(1 − β1^t), v̂ = " + (r.amsgrad ? "v_max" : "v") + "/(1 − β2^t), t the step"
        case .other: return "each value moves by the rule's own update (shown as before → after)"
        }
    }

    func lines(name: String, param: Variable, before: ParameterBefore, after: (step: Int, buffers: [[Double]])?, all: Bool) -> [String] {
        guard let grad = before.grad else { return ["\(name) has no .grad: skipped (its value and state stay as they are)"] }
        let step = after?.step ?? 1
        var lines = ["\(name)" + (param.data.count > 1 ? " (shape \(param.shape))" : "") + ", step \(step):"]
        let values = param.data.scalars
        for k in visibleIndices(values.count, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all) {
            guard let k else { lines.append("  …"); continue }
            let at = param.data.count > 1 ? name + BackwardValues.index(k, shape: param.shape) : name
            lines.append("  " + element(at, k, w: before.values[k], grad: grad[k], old: before.state, new: after, result: values[k]))
        }
        return lines
    }

    private func element(
        _ at: String, _ k: Int, w: Double, grad: Double, old: (step: Int, buffers: [[Double]])?,
        new: (step: Int, buffers: [[Double]])?, result: Double
    ) -> String {
        let buffer = { (state: (step: Int, buffers: [[Double]])?, index: Int) -> Double in
            guard let state, index < state.buffers.count, k < state.buffers[index].count else { return 0 }
            return state.buffers[index][k]
        }
        switch kind {
        case .sgd(let r):
            var g = grad
            var text = "grad = \(N.number(grad))"
            if r.weightDecay != 0 {
                g = grad + r.weightDecay * w
                text += "; g = \(N.number(grad)) + \(N.number(r.weightDecay))·\(N.term(w)) = \(N.number(g))"
            }
            if r.momentum != 0 {
                let first = old == nil
                let buf = buffer(new, 0)
                text += first ? "; buf = g = \(N.number(buf)) (first step)"
                    : "; buf = \(N.number(r.momentum))·\(N.term(buffer(old, 0))) + \(N.number(1 - r.dampening))·\(N.term(g)) = \(N.number(buf))"
                let nesterov = g + r.momentum * buf
                text += r.nesterov ? "; g = \(N.number(g)) + \(N.number(r.momentum))·\(N.term(buf)) = \(N.number(nesterov))" : ""
                g = r.nesterov ? nesterov : buf
            }
            return "\(at): \(text); w = \(N.number(w)) − \(N.number(r.lr))·\(N.term(g)) = \(N.number(result))"
        case .adam(let r):
            let t = Double(new?.step ?? 1)
            var g = grad, start = w
            var text = "grad = \(N.number(grad))"
            if r.weightDecay != 0, r.decoupledWeightDecay {
                start = w * (1 - r.lr * r.weightDecay)
                text += "; w·(1 − lr·wd) = \(N.number(start))"
            } else if r.weightDecay != 0 {
                g = grad + r.weightDecay * w
                text += "; g = \(N.number(g))"
            }
            let (b1, b2) = r.betas
            let (m, v) = (buffer(new, 0), buffer(new, 1))
            let second = r.amsgrad ? buffer(new, 2) : v
            let mHat = m / (1 - Double.power(b1, t)), vHat = second / (1 - Double.power(b2, t))
            text += "; m = \(N.number(b1))·\(N.term(buffer(old, 0))) + \(N.number(1 - b1))·\(N.term(g)) = \(N.number(m))"
            text += "; v = \(N.number(b2))·\(N.term(buffer(old, 1))) + \(N.number(1 - b2))·\(N.term(g))² = \(N.number(v))"
            text += "; m̂ = \(N.number(mHat)), v̂ = \(N.number(vHat))"
            return "\(at): \(text); w = \(N.number(start)) − \(N.number(r.lr))·\(N.term(mHat))/(√\(N.number(vHat)) + \(N.number(r.eps))) = \(N.number(result))"
        case .other:
            return "\(at): grad = \(N.number(grad)); \(N.number(w)) → \(N.number(result))"
        }
    }
}
