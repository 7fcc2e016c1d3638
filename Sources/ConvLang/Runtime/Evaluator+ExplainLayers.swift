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
            let isMax = builtin.name == PoolingBuiltins.maxPool.name
            let pool = PoolingLayer(kind: isMax ? .max : .average,
                                    parameters: isMax ? try PoolingBuiltins.maxParameters(call) : try PoolingBuiltins.averageParameters(call))
            let bound = call
            return try explainPooling(pool, input: try call.tensor("x"), callee: builtin.name, options: options, range: range,
                                      inputRange: call.range(of: "x"), argumentRange: { bound.range(of: $0) })
        case TransposeBuiltins.convTranspose.name:
            let call = try bindBuiltin(builtin, arguments, range: range)
            let (input, weight, bias, parameters) = try TransposeBuiltins.functionalArguments(call)
            let bound = call
            return try explainTranspose(input, weight: weight, bias: bias, parameters: parameters, callee: builtin.name,
                                        options: options, range: range, inputRange: call.range(of: "x"),
                                        argumentRange: { bound.range(of: $0) })
        default:
            return nil
        }
    }

    /// Explains a call of a pooling, transposed-conv or Sequential layer on one input; `nil`
    /// for other layers.
    func explainLayerCall(
        _ layer: Layer, input: Tensor, inputRange: SourceRange, range: SourceRange, options: ExplainOptions
    ) throws(RuntimeError) -> Value? {
        switch layer {
        case .pooling(let pool):
            return try explainPooling(pool, input: input, callee: pool.description, options: options, range: range,
                                      inputRange: inputRange, argumentRange: nil)
        case .convTranspose1d(let conv):
            return try explainTranspose(input, weight: conv.weight, bias: conv.bias, parameters: conv.parameters,
                                        callee: conv.description, options: options, range: range, inputRange: inputRange,
                                        argumentRange: nil)
        case .sequential:
            let length = input.shape.last ?? 0
            let channels = input.rank >= 2 ? input.shape[input.rank - 2] : 1
            context.output(.explanation(ShapeWalk(layer).render(length: length, channels: channels,
                                                                batch: input.rank == 3 ? input.shape[0] : nil)))
            if options.shapeOnly { return Value.none }
            return .tensor(try LayerForward.apply(layer, to: input, range: range, inputRange: inputRange, context: context))
        default:
            return nil
        }
    }

    /// `explain shape model(L=64)` or `model(L=64, C=2)`: the shape walk for an input length, no data.
    /// Returns the final length, or none when a layer refuses.
    func explainShapeWalk(_ layer: Layer, _ arguments: [EvaluatedArgument], range: SourceRange) throws(RuntimeError) -> Value {
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
    func explainShapeOfLayer(_ layer: Layer) -> Value {
        context.output(.explanation(ShapeWalk(layer).renderSymbolic()))
        return .layer(layer)
    }

    private func explainPooling(
        _ pool: PoolingLayer, input: Tensor, callee: String, options: ExplainOptions, range: SourceRange,
        inputRange: SourceRange, argumentRange: ((String) -> SourceRange)?
    ) throws(RuntimeError) -> Value {
        let result: Tensor
        do {
            result = try pool.apply(input, context: context)
        } catch {
            throw PoolingBuiltins.refusal(error, at: range, inputRange: inputRange, argumentRange: argumentRange)
        }
        guard let explanation = PoolExplanation(callee: callee, kind: pool.kind, input: input, parameters: pool.parameters,
                                                result: result)
        else { throw RuntimeError("explain could not lay out this pooling", at: range) }
        try context.showExplanation(PoolExplanationText(explanation, all: options.all, shapeOnly: options.shapeOnly).render(),
                                    drawing: { PoolExplanationSVG(explanation, all: options.all).render() },
                                    path: options.svgPath ?? nextFigurePath(), at: options.svgRange ?? range)
        return .tensor(result)
    }

    private func explainTranspose(
        _ input: Tensor, weight: Tensor, bias: Tensor?, parameters: ConvolutionTransposeParameters, callee: String,
        options: ExplainOptions, range: SourceRange, inputRange: SourceRange, argumentRange: ((String) -> SourceRange)?
    ) throws(RuntimeError) -> Value {
        if options.svgPath != nil {
            throw RuntimeError("explain draws figures for conv and pooling; a transposed convolution is explained in text only",
                               at: options.svgRange ?? range)
        }
        let result = try TransposeBuiltins.run(input, weight: weight, bias: bias, parameters: parameters, at: range,
                                               inputRange: inputRange, context: context, argumentRange: argumentRange)
        guard let explanation = TransposeExplanation(callee: callee, input: input, weight: weight, bias: bias,
                                                     parameters: parameters, result: result)
        else { throw RuntimeError("explain could not lay out this transposed convolution", at: range) }
        context.output(.explanation(TransposeExplanationText(explanation, all: options.all, shapeOnly: options.shapeOnly).render()))
        return .tensor(result)
    }
}
