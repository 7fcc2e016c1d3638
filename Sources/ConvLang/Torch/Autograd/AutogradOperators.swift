import ConvAutograd
import ConvNumerics

/// `+ - * / **` and unary `-` when an operand is a tensor with autograd identity: the operation
/// is recorded (`AddBackward0`, ...). Comparisons and the other operators read the values and
/// record nothing, as PyTorch's do.
enum AutogradOperators {
    /// The result, or nil when neither operand is a variable or `op` records nothing.
    static func binary(_ op: BinaryOperator, _ left: Value, _ right: Value, at range: SourceRange) throws(RuntimeError) -> Value? {
        // `x @ w` (`MmBackward0`, `DotBackward0`, ...).
        if op == .matrixMultiply, AutogradValues.involvesVariable([left, right]), case .variable(let a)? = operand(left),
           case .variable(let b)? = operand(right) {
            return try AutogradValues.run(at: range) { () throws(AutogradError) in try a.matmul(b) }
        }
        guard AutogradValues.involvesVariable([left, right]), recordedOperators.contains(op),
              let a = operand(left), let b = operand(right) else { return nil }
        return try AutogradValues.run(at: range) { () throws(AutogradError) -> Variable in try recorded(op, a, b) }
    }

    /// The operators that record a node.
    private static let recordedOperators: Set<BinaryOperator> = [.add, .subtract, .multiply, .divide, .power]

    /// `a op b` on the engine.
    private static func recorded(_ op: BinaryOperator, _ a: Operand, _ b: Operand) throws(AutogradError) -> Variable {
        switch (a, b) {
        case (.variable(let x), .number(let s)):
            switch op {
            case .add: try x.add(s)
            case .subtract: try x.sub(s)
            case .multiply: try x.mul(s)
            case .divide: try x.div(s)
            default: try x.pow(s)
            }
        case (.number(let s), .variable(let y)):
            switch op {
            case .add: try y.add(s)
            case .subtract: try y.reverseSub(s)
            case .multiply: try y.mul(s)
            case .divide: try constant(s, like: y).div(y)
            default: throw .invalidArgument("a number raised to a tensor's power does not record a gradient in conv yet")
            }
        case (.variable(let x), .variable(let y)):
            switch op {
            case .add: try x.add(y)
            case .subtract: try x.sub(y)
            case .multiply: try x.mul(y)
            case .divide: try x.div(y)
            default: try power(x, y)
            }
        case (.number, .number):
            throw .invalidArgument("no tensor operand")
        }
    }

    /// `x op= value` on a tensor with autograd identity, in place as PyTorch's `x.add_(value)`:
    /// recorded (`out += residual` makes `out`'s grad_fn `AddBackward0`) when grad mode is on and
    /// `x` or `value` requires grad, else the values change; either way every name for `x` (a
    /// layer's Parameter, an optimizer's) sees the change. A leaf that requires grad is refused
    /// while grad mode is on, as PyTorch refuses it. False when `x` is not a variable.
    static func assignInPlace(
        _ op: BinaryOperator, _ current: Value, _ right: Value, operatorRange: SourceRange, context: EvaluationContext
    ) throws(RuntimeError) -> Bool {
        guard case .variable(let box) = current else { return false }
        try AutogradValues.checkInPlace(box, at: operatorRange)
        if GradMode.isEnabled, box.requiresGrad || AutogradValues.involvesVariable([right]), recordedOperators.contains(op),
           let other = operand(right) {
            let dtype = box.tensor.dtype
            do throws(AutogradError) {
                let converted: Operand = switch other {
                case .variable(let y) where y.dtype != dtype: .variable(y.requiresGrad ? try y.converted(to: dtype) : Variable(constant: y.data.converted(to: dtype)))
                default: other
                }
                try box.changeInPlace { x throws(AutogradError) in try recorded(op, .variable(x), converted) }
            } catch {
                throw AutogradValues.located(error, at: operatorRange)
            }
            return true
        }
        guard !GradMode.isEnabled || !box.requiresGrad else { return false }
        // The values alone: an in-place change records nothing.
        let result = try Operators.binary(op, .tensor(box.tensor), right.asTensor.map(Value.tensor) ?? right,
                                          operatorRange: operatorRange, leftRange: operatorRange, rightRange: operatorRange,
                                          context: context)
        guard let values = result.asTensor ?? result.asNumber.map({ Tensor(scalar: $0) }), values.shape == box.tensor.shape else {
            let shape = result.asTensor?.shape ?? []
            throw RuntimeError("output with shape \(box.tensor.shape) doesn't match the broadcast shape \(shape)", at: operatorRange)
        }
        do throws(AutogradError) { try box.assign(values) } catch { throw AutogradValues.located(error, at: operatorRange) }
        return true
    }

    /// `-x`; nil when `operand` is not a variable.
    static func negate(_ operand: Value, at range: SourceRange) throws(RuntimeError) -> Value? {
        guard case .variable(let box) = operand else { return nil }
        return try AutogradValues.run(at: range) { () throws(AutogradError) in try box.variable.neg() }
    }

    private enum Operand {
        case variable(Variable)
        case number(Double)
    }

    /// A variable as itself, a plain tensor (or list of numbers) as a constant, a number as a
    /// number; nil for anything else (the operator's usual refusal follows).
    private static func operand(_ value: Value) -> Operand? {
        switch value {
        case .variable(let box): return .variable(box.variable)
        case .int, .number, .bool: return value.asNumber.map(Operand.number)
        default:
            // An integer tensor stays one: the operation computes in its float partner's dtype.
            guard let tensor = value.tensorIfList.asTensor else { return nil }
            return .variable(Variable(constant: tensor))
        }
    }

    /// `x ** y` for a constant one-element `y`; other tensor exponents are refused.
    private static func power(_ x: Variable, _ y: Variable) throws(AutogradError) -> Variable {
        guard y.data.count == 1, !y.requiresGrad else {
            throw .invalidArgument("a tensor raised to a tensor's power does not record a gradient in conv yet")
        }
        return try x.pow(y.data.scalars[0])
    }

    private static func constant(_ value: Double, like other: Variable) -> Variable {
        Variable(constant: Tensor(scalar: value).converted(to: other.dtype))
    }
}
