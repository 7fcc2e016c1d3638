import ConvNumerics

/// Making tensors from others: `torch.cat`, `torch.stack`, the `*_like` family, `torch.eye`
/// and `torch.where`.
enum JoiningFunctions {
    /// Torch functions only: PyTorch's tensors have no `x.cat` or `x.zeros_like`.
    static let functionsOnly: [Builtin] = [cat, stack, zerosLike, onesLike, fullLike, eye, whereFunction]

    private static let input = Builtin.Parameter.required("input")

    static let cat = Builtin.tensorFunction(
        "cat", aliases: ["torch.concat", "torch.concatenate"], [.required("tensors"), .optional("dim", "axis", default: .int(0))],
        "tensors joined end to end along dim", example: "torch.cat([a, b], dim=1)") { call throws(RuntimeError) in
        let tensors = try list(call, "cat")
        let rank = tensors[0].rank
        for tensor in tensors where tensor.rank != rank {
            throw call.error("Tensors must have same number of dimensions: got \(rank) and \(tensor.rank)", at: "tensors")
        }
        guard rank > 0 else { throw call.error("zero-dimensional tensor (at position 0) cannot be concatenated", at: "tensors") }
        let dim = try call.dimension("dim", rank: rank)
        for (number, tensor) in tensors.enumerated() {
            for axis in 0..<rank where axis != dim && tensor.shape[axis] != tensors[0].shape[axis] {
                throw call.error("Sizes of tensors must match except in dimension \(dim). Expected size \(tensors[0].shape[axis]) but got size \(tensor.shape[axis]) for tensor number \(number) in the list.", at: "tensors")
            }
        }
        return try call.made(joined(tensors, along: dim))
    }

    static let stack = Builtin.tensorFunction(
        "stack", [.required("tensors"), .optional("dim", "axis", default: .int(0))],
        "tensors of one shape joined along a new dimension dim", example: "torch.stack([a, b])") { call throws(RuntimeError) in
        let tensors = try list(call, "stack")
        for (number, tensor) in tensors.enumerated() where tensor.shape != tensors[0].shape {
            throw call.error("stack expects each tensor to be equal size, but got \(TensorArguments.text(tensors[0].shape)) at entry 0 and \(TensorArguments.text(tensor.shape)) at entry \(number)", at: "tensors")
        }
        let dim = try call.dimension("dim", rank: tensors[0].rank + 1)
        let unsqueezed = tensors.map { tensor in
            var shape = tensor.shape
            shape.insert(1, at: dim)
            return TensorGeometry.reshaped(tensor, shape)
        }
        return try call.made(joined(unsqueezed, along: dim))
    }

    /// The tensors of argument `tensors` (a list or tuple), at least one.
    private static func list(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> [Tensor] {
        let items: [Value]
        switch call.value("tensors") {
        case .list(let list): items = list.items
        case .tuple(let values): items = values
        case let other:
            throw call.error("\(name)() argument 'tensors' must be tuple of Tensors, not \(PythonText.typeName(other))", at: "tensors", raising: .typeError)
        }
        guard !items.isEmpty else { throw call.error("torch.\(name)(): expected a non-empty list of Tensors", at: "tensors", raising: .valueError) }
        var tensors: [Tensor] = []
        for item in items {
            tensors.append(try Coercion.tensor(item, what: "each of \(name)'s tensors", at: call.range(of: "tensors")))
        }
        return tensors
    }

    /// Tensors of equal rank and equal sizes but along `dim`, one after another along it.
    static func joined(_ tensors: [Tensor], along dim: Int) -> Tensor {
        var shape = tensors[0].shape
        shape[dim] = tensors.map { $0.shape[dim] }.reduce(0, +)
        let outer = shape[..<dim].reduce(1, *)
        let dtype = tensors.dropFirst().allSatisfy({ $0.dtype == tensors[0].dtype }) ? tensors[0].dtype : .float64
        let chunks = tensors.map { tensor in
            (scalars: tensor.converted(to: dtype), size: tensor.shape[dim...].reduce(1, *))
        }
        // Offsets into one storage of all the inputs side by side, then gathered in order.
        var starts: [Int] = []
        var total = 0
        for chunk in chunks { starts.append(total); total += chunk.scalars.count }
        var sources: [Int] = []
        for row in 0..<outer {
            for (index, chunk) in chunks.enumerated() {
                sources += (starts[index] + row * chunk.size)..<(starts[index] + (row + 1) * chunk.size)
            }
        }
        let all = Tensor(shape: [total], storage: concatenated(chunks.map(\.scalars.storage))) ?? tensors[0]
        return TensorGeometry.gather(all, shape: shape, sources: sources) ?? tensors[0]
    }

    private static func concatenated(_ storages: [TensorStorage]) -> TensorStorage {
        switch storages.first {
        case .float32: .float32(storages.flatMap { $0.elements(as: Float.self) ?? [] })
        case .int64: .int64(storages.flatMap { $0.elements(as: Int64.self) ?? [] })
        case .int32: .int32(storages.flatMap { $0.elements(as: Int32.self) ?? [] })
        case .bool: .bool(storages.flatMap { $0.elements(as: Bool.self) ?? [] })
        default: .float64(storages.flatMap { $0.elements(as: Double.self) ?? [] })
        }
    }

    static let zerosLike = like("zeros_like", "zeros", value: { _ throws(RuntimeError) in 0 })
    static let onesLike = like("ones_like", "ones", value: { _ throws(RuntimeError) in 1 })
    static let fullLike = like("full_like", "fill_value everywhere", extra: [.required("fill_value")]) { call throws(RuntimeError) in
        try call.number("fill_value")
    }

    private static func like(
        _ name: String, _ what: String, extra: [Builtin.Parameter] = [],
        value: @escaping @Sendable (BuiltinCall) throws(RuntimeError) -> Double
    ) -> Builtin {
        .tensorFunction(name, [input] + extra, "a tensor of input's shape holding \(what)", example: "torch.\(name)(x)") { call throws(RuntimeError) in
            let x = try call.receivingTensor
            return try call.made(Tensor(repeating: try value(call), shape: x.shape) ?? x)
        }
    }

    static let eye = Builtin.tensorFunction(
        "eye", [.required("n"), .optional("m", default: .none)], "the n-by-m identity matrix (n-by-n without m)",
        example: "torch.eye(3)") { call throws(RuntimeError) in
        let n = try call.integer("n", in: 0...Int.max)
        let m = if case .none = call.value("m") { n } else { try call.integer("m", in: 0...Int.max) }
        try call.context.checkElementCount(of: [n, m], at: call.range)
        let identity = Tensor(shape: [n, m]) { buffer in
            for i in 0..<Swift.min(n, m) { buffer[i * m + i] = 1 }
        }
        return try call.made(identity ?? Tensor([]))
    }

    static let whereFunction = Builtin.tensorFunction(
        "where", [.required("condition"), .required("input"), .required("other")],
        "input where condition holds, other elsewhere (all three broadcast)", example: "torch.where(x > 0, x, 0.)") { call throws(RuntimeError) in
        let condition = try call.tensor("condition", allowNumber: true)
        let a = try call.tensor("input", allowNumber: true), b = try call.tensor("other", allowNumber: true)
        guard let shape = Broadcasting.shape(condition.shape, a.shape).flatMap({ Broadcasting.shape($0, b.shape) }),
              let zeros = Tensor(repeating: 0, shape: shape),
              let mask = Broadcasting.combine(zeros, condition, { $1 != 0 ? 1 : 0 }),
              let left = Broadcasting.combine(zeros, a, { $1 }), let right = Broadcasting.combine(zeros, b, { $1 }) else {
            throw ElementwiseMethods.mismatch(condition.shape, a.shape, call)
        }
        let (m, l, r) = (mask.scalars, left.scalars, right.scalars)
        let result = TensorGeometry.float64(shape, m.indices.map { m[$0] != 0 ? l[$0] : r[$0] })
        // PyTorch's result_type of input and other: a Python number does not promote a tensor
        // (`torch.where(c, x, 0.)` of a float32 `x` is float32).
        let defaultFloat = call.context.defaultDType
        let operands = [call.value("input"), call.value("other")].compactMap { TypePromotion.operand($0, defaultFloat: defaultFloat) }
        guard let dtype = TypePromotion.resultType(operands), dtype != .float64 else { return try call.made(result) }
        return try call.made(result.converted(to: dtype))
    }
}
