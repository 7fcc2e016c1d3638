import ConvAutograd
import ConvNumerics

/// The methods that move a tensor between dtypes and devices, as PyTorch's: `x.float()`,
/// `x.double()`, `x.long()`, `x.bool()`, `x.to(torch.float64)`, `x.to("cpu")`,
/// `x.type(torch.FloatTensor)`, `x.type()`, `x.cpu()`, and what a dtype is asked
/// (`x.is_floating_point()`, `x.element_size()`).
///
/// Conversion is ``ConvNumerics/Tensor/converted(to:)``. A tensor already of the dtype asked
/// for is returned itself (PyTorch returns `self`), so a parameter keeps its identity; a tensor
/// that requires grad is converted on the graph (`ToCopyBackward0`, the gradient flowing back in
/// the source dtype). Any device but the CPU is refused (``DeviceArgument``).
enum ConversionMethods {
    /// The methods by name, bound to the tensor they are called on (``TensorMembers``).
    static let byName: [String: Builtin] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    private static let all: [Builtin] = [
        fixed("float", .float32), fixed("double", .float64), fixed("long", .int64), fixed("bool", .bool),
        int, to, type, cpu, cuda, getDevice, isFloatingPoint, elementSize,
    ]

    private static func fixed(_ name: String, _ dtype: DType) -> Builtin {
        TensorMembers.method(name, [], "the tensor as \(dtype.torchName)") { call throws(RuntimeError) in
            try converted(call, to: dtype)
        }
    }

    /// `x.int()`: the tensor as int32.
    private static let int = TensorMembers.method("int", [], "the tensor as torch.int32") { call throws(RuntimeError) in
        try converted(call, to: .int32)
    }

    /// `x.to(dtype)`, `x.to(device)`, `x.to(device, dtype)`, `x.to(other)`, `x.to(dtype=..., device=...)`.
    private static let to = TensorMembers.method(
        "to", [.variadic("args"), .optional("dtype", default: .none, namedOnly: true),
               .optional("device", default: .none, namedOnly: true), .optional("non_blocking", default: .bool(false), namedOnly: true),
               .optional("copy", default: .bool(false), namedOnly: true)],
        "the tensor in another dtype (or on the CPU)") { call throws(RuntimeError) in
        var dtype: DType? = call.isGiven("dtype") ? try RandomArguments.dtype(call) : nil
        try DeviceArgument.check(call.value("device"), at: call.range(of: "device"))
        for (value, range) in call.rest {
            if DeviceArgument.isDevice(value) {
                try DeviceArgument.check(value, at: range)
            } else if let named = DTypeValues.dtype(of: value) {
                dtype = named
            } else if let other = value.asTensor {
                dtype = other.dtype
            } else {
                throw RuntimeError("to() received an invalid combination of arguments: \(ValueFormatter.repr(value)) is neither a dtype, a device nor a tensor",
                                   at: range, raising: .typeError)
            }
        }
        guard let dtype else { return call.receiver }
        return try converted(call, to: dtype)
    }

    /// `x.type()` names the tensor's legacy type; `x.type(torch.FloatTensor)` (or a dtype, or
    /// the type's name) converts.
    private static let type = TensorMembers.method("type", [.optional("dtype", default: .none)], "the tensor's type name, or the tensor in another type") { call throws(RuntimeError) in
        let tensor = try receiverTensor(call)
        guard call.isGiven("dtype"), !call.value("dtype").isNone else { return .string(DTypeValues.legacyTypeName(tensor.dtype)) }
        guard let dtype = DTypeValues.dtype(of: call.value("dtype")) else {
            throw call.error("invalid type: \(ValueFormatter.repr(call.value("dtype")))", at: "dtype")
        }
        return try converted(call, to: dtype)
    }

    private static let cpu = TensorMembers.method("cpu", [], "the tensor itself (conv's tensors are on the CPU)") { call throws(RuntimeError) in
        _ = try receiverTensor(call)
        return call.receiver
    }

    private static let cuda = TensorMembers.method("cuda", [.optional("device", default: .none)], "refused: conv computes on the CPU only") { call throws(RuntimeError) in
        try DeviceArgument.check(.string("cuda"), at: call.range)
        return call.receiver
    }

    private static let getDevice = TensorMembers.method("get_device", [], "-1: the tensor is on the CPU, as every tensor in conv") { call throws(RuntimeError) in
        _ = try receiverTensor(call)
        return .int(-1)
    }

    private static let isFloatingPoint = TensorMembers.method("is_floating_point", [], "whether the dtype is a floating-point one") { call throws(RuntimeError) in
        .bool(try receiverTensor(call).dtype.isFloatingPoint)
    }

    private static let elementSize = TensorMembers.method("element_size", [], "the bytes of one element") { call throws(RuntimeError) in
        .int(try receiverTensor(call).dtype.byteSize)
    }

    private static func receiverTensor(_ call: BuiltinCall) throws(RuntimeError) -> Tensor {
        try Coercion.tensor(call.receiver, what: "the tensor", at: call.range, allowNumber: true)
    }

    /// The receiver in `dtype`: itself when it already is; a tensor that requires grad is
    /// converted on the graph (`ToCopyBackward0`; to an integer or bool dtype the result is a
    /// constant, as PyTorch's is).
    static func converted(_ call: BuiltinCall, to dtype: DType) throws(RuntimeError) -> Value {
        let receiver = call.receiver
        let tensor = try Coercion.tensor(receiver, what: "the tensor", at: call.range, allowNumber: true)
        if tensor.dtype == dtype { return receiver }
        if let variable = requiringGrad(receiver) {
            return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try variable.converted(to: dtype) }
        }
        let result = tensor.converted(to: dtype)
        return try call.made(result)
    }

    /// The variable of `value` when it is a tensor that requires grad. (A function of its own:
    /// the optimiser of release builds mishandled the pattern match inline.)
    private static func requiringGrad(_ value: Value) -> Variable? {
        guard case .variable(let box) = value, box.requiresGrad else { return nil }
        return box.variable
    }
}
