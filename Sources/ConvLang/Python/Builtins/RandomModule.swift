import BigInt
import ConvNumerics

/// Python's `random` module, as `import random` gives it: `seed`, `random`, `uniform`, `randint`,
/// `randrange`, `choice`, `choices`, `shuffle`, `sample`, `gauss` and `getrandbits`, drawing from the run's
/// ``PythonRandomState``, so that after `random.seed(n)` they give CPython's numbers bit for bit,
/// with CPython 3.11's errors.
///
/// Unseeded, the state is seeded from the run's seed, as `np.random`'s is: a conv run repeats.
/// Each function is a builtin reached as `random.NAME` (named `Random.NAME`, the class whose
/// methods they are in CPython, apart from `np.random`'s functions of the same names).
enum RandomModule {
    static let all: [Builtin] = [seed, random, uniform, randint, randrange, choice, choices, shuffle, sample, gauss, getrandbits]

    private static func function(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String, example: String,
        _ body: @escaping @Sendable (inout BuiltinCall) throws(RuntimeError) -> Value
    ) -> Builtin {
        // The signature as a program writes the call: random.randint(a, b).
        let signature = "random." + PythonConversions.python(name, parameters, summary, "", body).signature
        return PythonConversions.python("Random.\(name)", parameters, summary,
                                        "\(signature)\n\n\(summary.prefix(1).uppercased() + summary.dropFirst()), as CPython's.\n  \(example)",
                                        aliases: ["random.\(name)"], body)
    }

    static let seed = function("seed", [.optional("a", default: .none)], "seeds the random module's generator with an int",
                               example: "random.seed(0)") { call throws(RuntimeError) in
        let magnitude: [UInt32]
        switch call.value("a") {
        // `random.seed()` would seed from the host; conv keeps the stream it has, so a run repeats.
        case .none: return .none
        case .int(let n): magnitude = words(of: BigUInt(n.magnitude))
        case .bool(let flag): magnitude = [flag ? 1 : 0]
        case .bigInt(let n): magnitude = words(of: n.value.magnitude)
        case let other:
            throw call.error("conv's random.seed takes an int or None, not \(PythonText.typeName(other))", at: "a", raising: .typeError)
        }
        call.context.pythonRandom = PythonRandomState(magnitude: magnitude)
        return .none
    }

    /// The 32-bit words of `n`, least significant first.
    private static func words(of n: BigUInt) -> [UInt32] {
        n.words.flatMap { word in [UInt32(truncatingIfNeeded: word), UInt32(truncatingIfNeeded: UInt64(word) >> 32)] }
    }

    static let random = function("random", [], "a float in [0, 1)", example: "random.random()") { call throws(RuntimeError) in
        .number(call.context.pythonRandom.random())
    }

    static let uniform = function("uniform", [.required("a"), .required("b")], "a float between a and b, a + (b - a) * random()",
                                  example: "random.uniform(-1, 1)") { call throws(RuntimeError) in
        let (a, b) = (try call.number("a"), try call.number("b"))
        return .number(a + (b - a) * call.context.pythonRandom.random())
    }

    static let gauss = function("gauss", [.optional("mu", default: .number(0)), .optional("sigma", default: .number(1))],
                                "a normal float of mean mu and standard deviation sigma", example: "random.gauss(0, 0.1)") { call throws(RuntimeError) in
        let (mu, sigma) = (try call.number("mu"), try call.number("sigma"))
        return .number(mu + call.context.pythonRandom.gauss() * sigma)
    }

    static let getrandbits = function("getrandbits", [.required("k")], "an int of k random bits", example: "random.getrandbits(8)") { call throws(RuntimeError) in
        let k = try argument(call, "k", ordinal: "k")
        guard k >= 0 else { throw call.error("number of bits must be non-negative", at: "k", raising: .valueError) }
        guard k <= 64 else { throw call.error("conv's random.getrandbits makes at most 64 bits, not \(k)", at: "k", raising: .valueError) }
        return .integer(BigInt(call.context.pythonRandom.randomBits(k)))
    }

    static let randint = function("randint", [.required("a"), .required("b")], "an int in a...b, both ends included",
                                  example: "random.randint(1, 6)") { call throws(RuntimeError) in
        let a = try argument(call, "a", ordinal: "arg 1"), b = try argument(call, "b", ordinal: "stop")
        let (stop, overflow) = b.addingReportingOverflow(1)
        guard !overflow else { throw call.error("conv's random handles ints of 64 bits", at: "b", raising: .overflowError) }
        return try drawn(call, start: a, stop: stop, step: 1)
    }

    static let randrange = function("randrange", [.required("start"), .optional("stop", default: .none), .optional("step", default: .int(1))],
                                    "an int of range(start, stop, step), or of range(start) without stop",
                                    example: "random.randrange(0, 10, 2)") { call throws(RuntimeError) in
        let start = try argument(call, "start", ordinal: "arg 1")
        guard !call.value("stop").isNone else {
            if call.isGiven("step") { throw call.error("Missing a non-None stop argument", at: "step", raising: .typeError) }
            guard start > 0 else { throw call.error("empty range for randrange()", at: "start", raising: .valueError) }
            return .int(Int(call.context.pythonRandom.below(UInt64(start))))
        }
        return try drawn(call, start: start, stop: try argument(call, "stop", ordinal: "stop"), step: try argument(call, "step", ordinal: "step"))
    }

    /// `randrange(start, stop, step)` once its arguments are ints, as CPython computes it.
    private static func drawn(_ call: BuiltinCall, start: Int, stop: Int, step: Int) throws(RuntimeError) -> Value {
        if step == 1 {
            guard stop > start else {
                let width = BigInt(stop) - BigInt(start)
                throw call.error("empty range for randrange() (\(start), \(stop), \(width))", raising: .valueError)
            }
            // Up to 2^64 - 1 ints: the width and the offset as unsigned words, added with wrapping.
            let width = UInt64(bitPattern: Int64(stop &- start))
            return .int(start &+ Int(bitPattern: UInt(call.context.pythonRandom.below(width))))
        }
        guard step != 0 else { throw call.error("zero step for randrange()", at: "step", raising: .valueError) }
        // ceil(width / step) toward the step's direction, as CPython's (width + step ∓ 1) // step.
        let n = PythonRange(start: start, stop: stop, step: step).count
        guard n > 0 else { throw call.error("empty range for randrange()", raising: .valueError) }
        return .int(start &+ step &* Int(call.context.pythonRandom.below(UInt64(n))))
    }

    /// An int argument as CPython 3.11's randrange reads it: an int (or a whole float), else
    /// its ValueError naming the argument.
    private static func argument(_ call: BuiltinCall, _ name: String, ordinal: String) throws(RuntimeError) -> Int {
        switch call.value(name) {
        case .int(let n): return n
        case .bool(let flag): return flag ? 1 : 0
        case .number(let x) where x.rounded() == x && Swift.abs(x) < 9.2e18: return Int(x)
        case .number: throw call.error("non-integer \(ordinal) for randrange()", at: name, raising: .valueError)
        case .bigInt: throw call.error("conv's random handles ints of 64 bits", at: name, raising: .overflowError)
        case let other:
            throw call.error("'\(PythonText.typeName(other))' object cannot be interpreted as an integer", at: name, raising: .typeError)
        }
    }

    static let choice = function("choice", [.required("seq")], "one item of a non-empty sequence", example: "random.choice(['a', 'b'])") { call throws(RuntimeError) in
        let items = try sequence(call, "seq")
        guard items.count > 0 else { throw call.error("Cannot choose from an empty sequence", at: "seq", raising: .indexError) }
        return items[Int(call.context.pythonRandom.below(UInt64(items.count)))]
    }

    static let choices = function(
        "choices", [.required("population"), .optional("weights", default: .none), .optional("cum_weights", default: .none, namedOnly: true),
                    .optional("k", default: .int(1), namedOnly: true)],
        "a list of k items drawn with replacement, by weights when given", example: "random.choices(['a', 'b'], weights=[3, 1], k=5)"
    ) { call throws(RuntimeError) in
        let items = try sequence(call, "population")
        let k = try argument(call, "k", ordinal: "k")
        try call.context.checkElementCount(of: [Swift.max(k, 0)], at: call.range)
        var cumulative: [Double]
        switch (call.value("weights"), call.value("cum_weights")) {
        case (.none, .none):
            // floor(random() * n) for each pick, n as a float.
            guard items.count > 0 || k <= 0 else { throw call.error("list index out of range", at: "population", raising: .indexError) }
            let n = Double(items.count)
            return .list(PythonList((0..<Swift.max(k, 0)).map { _ in items[Int((call.context.pythonRandom.random() * n).rounded(.down))] }))
        case (.int(let count), .none):
            throw call.error("The number of choices must be a keyword argument: k=\(count)", at: "weights", raising: .typeError)
        case (_, .none):
            var total = 0.0
            cumulative = []
            for weight in try call.items("weights") {
                total += try Coercion.number(weight, what: "a weight", at: call.range(of: "weights"))
                cumulative.append(total)
            }
        case (.none, _):
            cumulative = []
            for weight in try call.items("cum_weights") {
                cumulative.append(try Coercion.number(weight, what: "a cumulative weight", at: call.range(of: "cum_weights")))
            }
        default:
            throw call.error("Cannot specify both weights and cumulative weights", raising: .typeError)
        }
        guard cumulative.count == items.count else {
            throw call.error("The number of weights does not match the population", raising: .valueError)
        }
        let total = cumulative.last ?? 0
        guard total > 0 else { throw call.error("Total of weights must be greater than zero", raising: .valueError) }
        guard total.isFinite else { throw call.error("Total of weights must be finite", raising: .valueError) }
        // bisect_right(cum_weights, random() * total, 0, n - 1): the first entry above the draw.
        var picks: [Value] = []
        for _ in 0..<Swift.max(k, 0) {
            let x = call.context.pythonRandom.random() * total
            var (low, high) = (0, items.count - 1)
            while low < high {
                let middle = (low + high) / 2
                if x < cumulative[middle] { high = middle } else { low = middle + 1 }
            }
            picks.append(items[low])
        }
        return .list(PythonList(picks))
    }

    static let shuffle = function("shuffle", [.required("x")], "shuffles a list in place", example: "random.shuffle(order)") { call throws(RuntimeError) in
        guard case .list(let list) = call.value("x") else {
            let value = call.value("x")
            if case .tuple = value { throw call.error("'tuple' object does not support item assignment", at: "x", raising: .typeError) }
            throw call.error("conv's random.shuffle shuffles a list, not \(PythonText.typeName(value))", at: "x", raising: .typeError)
        }
        call.context.pythonRandom.shuffle(count: list.items.count) { i, j in list.items.swapAt(i, j) }
        return .none
    }

    static let sample = function("sample", [.required("population"), .required("k"), .optional("counts", default: .none, namedOnly: true)],
                                 "a list of k items drawn from population without replacement",
                                 example: "random.sample(range(100), 5)") { call throws(RuntimeError) in
        guard call.value("counts").isNone else { throw call.error("conv's random.sample does not take counts", at: "counts") }
        if case .dict = call.value("population") {
            throw call.error("Population must be a sequence.  For dicts or sets, use sorted(d).", at: "population", raising: .typeError)
        }
        let items = try sequence(call, "population")
        let k = try argument(call, "k", ordinal: "k")
        guard k >= 0, k <= items.count else {
            throw call.error("Sample larger than population or is negative", at: "k", raising: .valueError)
        }
        try call.context.checkElementCount(of: [k], at: call.range)
        let positions = call.context.pythonRandom.samplePositions(n: items.count, k: k)
        return .list(PythonList(positions.map { items[$0] }))
    }

    /// Argument `name` as a sequence read by index: a list, tuple, range, string or tensor.
    private static func sequence(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> Iteration.Items {
        try Iteration.Items(of: call.value(name), at: call.range(of: name), elements: ElementRule(call.context))
    }
}
