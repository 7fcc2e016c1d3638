import ConvAutograd

/// A tensor's `grad_fn`: the node that made it, as PyTorch's object of the node's class
/// (`type(y.grad_fn).__name__` is `MaxBackward1`), with `name()` and `next_functions`.
///
/// It shows as `<MaxBackward1 object>`: PyTorch adds `at 0x7f...`, the object's address, which
/// differs from run to run; conv leaves it out so that a program's output is the same every time.
final class GradFunction: TorchObject {
    let node: Node
    init(_ node: Node) { self.node = node }
    var typeName: String { node.name }
    var description: String { "<\(node.name) object>" }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        switch name {
        case "name": GradFunction.nameMethod(of: self, node.name)
        // A tuple of (function, 0) per input: the node that made it, `AccumulateGrad` for a leaf
        // that requires grad, None for an input that needs no gradient.
        case "next_functions": .tuple(node.nextFunctions.map { next in
            let function: Value = switch next {
            case .node(let node): .object(ObjectBox(GradFunction(node)))
            case .accumulate(let leaf): .object(ObjectBox(AccumulateGrad(leaf)))
            case .none: .none
            }
            return .tuple([function, .int(0)])
        })
        default: nil
        }
    }

    var memberNames: [String] { ["name", "next_functions"] }

    /// `f.name()`: PyTorch's name of the node.
    static func nameMethod(of object: any TorchObject, _ name: String) -> Value {
        let method = Builtin(name: "name", parameters: [], summary: "the node's name", details: "f.name()\n\nThe node's name.",
                             body: { _ throws(RuntimeError) in .string(name) })
        return .function(Function(.boundBuiltin(receiver: .object(ObjectBox(object)), method)))
    }
}

/// The `next_functions` entry of a leaf that requires grad: PyTorch's `AccumulateGrad`, whose
/// `variable` is the leaf.
final class AccumulateGrad: TorchObject {
    let leaf: Variable
    init(_ leaf: Variable) { self.leaf = leaf }
    var typeName: String { "AccumulateGrad" }
    var description: String { "<AccumulateGrad object>" }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        switch name {
        case "name": GradFunction.nameMethod(of: self, "torch::autograd::AccumulateGrad")
        case "next_functions": .tuple([])
        case "variable": .variable(VariableBox(leaf))
        default: nil
        }
    }

    var memberNames: [String] { ["name", "next_functions", "variable"] }
}
