import ConvNumerics

/// What the random builtins share: the `dtype=` they read, the tensors they fill, and the
/// sentence a refused draw becomes.
///
/// conv's tensors are float64 and hold what PyTorch's float32 tensors hold unless a call says
/// `dtype=torch.float64`: a draw runs PyTorch's float32 path (or its float64 one when asked) and
/// the values come back as float64 tensors holding exactly PyTorch's numbers.
enum RandomArguments {
    /// `torch.float32` and the other names of the dtypes, as `torch.X` reads them: each is the
    /// text PyTorch prints for it.
    static let dtypeNames: [String: Value] = [
        "float32": .string("torch.float32"), "float": .string("torch.float32"),
        "float64": .string("torch.float64"), "double": .string("torch.float64"),
        "int64": .string("torch.int64"), "long": .string("torch.int64"),
    ]

    /// The call's `dtype=`, or `fallback` when it is not given (or `None`).
    static func dtype(_ call: BuiltinCall, default fallback: DType = .float32) throws(RuntimeError) -> DType {
        switch call.value("dtype") {
        case .none: return fallback
        case .string(let text):
            let name = text.hasPrefix("torch.") ? String(text.dropFirst("torch.".count)) : text
            switch name {
            case "float32", "float": return .float32
            case "float64", "double": return .float64
            case "int64", "long": return .int64
            default: break
            }
        default: break
        }
        throw call.error("dtype must be torch.float32, torch.float64 or torch.int64, not \(ValueFormatter.repr(call.value("dtype")))",
                         at: "dtype")
    }

    /// Argument `name` as a tensor of `dtype` to fill or read: conv's float64 tensors hold the
    /// values PyTorch's float32 ones do, so only the dtype changes.
    static func tensor(_ call: BuiltinCall, _ name: String, as dtype: DType = .float32) throws(RuntimeError) -> Tensor {
        try call.tensor(name, allowNumber: true).converted(to: dtype)
    }

    /// A finished draw as a conv value: a float64 tensor of the same numbers.
    static func value(_ tensor: Tensor) -> Value {
        .tensor(tensor.converted(to: .float64))
    }

    /// Runs a draw on the interpreter's generator, turning a refusal into a located error.
    static func draw(
        _ call: BuiltinCall, _ body: (inout TorchGenerator) throws(RandomError) -> Tensor
    ) throws(RuntimeError) -> Value {
        do {
            return value(try body(&call.context.generator))
        } catch {
            throw refusal(error, call)
        }
    }

    /// A refused draw as a located error; a result over the element limit or the memory budget
    /// is a limit error.
    static func refusal(_ error: RandomError, _ call: BuiltinCall) -> RuntimeError {
        switch error {
        case .tooLarge: call.error(error.description, kind: .limit(.elements))
        case .outOfMemory(let refusal): RuntimeError(memoryRefusal: refusal, at: call.range)
        default: call.error(error.description)
        }
    }
}
