/// `torch.sum(x, dim=1)`, `torch.max(x, 1)`, `torch.sqrt(x)`, ...: the torch functions whose
/// top-level names are conv's own builtins, and the reductions that are torch functions only.
///
/// Given a tensor, each is the tensor's method of the same name, as in PyTorch: a whole
/// reduction is a 0-d tensor in the input's dtype, `torch.max(x, 1)` a `torch.return_types.max`,
/// and a tensor that requires grad gives a result with its `grad_fn`. Given anything else (a
/// list, a number) it is conv's builtin, as the top-level `sum`, `max` and the rest always are.
enum TorchFunctionForms {
    /// The conv builtins with a torch form that defers to the tensor's method.
    static let names: Set<String> = ["sum", "mean", "max", "min", "abs", "sqrt", "exp", "log", "sin", "cos",
                                      "prod", "std", "var", "argmax", "argmin", "amax", "amin", "round", "any", "all"]

    /// `torch.NAME` for one of ``names``; nil for any other member or namespace.
    static func member(_ name: String, of namespace: String) -> Value? {
        guard namespace == "torch" else { return nil }
        return functions[name].map(Value.function)
    }

    /// One shared `Function` per form, so `torch.sum is torch.sum` holds.
    private static let functions: [String: Function] = {
        var table: [String: Function] = [:]
        for name in names {
            guard var form = BuiltinLibrary.builtin(named: name) else { continue }
            form.isTorchFunctionForm = true
            table[name] = Function(.builtin(form))
        }
        return table
    }()

    /// The tensor's method `name` bound to the tensor argument, with the other arguments; nil
    /// when the input (the first positional argument, or `input=`) is not a tensor.
    static func methodCall(
        _ name: String, _ arguments: [Evaluator.EvaluatedArgument]
    ) -> (method: Value, rest: [Evaluator.EvaluatedArgument])? {
        guard let index = arguments.firstIndex(where: { $0.label == nil || $0.label == "input" }) else { return nil }
        let receiver = arguments[index].value
        switch receiver {
        case .tensor, .variable: break
        default: return nil
        }
        guard let method = Evaluator.tensorMember(name, of: receiver) else { return nil }
        var rest = arguments
        rest.remove(at: index)
        return (method, rest)
    }
}
