/// Which top-level expression statements are calls made for their effect, whose value a script
/// does not show (``Interpreter/Configuration/showsResultsOfCallsForEffect``).
extension Evaluator {
    /// The module methods that change the module and return it, so that calls chain
    /// (`model.train().to("cpu")`).
    private static let moduleMethodsReturningSelf: Set<String> = [
        "train", "eval", "to", "cpu", "float", "double", "requires_grad_", "apply", "zero_grad", "load_state_dict",
    ]

    /// Whether `expression`, which gave `value`, is a call made for its effect: a function or
    /// method named with PyTorch's trailing underscore for in-place and initialising calls
    /// (`w.add_(1)`, `nn.init.xavier_uniform_(w)`), or a module method that returns the module
    /// (or, for `load_state_dict`, its report of the keys), or a call writing its result into
    /// `out=` (`torch.mul(a, b, out=c)`).
    static func isCallForEffect(_ expression: Expr, _ value: Value) -> Bool {
        guard case .call(let callee, let arguments, _) = expression else { return false }
        if arguments.contains(where: { $0.label == "out" }) { return true }
        let name: String
        switch callee {
        case .name(let text, _): name = text
        case .member(_, let text, _, _): name = text
        default: return false
        }
        if name.hasSuffix("_"), !name.hasPrefix("_") { return true }
        guard case .member = callee, moduleMethodsReturningSelf.contains(name) else { return false }
        if case .layer = value { return true }  // built-in layers and classes built on nn.Module alike
        // load_state_dict's report, which a notebook shows (`<All keys matched successfully>`).
        if case .object(let box) = value, box.object is IncompatibleKeys { return true }
        return false
    }

    /// Whether `value` is the default generator `torch.manual_seed(n)` (conv's `seed(n)`) gives
    /// back: a seeding statement shows nothing, as it did when seeding gave None, so that the
    /// many programs that open with one show only what they print.
    static func isSeeding(_ value: Value) -> Bool {
        guard case .object(let box) = value, let generator = box.object as? TorchGeneratorObject else { return false }
        return generator.isGlobal
    }
}
