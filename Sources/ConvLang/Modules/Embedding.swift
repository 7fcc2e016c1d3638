import ConvAutograd
import ConvNumerics

/// `Embedding(num_embeddings, embedding_dim, padding_idx=None)`: PyTorch's `nn.Embedding`, a
/// table of `num_embeddings` rows of `embedding_dim` numbers read by int64 (or int32) indices:
/// `emb(idx)` has shape `idx.shape + (embedding_dim,)`. The weight is drawn from N(0, 1) as
/// PyTorch's `normal_` draws it from the seeded generator, and the row `padding_idx` is zeros
/// and learns nothing.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class Embedding: Module, @unchecked Sendable {
    let trainingFlag = TrainingFlag()
    let numEmbeddings: Int
    let embeddingDim: Int
    /// The padding row, already counted from the front (PyTorch stores `-1` as `num − 1`).
    let paddingIndex: Int?
    private(set) var weight: VariableBox

    init(numEmbeddings: Int, embeddingDim: Int, paddingIndex: Int?, weight: Tensor) {
        (self.numEmbeddings, self.embeddingDim, self.paddingIndex) = (numEmbeddings, embeddingDim, paddingIndex)
        self.weight = LayerTensors.parameter(weight)
    }

    var description: String {
        "Embedding(\(numEmbeddings), \(embeddingDim)" + (paddingIndex.map { ", padding_idx=\($0)" } ?? "") + ")"
    }

    func forward(_ call: ModuleCall) throws(RuntimeError) -> Value {
        try call.context.checkInterrupt(at: call.range)
        let input = try call.input()
        return try Self.lookUp(input, at: call.inputRange, in: weight.variable, paddingIndex: paddingIndex, callRange: call.range,
                               context: call.context)
    }

    /// The rows of `weight` that `indices` names (`F.embedding` and the layer alike), after
    /// PyTorch's checks of the indices, each refusal in PyTorch's words and class.
    static func lookUp(
        _ indices: Value, at range: SourceRange, in weight: Variable, paddingIndex: Int?, callRange: SourceRange,
        context: EvaluationContext
    ) throws(RuntimeError) -> Value {
        guard let tensor = indices.asTensor else {
            throw RuntimeError("embedding(): argument 'indices' (position 2) must be Tensor, not \(PythonText.typeName(indices))",
                               at: range, raising: .typeError)
        }
        guard tensor.dtype == .int64 || tensor.dtype == .int32, let raw = tensor.converted(to: .int64).int64Scalars else {
            let typeText = tensor.dtype == .bool ? "CPUBoolType" : DTypeValues.legacyTypeName(tensor.dtype)
            throw RuntimeError("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; "
                               + "but got \(typeText) instead (while checking arguments for embedding)", at: range,
                               notes: ["indices are int64: torch.tensor([1, 2]) makes them, and x.long() converts a tensor of whole numbers"])
        }
        guard weight.data.rank == 2 else { throw RuntimeError("'weight' must be 2-D", at: callRange) }
        // Few indices into a wide table can ask for far more than either holds.
        try context.checkElementCount(of: tensor.shape + [weight.shape[1]], at: callRange)
        let rows = Int64(weight.shape[0])
        var positions: [Int] = []
        positions.reserveCapacity(raw.count)
        for index in raw {
            guard index >= 0, index < rows else { throw RuntimeError("index out of range in self", at: range, raising: .indexError) }
            positions.append(Int(index))
        }
        return try AutogradValues.run(at: callRange) { () throws(AutogradError) in
            try Functional.embedding(weight, positions: positions, indexShape: tensor.shape, paddingIndex: paddingIndex)
        }
    }

    /// `emb(idx)` gives `(*, embedding_dim)` from indices, not channels × length: a shape walk
    /// cannot pass through it.
    var shapeRule: ShapeRule {
        .changing(ShapeChange(
            apply: { _, _ in .failure(LayerRefusal(message: "an Embedding takes indices, not channels × length")) },
            describe: { _, _ in "" },
            symbolic: { input, output in "\(output): the rows of \(input)'s indices" }))
    }

    var parameters: [(name: String, tensor: Tensor)] { [("weight", weight.tensor)] }

    var parameterValues: [(name: String, value: Value)] { [("weight", .variable(weight))] }

    var members: [(name: String, value: Value)] {
        [("weight", .variable(weight)), ("num_embeddings", .int(numEmbeddings)), ("embedding_dim", .int(embeddingDim)),
         ("padding_idx", paddingIndex.map(Value.int) ?? .none), ("max_norm", .none), ("norm_type", .number(2)),
         ("scale_grad_by_freq", .bool(false)), ("sparse", .bool(false))]
    }

    func assign(_ name: String, _ value: Value, nameRange: SourceRange, valueRange: SourceRange) throws(RuntimeError) {
        guard name == "weight" else { throw refusedAssignment(name, at: nameRange) }
        guard let box = try LayerTensors.assigned(value, to: weight, shape: [numEmbeddings, embeddingDim], name: name, at: valueRange) else {
            throw RuntimeError("Embedding needs a weight; it cannot be None", at: valueRange, raising: .typeError)
        }
        weight = box
    }

    var jsonFields: [(String, String)] {
        [("num_embeddings", "\(numEmbeddings)"), ("embedding_dim", "\(embeddingDim)"),
         ("padding_idx", paddingIndex.map(String.init) ?? "null"), ("weight", JSONEncoding.tensor(weight.tensor))]
    }

    // MARK: - The function

    /// `F.embedding(input, weight, padding_idx=None)`: what the layer computes, with a weight of
    /// one's own (its padding row is not zeroed; it only gets no gradient, as in PyTorch).
    static let function: Builtin = {
        var builtin = Builtin(
            name: "embedding", aliases: ["torch.nn.functional.embedding"],
            parameters: [.required("input"), .required("weight"), .optional("padding_idx", default: .none)],
            summary: "the rows of a weight at integer indices, as PyTorch's F.embedding",
            details: """
            F.embedding(input, weight, padding_idx=None)

            The rows of the 2-D weight at the int64 indices input: shape input.shape +
            (weight.shape[1],). The row padding_idx gets no gradient.
              F.embedding(torch.tensor([2, 0]), torch.arange(6.).view(3, 2))   # [[4., 5.], [0., 1.]]
            """,
            body: { call throws(RuntimeError) in
                let weight = try AutogradValues.variable(call.value("weight"), what: "embedding's argument 'weight'",
                                                         at: call.range(of: "weight"))
                guard weight.data.rank == 2 else { throw call.error("'weight' must be 2-D", at: "weight") }
                let paddingIndex = try padding(call, count: weight.shape[0])
                return try lookUp(call.value("input"), at: call.range(of: "input"), in: weight, paddingIndex: paddingIndex,
                                  callRange: call.range, context: call.context)
            })
        builtin.takesPythonValues = true
        return builtin
    }()

    // MARK: - The constructor

    static let constructor: Builtin = {
        var builtin = Builtin(
        name: "Embedding", aliases: ["torch.nn.Embedding"],
        parameters: [.required("num_embeddings"), .required("embedding_dim"), .optional("padding_idx", default: .none),
                     .optional("max_norm", default: .none), .optional("norm_type", default: .number(2)),
                     .optional("scale_grad_by_freq", default: .bool(false)), .optional("sparse", default: .bool(false))],
        summary: "a table of learned vectors read by integer indices, as PyTorch's nn.Embedding",
        details: """
        Embedding(num_embeddings, embedding_dim, padding_idx=None)

        emb(idx) gives the weight's rows at the int64 indices idx, of shape idx.shape +
        (embedding_dim,). The weight (num_embeddings, embedding_dim) is drawn from N(0, 1)
        exactly as PyTorch draws it; the row padding_idx (negative counts from the end) is zeros
        and gets no gradient. max_norm, scale_grad_by_freq and sparse are not supported.

        Example:
          torch.manual_seed(0)
          emb = nn.Embedding(10, 3)
          emb(torch.tensor([[1, 2], [4, 9]])).shape     # (2, 2, 3)
        """,
        constructsLayer: true,
        body: { call throws(RuntimeError) in try make(&call) })
        // A list for a size is refused as PyTorch refuses it, not read as a tensor.
        builtin.takesPythonValues = true
        return builtin
    }()

    /// Reads the settings with PyTorch's checks and draws the weight as `reset_parameters` does.
    private static func make(_ call: inout BuiltinCall) throws(RuntimeError) -> Value {
        let count = try size(call, "num_embeddings", position: 0)
        let width = try size(call, "embedding_dim", position: 1)
        guard count >= 0, width >= 0 else {
            let negative = count < 0 ? count : width
            throw call.error("Trying to create tensor with negative dimension \(negative): [\(count), \(width)]")
        }
        let paddingIndex = try padding(call, count: count)
        if case let given = call.value("max_norm"), !given.isNone {
            throw call.error("conv's Embedding does not renormalise rows: max_norm must be None", at: "max_norm")
        }
        for flag in ["scale_grad_by_freq", "sparse"] where try call.bool(flag) {
            throw call.error("conv's Embedding supports only \(flag)=False", at: flag)
        }
        try call.context.checkElementCount(of: [count, width], at: call.range)
        var drawn: Tensor
        do {
            drawn = try call.context.generator.normal(shape: [count, width], dtype: .float32,
                                                      elementLimit: call.context.limits.maximumElements)
        } catch {
            throw call.error(error.description)
        }
        if let paddingIndex, var elements = drawn.elements(as: Float.self) {
            for j in 0..<width { elements[paddingIndex * width + j] = 0 }
            drawn = Tensor(shape: [count, width], scalars: elements) ?? drawn
        }
        return .layer(Layer(Embedding(numEmbeddings: count, embeddingDim: width, paddingIndex: paddingIndex, weight: drawn)))
    }

    /// A size as `torch.empty((num, dim))` takes it: an int, else PyTorch's TypeError.
    private static func size(_ call: BuiltinCall, _ name: String, position: Int) throws(RuntimeError) -> Int {
        switch call.value(name) {
        case .int(let value): return value
        case .bool(let flag): return flag ? 1 : 0
        case .bigInt: throw IntegerArithmetic.unpackingOverflow(name, at: call.range(of: name))
        case let other:
            // PyTorch's parser words the first element's refusal and a later one's differently.
            let type = PythonText.typeName(other)
            let message = position == 0
                ? "empty(): argument 'size' (position 1) must be tuple of ints, but found element of type \(type) at pos 0"
                : "empty(): argument 'size' failed to unpack the object at pos \(position + 1) with error \"type must be tuple of ints,but got \(type)\""
            throw call.error(message, at: name, raising: .typeError)
        }
    }

    /// `padding_idx` counted from the front, or nil; PyTorch asserts it lies in `[-num, num)`.
    static func padding(_ call: BuiltinCall, count: Int, name: String = "padding_idx") throws(RuntimeError) -> Int? {
        switch call.value(name) {
        case .none: return nil
        case .bool(let flag): return try padding(call, count: count, index: flag ? 1 : 0, name: name)
        case .int(let index): return try padding(call, count: count, index: index, name: name)
        case let other:
            throw call.error("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices "
                             + "(got \(PythonText.typeName(other)))", at: name, raising: .indexError)
        }
    }

    /// `index` counted from the front, after PyTorch's assertion that it lies in `[-count, count)`.
    private static func padding(_ call: BuiltinCall, count: Int, index: Int, name: String) throws(RuntimeError) -> Int {
        guard index >= -count, index < count else {
            throw call.error("Padding_idx must be within num_embeddings", at: name, raising: .assertionError)
        }
        return index < 0 ? index + count : index
    }
}
