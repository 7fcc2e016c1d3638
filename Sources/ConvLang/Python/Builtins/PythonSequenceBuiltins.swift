import BigInt
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Python's `sorted`, `reversed`, `map`, `filter` and `round`.
enum PythonSequenceBuiltins {
    static let all: [Builtin] = [sorted, reversed, map, filter, round]

    static let sorted = PythonConversions.python(
        "sorted", [.required("iterable"), .optional("key", default: .none, namedOnly: true),
                   .optional("reverse", default: .bool(false), namedOnly: true)],
        "a new sorted list of the items, stably, by key(item) when key= is given",
        "sorted(iterable, key=none, reverse=False)\n\n  sorted([3, 1, 2])                 # [1, 2, 3]\n  sorted(words, key=len, reverse=True)") { call throws(RuntimeError) in
        let items = try call.items("iterable")
        let order = try PythonSorting.order(try call.keys(of: items), reverse: try call.bool("reverse"), at: call.range,
                                                evaluator: call.context.evaluator)
        return .list(PythonList(order.map { items[$0] }))
    }

    static let reversed = PythonConversions.python(
        "reversed", [.required("sequence")], "the items in reverse order, as a list",
        "reversed(sequence)\n\n  list(reversed([1, 2, 3]))   # [3, 2, 1]") { call throws(RuntimeError) in
        .list(PythonList(try call.items("sequence").reversed()))
    }

    /// Python's `map` is a lazy iterator; conv gives the list it would yield, as `zip` gives its
    /// tuples: `list(map(f, xs))`, `sum(map(f, xs))` and `for y in map(f, xs)` read the same.
    /// Over a lazy iterator (a generator, `itertools.count()`) it is lazy too.
    static let map = PythonConversions.python(
        "map", [.required("function"), .variadic("iterables")],
        "function applied to the items (to the items at the same position, with several iterables), as a list",
        "map(function, iterables...)\n\n  list(map(str, [1, 2]))              # ['1', '2']\n  list(map(lambda a, b: a * b, xs, ws))") { call throws(RuntimeError) in
        guard !call.rest.isEmpty else { throw call.error("map() must have at least two arguments.") }
        // Over a generator or an itertools iterator (which may never end), a lazy map object, as Python's.
        if call.rest.contains(where: { Iteration.lazyIterator($0.value) != nil }) {
            let function = call.value("function")
            let sources = try call.rest.map { argument throws(RuntimeError) in try ItemStream(argument.value, at: argument.range, call.context) }
            return ItertoolsModule.iterator("map", repr: { "<map object>" }) { evaluator, range throws(RuntimeError) in
                var arguments: [Evaluator.EvaluatedArgument] = []
                for source in sources {
                    guard let item = try source.next(evaluator, at: range) else { return nil }
                    arguments.append(Evaluator.EvaluatedArgument(value: item, range: range))
                }
                return try evaluator.apply(function, arguments, range: range, calleeRange: range)
            }
        }
        var columns: [[Value]] = []
        for argument in call.rest { columns.append(try Iteration.items(of: argument.value, at: argument.range, elements: ElementRule(call.context))) }
        let length = columns.map(\.count).min() ?? 0
        var results: [Value] = []
        results.reserveCapacity(length)
        for row in 0..<length { results.append(try call.invoke(call.value("function"), columns.map { $0[row] }, for: "function")) }
        return .list(PythonList(results))
    }

    /// Like ``map``, the list Python's lazy `filter` would yield (lazy over a lazy iterator);
    /// `None` keeps the true items.
    static let filter = PythonConversions.python(
        "filter", [.required("function"), .required("iterable")],
        "the items for which function(item) is true (the true items when function is None), as a list",
        "filter(function, iterable)\n\n  list(filter(lambda v: v > 0, xs))\n  list(filter(None, [0, 1, '', 'a']))   # [1, 'a']") { call throws(RuntimeError) in
        let function = call.value("function")
        if Iteration.lazyIterator(call.value("iterable")) != nil {
            let source = try ItemStream(call.value("iterable"), at: call.range(of: "iterable"), call.context)
            return ItertoolsModule.iterator("filter", repr: { "<filter object>" }) { evaluator, range throws(RuntimeError) in
                while let item = try source.next(evaluator, at: range) {
                    let verdict = if case .none = function { item } else {
                        try evaluator.apply(function, [Evaluator.EvaluatedArgument(value: item, range: range)], range: range, calleeRange: range)
                    }
                    if try Operators.truth(verdict, at: range) { return item }
                }
                return nil
            }
        }
        var kept: [Value] = []
        for item in try call.items("iterable") {
            let verdict = if case .none = function { item } else { try call.invoke(function, [item], for: "function") }
            if try Operators.truth(verdict, at: call.range(of: "function")) { kept.append(item) }
        }
        return .list(PythonList(kept))
    }

    static let round = PythonConversions.python(
        "round", [.required("number"), .optional("ndigits", default: .none)],
        "a number rounded half to even: an int without ndigits, else to ndigits decimals",
        "round(number, ndigits=none)\n\n  round(2.5)          # 2 (half to even, as Python)\n  round(2.675, 2)     # 2.67 (2.675 is stored just below)") { call throws(RuntimeError) in
        let number = call.value("number")
        // PyTorch's tensors have no `__round__`; conv's display keeps rounding a 0-d tensor's number.
        if number.asTensor != nil, !ElementRule(call.context).float64AsNumbers {
            throw call.error("type Tensor doesn't define __round__ method", at: "number",
                             notes: ["round the tensor with t.round(), or its number with round(t.item())"], raising: .typeError)
        }
        guard call.isGiven("ndigits"), !isNone(call.value("ndigits")) else {
            if case .bool(let b) = number { return .int(b ? 1 : 0) }
            if IntegerArithmetic.operand(number) != nil { return number }
            let x = try call.number("number")
            return try PythonConversions.integer(.number(x.rounded(.toNearestOrEven)), at: call.range(of: "number"))
        }
        let digits = try call.integer("ndigits", in: -400...400)
        if let n = IntegerArithmetic.operand(number) { return try roundInteger(n.big, digits, call) }
        return .number(roundFloat(try call.number("number"), digits))
    }

    private static func isNone(_ value: Value) -> Bool {
        if case .none = value { true } else { false }
    }

    /// A float to `digits` decimals, correctly rounded from its exact binary value (C's `%.*f`
    /// does that, ties to even), as Python's `round` is.
    static func roundFloat(_ x: Double, _ digits: Int) -> Double {
        guard x.isFinite else { return x }
        if digits >= 0 { return Double(CFormatting.format(x, "%.\(Swift.min(digits, 340))f")) ?? x }
        // Past 10^308 the scale is infinite: every finite float rounds to a zero of its sign.
        guard digits > -308 else { return 0 * x }
        let scale = pow(10.0, Double(-digits))
        return (x / scale).rounded(.toNearestOrEven) * scale
    }

    /// An int to a multiple of 10^-digits, ties to even; unchanged for digits ≥ 0.
    private static func roundInteger(_ n: BigInt, _ digits: Int, _ call: BuiltinCall) throws(RuntimeError) -> Value {
        guard digits < 0 else { return .integer(n) }
        let scale = BigInt(10).power(-digits)
        let (quotient, remainder) = try IntegerArithmetic.floorDivmod(n, scale, at: call.range)
        let twice = remainder * 2
        let roundsUp = twice > scale || (twice == scale && quotient.magnitude[bitAt: 0])
        return .integer((quotient + (roundsUp ? 1 : 0)) * scale)
    }
}
