import BigInt
import ConvNumerics

/// Python's type builtins: `list`, `tuple`, `dict`, `set` (``SetMethods``), `int`, `float`, `bool` make values of their
/// type; with `type` and `isinstance` they also stand for the types themselves
/// (`type(x) is int`, `isinstance(x, (int, float))`).
enum PythonConversions {
    // `type` and `isinstance` are ClassBuiltins', which know a program's classes too.
    static let all: [Builtin] = [list, tuple, dict, SetMethods.set, SetMethods.frozenset, int, float, bool, tensorType]

    static let list = python(
        "list", [.optional("iterable", default: .tuple([]))], "a new list of the items of an iterable",
        "list(iterable=())\n\n  list(range(3))      # [0, 1, 2]") { call throws(RuntimeError) in
        .list(PythonList(try call.items("iterable")))
    }

    static let tuple = python(
        "tuple", [.optional("iterable", default: .tuple([]))], "a tuple of the items of an iterable",
        "tuple(iterable=())\n\n  tuple([1, 2])       # (1, 2)") { call throws(RuntimeError) in
        .tuple(try call.items("iterable"))
    }

    static let dict = python(
        "dict", [.optional("entries", default: .none), .namedVariadic("named")],
        "a new dict from another dict, from (key, value) pairs, or from named arguments",
        "dict(entries=none, **named)\n\n  dict(a=1, b=2)\n  dict([(\"a\", 1), (\"b\", 2)])") { call throws(RuntimeError) in
        let dict = PythonDict()
        if call.isGiven("entries") { try DictMethods.merge(call.value("entries"), into: dict, at: call.range(of: "entries"), elements: ElementRule(call.context)) }
        for entry in call.namedRest { dict.store(entry.value, for: .string(entry.label)) }
        return .dict(dict)
    }

    static let int = python(
        "int", [.optional("x", default: .int(0)), .optional("base", default: .none)],
        "an integer: a float truncated toward zero, or a string's digits in a base",
        "int(x=0, base=10)\n\n  int(2.7)           # 2\n  int(-2.7)          # -2\n  int(\"1_000\")       # 1000\n  int(\"ff\", 16)      # 255") { call throws(RuntimeError) in
        guard call.isGiven("base"), !(call.value("base") == .none) else { return try integer(call.value("x"), at: call.range(of: "x")) }
        let base = try call.integer("base")
        guard base == 0 || (2...36).contains(base) else {
            throw call.error("int() base must be >= 2 and <= 36, or 0", at: "base", raising: .valueError)
        }
        guard case .string = call.value("x") else {
            throw call.error("int() can't convert non-string with explicit base", at: "x", raising: .typeError)
        }
        return try integer(call.value("x"), base: base, at: call.range(of: "x"))
    }

    static let float = python(
        "float", [.optional("x", default: .number(0))], "a float from a number or a string",
        "float(x=0.0)\n\n  float(\"1.5\")   # 1.5\n  float(\"inf\")") { call throws(RuntimeError) in
        switch call.value("x") {
        case .string(let text):
            guard let number = parseFloat(text) else {
                throw call.error("could not convert string to float: \(PythonText.repr(.string(text)))", at: "x", raising: .valueError)
            }
            return .number(number)
        case .list, .tuple, .dict, .none, .function, .layer, .namespace, .range:
            throw call.error("float() argument must be a string or a real number, not '\(call.value("x").typeName)'", at: "x",
                             raising: .typeError)
        default:
            if let tensor = call.value("x").asTensor { return .number(try scalar(of: tensor, at: call.range(of: "x")).asNumber ?? .nan) }
            return .number(try call.number("x"))
        }
    }

    /// What PyTorch's `float(t)` and `int(t)` read: the one element as Python's number of its
    /// dtype (`t.item()`), of a tensor of any rank that holds exactly one.
    static func scalar(of tensor: Tensor, at range: SourceRange) throws(RuntimeError) -> Value {
        guard tensor.count == 1 else {
            throw RuntimeError("only one element tensors can be converted to Python scalars", at: range, raising: .valueError)
        }
        return ShapeMethods.element(tensor, 0)
    }

    static let bool = python(
        "bool", [.optional("x", default: .bool(false))], "the truth of a value, as Python's if sees it",
        "bool(x=False)\n\n  bool([])     # False") { call throws(RuntimeError) in
        .bool(try Operators.truth(call.value("x"), at: call.range(of: "x")))
    }

    /// `torch.Tensor`: the type of tensors, for `isinstance(x, torch.Tensor)`; called, it makes one.
    static let tensorType = python(
        "Tensor", [.required("data")], "the type of tensors (torch.Tensor); Tensor(data) makes one",
        "Tensor(data)\n\n  isinstance(x, torch.Tensor)", aliases: ["torch.Tensor"]) { call throws(RuntimeError) in
        .tensor(try call.tensor("data", allowNumber: true))
    }

    static let type = python(
        "type", [.required("x")], "the type of a value: int, float, str, bool, list, tuple, dict, torch.Tensor...",
        "type(x)\n\n  type(3) is int          # True\n  type([]).__name__       # \"list\"") { call throws(RuntimeError) in
        let name = typeName(of: call.value("x"))
        guard let type = BuiltinLibrary.value(named: name) else {
            throw call.error("conv has no type object for '\(name)' yet", at: "x")
        }
        return type
    }

    static let isinstance = python(
        "isinstance", [.required("x"), .required("types")], "whether a value is of a type, or of one of a tuple of types",
        "isinstance(x, types)\n\n  isinstance(1, (int, float))   # True\n  isinstance(True, int)         # True, as in Python") { call throws(RuntimeError) in
        let types: [Value] = if case .tuple(let items) = call.value("types") { items } else { [call.value("types")] }
        var names: Set<String> = []
        for type in types {
            guard case .function(let function) = type else {
                throw call.error("isinstance() arg 2 must be a type or tuple of types", at: "types", raising: .typeError)
            }
            names.insert(function.name)
        }
        let x = call.value("x")
        // A bool is an int in Python.
        if case .bool = x, names.contains("int") { return .bool(true) }
        return .bool(names.contains(typeName(of: x)))
    }

    /// The name of the builtin that stands for the type of `value`.
    static func typeName(of value: Value) -> String {
        switch value {
        case .number: "float"
        case .string: "str"
        case .tensor: "Tensor"
        case .variable(let box): box.isParameter ? "Parameter" : "Tensor"
        case .dict(let dict): dict.className
        case .size: "Size"
        case .returnTuple(let named): named.name
        case .layer(let layer): layer.typeName
        case .function: "function"
        default: value.typeName
        }
    }

    /// `int(x)`: ints and bools as they are, floats truncated toward zero (exactly, however
    /// large), strings parsed in `base` (``IntegerText/parse(_:base:at:)``).
    static func integer(_ value: Value, base: Int = 10, at range: SourceRange) throws(RuntimeError) -> Value {
        switch value {
        case .int, .bigInt: return value
        case .bool(let b): return .int(b ? 1 : 0)
        case .string(let text):
            guard let parsed = try IntegerText.parse(text, base: base, at: range) else {
                throw RuntimeError("invalid literal for int() with base \(base): \(PythonText.repr(value))", at: range, raising: .valueError)
            }
            return parsed
        default:
            if let tensor = value.asTensor {
                let item = try scalar(of: tensor, at: range)
                if !tensor.dtype.isFloatingPoint { return try integer(item, at: range) }
            }
            let number = try Coercion.number(value, what: "int()'s argument", at: range)
            guard number.isFinite else {
                throw RuntimeError("cannot convert float \(number.isNaN ? "NaN" : "infinity") to integer", at: range,
                                   raising: number.isNaN ? .valueError : .overflowError)
            }
            return .integer(BigInt(number.rounded(.towardZero)))
        }
    }

    /// Python's float syntax: digits, `inf`, `infinity`, `nan` (any case, signed), spaces around.
    static func parseFloat(_ text: String) -> Double? {
        let trimmed = text.trimmingWhitespace.replacingAll("_", with: "")
        let unsigned = trimmed.hasPrefix("-") || trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed
        let sign: Double = trimmed.hasPrefix("-") ? -1 : 1
        switch unsigned.lowercased() {
        case "inf", "infinity": return sign * .infinity
        case "nan": return .nan
        default:
            guard !unsigned.isEmpty, unsigned.allSatisfy({ $0.isASCII && ($0.isNumber || ".eE+-".contains($0)) }) else { return nil }
            return Double(trimmed)
        }
    }

    /// A builtin that takes Python's values as they are.
    static func python(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String, _ details: String, aliases: [String] = [],
        _ body: @escaping @Sendable (inout BuiltinCall) throws(RuntimeError) -> Value
    ) -> Builtin {
        Builtin(name: name, aliases: aliases, parameters: parameters, summary: summary, details: details, takesPythonValues: true,
                body: body)
    }

    /// A function of one of Python's modules (`itertools.count`), reached by its dotted name; its
    /// help page is its signature, its summary and one example.
    static func moduleFunction(
        _ module: String, _ name: String, _ parameters: [Builtin.Parameter], _ summary: String, _ example: String,
        _ body: @escaping @Sendable (inout BuiltinCall) throws(RuntimeError) -> Value
    ) -> Builtin {
        let dotted = "\(module).\(name)"
        let signature = Builtin(name: dotted, parameters: parameters, summary: "", details: "", body: body).signature
        return python(dotted, parameters, summary, "\(signature)\n\n\(summary.prefix(1).uppercased() + summary.dropFirst()), as Python's.\n  \(example)",
                      aliases: [dotted], body)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
