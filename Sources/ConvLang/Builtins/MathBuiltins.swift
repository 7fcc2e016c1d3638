import ConvNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reductions, elementwise functions and comparisons of whole tensors.
enum MathBuiltins {
    static let all: [Builtin] = [
        reduction("sum", .sum, "the sum of the elements", python: PythonReductions.sum),
        reduction("mean", .mean, "the mean of the elements"),
        extremum("min", .min, Swift.min), extremum("max", .max, Swift.max),
        elementwise("abs", "absolute value", integer: IntegerArithmetic.absolute, keepsDType: true, Swift.abs),
        // `inplace=True` changes a tensor with autograd identity in place (AutogradInPlace); a plain
        // tensor is a value, so its result is given as with `inplace=False`.
        elementwise("relu", "max(x, 0), the rectified linear unit", aliases: ["torch.relu", "torch.nn.functional.relu"],
                    options: [.optional("inplace", default: .bool(false))], keepsDType: true, { Swift.max($0, 0) }),
        elementwise("sqrt", "square root", { $0.squareRoot() }),
        elementwise("exp", "e to the power x", { exp($0) }),
        elementwise("log", "natural logarithm", { log($0) }),
        elementwise("sin", "sine (radians)", { sin($0) }),
        elementwise("cos", "cosine (radians)", { cos($0) }),
        truthReduction("all", "true when every element is non-zero", every: true, { $0.allSatisfy { $0 != 0 } }),
        truthReduction("any", "true when some element is non-zero", every: false, { $0.contains { $0 != 0 } }),
        allclose,
    ]

    // MARK: - Reductions

    /// Python's reduction of the same name, for iterables that are not tensor data (nil: the tensor's).
    typealias PythonReduction = @Sendable (BuiltinCall) throws(RuntimeError) -> Value?

    private static func reduction(_ name: String, _ kind: Reduction, _ summary: String, python: PythonReduction? = nil) -> Builtin {
        var parameters: [Builtin.Parameter] = [.required("x"), .optional("dim", default: .none, namedOnly: true)]
        if python != nil { parameters.append(.unlisted(.optional("start", default: .int(0)))) }
        var builtin = Builtin(
            name: name, aliases: ["torch.\(name)"], parameters: parameters,
            summary: summary,
            details: """
            \(name)(x, dim=none)

            Reduces every element to one number, or only along dimension dim (negative counts from the end).
              \(name)([1, 2, 3])
              \(name)([[1, 2], [3, 4]], dim=0)\(python == nil ? "" : "\nOver any other iterable it is Python's, with start=0:\n  sum(n * n for n in range(4))")
            """,
            body: { call throws(RuntimeError) in
                if let python, let value = try python(call) { return value }
                return try reduce(call, kind)
            })
        builtin.takesPythonValues = python != nil
        return builtin
    }

    private static func extremum(_ name: String, _ kind: Reduction, _ pair: @escaping @Sendable (Double, Double) -> Double) -> Builtin {
        var builtin = Builtin(
            name: name, aliases: ["torch.\(name)"],
            parameters: [.required("x"), .optional("other", default: .none), .unlisted(.variadic("more")),
                         .optional("dim", default: .none, namedOnly: true), .unlisted(.optional("key", default: .none, namedOnly: true)),
                         .unlisted(.optional("default", default: .none, namedOnly: true))],
            summary: "the \(name)imum element, or the elementwise \(name)imum of two tensors",
            details: """
            \(name)(x), \(name)(x, dim=0) or \(name)(a, b)

              \(name)([3, 1, 2])            # one number
              \(name)(tensor([1, 5]), [4, 2])   # elementwise
            Python's forms too: \(name)(a, b, c), \(name)(words, key=len), \(name)([], default=0)
            """,
            body: { call throws(RuntimeError) in
                if let value = try PythonReductions.extremum(call, largest: kind == .max) { return value }
                if case .none = call.value("other") { return try reduce(call, kind) }
                let a = try call.tensor("x", allowNumber: true)
                let b = try call.tensor("other", allowNumber: true)
                guard let result = Broadcasting.combine(a, b, pair) else {
                    throw call.error("cannot combine shapes \(a.shape) and \(b.shape)")
                }
                return result.rank == 0 ? .number(result.scalars[0]) : .tensor(result)
            })
        builtin.takesPythonValues = true
        return builtin
    }

    private static func reduce(_ call: BuiltinCall, _ kind: Reduction) throws(RuntimeError) -> Value {
        let x = try call.tensor("x", allowNumber: true)
        if case .none = call.value("dim") {
            guard let result = kind.reduce(x.scalars) else {
                throw call.error("\(call.builtin.name) of an empty tensor has no value", at: "x")
            }
            return .number(result)
        }
        let raw = try call.integer("dim", in: -x.rank...Swift.max(x.rank - 1, -x.rank))
        let axis = raw < 0 ? raw + x.rank : raw
        guard x.rank > 0, let result = kind.reduce(x, axis: axis) else {
            throw call.error("cannot reduce a tensor of shape \(x.shape) along dim \(raw)", at: "dim")
        }
        return result.rank == 0 ? .number(result.scalars[0]) : .tensor(result)
    }

    private static func truthReduction(
        _ name: String, _ summary: String, every: Bool, _ test: @escaping @Sendable ([Double]) -> Bool
    ) -> Builtin {
        var builtin = Builtin(
            name: name, aliases: ["torch.\(name)"], parameters: [.required("x")], summary: summary,
            details: """
            \(name)(x)

            \(summary); use it to test a comparison of tensors: assert(\(name)(x > 0))
            """,
            body: { call throws(RuntimeError) in
                if let value = try PythonReductions.truth(call, every: every) { return value }
                return .bool(test(try call.tensor("x", allowNumber: true).scalars))
            })
        builtin.takesPythonValues = true
        return builtin
    }

    // MARK: - Elementwise

    /// `integer`, when given, is the function on an int (nil where the result does not fit).
    private static func elementwise(
        _ name: String, _ summary: String, aliases: [String]? = nil, integer: (@Sendable (IntegerArithmetic.Operand) -> Value)? = nil,
        options: [Builtin.Parameter] = [], keepsDType: Bool = false, _ function: @escaping @Sendable (Double) -> Double
    ) -> Builtin {
        Builtin(
            name: name, aliases: aliases ?? ["torch.\(name)"], parameters: [.required("x")] + options, summary: summary + ", elementwise",
            details: """
            \(name)(x)

            \(summary), of a number or of every element of a tensor.
            """,
            body: { call throws(RuntimeError) in
                // A tensor with autograd identity reaches here only when the engine refused it
                // (AutogradBuiltins): its values pass the builtin's own checks, so the engine's
                // refusal is the one shown.
                if case .variable(let box) = call.value("x") { return .tensor(box.tensor.map(function)) }
                switch call.value("x") {
                // `abs(x)` and `relu(x)` are PyTorch's, of the tensor's dtype (bool has neither there).
                case .tensor(let t) where keepsDType && t.dtype != .bool: return .tensor(t.map(function).converted(to: t.dtype))
                case .tensor(let t): return .tensor(t.map(function))
                case .int, .bigInt:
                    if let integer, let operand = IntegerArithmetic.operand(call.value("x")) { return integer(operand) }
                    return .number(function(try call.number("x")))
                default: return .number(function(try call.number("x")))
                }
            })
    }

    // MARK: - allclose

    static let allclose = Builtin(
        name: "allclose", aliases: ["torch.allclose"],
        parameters: [.required("a"), .required("b"), .optional("tol", default: .number(1e-6)),
                     .optional("rtol", default: .none, namedOnly: true), .optional("atol", default: .none, namedOnly: true)],
        summary: "true when two tensors have the same shape and all elements agree within a tolerance",
        details: """
        allclose(a, b, tol=1e-6)

        True when |a - b| <= tol + tol*|b| for every element (shapes must broadcast).
        With rtol= or atol= it uses PyTorch's rule |a - b| <= atol + rtol*|b| (defaults 1e-5, 1e-8).
          allclose(conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1), [-1.9, -2.4])   # true
        """,
        body: { call throws(RuntimeError) in
            let a = try call.tensor("a", allowNumber: true)
            let b = try call.tensor("b", allowNumber: true)
            var rtol = try call.number("tol")
            var atol = rtol
            if call.isGiven("rtol") || call.isGiven("atol") {
                rtol = call.isGiven("rtol") ? try call.number("rtol") : 1e-5
                atol = call.isGiven("atol") ? try call.number("atol") : 1e-8
            }
            guard let closeness = Broadcasting.combine(a, b, { x, y in
                (x == y || Swift.abs(x - y) <= atol + rtol * Swift.abs(y)) ? 1 : 0
            }) else {
                throw call.error("cannot compare shapes \(a.shape) and \(b.shape)")
            }
            return .bool(closeness.scalars.allSatisfy { $0 == 1 })
        })
}
