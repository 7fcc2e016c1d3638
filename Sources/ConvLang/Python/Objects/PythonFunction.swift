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

    init(definition: FunctionDefinition, defaults: [Value?], scope: Scope, freeCells: [Cell], body: BlockCode) {
        self.definition = definition
        self.defaults = defaults
        self.scope = scope
        self.freeCells = freeCells
        self.body = body
        let allPositional = definition.parameters.allSatisfy { $0.kind == .positional || $0.kind == .positionalOnly }
        positionalCount = allPositional ? definition.parameters.count : -1
    }

    var name: String { definition.name }

    /// e.g. `corr1d(X, K)` or `f(x, n=…, *args, **kwargs)`.
    var signature: String {
        "\(definition.name)(" + definition.parameters.map { parameter in
            switch parameter.kind {
            case .variadic: "*" + parameter.name
            case .variadicKeywords: "**" + parameter.name
            default: parameter.defaultValue == nil ? parameter.name : "\(parameter.name)=…"
            }
        }.joined(separator: ", ") + ")"
    }
}
