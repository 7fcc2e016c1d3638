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
    /// `explain TARGET`: shows how the conv or layer call `target` computes, then gives its value.
    func evaluateExplain(_ target: Expr, options: [Argument], range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> Value {
        let settings = try explainOptions(options, locals)
        guard case .call(let calleeExpr, let arguments, let callRange) = target else {
            // `explain shape m`: a model's lengths layer by layer, without an input.
            if settings.shapeOnly, case .layer(let layer) = try evaluate(target, locals) {
                return explainShapeOfLayer(layer.module)
            }
            throw RuntimeError("explain shows a convolution: a conv call or a layer call", at: target.range,
                               notes: ["for example: explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1), or explain m(x)"])
        }
        let callee = try evaluate(calleeExpr, locals)
        let evaluated = try evaluateArguments(arguments, locals)
        try context.checkInterrupt(at: callRange)
        // `explain shape model(L=64)`: the lengths for an input length alone.
        if case .layer(let layer) = callee, !evaluated.isEmpty, evaluated.allSatisfy({ $0.label != nil }) {
            return try explainShapeWalk(layer.module, evaluated, range: callRange)
        }
        // `explain shape Sequential(...)`: the layer a constructor makes, without an input.
        if settings.shapeOnly, case .function(let function) = callee, case .builtin(let builtin) = function.kind,
           builtin.constructsLayer, case .layer(let layer) = try callBuiltin(builtin, evaluated, range: callRange) {
            return explainShapeOfLayer(layer.module)
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
                if let suggestion = Suggestion.nearest(to: label, in: ExplainOptions.names) { notes.insert("did you mean '\(suggestion)'?", at: 0) }
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
            return try explainer(options).convolution(try ConvBuiltins.convArguments(call), callee: "conv", range: range,
                                                      inputRange: call.range(of: "x"), argumentRange: { call.range(of: $0) })
        case .layer(let layer):
            return try layer.module.explain(ModuleCall(arguments: arguments, range: range, context: context),
                                            by: explainer(options))
        default:
            return nil
        }
    }

    /// The tools explain hooks use, with `options` and this session's figure numbering.
    func explainer(_ options: ExplainOptions) -> Explainer {
        Explainer(options: options, context: context, nextFigurePath: { [unowned self] in self.nextFigurePath() })
    }

    /// `DIR/step-figure-N.svg` when `conv --explain --svg DIR` asked for figures.
    func nextFigurePath() -> String? {
        guard explainSettings.explainCalls, let directory = explainSettings.figureDirectory else { return nil }
        explainSettings.figuresWritten += 1
        let separator = directory.hasSuffix("/") ? "" : "/"
        return "\(directory)\(separator)step-figure-\(explainSettings.figuresWritten).svg"
    }
}
