import ConvNumerics

/// What one `explain` asks for.
struct ExplainOptions {
    var all = false
    var shapeOnly = false
    var svgPath: String?
    var svgRange: SourceRange?
    var digits = FigureOptions.defaultDigits
    var animate = false

    /// How the figure is drawn.
    var figure: FigureOptions { FigureOptions(all: all, digits: digits, animate: animate) }

    static let names = ["all", "svg", "shape", "digits", "animate"]
    static let note = "options: all=true, svg=\"steps.svg\", shape=true, digits=4, animate=true"
}

/// Shows how one call computes: the tools the explain hooks of builtins and layers use. Each
/// method runs the computation, shows its explanation (and writes its figure), and gives the
/// call's value.
struct Explainer {
    var options: ExplainOptions
    let context: EvaluationContext
    /// The next figure file when every call writes one (`conv --explain --svg DIR`), else `nil`.
    let nextFigurePath: () -> String?

    /// Where this explanation's figure goes: the `svg=` option, else the next numbered figure.
    private func figurePath() -> String? { options.svgPath ?? nextFigurePath() }

    /// A convolution, from `conv(...)` or a `Conv1d` layer named `callee`.
    func convolution(
        _ arguments: ConvBuiltins.ConvArguments, callee: String, range: SourceRange, inputRange: SourceRange,
        argumentRange: ((String) -> SourceRange)?
    ) throws(RuntimeError) -> Value {
        let result: Tensor
        do {
            result = try Convolution.conv1d(arguments.input, weight: arguments.weight, bias: arguments.bias,
                                            parameters: arguments.parameters, elementLimit: context.limits.maximumElements,
                                            interrupt: context.interrupt)
        } catch {
            throw ConvBuiltins.refusal(error, parameters: arguments.parameters, at: range, inputRange: inputRange,
                                       argumentRange: argumentRange)
        }
        guard let explanation = ConvExplanation(
            callee: callee, input: arguments.input, weight: arguments.weight, bias: arguments.bias,
            parameters: arguments.parameters, result: result, elementLimit: context.limits.maximumElements)
        else {
            throw RuntimeError("explain could not lay out this convolution", at: range)
        }
        try context.showExplanation(ConvExplanationText(explanation, all: options.all, shapeOnly: options.shapeOnly).render(),
                                    drawing: { ExplanationFigure.svg(explanation, options.figure) },
                                    path: figurePath(), at: options.svgRange ?? range)
        return .tensor(result)
    }

    /// A transposed convolution, from `conv_transpose1d(...)` or a `ConvTranspose1d` layer.
    func transposed(
        _ input: Tensor, weight: Tensor, bias: Tensor?, parameters: ConvolutionTransposeParameters, callee: String,
        range: SourceRange, inputRange: SourceRange, argumentRange: ((String) -> SourceRange)?
    ) throws(RuntimeError) -> Value {
        let result = try TransposeBuiltins.run(input, weight: weight, bias: bias, parameters: parameters, at: range,
                                               inputRange: inputRange, context: context, argumentRange: argumentRange)
        guard let explanation = TransposeExplanation(callee: callee, input: input, weight: weight, bias: bias,
                                                     parameters: parameters, result: result)
        else { throw RuntimeError("explain could not lay out this transposed convolution", at: range) }
        try context.showExplanation(TransposeExplanationText(explanation, all: options.all, shapeOnly: options.shapeOnly).render(),
                                    drawing: { ExplanationFigure.svg(explanation, options.figure) },
                                    path: figurePath(), at: options.svgRange ?? range)
        return .tensor(result)
    }

    /// A max or average pooling, from `max_pool1d(...)` or a layer.
    func pooling(
        _ pool: any PoolingModule, input: Tensor, callee: String, range: SourceRange, inputRange: SourceRange,
        argumentRange: ((String) -> SourceRange)?
    ) throws(RuntimeError) -> Value {
        let result = try pool.pooled(input, context: context, at: range, inputRange: inputRange, argumentRange: argumentRange)
        guard let explanation = PoolExplanation(callee: callee, kind: type(of: pool).explanationKind, input: input,
                                                parameters: pool.settings, result: result)
        else { throw RuntimeError("explain could not lay out this pooling", at: range) }
        try context.showExplanation(PoolExplanationText(explanation, all: options.all, shapeOnly: options.shapeOnly).render(),
                                    drawing: { ExplanationFigure.svg(explanation, options.figure) },
                                    path: figurePath(), at: options.svgRange ?? range)
        return .tensor(result)
    }

    /// A layer whose explanation is text alone (`Linear`, the normalisations, the adaptive
    /// pools): shown before the call's value; `svg=` is refused, as there is no figure to draw.
    func layerText(_ text: String, layer: String) throws(RuntimeError) {
        if let svgRange = options.svgRange, options.svgPath != nil {
            throw RuntimeError("explain draws no figure of \(layer)", at: svgRange,
                               notes: ["leave out svg=; convolutions and poolings have figures"])
        }
        context.output(.explanation(text))
    }

    /// A model called on an input: the shapes through its layers for that input, then (unless
    /// only the shapes were asked for) the model's value.
    func modelShapes(_ model: any Module, _ call: ModuleCall) throws(RuntimeError) -> Value {
        let input = try call.tensorInput()
        let length = input.shape.last ?? 0
        let channels = input.rank >= 2 ? input.shape[input.rank - 2] : 1
        context.output(.explanation(ShapeWalk(model).render(length: length, channels: channels,
                                                            batch: input.rank == 3 ? input.shape[0] : nil)))
        if options.shapeOnly { return Value.none }
        return try model.forward(call)
    }

    /// `explain shape model(L=64)` or `model(L=64, C=2)`: the lengths through the model for an
    /// input length, without data. Gives the final length, or none when a layer refuses.
    func shapeWalk(of model: any Module, _ call: ModuleCall) throws(RuntimeError) -> Value {
        var length: Int?
        var channels: Int?
        for argument in call.arguments {
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
            throw RuntimeError("explain shape needs the input length: m(L=64)", at: call.range)
        }
        let walk = try ShapeWalk.of(model, length: length, channels: channels, range: call.range, context: context)
        context.output(.explanation(walk.render(length: length, channels: channels)))
        let outcome = walk.walk(length: length, channels: channels ?? walk.inputChannels)
        guard outcome.failure == nil, let last = outcome.lengths.last else { return Value.none }
        return .int(last)
    }

    /// `explain shape m` (or `explain shape Sequential(...)`): each layer's length formula in
    /// terms of the length it gets. Gives the model.
    func symbolicShapes(of model: any Module, at range: SourceRange) throws(RuntimeError) -> Value {
        // A program's layer has no formula of its own: its forward must run on an input.
        if let user = model as? UserModule {
            throw RuntimeError("explain shape needs an input length to run \(user.typeName).forward", at: range,
                               notes: ["give one as a call: explain shape net(L=64)"])
        }
        context.output(.explanation(ShapeWalk(model).renderSymbolic()))
        return .layer(Layer(model))
    }
}
