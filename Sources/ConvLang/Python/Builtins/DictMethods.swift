/// The methods of Python's `dict`: `d.items()`, `d.get(k)` and the rest.
enum DictMethods {
    /// By name, for `d.NAME`.
    static let byName: [String: Builtin] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    static let all: [Builtin] = [
        method("keys", [], "a view of the keys, in insertion order") { _, dict throws(RuntimeError) in .object(ObjectBox(DictView(dict, .keys))) },
        method("values", [], "a view of the values, in the keys' order") { _, dict throws(RuntimeError) in .object(ObjectBox(DictView(dict, .values))) },
        method("items", [], "a view of the (key, value) pairs, in insertion order") { _, dict throws(RuntimeError) in
            .object(ObjectBox(DictView(dict, .items)))
        },
        method("get", [.required("key"), .optional("default", default: .none)], "the value for key, or default") { call, dict throws(RuntimeError) in
            try checkedKey(call, "key")
            return dict[call.value("key")] ?? call.value("default")
        },
        method("pop", [.required("key"), .optional("default", default: .none)],
               "removes key and gives its value (or default; KeyError without one)") { call, dict throws(RuntimeError) in
            let key = try checkedKey(call, "key")
            if let value = dict.remove(key) { return value }
            guard call.isGiven("default") else { throw missingKey(key, at: call.range(of: "key")) }
            return call.value("default")
        },
        method("setdefault", [.required("key"), .optional("default", default: .none)],
               "the value for key, storing default first when key is absent") { call, dict throws(RuntimeError) in
            let key = try checkedKey(call, "key")
            if let value = dict[key] { return value }
            dict.store(call.value("default"), for: key)
            return call.value("default")
        },
        method("update", [.optional("other", default: .none)], "stores every entry of another dict or every (key, value) pair") { call, dict throws(RuntimeError) in
            if call.isGiven("other") { try merge(call.value("other"), into: dict, at: call.range(of: "other"), elements: ElementRule(call.context)) }
            return .none
        },
        method("copy", [], "a new dict with the same entries") { _, dict throws(RuntimeError) in .dict(dict.copy()) },
        method("clear", [], "removes every entry") { _, dict throws(RuntimeError) in
            dict.removeAll()
            return .none
        },
    ]

    /// Stores the entries of a dict, or of an iterable of (key, value) pairs, into `dict`.
    static func merge(_ source: Value, into dict: PythonDict, at range: SourceRange, elements rule: ElementRule) throws(RuntimeError) {
        if case .dict(let other) = source {
            for (key, value) in zip(other.keys, other.values) { dict.store(value, for: key) }
            return
        }
        for (index, pair) in try Iteration.items(of: source, at: range, elements: rule).enumerated() {
            let parts = try Iteration.items(of: pair, at: range, elements: rule)
            guard parts.count == 2 else {
                throw RuntimeError("dictionary update sequence element #\(index) has length \(parts.count); 2 is required", at: range,
                                   raising: .valueError)
            }
            guard dict.store(parts[1], for: parts[0]) else { throw PythonOperators.unhashable(parts[0], at: range) }
        }
    }

    /// Python's KeyError, naming the key (missing from a dict, or from a set's `remove`).
    static func missingKey(_ key: Value, in container: String = "dict", at range: SourceRange) -> RuntimeError {
        keyError("KeyError: \(PythonText.repr(key)) is not in the \(container)", argument: key, at: range)
    }

    /// Python's `KeyError(argument)`, reported as `text` when not caught.
    static func keyError(_ text: String, argument: Value, at range: SourceRange) -> RuntimeError {
        var error = RuntimeError(text, at: range, raising: .keyError)
        // Caught, it is Python's KeyError(argument): `str(e)` is the argument's repr, `e.args` the argument.
        let exception = PythonInstance(of: PythonClasses.keyError)
        exception.setAttribute("args", .tuple([argument]))
        exception.origin = error
        error.exception = exception
        return error
    }

    @discardableResult
    private static func checkedKey(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> Value {
        let key = call.value(name)
        guard PythonDict.isHashable(key) else { throw PythonOperators.unhashable(key, at: call.range(of: name)) }
        return key
    }

    private static func method(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String,
        _ body: @escaping @Sendable (BuiltinCall, PythonDict) throws(RuntimeError) -> Value
    ) -> Builtin {
        Builtin.method(of: "dict", name, parameters, summary) { call throws(RuntimeError) in try body(call, try call.receivingDict) }
    }
}
