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
    /// The attributes the program set on it (`f.calls = 0`), and those `functools.wraps` copied
    /// onto it (`__name__`, `__doc__`, `__wrapped__`).
    let attributes = FunctionAttributes()

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

    /// How its repr names it: `__qualname__` as `functools.wraps` set it, else its name.
    var displayName: String {
        if case .string(let name)? = attributes.values["__qualname__"] { return name }
        return name
    }

    /// Its docstring: the string its body starts with, else None.
    var docstring: Value {
        if case .expression(.string(let text, _))? = definition.body.first { return .string(text) }
        return .none
    }

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

/// The attributes set on a function after `def` made it.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class FunctionAttributes: @unchecked Sendable {
    var values: [String: Value] = [:]
}

extension Function {
    /// Python's attribute `name` of a function: `__name__`, `__qualname__`, `__doc__`,
    /// `__module__`, what the program set on a `def` function, and a builtin's own members
    /// (`itertools.chain.from_iterable`); nil for any other.
    func attribute(_ name: String) -> Value? {
        if case .python(let function) = kind {
            if let value = function.attributes.values[name] { return value }
            switch name {
            case "__name__": return .string(function.name)
            case "__qualname__": return .string(function.qualifiedName)
            case "__doc__": return function.docstring
            case "__module__": return .string("__main__")
            default: return nil
            }
        }
        // A module's function is named without its module, as in Python: `math.sqrt.__name__` is 'sqrt'.
        if name == "__name__" {
            if case .builtin = kind, let dot = self.name.lastIndex(of: ".") { return .string(String(self.name[self.name.index(after: dot)...])) }
            return .string(self.name)
        }
        if case .builtin(let builtin) = kind, let target = BuiltinLibrary.namespaces[builtin.name]?[name],
           let member = BuiltinLibrary.builtin(named: target) {
            return .function(Function(.builtin(member)))
        }
        return nil
    }
}

/// An object the program can call as a function: `functools.partial(f, 1)`, a function
/// `functools.lru_cache` wraps.
protocol CallableObject: TorchObject {
    func call(_ arguments: [Evaluator.EvaluatedArgument], _ evaluator: Evaluator, range: SourceRange) throws(RuntimeError) -> Value
}

extension CallableObject {
    /// Without members of its own unless it says otherwise.
    func member(_ name: String) throws(RuntimeError) -> Value? { nil }
    var memberNames: [String] { [] }
}
