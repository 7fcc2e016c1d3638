/// `explain EXPR` and `explain(EXPR, all=true, svg="steps.svg", shape=true)`: the target call
/// runs with a ``CallExplainer`` listening, which shows how it computes.
extension Evaluator {
    /// Shows how the call `target` computes, then gives its value; `explain shape m` shows a
    /// model's lengths without an input.
    func evaluateExplain(_ target: Expr, options: [Argument], range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> Value {
        // While every call explains itself with figures, this one takes the next figure too.
        let figures = (callObserver as? CallExplainer)?.figures
        let settings = try explainOptions(options, drawsNumberedFigures: figures != nil, locals)
        guard case .call(let calleeExpr, let arguments, let callRange) = target else {
            if settings.shapeOnly, case .layer(let layer) = try evaluate(target, locals) {
                return try Explainer(options: settings, context: context, nextFigurePath: { nil }).symbolicShapes(of: layer.module, at: target.range)
            }
            throw RuntimeError("explain shows a convolution: a conv call or a layer call", at: target.range,
                               notes: ["for example: explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1), or explain m(x)"])
        }
        let callee = try evaluate(calleeExpr, locals)
        let evaluated = try evaluateArguments(arguments, locals)
        try context.checkInterrupt(at: callRange)
        // `explain loss.backward()`, `explain opt.step()`: a method that explains itself.
        if case .function(let function) = callee, case .boundBuiltin(let receiver, let builtin) = function.kind {
            guard let explain = builtin.explain else {
                throw RuntimeError("explain cannot show the method \(builtin.name)(); of methods it shows backward() and an optimizer's step()",
                                   at: calleeExpr.range, notes: ["for example: explain loss.backward(), or explain opt.step()"])
            }
            var call = try bindBuiltin(builtin, evaluated, range: callRange)
            call.receiver = receiver
            return try explain(&call, Explainer(options: settings, context: context, nextFigurePath: { figures?.next() }))
        }
        let explainable = switch callee {
        case .layer: true
        case .function(let function): if case .builtin = function.kind { true } else { false }
        default: false
        }
        guard explainable else { throw CallExplainer.cannotShow(callee.typeDescription, at: calleeExpr.range) }
        let explainer = CallExplainer(options: settings, context: context, figures: figures, calleeRange: calleeExpr.range)
        return try call(callee, evaluated, range: callRange, calleeRange: calleeExpr.range, observer: explainer)
    }

    private func explainOptions(
        _ options: [Argument], drawsNumberedFigures: Bool, _ locals: Locals?
    ) throws(RuntimeError) -> ExplainOptions {
        var result = ExplainOptions()
        for option in options {
            let label = option.label ?? ""
            let where_ = option.labelRange ?? option.range
            let value = try evaluate(option.value, locals)
            switch (label, value) {
            case ("all", .bool(let flag)): result.all = flag
            case ("shape", .bool(let flag)): result.shapeOnly = flag
            case ("animate", .bool(let flag)): result.animate = flag
            case ("svg", .string(let path)): (result.svgPath, result.svgRange) = (path, option.value.range)
            case ("svg", .none): result.svgPath = nil
            case ("digits", _):
                result.digits = try Coercion.integer(value, what: "explain's option 'digits' (significant digits in the figure)",
                                                     at: option.value.range, in: FigureOptions.digitsRange)
            case ("all", _), ("shape", _), ("animate", _):
                throw RuntimeError("explain's option '\(label)' must be true or false, not \(value.typeName)", at: option.value.range)
            case ("svg", _):
                throw RuntimeError("explain's option 'svg' must be a file name, such as \"steps.svg\"", at: option.value.range)
            default:
                var notes = [ExplainOptions.note]
                if let suggestion = Suggestion.nearest(to: label, in: ExplainOptions.names) { notes.insert("did you mean '\(suggestion)'?", at: 0) }
                throw RuntimeError("explain has no option '\(label)'", at: where_, notes: notes)
            }
        }
        // Options that only shape the figure are refused before anything runs when no figure is drawn.
        let drawsFigure = result.svgPath != nil || context.figuresAsEvents || drawsNumberedFigures
        if !drawsFigure, let option = options.first(where: { $0.label == "digits" || $0.label == "animate" }) {
            throw RuntimeError("explain's option '\(option.label ?? "")' shapes the figure, but no figure is drawn",
                               at: option.labelRange ?? option.range, notes: ["add svg=\"steps.svg\" to draw one"])
        }
        return result
    }
}
