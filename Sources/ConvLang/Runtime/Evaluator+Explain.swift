import ConvNumerics

/// How `explain` and `conv --explain` show convolutions.
struct ExplainSettings: Sendable {
    /// Explain every conv and layer call, as `conv --explain` does.
    var explainCalls = false
    /// With ``explainCalls``: write one figure per explained call into this folder
    /// (`step-figure-1.svg`, `step-figure-2.svg`, ...).
    var figureDirectory: String?
    /// How many figures this session has written into ``figureDirectory``.
    var figuresWritten = 0
}

extension Evaluator {
    /// What one `explain` asks for.
    struct ExplainOptions {
        var all = false
        var shapeOnly = false
        var svgPath: String?
        var svgRange: SourceRange?
    }

    static let explainOptionNames = ["all", "svg", "shape"]

    /// `explain TARGET`: shows how the conv or layer call `target` computes, then gives its value.
    func evaluateExplain(_ target: Expr, options: [Argument], range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> Value {
        let settings = try explainOptions(options, locals)
        guard case .call(let calleeExpr, let arguments, let callRange) = target else {
            // `explain shape m`: a model's lengths layer by layer, without an input.
            if settings.shapeOnly, case .layer(let layer) = try evaluate(target, locals) {
                return explainShapeOfLayer(layer)
            }
            throw RuntimeError("explain shows a convolution: a conv call or a layer call", at: target.range,
                               notes: ["for example: explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1), or explain m(x)"])
        }
        let callee = try evaluate(calleeExpr, locals)
        let evaluated = try evaluateArguments(arguments, locals)
        try context.checkInterrupt(at: callRange)
        // `explain shape model(L=64)`: the lengths for an input length alone.
        if case .layer(let layer) = callee, !evaluated.isEmpty, evaluated.allSatisfy({ $0.label != nil }) {
            return try explainShapeWalk(layer, evaluated, range: callRange)
        }
        // `explain shape Sequential(...)`: layer classes are the only capitalised builtins.
        if settings.shapeOnly, case .function(let function) = callee, case .builtin(let builtin) = function.kind,
           builtin.name.first?.isUppercase == true, case .layer(let layer) = try callBuiltin(builtin, evaluated, range: callRange) {
            return explainShapeOfLayer(layer)
        }
        guard let value = try explainCall(callee, evaluated, range: callRange, options: settings) else {
            throw RuntimeError("explain cannot show \(callee.typeDescription); it shows conv calls and layer calls",
                               at: calleeExpr.range,
                               notes: ["to see every convolution a function makes, run the script with conv --explain"])
        }
        return value
    }

    private func explainOptions(_ options: [Argument], _ locals: Locals?) throws(RuntimeError) -> ExplainOptions {
        var result = ExplainOptions()
        for option in options {
            let label = option.label ?? ""
            let where_ = option.labelRange ?? option.range
            let value = try evaluate(option.value, locals)
            switch (label, value) {
            case ("all", .bool(let flag)): result.all = flag
            case ("shape", .bool(let flag)): result.shapeOnly = flag
            case ("svg", .string(let path)): (result.svgPath, result.svgRange) = (path, option.value.range)
            case ("svg", .none): result.svgPath = nil
            case ("all", _), ("shape", _):
                throw RuntimeError("explain's option '\(label)' must be true or false, not \(value.typeName)", at: option.value.range)
            case ("svg", _):
                throw RuntimeError("explain's option 'svg' must be a file name, such as \"steps.svg\"", at: option.value.range)
            default:
                var notes = ["options: all=true, svg=\"steps.svg\", shape=true"]
                if let suggestion = Suggestion.nearest(to: label, in: Self.explainOptionNames) { notes.insert("did you mean '\(suggestion)'?", at: 0) }
                throw RuntimeError("explain has no option '\(label)'", at: where_, notes: notes)
            }
        }
        return result
    }

    /// Explains a call when it is a convolution, pooling or transposed convolution (as a function
    /// or a layer), or a Sequential model (its shape walk), and returns its value; returns `nil`
    /// for anything else, which the caller then runs as usual.
    func explainCall(
        _ callee: Value, _ arguments: [EvaluatedArgument], range: SourceRange, options: ExplainOptions
    ) throws(RuntimeError) -> Value? {
        switch callee {
        case .function(let function):
            guard case .builtin(let builtin) = function.kind else { return nil }
            guard builtin.name == ConvBuiltins.conv.name else {
                return try explainBuiltinLayerCall(builtin, arguments, range: range, options: options)
            }
            let call = try bindBuiltin(builtin, arguments, range: range)
            let convArguments = try ConvBuiltins.convArguments(call)
            return try explainConvolution(convArguments, callee: "conv", options: options, range: range,
                                          inputRange: call.range(of: "x"), argumentRange: { call.range(of: $0) })
        case .layer(.conv1d(let layer)):
            guard arguments.count == 1, let input = arguments.first, input.label == nil else {
                throw RuntimeError("a layer takes one input: m(x)", at: range)
            }
            let tensor = try Coercion.tensor(input.value, what: "the layer's input", at: input.range)
            let convArguments = ConvBuiltins.ConvArguments(input: tensor, weight: layer.weight, bias: layer.bias,
                                                           parameters: layer.parameters)
            return try explainConvolution(convArguments, callee: layer.description, options: options, range: range,
                                          inputRange: input.range, argumentRange: nil)
        case .layer(let layer):
            guard arguments.count == 1, let input = arguments.first, input.label == nil else { return nil }
            let tensor = try Coercion.tensor(input.value, what: "the layer's input", at: input.range)
            return try explainLayerCall(layer, input: tensor, inputRange: input.range, range: range, options: options)
        default:
            return nil
        }
    }

    /// Runs the convolution, shows its explanation (and writes its figure), returns the result.
    private func explainConvolution(
        _ arguments: ConvBuiltins.ConvArguments, callee: String, options: ExplainOptions, range: SourceRange,
        inputRange: SourceRange, argumentRange: ((String) -> SourceRange)?
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
                                    drawing: { ConvExplanationSVG(explanation, all: options.all).render() },
                                    path: options.svgPath ?? nextFigurePath(), at: options.svgRange ?? range)
        return .tensor(result)
    }

    /// `DIR/step-figure-N.svg` when `conv --explain --svg DIR` asked for figures.
    func nextFigurePath() -> String? {
        guard explainSettings.explainCalls, let directory = explainSettings.figureDirectory else { return nil }
        explainSettings.figuresWritten += 1
        let separator = directory.hasSuffix("/") ? "" : "/"
        return "\(directory)\(separator)step-figure-\(explainSettings.figuresWritten).svg"
    }
}
