import ConvNumerics

/// The dtype of a tensor method's result, as PyTorch gives it: the reductions and elementwise
/// functions compute in float64 (conv's kernels for them read any tensor as `Double`s), and
/// their result is then given the dtype PyTorch's would have. `x.mean()` of a float32 tensor is
/// float32; `x.sum()` of an int64 or bool tensor is int64; `x.sqrt()` of an int64 tensor is the
/// default float dtype.
enum MethodResultDTypes {
    /// The methods whose result keeps an integer input's integers (a bool input's for `sum` and
    /// `prod`, which count).
    private static let integerKeeping: Set<String> = ["sum", "prod", "max", "min", "amax", "amin", "abs", "neg", "negative", "clamp", "clip", "round", "relu",
                                                      "floor", "ceil", "trunc", "sign", "square"]

    /// `method` whose floating results take the dtype PyTorch gives them for the receiver's, or,
    /// called as a torch function (`torch.neg(x)`, `torch.clamp(x, 0, 1)`), for its input's.
    static func wrapping(_ method: Builtin) -> Builtin {
        var wrapped = Builtin(
            name: method.name, aliases: method.aliases, parameters: method.parameters, summary: method.summary,
            details: method.details,
            body: { call throws(RuntimeError) in
                let result = try method.body(&call)
                guard let input = (call.receiver.asTensor ?? call.values.first?.asTensor)?.dtype else { return result }
                return adjusted(result, method: method.name, input: input, defaultFloat: call.context.defaultDType)
            })
        wrapped.takesPythonValues = method.takesPythonValues
        wrapped.writesBackFirstArgument = method.writesBackFirstArgument
        return wrapped
    }

    private static func adjusted(_ result: Value, method: String, input: DType, defaultFloat: DType) -> Value {
        switch result {
        case .tensor(let tensor) where tensor.dtype == .float64 && input != .float64:
            return .tensor(tensor.converted(to: target(method: method, input: input, defaultFloat: defaultFloat)))
        case .returnTuple(let named) where !named.items.isEmpty:
            // `max(dim=)`: the values take the dtype, the indices stay int64.
            let items = [adjusted(named.items[0], method: method, input: input, defaultFloat: defaultFloat)] + named.items.dropFirst()
            return .returnTuple(ReturnTuple(name: named.name, items: items))
        default:
            return result
        }
    }

    private static func target(method: String, input: DType, defaultFloat: DType) -> DType {
        switch input {
        case .float32, .float64: input
        case .int64: integerKeeping.contains(method) ? .int64 : defaultFloat
        // An int32 sum or product counts in int64, as PyTorch's; the rest keep int32.
        case .int32: ["sum", "prod"].contains(method) ? .int64 : integerKeeping.contains(method) ? .int32 : defaultFloat
        case .bool: ["sum", "prod"].contains(method) ? .int64 : defaultFloat
        }
    }
}
