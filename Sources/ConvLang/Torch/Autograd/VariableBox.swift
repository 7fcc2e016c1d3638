import ConvAutograd
import ConvNumerics
import TorchFormatting

/// A tensor with autograd identity, as a conv value (``Value/variable(_:)``): PyTorch's
/// `torch.Tensor` once it requires grad, was made by a recorded operation, or is a layer's
/// parameter.
///
/// It is a reference, as PyTorch's tensors are: `y = x` binds the same box, so `y.grad` is
/// `x.grad` and `x is y` is object identity. Plain tensors stay ``Value/tensor(_:)`` values, so
/// programs that never ask for gradients keep value semantics and their speed.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
public final class VariableBox: @unchecked Sendable {
    enum Storage {
        /// A tensor of the graph.
        case variable(Variable)
        /// `x.grad`: the gradient `x` accumulates, read live, so a name bound to it sees the
        /// next backward pass (PyTorch accumulates into the same tensor) and `zero_()` on it
        /// clears `x`'s gradient.
        case gradient(of: Variable)
    }

    /// What it holds; an in-place operation that records a node puts the variable it leaves here,
    /// so every name bound to the box sees the new `grad_fn`.
    private(set) var storage: Storage
    /// Whether it is an `nn.Parameter` (a layer's weight or bias): shown as `Parameter containing:`.
    let isParameter: Bool
    /// The one box `x.grad` gives, so that `x.grad is x.grad`.
    private var gradientView: VariableBox?

    init(_ variable: Variable, isParameter: Bool = false) {
        storage = .variable(variable)
        self.isParameter = isParameter
    }

    private init(gradientOf owner: Variable) {
        storage = .gradient(of: owner)
        isParameter = false
    }

    /// A leaf Parameter holding `tensor`, as a layer's weight and bias are.
    static func parameter(_ tensor: Tensor) -> VariableBox {
        let variable = Variable(constant: tensor)
        // A layer's tensors are float, so this never refuses; a refusal would leave it constant.
        try? variable.setRequiresGrad(true)
        return VariableBox(variable, isParameter: true)
    }

    /// The values.
    public var tensor: Tensor {
        switch storage {
        case .variable(let variable): variable.data
        case .gradient(let owner): owner.grad ?? WeightInitialization.zeros(owner.data)
        }
    }

    /// The variable operations read; a gradient's values are a constant of the graph.
    var variable: Variable {
        switch storage {
        case .variable(let variable): variable
        case .gradient: Variable(constant: tensor)
        }
    }

    var requiresGrad: Bool {
        if case .variable(let variable) = storage { return variable.requiresGrad }
        return false
    }

    var isLeaf: Bool {
        if case .variable(let variable) = storage { return variable.isLeaf }
        return true
    }

    /// PyTorch's class name of the node that made it (`MulBackward0`), nil for a leaf.
    var gradFunctionName: String? {
        if case .variable(let variable) = storage { return variable.gradFn?.name }
        return nil
    }

    /// The node that made it (its `grad_fn`), nil for a leaf.
    var gradFunction: Node? {
        if case .variable(let variable) = storage { return variable.gradFn }
        return nil
    }

    /// The autograd marks PyTorch's printout adds.
    var marks: TensorMarks {
        TensorMarks(requiresGrad: requiresGrad, gradFunction: gradFunctionName, isParameter: isParameter)
    }

    /// `x.grad`: the gradient view, or none before a backward pass reached `x`.
    var gradValue: Value {
        guard case .variable(let variable) = storage, variable.grad != nil else { return .none }
        if let gradientView { return .variable(gradientView) }
        let view = VariableBox(gradientOf: variable)
        gradientView = view
        return .variable(view)
    }

    /// `x.grad = value` (none clears it).
    func setGradient(_ gradient: Tensor?) {
        guard case .variable(let variable) = storage else { return }
        variable.grad = gradient
    }

    /// Changes the tensor in place by `operation` (`y.add_(1)`, `y[0] = 0`): recorded as PyTorch
    /// records it when grad mode is on and anything involved requires grad, else the values
    /// change. `view`: the change is to an element or slice (PyTorch's refusal for a leaf says so).
    func changeInPlace(view: Bool = false, _ operation: (Variable) throws(AutogradError) -> Variable) throws(AutogradError) {
        switch storage {
        case .variable(let variable):
            let result = try variable.inPlace(view: view, operation)
            if result !== variable { storage = .variable(result) }
        case .gradient(let owner):
            // A gradient is a constant of the graph: its values change, nothing is recorded.
            owner.grad = try operation(Variable(constant: tensor)).data.converted(to: owner.dtype)
        }
    }

    /// Replaces the values in place (an in-place operation, an optimizer's step); shape and
    /// dtype stay.
    /// `throughData`: written through `x.data`, which PyTorch's version counter does not see.
    func assign(_ values: Tensor, throughData: Bool = false) throws(AutogradError) {
        switch storage {
        case .variable(let variable): try variable.assign(values.converted(to: variable.dtype), countsAsChange: !throughData)
        case .gradient(let owner): owner.grad = values.converted(to: owner.dtype)
        }
    }
}

extension Value {
    /// The tensor a plain tensor or a variable holds: the one accessor for code that reads values
    /// and does not care about autograd.
    var asTensor: Tensor? {
        switch self {
        case .tensor(let tensor): tensor
        case .variable(let box): box.tensor
        default: nil
        }
    }

    /// The value as a host sees it: a tensor with autograd identity as its plain values (also
    /// inside tuples), so that hosts match ``Value/tensor(_:)`` whatever a program computed.
    public var hostValue: Value {
        switch self {
        case .variable(let box): .tensor(box.tensor)
        case .tuple(let items): .tuple(items.map(\.hostValue))
        default: self
        }
    }

    /// The value of an operation's result: a variable when it requires grad (it has a node),
    /// else a plain tensor, as the result of an operation on constants is.
    static func result(_ variable: Variable) -> Value {
        variable.requiresGrad ? .variable(VariableBox(variable)) : .tensor(variable.data)
    }
}
