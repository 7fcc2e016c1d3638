import ConvAutograd
import ConvNumerics

/// Listens to one backward pass (`explain loss.backward()`): every node in the order the engine
/// ran it, with what it received and gave, and every leaf's `.grad` before and after. The pass
/// itself is the engine's, unchanged; this only keeps what it heard.
final class BackwardRecorder: BackwardObserver {
    private(set) var steps: [BackwardStep] = []
    private(set) var leaves: [LeafGradient] = []

    /// A leaf whose `.grad` this pass changed.
    struct LeafGradient {
        let leaf: Variable
        /// Its `.grad` before the pass, nil if it had none.
        let previous: Tensor?
        /// This pass's gradient, summed over every node that fed it.
        let added: Tensor
    }

    func nodeRan(_ step: BackwardStep) { steps.append(step) }

    func leafAccumulated(_ leaf: Variable, previous: Tensor?, added: Tensor) {
        leaves.append(LeafGradient(leaf: leaf, previous: previous, added: added))
    }

    /// The step of `node`, when it ran in this pass.
    func step(of node: Node?) -> BackwardStep? {
        guard let node else { return nil }
        return steps.first { $0.node === node }
    }
}

/// The program's names for the tensors of a graph, for an explanation to speak of `w` and
/// `model.conv.weight` rather than of "the weight of node 2": every global bound to a tensor
/// with autograd identity, and every parameter of a global layer.
struct TensorNames {
    private var names: [ObjectIdentifier: String] = [:]

    init(globals: Globals?) {
        guard let globals else { return }
        for name in globals.order {
            switch globals[name] {
            case .variable(let box)?:
                if case .variable(let variable) = box.storage { remember(variable, name) }
            case .layer(let layer)?:
                for (parameter, value) in layer.module.namedParameterValues {
                    if case .variable(let box) = value, case .variable(let variable) = box.storage {
                        remember(variable, "\(name).\(parameter)")
                    }
                }
            default: continue
            }
        }
    }

    private mutating func remember(_ variable: Variable, _ name: String) {
        let key = ObjectIdentifier(variable)
        if names[key] == nil { names[key] = name }
    }

    /// The program's name for `variable`, if it has one.
    func name(of variable: Variable?) -> String? {
        variable.flatMap { names[ObjectIdentifier($0)] }
    }
}

extension Builtin {
    /// The builtin with `hook` as the way `explain` shows its call (`loss.backward()`, `opt.step()`).
    func explained(_ hook: @escaping ExplainHook) -> Builtin {
        var builtin = self
        builtin.explain = hook
        return builtin
    }
}
