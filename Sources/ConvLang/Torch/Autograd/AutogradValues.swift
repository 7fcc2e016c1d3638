import ConvAutograd
import ConvNumerics

/// How conv values become the engine's variables and back, and how the engine's refusals
/// become located errors.
enum AutogradValues {
    /// `value` as an operand of a recorded operation: a variable as itself, a plain tensor (or a
    /// list or number standing for one) as a constant.
    static func variable(_ value: Value, what: String, at range: SourceRange) throws(RuntimeError) -> Variable {
        if case .variable(let box) = value { return box.variable }
        return Variable(constant: try Coercion.tensor(value, what: what, at: range, allowNumber: true))
    }

    /// The optional operand `value` (none gives nil).
    static func optionalVariable(_ value: Value, what: String, at range: SourceRange) throws(RuntimeError) -> Variable? {
        if case .none = value { return nil }
        return try variable(value, what: what, at: range)
    }

    /// Runs an operation of the engine; its refusal is PyTorch's RuntimeError, located at `range`.
    static func run(at range: SourceRange, _ operation: () throws(AutogradError) -> Variable) throws(RuntimeError) -> Value {
        do {
            return Value.result(try operation())
        } catch {
            throw located(error, at: range)
        }
    }

    /// The engine's refusal as a runtime error at `range`; Python code catches it as
    /// `RuntimeError`, as PyTorch raises it.
    static func located(_ error: AutogradError, at range: SourceRange) -> RuntimeError {
        // A program's own backward function failed: its error, where it was raised.
        if case .external(let failure) = error, let original = failure.error as? RuntimeError { return original }
        return RuntimeError(error.description, at: range)
    }

    /// Whether any of `values` is a variable: the call then goes through the engine.
    static func involvesVariable(_ values: [Value]) -> Bool {
        values.contains { value in
            switch value {
            case .variable: true
            // `torch.cat([a, b])` takes its tensors in one list or tuple.
            case .list(let list): list.items.contains { if case .variable = $0 { true } else { false } }
            case .tuple(let items): items.contains { if case .variable = $0 { true } else { false } }
            default: false
            }
        }
    }

    /// PyTorch's refusal of an in-place change to a leaf that requires grad while grad mode is on.
    static func checkInPlace(_ box: VariableBox, at range: SourceRange) throws(RuntimeError) {
        if GradMode.isEnabled, box.isLeaf, box.requiresGrad {
            throw RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.", at: range)
        }
    }

    /// An in-place method's result put into `box` (`w.sub_(g)`, `x.fill_(0)`): allowed where
    /// PyTorch allows it without recording (under `no_grad`, or on a tensor that does not require
    /// grad); a recorded in-place operation is refused rather than silently not recorded.
    static func assignInPlace(_ box: VariableBox, _ result: Value, at range: SourceRange) throws(RuntimeError) {
        try checkInPlace(box, at: range)
        if GradMode.isEnabled, box.requiresGrad {
            throw RuntimeError("conv does not record in-place operations on a tensor that requires grad", at: range,
                               notes: ["write the operation out of place instead, e.g. y = y.add(1) rather than y.add_(1)"])
        }
        guard let values = result.asTensor else { return }
        do throws(AutogradError) { try box.assign(values) } catch { throw located(error, at: range) }
    }

    /// `dim=` as the engine's list of dimensions: an int, a tuple or list of ints; nil for none.
    static func dimensions(_ call: BuiltinCall, _ name: String = "dim") throws(RuntimeError) -> [Int]? {
        let given = call.value(name)
        let listed: [Value]? = switch given {
        case .tuple(let items): items
        case .list(let list): list.items
        default: nil
        }
        switch given {
        case .none: return nil
        case _ where listed != nil:
            var dims: [Int] = []
            for item in listed ?? [] {
                dims.append(try Coercion.integer(item, what: "\(call.builtin.name)'s argument '\(name)'", at: call.range(of: name)))
            }
            return dims
        default: return [try call.integer(name)]
        }
    }
}
