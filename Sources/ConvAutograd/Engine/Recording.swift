import ConvNumerics

extension Variable {
    /// The variable for `data`, the result of operation `name` on `inputs`: it carries a node
    /// when grad mode is on and some input requires grad, and is a plain result otherwise (the
    /// backward function is then dropped without being kept).
    static func record(
        _ name: String, _ data: Tensor, inputs: [Variable], savesTensors: Bool = true,
        details: OperationRecord? = nil, backward: @escaping Node.Backward
    ) -> Variable {
        guard GradMode.isEnabled, inputs.contains(where: { $0.requiresGrad }) else {
            return Variable(result: data, gradFn: nil)
        }
        let node = Node(
            name: name, inputs: inputs.map { $0.requiresGrad ? $0 : nil },
            savesTensors: savesTensors, record: details, backward: backward)
        return Variable(result: data, gradFn: node)
    }

    /// A constant operand (no grad) of the same dtype as `self`, such as a Python number.
    func constant(_ value: Double) -> Variable {
        let tensor: Tensor = dtype == .float32 ? Tensor(scalar: Float(value)) : Tensor(scalar: value)
        return Variable(result: tensor, gradFn: nil)
    }
}
