import ConvAutograd
import ConvNumerics

/// `out=` on a torch function (`torch.matmul(a, b, out=c)`, `torch.mul(a, b, out=z)`, as
/// PyTorch's tensor tutorial writes them): the function computes as without it, and the result
/// goes into `out`, converted to its dtype, as PyTorch writes into the given tensor. A plain
/// tensor is changed where the program holds it (the name or member written as `out=`); one
/// with autograd identity changes in place. PyTorch's refusals: a result that cannot be cast
/// down to `out`'s dtype, and `out=` where gradients would be recorded.
extension Evaluator {
    /// Whether `callee` is a torch function given `out=` (and taking no `out` of its own).
    func writesOut(_ callee: Value, _ evaluated: [EvaluatedArgument]) -> Bool {
        guard evaluated.contains(where: { $0.label == "out" }), case .function(let function) = callee,
              case .builtin(let builtin) = function.kind, builtin.aliases.contains("torch.\(builtin.name)") else { return false }
        return !builtin.parameters.contains { $0.name == "out" || $0.aliases.contains("out") }
    }

    /// Calls the torch function `callee` without its `out=` argument, then writes the result
    /// into `out` (written in the program as `target`).
    func callWritingOut(
        _ callee: Value, _ evaluated: [EvaluatedArgument], target: Expr?, range: SourceRange, calleeRange: SourceRange,
        _ locals: Locals?
    ) throws(RuntimeError) -> Value {
        var arguments = evaluated
        guard let index = arguments.firstIndex(where: { $0.label == "out" }) else {
            return try apply(callee, evaluated, range: range, calleeRange: calleeRange)
        }
        let out = arguments.remove(at: index)
        let name = if case .function(let function) = callee, case .builtin(let builtin) = function.kind { builtin.name } else { "out" }
        guard let destination = out.value.asTensor else {
            throw RuntimeError("\(name)(): argument 'out' must be Tensor, not \(out.value.typeName)", at: out.range,
                               raising: .typeError)
        }
        let involvesGrad = (arguments.map(\.value) + [out.value]).contains { value in
            if case .variable(let box) = value { box.requiresGrad } else { false }
        }
        if GradMode.isEnabled, involvesGrad {
            throw RuntimeError("\(name)(): functions with out=... arguments don't support automatic differentiation, "
                               + "but one of the arguments requires grad.", at: out.range)
        }
        let value = try apply(callee, arguments, range: range, calleeRange: calleeRange)
        guard let result = value.asTensor else { return value }
        if result.dtype.isFloatingPoint, !destination.dtype.isFloatingPoint {
            throw RuntimeError("result type \(result.dtype.scalarTypeName) can't be cast to the desired output type "
                               + "\(destination.dtype.scalarTypeName)", at: out.range)
        }
        let written = result.converted(to: destination.dtype)
        if case .variable(let box) = out.value {
            // Grad mode is off or nothing requires grad: the values change in place.
            do throws(AutogradError) { try box.assign(written, throughData: true) } catch {
                throw AutogradValues.located(error, at: out.range)
            }
            return out.value
        }
        if let target { try writeBackInPlace(.tensor(written), to: target, locals) }
        return .tensor(written)
    }
}
