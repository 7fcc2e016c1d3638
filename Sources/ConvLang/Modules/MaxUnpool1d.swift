import ConvAutograd
import ConvNumerics

/// `MaxUnpool1d(kernel_size, stride=None, padding=0)`: PyTorch's `nn.MaxUnpool1d`, the inverse
/// of `MaxPool1d(return_indices=True)`: `unpool(values, indices)` puts each value back at its
/// index in zeros of length `(L − 1)·stride − 2·padding + kernel_size`, or of `output_size`.
final class MaxUnpool1d: Module {
    let trainingFlag = TrainingFlag()
    let kernelSize: Int
    let stride: Int
    let padding: Int

    init(kernelSize: Int, stride: Int, padding: Int) { (self.kernelSize, self.stride, self.padding) = (kernelSize, stride, padding) }

    var description: String { "MaxUnpool1d(kernel_size=(\(kernelSize),), stride=(\(stride),), padding=(\(padding),))" }

    /// `unpool(x, indices, output_size=None)`.
    func forward(_ call: ModuleCall) throws(RuntimeError) -> Value {
        try call.context.checkInterrupt(at: call.range)
        let positional = call.arguments.filter { $0.label == nil }
        let named = call.arguments.filter { $0.label != nil }
        guard positional.count == 2, named.allSatisfy({ $0.label == "output_size" }), named.count <= 1 else {
            throw RuntimeError("MaxUnpool1d takes the pooled values and their indices: unpool(y, indices, output_size=None)",
                               at: call.range, raising: .typeError)
        }
        let x = try AutogradValues.variable(positional[0].value, what: "the layer's input", at: positional[0].range)
        let indices = try Coercion.tensor(positional[1].value, what: "the indices", at: positional[1].range)
        guard x.data.rank == 2 || x.data.rank == 3 else {
            throw RuntimeError("max_unpool1d(): Expected 2D or 3D input, but got input of size \(x.shape)", at: call.range)
        }
        let length = try outputLength(of: x, named.first, at: call.range)
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
            try Functional.maxUnpool1d(x, indices: indices, outputLength: length)
        }
    }

    /// The default length, or the last entry of `output_size` (PyTorch takes 1 or `rank` entries).
    private func outputLength(of x: Variable, _ given: Evaluator.EvaluatedArgument?, at range: SourceRange) throws(RuntimeError) -> Int {
        let inputLength = x.shape.last ?? 0
        let provided = given.flatMap { argument -> Evaluator.EvaluatedArgument? in
            if case .none = argument.value { nil } else { argument }
        }
        guard let given = provided else {
            return Functional.unpooledLength(inputLength: inputLength, kernelSize: kernelSize, stride: stride, padding: padding)
        }
        let items: [Value] = switch given.value {
        case .tuple(let items): items
        case .list(let list): list.items
        case .tensor(let tensor) where tensor.rank == 1: tensor.scalars.map(Value.number)
        default: [given.value]
        }
        // PyTorch takes the length alone or (N, C, L), whatever the input's rank.
        guard items.count == 1 || items.count == 3 else {
            throw RuntimeError("output_size should be a sequence containing 1 or 3 elements, but it has a length of '\(items.count)'",
                               at: given.range, raising: .valueError)
        }
        return try Coercion.integer(items[items.count - 1], what: "output_size", at: given.range, in: 0...Int.max)
    }

    var members: [(name: String, value: Value)] {
        [("kernel_size", ModuleMembers.oneTuple(kernelSize)), ("stride", ModuleMembers.oneTuple(stride)),
         ("padding", ModuleMembers.oneTuple(padding))]
    }

    static let constructor = Builtin(
        name: "MaxUnpool1d", aliases: ["torch.nn.MaxUnpool1d"],
        parameters: [.required("kernel_size"), .optional("stride", default: .none), .optional("padding", default: .int(0))],
        summary: "puts pooled maxima back where they were, as PyTorch's nn.MaxUnpool1d",
        details: """
        MaxUnpool1d(kernel_size, stride=none, padding=0)

        unpool(values, indices, output_size=none): zeros of length (L-1)*stride - 2*padding +
        kernel_size (or output_size's last entry) with each value at its index, the indices that
        MaxPool1d(..., return_indices=True) gives. The stride defaults to kernel_size.

        Example:
          pool = MaxPool1d(2, return_indices=True)
          y, idx = pool(tensor([[1., 5., 2., 0.]]))
          MaxUnpool1d(2)(y, idx)           # [[0., 5., 2., 0.]]
        """,
        constructsLayer: true,
        body: { call throws(RuntimeError) in
            let kernelSize = try call.integer("kernel_size", in: 1...Int.max)
            let stride: Int = if case .none = call.value("stride") { kernelSize } else { try call.integer("stride", in: 1...Int.max) }
            return .layer(Layer(MaxUnpool1d(kernelSize: kernelSize, stride: stride, padding: try call.integer("padding", in: 0...Int.max))))
        })
}
