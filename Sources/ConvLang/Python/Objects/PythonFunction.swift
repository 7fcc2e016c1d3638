/// A function made by `def` or `lambda`: its definition, the default values computed when
/// `def` ran, its scope (which names are locals, cells and globals, decided once from the whole
/// body), the cells it captured from enclosing functions, and its compiled body.
final class PythonFunction: Sendable {
    let definition: FunctionDefinition
    /// Default values by parameter index, computed once when `def` ran, as in Python.
    let defaults: [Value?]
    let scope: Scope
    /// The enclosing functions' variables it reads, shared with them (it sees their later
    /// rebinding, as in Python), in the order of ``Scope/freeNames``.
    let freeCells: [Cell]
    let body: BlockCode
    /// The number of parameters when every one of them is positional (a call with exactly
    /// that many positional arguments binds them by slot); -1 otherwise.
    let positionalCount: Int
    /// Where each kind of parameter sits, for binding a call's arguments.
    let layout: ParameterLayout

    init(definition: FunctionDefinition, defaults: [Value?], scope: Scope, freeCells: [Cell], body: BlockCode) {
        self.definition = definition
        self.defaults = defaults
        self.scope = scope
        self.freeCells = freeCells
        self.body = body
        let allPositional = definition.parameters.allSatisfy { $0.kind == .positional || $0.kind == .positionalOnly }
        positionalCount = allPositional ? definition.parameters.count : -1
        layout = ParameterLayout(definition.parameters)
    }

    var name: String { definition.name }

    /// Python's `__qualname__`, as its TypeErrors name it: `f`, `Net.forward`, `f.<locals>.g`.
    var qualifiedName: String { scope.qualifiedName.isEmpty ? name : scope.qualifiedName }

    /// e.g. `corr1d(X, K)` or `f(x, n=…, *args, **kwargs)`.
    var signature: String {
        var words: [String] = []
        var previous: FunctionParameter.Kind?
        for parameter in definition.parameters {
            // A bare `*` marks where keyword-only parameters begin when no `*args` does.
            if parameter.kind == .keywordOnly, previous != .keywordOnly, previous != .variadic { words.append("*") }
            switch parameter.kind {
            case .variadic: words.append("*" + parameter.name)
            case .variadicKeywords: words.append("**" + parameter.name)
            default: words.append(parameter.defaultValue == nil ? parameter.name : "\(parameter.name)=…")
            }
            previous = parameter.kind
        }
        return "\(definition.name)(" + words.joined(separator: ", ") + ")"
    }
}
