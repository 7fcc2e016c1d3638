/// `collections.Counter` and `collections.defaultdict`, as text-processing code counts tokens
/// (`Counter(tokens).most_common(10)`) and groups items (`d = defaultdict(list); d[k].append(v)`).
///
/// Both are dicts (``PythonDict/missing`` says which kind): every dict method works on them, and
/// they differ where Python's do — reading a missing key (0 for a Counter, the factory's new
/// value for a defaultdict), their repr, and a Counter's own methods (`most_common`, `update`
/// that adds counts, `subtract`, `elements`, `total`).
enum CollectionsModule {
    static let all: [Builtin] = [counter, defaultDict]

    static let counter = PythonConversions.python(
        "Counter", [.optional("iterable", default: .none), .namedVariadic("counts")],
        "a dict counting its keys: Counter(tokens)['the'], .most_common(n)",
        "collections.Counter(iterable=None, **counts)\n\nCounts the items of iterable (or the values of a mapping), as "
            + "Python's collections.Counter.\n  Counter('abracadabra').most_common(2)",
        aliases: ["collections.Counter"]) { call throws(RuntimeError) in
        let dict = PythonDict()
        dict.missing = .zero
        try add(call.value("iterable"), to: dict, sign: 1, call, "iterable")
        for (label, value, _) in call.namedRest { dict.store(value, for: .string(label)) }
        return .dict(dict)
    }

    static let defaultDict = PythonConversions.python(
        "defaultdict", [.optional("default_factory", default: .none), .optional("entries", default: .none)],
        "a dict whose missing keys get default_factory() (list, int, ...)",
        "collections.defaultdict(default_factory=None, entries=None)\n\nA dict that stores default_factory() under a "
            + "key read before it is set, as Python's collections.defaultdict.\n  d = defaultdict(list); d['a'].append(1)",
        aliases: ["collections.defaultdict"]) { call throws(RuntimeError) in
        let factory = call.value("default_factory")
        switch factory {
        case .none, .function, .pythonClass: break
        default: throw call.error("first argument must be callable or None", at: "default_factory", raising: .typeError)
        }
        let dict = PythonDict()
        dict.missing = .factory(factory)
        if !call.value("entries").isNone {
            try DictMethods.merge(call.value("entries"), into: dict, at: call.range(of: "entries"), elements: ElementRule(call.context))
        }
        return .dict(dict)
    }

    /// Adds `sign` times each count of `source` (an iterable's items, or a mapping's values) to `dict`.
    private static func add(_ source: Value, to dict: PythonDict, sign: Int, _ call: BuiltinCall, _ name: String) throws(RuntimeError) {
        if case .none = source { return }
        let range = call.range(of: name)
        if case .dict(let mapping) = source {
            for (key, count) in zip(mapping.keys, mapping.values) {
                dict.store(try sum(dict[key] ?? .int(0), count, sign: sign, call), for: key)
            }
            return
        }
        for item in try Iteration.items(of: source, at: range, elements: ElementRule(call.context)) {
            guard PythonDict.isHashable(item) else { throw PythonOperators.unhashable(item, at: range) }
            dict.store(try sum(dict[item] ?? .int(0), .int(1), sign: sign, call), for: item)
        }
    }

    private static func sum(_ count: Value, _ change: Value, sign: Int, _ call: BuiltinCall) throws(RuntimeError) -> Value {
        try Operators.binary(sign > 0 ? .add : .subtract, count, change, operatorRange: call.range, leftRange: call.range,
                             rightRange: call.range, context: call.context)
    }

    // MARK: - A Counter's own methods

    /// By name, looked up before the dict methods for a Counter.
    static let counterMethods: [String: Builtin] = Dictionary(uniqueKeysWithValues: [
        method("most_common", [.optional("n", default: .none)], "the (key, count) pairs, largest counts first") { call, dict throws(RuntimeError) in
            var pairs = mostCommon(dict).map { Value.tuple([$0.key, $0.count]) }
            if !call.value("n").isNone { pairs = Array(pairs.prefix(max(0, try call.integer("n")))) }
            return .list(PythonList(pairs))
        },
        method("update", [.optional("iterable", default: .none)], "adds the counts of iterable") { call, dict throws(RuntimeError) in
            try add(call.value("iterable"), to: dict, sign: 1, call, "iterable")
            return .none
        },
        method("subtract", [.optional("iterable", default: .none)], "subtracts the counts of iterable") { call, dict throws(RuntimeError) in
            try add(call.value("iterable"), to: dict, sign: -1, call, "iterable")
            return .none
        },
        method("elements", [], "each key repeated as many times as its count") { _, dict throws(RuntimeError) in
            var items: [Value] = []
            for (key, count) in zip(dict.keys, dict.values) {
                if case .int(let n) = count, n > 0 { items += Array(repeating: key, count: n) }
            }
            return ItertoolsModule.chain(of: items)
        },
        method("total", [], "the sum of the counts") { call, dict throws(RuntimeError) in
            var total = Value.int(0)
            for count in dict.values { total = try sum(total, count, sign: 1, call) }
            return total
        },
    ].map { ($0.name, $0) })

    private static func method(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String,
        _ body: @escaping @Sendable (BuiltinCall, PythonDict) throws(RuntimeError) -> Value
    ) -> Builtin {
        Builtin.method(of: "Counter", name, parameters, summary) { call throws(RuntimeError) in try body(call, try call.receivingDict) }
    }

    /// The entries by count, largest first; equal counts in insertion order (Python's stable sort).
    private static func mostCommon(_ dict: PythonDict) -> [(key: Value, count: Value)] {
        let pairs = Array(zip(dict.keys, dict.values)).enumerated()
        return pairs.sorted { left, right in
            let (a, b) = (left.element.1.asNumber ?? 0, right.element.1.asNumber ?? 0)
            return a != b ? a > b : left.offset < right.offset
        }.map { ($0.element.0, $0.element.1) }
    }

    // MARK: - Text

    /// `Counter({'the': 3, 'a': 1})` (most common first) or `defaultdict(<class 'list'>, {...})`.
    static func text(of dict: PythonDict, _ open: inout OpenContainers, _ item: (Value, inout OpenContainers) -> String) -> String {
        switch dict.missing {
        case .zero:
            guard dict.count > 0 else { return "Counter()" }
            return "Counter({" + open.joined(mostCommon(dict), separator: ", ") { pair, open in
                item(pair.key, &open) + ": " + item(pair.count, &open)
            } + "})"
        case .factory(let factory):
            let body = "{" + open.joined(Array(zip(dict.keys, dict.values)), separator: ", ") { pair, open in
                item(pair.0, &open) + ": " + item(pair.1, &open)
            } + "}"
            return "defaultdict(" + (factory.isNone ? "None" : PythonText.repr(factory)) + ", " + body + ")"
        case nil:
            return "{}"
        }
    }
}

extension Evaluator {
    /// `d[key]` for a key `d` does not hold: 0 for a Counter, the factory's new value (stored)
    /// for a defaultdict, Python's KeyError otherwise.
    func missingItem(_ key: Value, of dict: PythonDict, at range: SourceRange) throws(RuntimeError) -> Value {
        switch dict.missing {
        case .zero:
            guard PythonDict.isHashable(key) else { throw PythonOperators.unhashable(key, at: range) }
            return .int(0)
        case .factory(let factory) where !factory.isNone:
            guard PythonDict.isHashable(key) else { throw PythonOperators.unhashable(key, at: range) }
            let value = try call(factory, [], range: range, calleeRange: range, observer: nil)
            dict.store(value, for: key)
            return value
        default:
            throw DictMethods.missingKey(key, at: range)
        }
    }
}
