import ConvNumerics

/// One call of a layer, `m(x)`: its arguments as written, where the call is, and the
/// interpreter state it runs with (limits, the interrupt flag).
struct ModuleCall {
    var arguments: [Evaluator.EvaluatedArgument]
    /// The whole call expression.
    var range: SourceRange
    let context: EvaluationContext

    /// Where the first argument was written (errors about the input point there), or the call.
    var inputRange: SourceRange { arguments.first?.range ?? range }

    /// The call's one input, as it was given: a builtin layer takes one input, by position.
    func input() throws(RuntimeError) -> Value {
        guard arguments.count == 1, let input = arguments.first, input.label == nil else {
            throw RuntimeError("a layer takes one input: m(x)", at: range)
        }
        return input.value
    }

    /// The call's one input as a tensor.
    func tensorInput() throws(RuntimeError) -> Tensor {
        try Coercion.tensor(try input(), what: "the layer's input", at: inputRange)
    }

    /// The same call with `input` as its one argument, written where the first one was: how a
    /// model hands what one layer gave to the next.
    func passing(_ input: Tensor) -> ModuleCall {
        ModuleCall(arguments: [Evaluator.EvaluatedArgument(value: .tensor(input), range: inputRange)],
                   range: range, context: context)
    }
}
