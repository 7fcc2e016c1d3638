import ConvNumerics

/// `explain` for pooling, transposed convolution and models: the calls beyond conv that
/// ``Evaluator/explainCall(_:_:range:options:)`` hands over, and the shape walks of
/// `explain shape model(L=64)` and `explain shape model`.
extension Evaluator {
    /// Explains a `max_pool1d`, `avg_pool1d` or `conv_transpose1d` call; `nil` for other builtins.
    func explainBuiltinLayerCall(
        _ builtin: Builtin, _ arguments: [EvaluatedArgument], range: SourceRange, options: ExplainOptions
    ) throws(RuntimeError) -> Value? {
        switch builtin.name {
        case PoolingBuiltins.maxPool.name, PoolingBuiltins.avgPool.name:
            let call = try bindBuiltin(builtin, arguments, range: range)
            let pool: any PoolingModule = builtin.name == PoolingBuiltins.maxPool.name
                ? MaxPool1d(settings: try MaxPool1d.settings(of: call)) : AvgPool1d(settings: try AvgPool1d.settings(of: call))
            return try explainer(options).pooling(pool, input: try call.tensor("x"), callee: builtin.name, range: range,
                                                  inputRange: call.range(of: "x"), argumentRange: { call.range(of: $0) })
        case TransposeBuiltins.convTranspose.name:
            let call = try bindBuiltin(builtin, arguments, range: range)
            let (input, weight, bias, parameters) = try TransposeBuiltins.functionalArguments(call)
            return try explainer(options).transposed(input, weight: weight, bias: bias, parameters: parameters,
                                                     callee: builtin.name, range: range, inputRange: call.range(of: "x"),
                                                     argumentRange: { call.range(of: $0) })
        default:
            return nil
        }
    }

    /// `explain shape model(L=64)` or `model(L=64, C=2)`: the shape walk for an input length, no data.
    /// Returns the final length, or none when a layer refuses.
    func explainShapeWalk(_ layer: any Module, _ arguments: [EvaluatedArgument], range: SourceRange) throws(RuntimeError) -> Value {
        var length: Int?
        var channels: Int?
        for argument in arguments {
            switch argument.label {
            case "L": length = try Coercion.integer(argument.value, what: "the input length L", at: argument.range, in: 1...Int.max)
            case "C": channels = try Coercion.integer(argument.value, what: "the channels C", at: argument.range, in: 1...Int.max)
            default:
                throw RuntimeError("explain shape takes the input length as m(L=64) (and channels as C=2)",
                                   at: argument.labelRange ?? argument.range,
                                   notes: ["or pass a tensor: explain shape m(x)"])
            }
        }
        guard let length else {
            throw RuntimeError("explain shape needs the input length: m(L=64)", at: range)
        }
        let walk = ShapeWalk(layer)
        context.output(.explanation(walk.render(length: length, channels: channels)))
        let outcome = walk.walk(length: length, channels: channels ?? walk.inputChannels)
        guard outcome.failure == nil, let last = outcome.lengths.last else { return Value.none }
        return .number(Double(last))
    }

    /// `explain shape m` for a layer value (or `explain shape Sequential(...)`): each layer's
    /// length formula in terms of the length it gets.
    func explainShapeOfLayer(_ layer: any Module) -> Value {
        context.output(.explanation(ShapeWalk(layer).renderSymbolic()))
        return .layer(Layer(layer))
    }
}
