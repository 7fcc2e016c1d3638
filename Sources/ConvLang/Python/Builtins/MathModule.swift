import BigInt
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Python's `math` module, as `import math` gives it: functions of Python numbers (not tensors;
/// conv's `sqrt`, `exp`, ... are the elementwise ones) with Python's results and errors —
/// `math.floor` gives an int, `math.sqrt(-1)` is `ValueError: math domain error`,
/// `math.exp(1000)` is `OverflowError: math range error`.
///
/// Each function is a builtin reached only as `math.NAME` (its name is the dotted one).
enum MathModule {
    static let all: [Builtin] = floatFunctions + [floor, ceil, trunc, log, pow, atan2, hypot, copysign, fmod,
                                                  isnan, isinf, isfinite, isclose, factorial, gcd, prod, fsum]

    /// `math.pi`, `math.e`, `math.tau`, `math.inf`, `math.nan`.
    static let constants: [String: Value] = [
        "pi": .number(Double.pi), "e": .number(M_E), "tau": .number(2 * Double.pi), "inf": .number(.infinity), "nan": .number(.nan),
    ]

    private static func function(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String,
        _ body: @escaping @Sendable (inout BuiltinCall) throws(RuntimeError) -> Value
    ) -> Builtin {
        PythonConversions.python("math.\(name)", parameters, summary, "math.\(name): \(summary)", aliases: ["math.\(name)"], body)
    }

    /// A float result, refused as Python refuses it: NaN from a number is a domain error, an
    /// infinity from a finite number a range error.
    private static func checked(_ result: Double, from inputs: [Double], _ call: BuiltinCall) throws(RuntimeError) -> Value {
        let finiteInputs = inputs.allSatisfy(\.isFinite)
        if result.isNaN, !inputs.contains(where: \.isNaN) { throw call.error("math domain error", raising: .valueError) }
        if result.isInfinite, finiteInputs { throw call.error("math range error", raising: .overflowError) }
        return .number(result)
    }

    /// Functions of one float to a float.
    private static let floatFunctions: [Builtin] = [
        unary("sqrt", "the square root") { x in x < 0 ? Double.nan : x.squareRoot() },
        unary("exp", "e to the power x", exp),
        unary("log2", "the base-2 logarithm") { x in x <= 0 ? Double.nan : log2(x) },
        unary("log10", "the base-10 logarithm") { x in x <= 0 ? Double.nan : log10(x) },
        unary("sin", "the sine", sin), unary("cos", "the cosine", cos), unary("tan", "the tangent", tan),
        unary("asin", "the arc sine", asin), unary("acos", "the arc cosine", acos), unary("atan", "the arc tangent", atan),
        unary("sinh", "the hyperbolic sine", sinh), unary("cosh", "the hyperbolic cosine", cosh),
        unary("tanh", "the hyperbolic tangent", tanh), unary("fabs", "the absolute value, as a float") { x in Swift.abs(x) },
        unary("degrees", "radians to degrees") { x in x * 180 / Double.pi },
        unary("radians", "degrees to radians") { x in x * Double.pi / 180 },
        unary("erf", "the error function", erf), unary("erfc", "the complementary error function", erfc),
    ]

    private static func unary(_ name: String, _ summary: String, _ f: @escaping @Sendable (Double) -> Double) -> Builtin {
        function(name, [.required("x")], summary) { call throws(RuntimeError) in
            let x = try call.number("x")
            return try checked(f(x), from: [x], call)
        }
    }

    /// `math.floor`, `ceil` and `trunc` give ints, as Python's do.
    private static func rounding(_ name: String, _ rule: FloatingPointRoundingRule) -> Builtin {
        function(name, [.required("x")], "x rounded \(name == "trunc" ? "toward zero" : name == "floor" ? "down" : "up"), as an int") { call throws(RuntimeError) in
            if case .int = call.value("x") { return call.value("x") }
            return try PythonConversions.integer(.number(try call.number("x").rounded(rule)), at: call.range(of: "x"))
        }
    }

    static let floor = rounding("floor", .down)
    static let ceil = rounding("ceil", .up)
    static let trunc = rounding("trunc", .towardZero)

    static let log = function("log", [.required("x"), .optional("base", default: .none)], "the natural logarithm, or to base") { call throws(RuntimeError) in
        let x = try call.number("x")
        guard x > 0 else { throw call.error("math domain error", raising: .valueError) }
        if case .none = call.value("base") { return .number(cLog(x)) }
        let base = try call.number("base")
        guard base > 0, base != 1 else { throw call.error(base == 1 ? "float division by zero" : "math domain error", raising: base == 1 ? .zeroDivisionError : .valueError) }
        return .number(cLog(x) / cLog(base))
    }

    static let pow = function("pow", [.required("x"), .required("y")], "x to the power y, as a float") { call throws(RuntimeError) in
        let (x, y) = (try call.number("x"), try call.number("y"))
        if x == 0, y < 0 { throw call.error("math domain error", raising: .valueError) }
        return try checked(cPow(x, y), from: [x, y], call)
    }

    static let atan2 = function("atan2", [.required("y"), .required("x")], "the angle of the point (x, y)") { call throws(RuntimeError) in
        .number(cAtan2(try call.number("y"), try call.number("x")))
    }

    static let hypot = function("hypot", [.variadic("coordinates")], "the Euclidean length of the vector") { call throws(RuntimeError) in
        var squares = 0.0, largest = 0.0
        let values = try call.rest.map { argument throws(RuntimeError) in Swift.abs(try Coercion.number(argument.value, what: "a coordinate", at: argument.range)) }
        if values.contains(where: \.isInfinite) { return .number(.infinity) }
        largest = values.max() ?? 0
        guard largest > 0, largest.isFinite else { return .number(largest) }
        for v in values { squares += (v / largest) * (v / largest) }
        return .number(largest * squares.squareRoot())
    }

    static let copysign = function("copysign", [.required("x"), .required("y")], "x with the sign of y") { call throws(RuntimeError) in
        .number(Double(signOf: try call.number("y"), magnitudeOf: try call.number("x")))
    }

    static let fmod = function("fmod", [.required("x"), .required("y")], "the remainder of x / y with the sign of x (C's fmod)") { call throws(RuntimeError) in
        let (x, y) = (try call.number("x"), try call.number("y"))
        if y == 0 || x.isInfinite, !x.isNaN, !y.isNaN { throw call.error("math domain error", raising: .valueError) }
        return .number(cFmod(x, y))
    }

    private static func test(_ name: String, _ summary: String, _ predicate: @escaping @Sendable (Double) -> Bool) -> Builtin {
        function(name, [.required("x")], summary) { call throws(RuntimeError) in .bool(predicate(try call.number("x"))) }
    }

    static let isnan = test("isnan", "whether x is NaN", \.isNaN)
    static let isinf = test("isinf", "whether x is an infinity", \.isInfinite)
    static let isfinite = test("isfinite", "whether x is neither infinite nor NaN", \.isFinite)

    static let isclose = function("isclose", [.required("a"), .required("b"), .optional("rel_tol", default: .number(1e-9), namedOnly: true),
                                              .optional("abs_tol", default: .number(0), namedOnly: true)],
                                  "whether a and b are close: |a - b| <= max(rel_tol * max(|a|, |b|), abs_tol)") { call throws(RuntimeError) in
        let (a, b) = (try call.number("a"), try call.number("b"))
        let (relative, absolute) = (try call.number("rel_tol"), try call.number("abs_tol"))
        guard relative >= 0, absolute >= 0 else { throw call.error("tolerances must be non-negative", raising: .valueError) }
        if a == b { return .bool(true) }
        if a.isInfinite || b.isInfinite { return .bool(false) }
        let difference = Swift.abs(a - b)
        return .bool(difference <= Swift.abs(relative * b) || difference <= Swift.abs(relative * a) || difference <= absolute)
    }

    static let factorial = function("factorial", [.required("n")], "n!, an int") { call throws(RuntimeError) in
        guard case .int(let n) = call.value("n") else {
            throw call.error("'\(PythonText.typeName(call.value("n")))' object cannot be interpreted as an integer", at: "n", raising: .typeError)
        }
        guard n >= 0 else { throw call.error("factorial() not defined for negative values", at: "n", raising: .valueError) }
        var product: Value = .int(1)
        for k in stride(from: 2, through: n, by: 1) {
            try call.context.checkInterrupt(at: call.range)
            product = try Operators.binary(.multiply, product, .int(k), operatorRange: call.range, leftRange: call.range,
                                           rightRange: call.range, context: call.context)
        }
        return product
    }

    static let gcd = function("gcd", [.variadic("integers")], "the greatest common divisor, an int") { call throws(RuntimeError) in
        // By magnitude, so that gcd(-2**63, 0), which is 2**63, is the big int it is.
        var result: UInt = 0
        for argument in call.rest {
            guard case .int(let n) = argument.value else {
                throw RuntimeError("'\(PythonText.typeName(argument.value))' object cannot be interpreted as an integer", at: argument.range, raising: .typeError)
            }
            var (a, b) = (result, n.magnitude)
            while b != 0 { (a, b) = (b, a % b) }
            result = a
        }
        return .integer(BigInt(result))
    }

    static let prod = function("prod", [.required("iterable"), .optional("start", default: .int(1), namedOnly: true)],
                               "the product of the items, times start") { call throws(RuntimeError) in
        var product = call.value("start")
        for item in try call.items("iterable") {
            product = try Operators.binary(.multiply, product, item, operatorRange: call.range, leftRange: call.range,
                                           rightRange: call.range(of: "iterable"), context: call.context)
        }
        return product
    }

    /// Python's `fsum`: the correctly rounded sum, by exact partial sums (Shewchuk's algorithm,
    /// as CPython's `math.fsum`), so `fsum([0.1] * 10)` is exactly 1.0.
    static let fsum = function("fsum", [.required("iterable")], "the sum of the items, correctly rounded") { call throws(RuntimeError) in
        var partials: [Double] = []
        var special = 0.0
        for item in try call.items("iterable") {
            var x = try Coercion.number(item, what: "an item", at: call.range(of: "iterable"))
            guard x.isFinite else {
                special += x
                continue
            }
            var kept = 0
            for y in partials {
                var (big, small) = (x, y)
                if Swift.abs(big) < Swift.abs(small) { swap(&big, &small) }
                let high = big + small
                let low = small - (high - big)
                if low != 0 {
                    partials[kept] = low
                    kept += 1
                }
                x = high
            }
            partials.removeSubrange(kept...)
            partials.append(x)
        }
        if special != 0 || special.isNaN { return .number(special) }
        return .number(roundedSum(partials))
    }

    /// The sum of non-overlapping partials, rounded once, as CPython's `fsum` finishes.
    private static func roundedSum(_ partials: [Double]) -> Double {
        var index = partials.count
        guard index > 0 else { return 0 }
        index -= 1
        var high = partials[index]
        var low = 0.0
        while index > 0 {
            index -= 1
            let x = high
            let y = partials[index]
            high = x + y
            low = y - (high - x)
            if low != 0 { break }
        }
        // Half-way cases: round as if the partials below were added exactly.
        if index > 0, (low < 0 && partials[index - 1] < 0) || (low > 0 && partials[index - 1] > 0) {
            let y = low * 2
            let x = high + y
            if y == x - high { high = x }
        }
        return high
    }
}


/// The C library's functions that the module's own members (`log`, `pow`, `atan2`, `fmod`) shadow
/// inside it, by other names.
private func cLog(_ x: Double) -> Double { log(x) }
private func cPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
private func cAtan2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
private func cFmod(_ x: Double, _ y: Double) -> Double { fmod(x, y) }
