import ConvAutograd
import ConvNumerics

/// `x.new_zeros(2, 3)`, `new_ones`, `new_full`, `new_empty`, `new_tensor(data)` and
/// `torch.empty_like(x)`: new tensors in the dtype of the one they are asked of (`dtype=` says
/// otherwise), as library code makes buffers that follow its input's dtype. They are new leaves:
/// nothing of the receiver's graph comes with them.
enum NewTensorMethods {
    /// Methods only: PyTorch has no `torch.new_zeros`.
    static let methodsOnly: [Builtin] = [newZeros, newOnes, newEmpty, newFull, newTensor]

    /// `torch.empty_like`: conv's "uninitialised" memory is zeros, so that a program shows the
    /// same values on every run.
    static let emptyLike = Builtin.tensorFunction(
        "empty_like", [input], "a tensor of input's shape (its values are zeros in conv)", example: "torch.empty_like(x)") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        return try call.made(Tensor(repeating: 0, shape: x.shape)?.converted(to: x.dtype) ?? x)
    }

    private static let input = Builtin.Parameter.required("input")
    private static let options: [Builtin.Parameter] = [
        .optional("dtype", default: .none, namedOnly: true), .optional("device", default: .none, namedOnly: true),
        .optional("requires_grad", default: .bool(false), namedOnly: true),
    ]

    static let newZeros = filled("new_zeros", "zeros") { _ throws(RuntimeError) in 0 }
    static let newOnes = filled("new_ones", "ones") { _ throws(RuntimeError) in 1 }
    static let newEmpty = filled("new_empty", "zeros (uninitialised in PyTorch)") { _ throws(RuntimeError) in 0 }
    static let newFull = Builtin.tensorFunction(
        "new_full", torch: false, [input, .required("size"), .required("fill_value")] + options,
        "a tensor of size holding fill_value, in this tensor's dtype", example: "x.new_full((2, 3), 7)") { call throws(RuntimeError) in
        let items: [Value] = switch call.value("size") {
        case .tuple(let items): items
        case .list(let list): list.items
        case .size(let extents): extents.map(Value.int)
        case let single: [single]
        }
        var shape: [Int] = []
        for item in items { shape.append(try Coercion.integer(item, what: "new_full's argument 'size'", at: call.range(of: "size"))) }
        return try made(call, shape: shape, fill: try call.number("fill_value"))
    }

    static let newTensor = Builtin.tensorFunction(
        "new_tensor", torch: false, [input, .required("data")] + options,
        "a tensor of data, in this tensor's dtype", example: "x.new_tensor([1, 2])") { call throws(RuntimeError) in
        let x = try call.receivingTensor
        let dtype = call.value("dtype").isNone ? x.dtype : try RandomArguments.dtype(call)
        try TorchConstructors.checkDevice(call)
        let data = try Coercion.tensor(call.value("data"), what: "new_tensor's data", at: call.range(of: "data"), allowNumber: true)
        return try leaf(call, data.converted(to: dtype))
    }

    /// `x.new_zeros(2, 3)` or `x.new_zeros((2, 3))`: `size` filled with one value.
    private static func filled(
        _ name: String, _ what: String, value: @escaping @Sendable (BuiltinCall) throws(RuntimeError) -> Double
    ) -> Builtin {
        .tensorFunction(name, torch: false, [input, .variadic("size")] + options,
                        "a tensor of size holding \(what), in this tensor's dtype", example: "x.\(name)(2, 3)") { call throws(RuntimeError) in
            try made(call, shape: try call.sizes("size"), fill: try value(call))
        }
    }

    private static func made(_ call: BuiltinCall, shape: [Int], fill: Double) throws(RuntimeError) -> Value {
        let x = try call.receivingTensor
        let dtype = call.value("dtype").isNone ? x.dtype : try RandomArguments.dtype(call)
        try TorchConstructors.checkDevice(call)
        for size in shape where size < 0 {
            throw call.error("Trying to create tensor with negative dimension \(size): \(TensorArguments.text(shape))")
        }
        try call.context.checkElementCount(of: shape, at: call.range)
        let tensor = (dtype == .int64 || dtype == .int32) && fill.rounded() == fill && abs(fill) < 0x1p63
            ? Tensor(repeating: Int64(fill), shape: shape)?.converted(to: dtype)
            : Tensor(repeating: fill, shape: shape)?.converted(to: dtype)
        return try leaf(call, tensor ?? x)
    }

    /// The new tensor, a leaf that requires grad when `requires_grad=True`.
    private static func leaf(_ call: BuiltinCall, _ tensor: Tensor) throws(RuntimeError) -> Value {
        let made = try call.made(tensor)
        guard try call.bool("requires_grad") else { return made }
        do {
            return .variable(VariableBox(try Variable(tensor, requiresGrad: true)))
        } catch {
            throw AutogradValues.located(error, at: call.range(of: "requires_grad"))
        }
    }
}
