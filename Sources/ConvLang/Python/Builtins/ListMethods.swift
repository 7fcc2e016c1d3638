/// The methods of Python's `list`: `xs.append(x)` and the rest, changing the list in place.
enum ListMethods {
    /// By name, for `xs.NAME`.
    static let byName: [String: Builtin] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    static let all: [Builtin] = [
        method("append", [.required("x")], "adds x at the end") { call, list throws(RuntimeError) in
            list.items.append(call.value("x"))
            return .none
        },
        method("extend", [.required("iterable")], "adds every item of an iterable at the end") { call, list throws(RuntimeError) in
            list.items += try call.items("iterable")
            return .none
        },
        method("insert", [.required("index"), .required("x")], "puts x before position index") { call, list throws(RuntimeError) in
            let raw = try call.integer("index")
            let count = list.items.count
            let index = raw < 0 ? Swift.max(raw + count, 0) : Swift.min(raw, count)
            list.items.insert(call.value("x"), at: index)
            return .none
        },
        method("pop", [.optional("index", default: .int(-1))], "removes and gives the item at index (the last by default)") { call, list throws(RuntimeError) in
            guard !list.items.isEmpty else { throw call.error("pop from empty list", raising: .indexError) }
            let index = try position(call, "index", in: list.items.count, what: "pop index out of range")
            return list.items.remove(at: index)
        },
        method("remove", [.required("x")], "removes the first item equal to x") { call, list throws(RuntimeError) in
            let x = call.value("x")
            guard let index = list.items.firstIndex(where: { ValueEquality.equal($0, x) }) else {
                throw call.error("list.remove(x): x not in list", at: "x", raising: .valueError)
            }
            list.items.remove(at: index)
            return .none
        },
        method("index", [.required("x"), .optional("start", default: .int(0)), .optional("stop", default: .none)],
               "the position of the first item equal to x") { call, list throws(RuntimeError) in
            try index(in: list.items, call) { x in "\(PythonText.repr(x)) is not in list" }
        },
        method("count", [.required("x")], "how many items equal x") { call, list throws(RuntimeError) in
            count(in: list.items, call)
        },
        method("clear", [], "removes every item") { _, list throws(RuntimeError) in
            list.items.removeAll()
            return .none
        },
        method("copy", [], "a new list with the same items") { _, list throws(RuntimeError) in
            .list(PythonList(list.items))
        },
        method("reverse", [], "reverses the items in place") { _, list throws(RuntimeError) in
            list.items.reverse()
            return .none
        },
        method("sort", [.optional("key", default: .none, namedOnly: true), .optional("reverse", default: .bool(false), namedOnly: true)],
               "sorts the items in place, stably, by key(item) when key= is given") { call, list throws(RuntimeError) in
            let items = list.items
            let order = try PythonSorting.order(try call.keys(of: items), reverse: try call.bool("reverse"), at: call.range,
                                                evaluator: call.context.evaluator)
            list.items = order.map { items[$0] }
            return .none
        },
    ]

    /// A position argument counted from the end when negative, refused outside the list.
    /// `seq.index(x, start, stop)` over `items` (a list's or a tuple's), with Python's error.
    static func index(in items: [Value], _ call: BuiltinCall, notFound: (Value) -> String) throws(RuntimeError) -> Value {
        let x = call.value("x")
        let count = items.count
        let bounds = SliceBounds(extent: count, step: 1)
        let start = bounds.clamp(try call.integer("start"), isStart: true)
        let stop = call.isGiven("stop") ? bounds.clamp(try call.integer("stop"), isStart: false) : count
        guard start < stop, let index = items[start..<stop].firstIndex(where: { ValueEquality.equal($0, x) }) else {
            throw call.error(notFound(x), at: "x", raising: .valueError)
        }
        return .int(index)
    }

    /// `seq.count(x)` over `items`.
    static func count(in items: [Value], _ call: BuiltinCall) -> Value {
        let x = call.value("x")
        return .int(items.count { ValueEquality.equal($0, x) })
    }

    static func position(_ call: BuiltinCall, _ name: String, in count: Int, what: String) throws(RuntimeError) -> Int {
        let raw = try call.integer(name)
        let index = raw < 0 ? raw + count : raw
        guard index >= 0, index < count else { throw call.error(what, at: name, raising: .indexError) }
        return index
    }

    private static func method(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String,
        _ body: @escaping @Sendable (BuiltinCall, PythonList) throws(RuntimeError) -> Value
    ) -> Builtin {
        Builtin.method(of: "list", name, parameters, summary) { call throws(RuntimeError) in try body(call, try call.receivingList) }
    }
}

extension BuiltinCall {
    /// An error Python raises as `errorClass`, at argument `name` or the call.
    func error(_ message: String, at name: String? = nil, notes: [String] = [], raising errorClass: PythonErrorClass) -> RuntimeError {
        RuntimeError(message, at: name.map(range(of:)) ?? range, notes: notes, raising: errorClass)
    }
}
