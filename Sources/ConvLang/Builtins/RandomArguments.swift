import ConvNumerics

/// What the random builtins share: the `dtype=` they read, the tensors they fill, and the
/// sentence a refused draw becomes.
///
/// conv's tensors are float64 and hold what PyTorch's float32 tensors hold unless a call says
/// `dtype=torch.float64`: a draw runs PyTorch's float32 path (or its float64 one when asked) and
/// the values come back as float64 tensors holding exactly PyTorch's numbers.
enum RandomArguments {
    /// The call's `dtype=`, or `fallback` when it is not given (or `None`): a dtype object
    /// (`torch.float32`, ``DTypeValues``) or its name as a string.
    static func dtype(_ call: BuiltinCall, default fallback: DType = .float32) throws(RuntimeError) -> DType {
        let given = call.value("dtype")
        if case .none = given { return fallback }
        if let dtype = DTypeValues.dtype(of: given) { return dtype }
        throw call.error("dtype must be torch.float32, torch.float64, torch.int64 or torch.bool, not \(ValueFormatter.repr(given))",
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
