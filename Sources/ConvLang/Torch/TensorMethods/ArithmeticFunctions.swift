/// `torch.add(a, b)`, `a.mul(b)`, `torch.div(a, b, rounding_mode="floor")`, ...: PyTorch's
/// named forms of `+`, `-`, `*`, `/`, `%` and `//`. Each is the operator itself (``Operators/binary``), so
/// broadcasting, dtype promotion, the autograd nodes (`AddBackward0`, `MulBackward0`) and every
/// error are the operator's; the same builtin serves a plain tensor and one with autograd
/// identity as receiver.
enum ArithmeticFunctions {
    static let functions: [Builtin] = [add, sub, mul, div, remainder, floorDivide]

    private static let input = Builtin.Parameter.required("input")

    static let add = scaled("add", aliases: [], .add, "input + alpha × other")
    static let sub = scaled("sub", aliases: ["torch.subtract"], .subtract, "input − alpha × other")
    static let mul = Builtin.tensorFunction(
        "mul", aliases: ["torch.multiply"], [input, .required("other")], "input × other, elementwise (also a * b)",
        example: "torch.mul(x, 2)") { call throws(RuntimeError) in
        try operate(.multiply, call.value("input"), call.value("other"), call)
    }
    static let div = Builtin.tensorFunction(
        "div", aliases: ["torch.divide", "torch.true_divide"],
        [input, .required("other"), .optional("rounding_mode", default: .none, namedOnly: true)],
        "input ÷ other, elementwise (also a / b); rounding_mode=\"floor\" is a // b",
        example: "torch.div(x, 2, rounding_mode=\"floor\")") { call throws(RuntimeError) in
        let (x, y) = (call.value("input"), call.value("other"))
        switch call.value("rounding_mode") {
        case .none: return try operate(.divide, x, y, call)
        case .string("floor"): return try operate(.floorDivide, x, y, call)
        case .string("trunc"):
            throw call.error("conv computes div with rounding_mode=None or \"floor\", not \"trunc\"", at: "rounding_mode",
                             notes: ["torch.trunc(torch.div(a, b)) rounds toward zero"])
        case .string(let mode):
            throw call.error("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '\(mode)'",
                             at: "rounding_mode", raising: .valueError)
        default:
            throw call.error("div(): argument 'rounding_mode' must be str, not \(call.value("rounding_mode").typeName)",
                             at: "rounding_mode", raising: .typeError)
        }
    }

    static let remainder = named("remainder", .remainder, "the remainder of input ÷ other, with other's sign (also a % b)")
    static let floorDivide = named("floor_divide", .floorDivide, "input ÷ other rounded down (also a // b)")

    /// A function that is exactly the operator `op`.
    private static func named(_ name: String, _ op: BinaryOperator, _ summary: String) -> Builtin {
        Builtin.tensorFunction(name, [input, .required("other")], summary, example: "torch.\(name)(x, 3)") { call throws(RuntimeError) in
            try operate(op, call.value("input"), call.value("other"), call)
        }
    }

    /// `add` or `sub`, whose `other` is first multiplied by `alpha` (named only, 1 by default).
    private static func scaled(_ name: String, aliases: [String], _ op: BinaryOperator, _ summary: String) -> Builtin {
        Builtin.tensorFunction(
            name, aliases: aliases, [input, .required("other"), .optional("alpha", default: .int(1), namedOnly: true)],
            "\(summary), elementwise (also a \(op.rawValue) b)", example: "torch.\(name)(x, y, alpha=2)") { call throws(RuntimeError) in
            var other = call.value("other")
            if case .int(1) = call.value("alpha") {} else {
                other = try operate(.multiply, other, call.value("alpha"), call)
            }
            return try operate(op, call.value("input"), other, call)
        }
    }

    private static func operate(_ op: BinaryOperator, _ left: Value, _ right: Value, _ call: BuiltinCall) throws(RuntimeError) -> Value {
        try Operators.binary(op, left, right, operatorRange: call.range, leftRange: call.range(of: "input"),
                             rightRange: call.range(of: "other"), context: call.context)
    }
}
