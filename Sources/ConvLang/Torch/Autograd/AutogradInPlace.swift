import ConvAutograd
import ConvNumerics

/// PyTorch's in-place methods on a tensor with autograd identity (`y.add_(1)`, `h.relu_()`,
/// `y.clamp_(min=0)`, `y.zero_()`): recorded as PyTorch records them (`AddBackward0`,
/// `ReluBackward0`, `ClampBackward1`, `ZeroBackward0`, ...) when grad mode is on and anything
/// involved requires grad, so the tensor's `grad_fn` becomes the operation's; otherwise the
/// values change and nothing is recorded. Either way the tensor stays the same object, and a
/// leaf that requires grad is refused in PyTorch's words while grad mode is on.
///
/// On a plain tensor the same methods give the changed tensor, which the call writes back to the
/// name it was called on (``Builtin/writesBackFirstArgument``).
enum AutogradInPlace {
    /// An operation of the engine, applied to the tensor being changed.
    typealias Operation = (Variable) throws(AutogradError) -> Variable

    /// How each in-place method reads its arguments into the operation it applies.
    typealias Maker = @Sendable (BuiltinCall, DType) throws(RuntimeError) -> Operation

    private static let makers: [(name: String, parameters: [Builtin.Parameter], summary: String, make: Maker)] = [
        arithmetic("add_", "other (times alpha) added", alpha: true) { x, y throws(AutogradError) in try x.add(y) },
        arithmetic("sub_", "other (times alpha) subtracted", alpha: true) { x, y throws(AutogradError) in try x.sub(y) },
        arithmetic("mul_", "multiplied by other", alpha: false) { x, y throws(AutogradError) in try x.mul(y) },
        arithmetic("div_", "divided by other", alpha: false) { x, y throws(AutogradError) in try x.div(y) },
        ("clamp_", [.optional("min", default: .none), .optional("max", default: .none)], "each element limited to [min, max]", { call, _ throws(RuntimeError) in
            let (low, high) = try bounds(call)
            return { x throws(AutogradError) in try x.clamp(min: low, max: high) }
        }),
        ("fill_", [.required("value")], "every element set to value", { call, _ throws(RuntimeError) in
            let value = try call.number("value")
            return { x throws(AutogradError) in try x.filled(value) }
        }),
        ("zero_", [], "every element set to 0", { _, _ throws(RuntimeError) in
            { x throws(AutogradError) in try x.filled(0, name: "ZeroBackward0") }
        }),
        ("copy_", [.required("src")], "the elements of src (broadcast to the shape)", { call, dtype throws(RuntimeError) in
            let source = try operand(call, "src", dtype: dtype)
            return { x throws(AutogradError) in try x.copied(from: source) }
        }),
        unary("relu_", "max(x, 0) of every element") { x throws(AutogradError) in try x.relu() },
        unary("sigmoid_", "the sigmoid of every element") { x throws(AutogradError) in try x.sigmoid() },
        unary("tanh_", "tanh of every element") { x throws(AutogradError) in try x.tanh() },
        unary("exp_", "e to the power of every element") { x throws(AutogradError) in try x.exp() },
        unary("log_", "the natural logarithm of every element") { x throws(AutogradError) in try x.log() },
        unary("sqrt_", "the square root of every element") { x throws(AutogradError) in try x.sqrt() },
        unary("abs_", "the absolute value of every element") { x throws(AutogradError) in try x.abs() },
        unary("neg_", "every element negated") { x throws(AutogradError) in try x.neg() },
    ]

    static let methods: [Builtin] = makers.map { method($0.name, $0.parameters, $0.summary, make: $0.make) }

    /// `a.add_(w)`, `a.copy_(w)` on a plain tensor `a` while grad mode is on and an argument
    /// requires grad: recorded as PyTorch records it (`AddBackward0`, `CopyBackwards`), so the
    /// result requires grad and backward reaches `w`; nil when nothing is to be recorded (the
    /// plain method computes the values).
    static func onPlainTensor(_ call: BuiltinCall, _ tensor: Tensor) throws(RuntimeError) -> Value? {
        guard GradMode.isEnabled, tensor.dtype.isFloatingPoint,
              call.values.contains(where: { if case .variable(let box) = $0 { box.requiresGrad } else { false } }),
              let maker = makers.first(where: { $0.name == call.builtin.name })?.make else { return nil }
        let x = Variable(constant: tensor)
        let operation = try maker(call, x.dtype)
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try x.inPlace(operation) }
    }

    /// `F.relu(x, inplace=True)` and `nn.ReLU(inplace=True)` on a tensor with autograd identity:
    /// `x.relu_()`, giving `x` itself.
    static func reluInPlace(_ box: VariableBox, at range: SourceRange) throws(RuntimeError) -> Value {
        try activationInPlace(box, at: range) { x throws(AutogradError) in try x.relu() }
    }

    /// `F.leaky_relu(x, slope, inplace=True)` and `nn.LeakyReLU(slope, inplace=True)`: PyTorch's
    /// `leaky_relu_` (`LeakyReluBackward1`), giving `x` itself.
    static func leakyReLUInPlace(_ box: VariableBox, slope: Double, at range: SourceRange) throws(RuntimeError) -> Value {
        try activationInPlace(box, at: range) { x throws(AutogradError) in try Functional.leakyReLU(x, negativeSlope: slope, inPlace: true) }
    }

    private static func activationInPlace(_ box: VariableBox, at range: SourceRange, _ operation: Operation) throws(RuntimeError) -> Value {
        do throws(AutogradError) { try box.changeInPlace(operation) } catch { throw AutogradValues.located(error, at: range) }
        return .variable(box)
    }

    /// `x.clamp(min=, max=)` out of place (`ClampBackward1`), which records too.
    static let clamp = TensorMembers.method("clamp", [.optional("min", default: .none), .optional("max", default: .none)],
                                            "each element limited to [min, max]") { call throws(RuntimeError) in
        let (low, high) = try bounds(call)
        let x = try TensorMembers.receiver(call)
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try x.clamp(min: low, max: high) }
    }

    /// `min=` and `max=` as numbers; PyTorch refuses neither.
    private static func bounds(_ call: BuiltinCall) throws(RuntimeError) -> (Double?, Double?) {
        let low: Double? = if case .none = call.value("min") { nil } else { try call.number("min") }
        let high: Double? = if case .none = call.value("max") { nil } else { try call.number("max") }
        guard low != nil || high != nil else { throw call.error("torch.clamp: At least one of 'min' or 'max' must not be None") }
        return (low, high)
    }

    /// `x.add_(other, alpha=1)` and its kin.
    private static func arithmetic(
        _ name: String, _ summary: String, alpha: Bool, _ operation: @escaping @Sendable (Variable, Variable) throws(AutogradError) -> Variable
    ) -> (name: String, parameters: [Builtin.Parameter], summary: String, make: Maker) {
        let parameters: [Builtin.Parameter] = [.required("other")] + (alpha ? [.optional("alpha", default: .int(1), namedOnly: true)] : [])
        return (name, parameters, summary, { call, dtype throws(RuntimeError) in
            let other = try operand(call, "other", dtype: dtype)
            let scale = alpha ? try call.number("alpha") : 1
            return { x throws(AutogradError) in try operation(x, scale == 1 ? other : try other.mul(scale)) }
        })
    }

    /// `x.relu_()` and the other functions of one tensor.
    private static func unary(
        _ name: String, _ summary: String, _ operation: @escaping @Sendable (Variable) throws(AutogradError) -> Variable
    ) -> (name: String, parameters: [Builtin.Parameter], summary: String, make: Maker) {
        (name, [], summary, { _, _ throws(RuntimeError) in { x throws(AutogradError) in try operation(x) } })
    }

    /// An in-place method: `make` reads the call's arguments (knowing the dtype of the tensor
    /// changed) and gives the operation.
    private static func method(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String,
        make: @escaping Maker
    ) -> Builtin {
        TensorMembers.method(name, parameters, summary + ", in place") { call throws(RuntimeError) in
            guard case .variable(let box) = call.receiver else {
                let x = Variable(constant: try Coercion.tensor(call.receiver, what: "the tensor", at: call.range))
                let operation = try make(call, x.dtype)
                return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try x.inPlace(operation) }
            }
            let operation = try make(call, box.tensor.dtype)
            do throws(AutogradError) { try box.changeInPlace(operation) } catch { throw AutogradValues.located(error, at: call.range) }
            return call.receiver
        }
    }

    /// The argument `name` as an operand in `dtype` (the dtype of the tensor changed, which an
    /// in-place result keeps): a tensor that requires grad is converted on the graph
    /// (`ToCopyBackward0`), anything else is a constant.
    static func operand(_ call: BuiltinCall, _ name: String, dtype: DType) throws(RuntimeError) -> Variable {
        let value = call.value(name)
        if case .variable(let box) = value, box.requiresGrad {
            let variable = box.variable
            guard variable.dtype != dtype else { return variable }
            do { return try variable.converted(to: dtype) } catch { throw AutogradValues.located(error, at: call.range(of: name)) }
        }
        let tensor = try Coercion.tensor(value, what: "\(call.builtin.name)'s argument '\(name)'", at: call.range(of: name), allowNumber: true)
        return Variable(constant: tensor.converted(to: dtype))
    }
}
