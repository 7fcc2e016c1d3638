/// Python's `getattr`, `hasattr` and `setattr`: a member named by a string, read, tested or
/// bound as `obj.name` would be (`getattr(nn, "ReLU")()`, `hasattr(m, "weight")`,
/// `setattr(self, f"fc{i}", nn.Linear(4, 4))`).
enum AttributeBuiltins {
    /// They take Python's values as they are (a list is a list, not a tensor).
    static let all: [Builtin] = [getattr, hasattr, setattr].map { builtin in
        var builtin = builtin
        builtin.takesPythonValues = true
        return builtin
    }

    static let getattr = Builtin(
        name: "getattr", parameters: [.required("object"), .required("name"), .optional("default", default: .none)],
        summary: "the member of object named by a string (default when it has none, if given), as Python's getattr",
        details: """
        getattr(object, name, default)

          getattr(nn, "ReLU")()              # the same as nn.ReLU()
          getattr(model, "dropout", None)    # None when model has no dropout
        """,
        body: { call throws(RuntimeError) in
            do throws(RuntimeError) {
                return try member(call)
            } catch {
                guard error.pythonClass == .attributeError, call.isGiven("default") else { throw error }
                return call.value("default")
            }
        })

    static let hasattr = Builtin(
        name: "hasattr", parameters: [.required("object"), .required("name")],
        summary: "whether object has a member of that name, as Python's hasattr",
        details: "hasattr(object, name)\n\n  hasattr(layer, \"weight\")         # true for nn.Linear, false for nn.ReLU",
        body: { call throws(RuntimeError) in
            do throws(RuntimeError) {
                _ = try member(call)
                return .bool(true)
            } catch {
                guard error.pythonClass == .attributeError else { throw error }
                return .bool(false)
            }
        })

    static let setattr = Builtin(
        name: "setattr", parameters: [.required("object"), .required("name"), .required("value")],
        summary: "binds object's member of that name to value, as `object.name = value` does",
        details: "setattr(object, name, value)\n\n  setattr(self, f\"fc{i}\", nn.Linear(4, 4))",
        body: { call throws(RuntimeError) in
            guard let evaluator = call.context.evaluator else { throw call.error("cannot reach the program here") }
            try evaluator.setMember(try call.string("name"), of: call.value("object"), to: call.value("value"),
                                    nameRange: call.range(of: "name"))
            return .none
        })

    /// `object.name` for the call's object and name.
    private static func member(_ call: BuiltinCall) throws(RuntimeError) -> Value {
        guard let evaluator = call.context.evaluator else { throw call.error("cannot reach the program here") }
        let name = try call.string("name")
        return try evaluator.member(name, of: call.value("object"), nameRange: call.range(of: "name"),
                                    objectExpr: .name("", call.range(of: "object")))
    }
}
