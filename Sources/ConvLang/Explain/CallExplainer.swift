/// Explains calls as they run: the call observer explain installs. While every call explains
/// itself (`conv --explain`, `:explain on`) one stays installed and lets the calls it has
/// nothing to show for run as usual; `explain EXPR` uses one for the call it names, which
/// refuses such a call instead of running it.
final class CallExplainer: CallObserver {
    private let options: ExplainOptions
    private let context: EvaluationContext
    /// Numbers the figures every explained call writes (`conv --explain --svg DIR`), or `nil`.
    let figures: FigureNumbering?
    /// For `explain EXPR`: where its callee is written, where a refusal points.
    private let calleeRange: SourceRange?

    init(options: ExplainOptions = ExplainOptions(), context: EvaluationContext, figures: FigureNumbering?,
         calleeRange: SourceRange? = nil) {
        (self.options, self.context, self.figures, self.calleeRange) = (options, context, figures, calleeRange)
    }

    private var explainer: Explainer {
        Explainer(options: options, context: context, nextFigurePath: { [figures] in figures?.next() })
    }

    func willCall(_ call: inout BuiltinCall) throws(RuntimeError) -> Value? {
        if let explain = call.builtin.explain { return try explain(&call, explainer) }
        guard let calleeRange else { return nil }
        // `explain shape Sequential(...)`: the layer a constructor makes, without an input.
        if options.shapeOnly, call.builtin.constructsLayer {
            let value = try call.builtin.body(&call)
            guard case .layer(let layer) = value else { return value }
            return try explainer.symbolicShapes(of: layer.module, at: call.range)
        }
        throw Self.cannotShow(call.builtin.signature, at: calleeRange)
    }

    func willCall(_ layer: any Module, _ call: ModuleCall) throws(RuntimeError) -> Value? {
        // `explain shape model(L=64)`: the lengths for an input length alone.
        if calleeRange != nil, !call.arguments.isEmpty, call.arguments.allSatisfy({ $0.label != nil }) {
            return try explainer.shapeWalk(of: layer, call)
        }
        if let value = try layer.explain(call, by: explainer) { return value }
        guard let calleeRange else { return nil }
        throw Self.cannotShow(layer.typeDescription, at: calleeRange)
    }

    /// `explain EXPR` on a call that explain has nothing to show for.
    static func cannotShow(_ callee: String, at range: SourceRange) -> RuntimeError {
        RuntimeError("explain cannot show \(callee); it shows conv calls and layer calls", at: range,
                     notes: ["to see every convolution a function makes, run the script with conv --explain"])
    }
}

/// Names the figures `conv --explain --svg DIR` writes, one per explained call:
/// `DIR/step-figure-1.svg`, `DIR/step-figure-2.svg`, ...; the count runs on for the session.
final class FigureNumbering {
    let directory: String
    private var written = 0

    init(directory: String) { self.directory = directory }

    func next() -> String {
        written += 1
        let separator = directory.hasSuffix("/") ? "" : "/"
        return "\(directory)\(separator)step-figure-\(written).svg"
    }
}
