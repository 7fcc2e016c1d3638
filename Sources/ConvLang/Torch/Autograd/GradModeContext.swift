import ConvAutograd

/// `torch.no_grad()`, `torch.enable_grad()`, `torch.inference_mode()`,
/// `torch.set_grad_enabled(mode)`: the context a `with` statement enters, switching grad mode
/// for its body, restored however the body ends (an exception, `break`, `return`).
final class GradModeContext: TorchObject {
    let typeName: String
    /// Grad mode inside the block.
    let enabled: Bool

    init(typeName: String, enabled: Bool) {
        self.typeName = typeName
        self.enabled = enabled
    }

    var description: String { "<torch.autograd.grad_mode.\(typeName) object>" }
    func member(_ name: String) throws(RuntimeError) -> Value? { nil }
    var memberNames: [String] { [] }

    /// Runs `body` with grad mode as `contexts` say (the innermost last), or as it is when there
    /// are none.
    static func run<R>(_ contexts: [GradModeContext], _ body: () throws(RuntimeError) -> R) throws(RuntimeError) -> R {
        guard let innermost = contexts.last else { return try body() }
        let outcome = GradMode.with(enabled: innermost.enabled) { () -> Result<R, RuntimeError> in
            do throws(RuntimeError) { return .success(try body()) } catch { return .failure(error) }
        }
        return try outcome.get()
    }

    /// The names of the builtins that make contexts.
    static let names: Set<String> = ["no_grad", "enable_grad", "inference_mode", "set_grad_enabled"]

    /// The builtins that make the contexts, and `torch.is_grad_enabled()`.
    static let builtins: [Builtin] = [
        context("no_grad", "turns gradient recording off in a with block", enabled: { _ throws(RuntimeError) in false }),
        context("enable_grad", "turns gradient recording on in a with block", enabled: { _ throws(RuntimeError) in true }),
        context("inference_mode", "turns gradient recording off in a with block (mode=False: on)",
                [.optional("mode", default: .bool(true))], enabled: { call throws(RuntimeError) in !(try call.bool("mode")) }),
        context("set_grad_enabled", "turns gradient recording on or off in a with block",
                [.required("mode")], enabled: { call throws(RuntimeError) in try call.bool("mode") }),
        Builtin(name: "is_grad_enabled", aliases: ["torch.is_grad_enabled"], parameters: [],
                summary: "whether operations record their gradients now", details: "torch.is_grad_enabled()",
                body: { _ throws(RuntimeError) in .bool(GradMode.isEnabled) }),
    ]

    private static func context(
        _ name: String, _ summary: String, _ parameters: [Builtin.Parameter] = [],
        enabled: @escaping @Sendable (BuiltinCall) throws(RuntimeError) -> Bool
    ) -> Builtin {
        Builtin(name: name, aliases: ["torch.\(name)", "torch.autograd.\(name)"], parameters: parameters, summary: summary,
                details: "with torch.\(name)():\n    ...\n\n\(summary), as PyTorch's torch.\(name).",
                body: { call throws(RuntimeError) in .object(ObjectBox(GradModeContext(typeName: name, enabled: try enabled(call)))) })
    }
}

extension Evaluator {
    /// The contexts of a `with` statement, evaluated in order: grad-mode contexts are what conv
    /// enters today; any other context manager (or `as` target) is refused as not evaluated yet,
    /// before anything of it is evaluated.
    func gradModeContexts(of block: WithStatement, _ locals: Locals?) throws(RuntimeError) -> [GradModeContext] {
        var contexts: [GradModeContext] = []
        for item in block.items {
            let named = switch item.context {
            case .call(.member(_, let name, _, _), _, _), .call(.name(let name, _), _, _): GradModeContext.names.contains(name)
            default: false
            }
            guard named, item.target == nil, case .object(let box) = try evaluate(item.context, locals),
                  let context = box.object as? GradModeContext else {
                throw RuntimeError.notEvaluatedYet(.withStatement(block))
            }
            contexts.append(context)
        }
        return contexts
    }
}
