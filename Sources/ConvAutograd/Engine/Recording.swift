import ConvNumerics

extension Variable {
    /// The variable for `data`, the result of operation `name` on `inputs`: it carries a node
    /// when grad mode is on and some input requires grad, and is a plain result otherwise (the
    /// backward function is then dropped without being kept).
    static func record(
        _ name: String, _ data: Tensor, inputs: [Variable], savesTensors: Bool = true, saving: Saving = .inputs,
        details: OperationRecord? = nil, backward: @escaping Node.Backward
    ) -> Variable {
        guard GradMode.isEnabled, inputs.contains(where: { $0.requiresGrad }) else {
            return Variable(result: data, gradFn: nil)
        }
        let node = Node(
            name: name, inputs: inputs.map { $0.requiresGrad ? $0 : nil },
            savesTensors: savesTensors, record: details, backward: backward)
        let output = Variable(result: data, gradFn: node)
        if savesTensors { node.saved = saving.versions(inputs: inputs, output: output) }
        return output
    }

    /// The result of an operation a program defined (`torch.autograd.Function`), named `name`:
    /// `backward` takes the output's gradient to one gradient per input (nil for none). When it
    /// `savesTensors`, a second pass without `retainGraph` is refused, as PyTorch frees the
    /// tensors the context saved.
    public static func custom(
        _ name: String, _ data: Tensor, inputs: [Variable], savesTensors: Bool,
        backward: @escaping (Tensor) throws(AutogradError) -> [Tensor?]
    ) -> Variable {
        record(name, data, inputs: inputs, savesTensors: savesTensors, saving: .these([]), backward: backward)
    }

    /// Which tensors an operation's backward reads, as PyTorch's saves them: changing one in
    /// place before the backward pass is then refused.
    enum Saving {
        /// Every input (the usual case).
        case inputs
        /// The result only (`relu`, `sigmoid`, `exp`, `softmax`: their gradients are written
        /// with the output).
        case output
        /// These inputs only (`a * b` saves `b` for `a`'s gradient and `a` for `b`'s).
        case these([Variable])

        func versions(inputs: [Variable], output: Variable) -> [SavedVersion] {
            switch self {
            case .inputs: inputs.map { SavedVersion($0, isOutput: false) }
            case .output: [SavedVersion(output, isOutput: true)]
            case .these(let saved): saved.map { SavedVersion($0, isOutput: false) }
            }
        }
    }

    /// A constant operand (no grad) of the same dtype as `self`, such as a Python number.
    func constant(_ value: Double) -> Variable {
        let tensor: Tensor = dtype == .float32 ? Tensor(scalar: Float(value)) : Tensor(scalar: value)
        return Variable(result: tensor, gradFn: nil)
    }
}
