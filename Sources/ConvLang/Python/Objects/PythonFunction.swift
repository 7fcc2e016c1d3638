/// A function made by `def` (or, later, `lambda`): its definition, the default values computed
/// when `def` ran, and what its body needs to know about names.
///
/// Python decides once, from the whole body, which names are local: every name the body binds
/// (assignment, `for`, `def`, augmented assignment) unless declared `global`. That set is
/// computed here when the function is made, not looked up on every access.
final class PythonFunction: Sendable {
    let definition: FunctionDefinition
    /// Default values by parameter index, computed once when `def` ran, as in Python.
    let defaults: [Value?]
    /// The enclosing function's names as they were when `def` ran (a nested function reads
    /// them; a later rebinding in the enclosing function is not seen yet).
    let captured: [String: Value]
    /// Names the body declares `global`: assignments to them bind module-level names.
    let globalNames: Set<String>
    /// The class whose body defined it, for `super()`; weak, as the class holds the function.
    weak let definingClass: PythonClass?

    init(definition: FunctionDefinition, defaults: [Value?], captured: [String: Value], definingClass: PythonClass? = nil) {
        self.definition = definition
        self.defaults = defaults
        self.captured = captured
        self.definingClass = definingClass
        self.globalNames = NameScan.globalNames(in: definition.body)
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

/// Walks a function body for the names its scope rules need.
enum NameScan {
    /// Names declared `global` anywhere in `body`, outside nested functions and classes.
    static func globalNames(in body: [Stmt]) -> Set<String> {
        var names: Set<String> = []
        for statement in body { collectGlobals(statement, into: &names) }
        return names
    }

    private static func collectGlobals(_ statement: Stmt, into names: inout Set<String>) {
        switch statement {
        case .globalStatement(let declared, _): names.formUnion(declared.map(\.name))
        case .ifStatement(let statement):
            for branch in statement.branches { branch.body.forEach { collectGlobals($0, into: &names) } }
            statement.orElse?.forEach { collectGlobals($0, into: &names) }
        case .forStatement(let loop):
            (loop.body + (loop.orElse ?? [])).forEach { collectGlobals($0, into: &names) }
        case .whileStatement(let loop):
            (loop.body + (loop.orElse ?? [])).forEach { collectGlobals($0, into: &names) }
        case .withStatement(let block): block.body.forEach { collectGlobals($0, into: &names) }
        case .tryStatement(let block):
            let blocks = [block.body, block.orElse ?? [], block.finally ?? []] + block.handlers.map(\.body)
            blocks.joined().forEach { collectGlobals($0, into: &names) }
        default: break
        }
    }
}
