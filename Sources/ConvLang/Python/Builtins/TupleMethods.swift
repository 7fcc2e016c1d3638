/// The methods of Python's `tuple`: `t.index(x)` and `t.count(x)`, shared with the list's.
enum TupleMethods {
    /// By name, for `t.NAME`.
    static let byName: [String: Builtin] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    static let all: [Builtin] = [
        method("index", [.required("x"), .optional("start", default: .int(0)), .optional("stop", default: .none)],
               "the position of the first item equal to x") { call, items throws(RuntimeError) in
            try ListMethods.index(in: items, call) { _ in "tuple.index(x): x not in tuple" }
        },
        method("count", [.required("x")], "how many items equal x") { call, items throws(RuntimeError) in
            ListMethods.count(in: items, call)
        },
    ]

    private static func method(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String,
        _ body: @escaping @Sendable (BuiltinCall, [Value]) throws(RuntimeError) -> Value
    ) -> Builtin {
        Builtin.method(of: "tuple", name, parameters, summary) { call throws(RuntimeError) in
            guard case .tuple(let items) = call.receiver else { throw call.error("\(call.builtin.name) needs a tuple") }
            return try body(call, items)
        }
    }
}
