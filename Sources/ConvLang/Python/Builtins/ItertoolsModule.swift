/// Python's `itertools`, as tutorials and textbooks use it: the infinite iterators (`count`,
/// `cycle`, `repeat`), the ones that end with their shortest input (`accumulate`, `chain`,
/// `compress`, `dropwhile`, `takewhile`, `filterfalse`, `groupby`, `islice`, `starmap`, `tee`,
/// `zip_longest`, `pairwise`, `batched`) and the combinatoric ones (`product`, `permutations`,
/// `combinations`, `combinations_with_replacement`).
///
/// Each is an ``ItertoolsIterator``: it makes its items one per `next()`, pulling from its
/// inputs only as far as it must, so `islice(count(), 5)` and a `for` loop over `count()` with a
/// `break` end, as in Python. The combinatoric ones read their inputs whole first, as Python's do.
enum ItertoolsModule {
    static let all: [Builtin] = [
        count, cycle, repeatObject, accumulate, chain, chainFromIterable, compress, dropwhile, takewhile, filterfalse, groupby,
        islice, starmap, tee, zipLongest, product, permutations, combinations, combinationsWithReplacement, pairwise, batched,
    ]

    private static func function(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String, _ example: String,
        _ body: @escaping @Sendable (inout BuiltinCall) throws(RuntimeError) -> Value
    ) -> Builtin {
        PythonConversions.moduleFunction("itertools", name, parameters, summary, example, body)
    }

    /// A lazy iterator making its items by `step`; also `map` and `filter` over a lazy input.
    static func iterator(
        _ typeName: String, repr: (() -> String)? = nil, _ step: @escaping ItertoolsIterator.Step
    ) -> Value {
        .object(ObjectBox(ItertoolsIterator(typeName, repr: repr, step)))
    }

    /// The stream of argument `name`'s items; Python's TypeError where it is not iterable.
    private static func stream(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> ItemStream {
        try ItemStream(call.value(name), at: call.range(of: name), call.context)
    }

    /// Calls a function the program gave, as Python calls it from inside the iterator.
    private static func invoke(_ function: Value, _ arguments: [Value], _ evaluator: Evaluator, at range: SourceRange) throws(RuntimeError) -> Value {
        try evaluator.apply(function, arguments.map { Evaluator.EvaluatedArgument(value: $0, range: range) }, range: range, calleeRange: range)
    }

    private static func truth(_ value: Value, at range: SourceRange) throws(RuntimeError) -> Bool {
        try Operators.truth(value, at: range)
    }

    private static func add(_ a: Value, _ b: Value, _ evaluator: Evaluator, at range: SourceRange) throws(RuntimeError) -> Value {
        try Operators.binary(.add, a, b, operatorRange: range, leftRange: range, rightRange: range, context: evaluator.context)
    }

    private static func isNumber(_ value: Value) -> Bool {
        switch value {
        case .int, .bigInt, .number, .bool: true
        default: false
        }
    }

    /// A count `r` given to a combinatoric iterator: Python's ValueError below zero.
    private static func length(_ call: BuiltinCall, _ name: String, _ negative: String) throws(RuntimeError) -> Int {
        let r = try call.integer(name)
        guard r >= 0 else { throw call.error(negative, at: name, raising: .valueError) }
        return r
    }

    // MARK: - Infinite iterators

    static let count = function("count", [.optional("start", default: .int(0)), .optional("step", default: .int(1))],
                                "start, start+step, start+2*step, ... without end", "for i in count(1): ...") { call throws(RuntimeError) in
        let (start, step) = (call.value("start"), call.value("step"))
        guard isNumber(start), isNumber(step) else {
            throw call.error("a number is required", at: isNumber(start) ? "step" : "start", raising: .typeError)
        }
        let state = Box(start)
        return iterator("count", repr: {
            // Python leaves out a step that is the int 1.
            if case .int(1) = step { return "count(\(PythonText.repr(state.value)))" }
            return "count(\(PythonText.repr(state.value)), \(PythonText.repr(step)))"
        }) { evaluator, range throws(RuntimeError) in
            let value = state.value
            state.value = try add(value, step, evaluator, at: range)
            return value
        }
    }

    static let cycle = function("cycle", [.required("iterable")], "the items of iterable, over and over",
                                "cycle('AB') gives A B A B ...") { call throws(RuntimeError) in
        let source = try stream(call, "iterable")
        var saved: [Value] = []
        var position = 0
        var firstPass = true
        return iterator("cycle") { evaluator, range throws(RuntimeError) in
            if firstPass {
                if let item = try source.next(evaluator, at: range) {
                    saved.append(item)
                    return item
                }
                firstPass = false
            }
            guard !saved.isEmpty else { return nil }
            defer { position = (position + 1) % saved.count }
            return saved[position]
        }
    }

    static let repeatObject = function("repeat", [.required("object"), .optional("times", default: .none)],
                                       "object, times times (or without end)", "list(repeat(0, 3)) gives [0, 0, 0]") { call throws(RuntimeError) in
        let object = call.value("object")
        let left: Box<Int>? = call.value("times").isNone ? nil : Box(max(0, try call.integer("times")))
        return iterator("repeat", repr: {
            "repeat(\(PythonText.repr(object))" + (left.map { ", \($0.value)" } ?? "") + ")"
        }) { _, _ throws(RuntimeError) in
            guard let left else { return object }
            guard left.value > 0 else { return nil }
            left.value -= 1
            return object
        }
    }

    // MARK: - Iterators that end with their input

    static let accumulate = function(
        "accumulate", [.required("iterable"), .optional("func", default: .none), .optional("initial", default: .none, namedOnly: true)],
        "running totals (or running results of func)", "list(accumulate([1, 2, 3])) gives [1, 3, 6]"
    ) { call throws(RuntimeError) in
        let source = try stream(call, "iterable")
        let function = call.value("func")
        var total: Value? = nil
        var pendingInitial: Value? = call.value("initial").isNone ? nil : call.value("initial")
        return iterator("accumulate") { evaluator, range throws(RuntimeError) in
            if let initial = pendingInitial {
                pendingInitial = nil
                total = initial
                return initial
            }
            guard let item = try source.next(evaluator, at: range) else { return nil }
            guard let previous = total else {
                total = item
                return item
            }
            let next = function.isNone ? try add(previous, item, evaluator, at: range) : try invoke(function, [previous, item], evaluator, at: range)
            total = next
            return next
        }
    }

    /// An iterator over the items of each iterable `next` gives, one iterable after the other;
    /// each is made iterable only when it is reached, as Python's chain does.
    private static func chained(_ context: EvaluationContext, at range: SourceRange, _ next: @escaping ItertoolsIterator.Step) -> Value {
        var current: ItemStream? = nil
        return iterator("chain") { evaluator, at throws(RuntimeError) in
            while true {
                if let current, let item = try current.next(evaluator, at: at) { return item }
                guard let iterable = try next(evaluator, at) else { return nil }
                current = try ItemStream(iterable, at: range, context)
            }
        }
    }

    /// A chain over items already made (`Counter.elements()`).
    static func chain(of items: [Value]) -> Value {
        var position = 0
        return iterator("chain") { _, _ throws(RuntimeError) in
            guard position < items.count else { return nil }
            defer { position += 1 }
            return items[position]
        }
    }

    static let chain = function("chain", [.variadic("iterables")], "the items of each iterable in turn",
                                "list(chain([1, 2], 'ab')) gives [1, 2, 'a', 'b']") { call throws(RuntimeError) in
        let iterables = call.rest
        var position = 0
        let context = call.context
        var current: ItemStream? = nil
        return iterator("chain") { evaluator, at throws(RuntimeError) in
            while true {
                if let current, let item = try current.next(evaluator, at: at) { return item }
                guard position < iterables.count else { return nil }
                // Each argument is made iterable when it is reached, as Python's chain does.
                current = try ItemStream(iterables[position].value, at: iterables[position].range, context)
                position += 1
            }
        }
    }

    static let chainFromIterable = PythonConversions.python(
        "itertools.chain.from_iterable", [.required("iterable")], "the items of each iterable that iterable gives",
        "itertools.chain.from_iterable(iterable)\n\nThe items of each iterable in turn, as Python's.\n  list(chain.from_iterable([[1], [2, 3]]))",
        aliases: ["itertools.chain.from_iterable"]) { call throws(RuntimeError) in
        let outer = try stream(call, "iterable")
        return chained(call.context, at: call.range) { evaluator, range throws(RuntimeError) in try outer.next(evaluator, at: range) }
    }

    static let compress = function("compress", [.required("data"), .required("selectors")],
                                   "the items of data whose selector is true", "list(compress('ABC', [1, 0, 1])) gives ['A', 'C']") { call throws(RuntimeError) in
        let (data, selectors) = (try stream(call, "data"), try stream(call, "selectors"))
        return iterator("compress") { evaluator, range throws(RuntimeError) in
            while let item = try data.next(evaluator, at: range) {
                guard let selector = try selectors.next(evaluator, at: range) else { return nil }
                if try truth(selector, at: range) { return item }
            }
            return nil
        }
    }

    static let dropwhile = function("dropwhile", [.required("predicate"), .required("iterable")],
                                    "the items from the first for which predicate is false",
                                    "list(dropwhile(lambda x: x < 3, [1, 4, 1])) gives [4, 1]") { call throws(RuntimeError) in
        let (predicate, source) = (call.value("predicate"), try stream(call, "iterable"))
        var dropping = true
        return iterator("dropwhile") { evaluator, range throws(RuntimeError) in
            while let item = try source.next(evaluator, at: range) {
                if dropping, try truth(try invoke(predicate, [item], evaluator, at: range), at: range) { continue }
                dropping = false
                return item
            }
            return nil
        }
    }

    static let takewhile = function("takewhile", [.required("predicate"), .required("iterable")],
                                    "the items while predicate is true", "list(takewhile(lambda x: x < 3, [1, 4, 1])) gives [1]") { call throws(RuntimeError) in
        let (predicate, source) = (call.value("predicate"), try stream(call, "iterable"))
        return iterator("takewhile") { evaluator, range throws(RuntimeError) in
            guard let item = try source.next(evaluator, at: range),
                  try truth(try invoke(predicate, [item], evaluator, at: range), at: range) else { return nil }
            return item
        }
    }

    static let filterfalse = function("filterfalse", [.required("function"), .required("iterable")],
                                      "the items for which function is false (or which are false, for None)",
                                      "list(filterfalse(lambda x: x % 2, range(5))) gives [0, 2, 4]") { call throws(RuntimeError) in
        let (predicate, source) = (call.value("function"), try stream(call, "iterable"))
        return iterator("filterfalse") { evaluator, range throws(RuntimeError) in
            while let item = try source.next(evaluator, at: range) {
                let verdict = predicate.isNone ? item : try invoke(predicate, [item], evaluator, at: range)
                if try !truth(verdict, at: range) { return item }
            }
            return nil
        }
    }

    static let groupby = function("groupby", [.required("iterable"), .optional("key", default: .none)],
                                  "(key, group) for each run of consecutive items with the same key",
                                  "[(k, list(g)) for k, g in groupby('aabc')]") { call throws(RuntimeError) in
        let grouping = Grouping(try stream(call, "iterable"), key: call.value("key"))
        return iterator("groupby") { evaluator, range throws(RuntimeError) in try grouping.nextGroup(evaluator, at: range) }
    }

    static let islice = function("islice", [.required("iterable"), .variadic("bounds")],
                                 "the items from start to stop by step, as a slice of a list takes them",
                                 "list(islice(count(), 5)) gives [0, 1, 2, 3, 4]") { call throws(RuntimeError) in
        let source = try stream(call, "iterable")
        let bounds = call.rest
        guard (1...3).contains(bounds.count) else {
            throw call.error(bounds.isEmpty ? "islice expected at least 2 arguments, got 1" : "islice expected at most 4 arguments, got \(bounds.count + 1)",
                             raising: .typeError)
        }
        func bound(_ index: Int, _ message: String) throws(RuntimeError) -> Int? {
            let (value, range) = bounds[index]
            switch value {
            case .none: return nil
            case .bool(let flag): return flag ? 1 : 0
            case .int(let n) where n >= 0: return n
            default: throw RuntimeError(message, at: range, raising: .valueError)
            }
        }
        let indices = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."
        let stop = try bound(bounds.count == 1 ? 0 : 1, "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
        let start = bounds.count == 1 ? 0 : try bound(0, indices) ?? 0
        var step = 1
        if bounds.count == 3, !bounds[2].value.isNone {
            guard let n = try? bound(2, ""), n > 0 else {
                throw RuntimeError("Step for islice() must be a positive integer or None.", at: bounds[2].range, raising: .valueError)
            }
            step = n
        }
        // Python's steps: skip to the next index, stop at stop, and clamp the next index to stop.
        var nextIndex = start
        var consumed = 0
        return iterator("islice") { evaluator, range throws(RuntimeError) in
            while consumed < nextIndex {
                guard try source.next(evaluator, at: range) != nil else { return nil }
                consumed += 1
            }
            if let stop, consumed >= stop { return nil }
            guard let item = try source.next(evaluator, at: range) else { return nil }
            consumed += 1
            let (advanced, overflow) = nextIndex.addingReportingOverflow(step)
            nextIndex = advanced
            if let stop, overflow || advanced > stop { nextIndex = stop } else if overflow { nextIndex = Int.max }
            return item
        }
    }

    static let starmap = function("starmap", [.required("function"), .required("iterable")],
                                  "function(*args) for each tuple of args", "list(starmap(pow, [(2, 3), (3, 2)])) gives [8, 9]") { call throws(RuntimeError) in
        let (function, source) = (call.value("function"), try stream(call, "iterable"))
        let context = call.context
        return iterator("starmap") { evaluator, range throws(RuntimeError) in
            guard let arguments = try source.next(evaluator, at: range) else { return nil }
            return try invoke(function, try ItemStream(arguments, at: range, context).rest(evaluator, at: range), evaluator, at: range)
        }
    }

    static let tee = function("tee", [.required("iterable"), .optional("n", default: .int(2))],
                              "n independent iterators over the items of iterable", "a, b = tee(it)") { call throws(RuntimeError) in
        let n = try call.integer("n")
        guard n >= 0 else { throw call.error("n must be >= 0", at: "n", raising: .valueError) }
        let shared = TeeBuffer(try stream(call, "iterable"), readers: n)
        return .tuple((0..<n).map { reader in
            iterator("_tee") { evaluator, range throws(RuntimeError) in try shared.next(for: reader, evaluator, at: range) }
        })
    }

    static let zipLongest = function("zip_longest", [.variadic("iterables"), .optional("fillvalue", default: .none, namedOnly: true)],
                                     "tuples of one item of each iterable, fillvalue for those that ended",
                                     "list(zip_longest('ab', 'x', fillvalue='-'))") { call throws(RuntimeError) in
        let sources = try call.rest.map { argument throws(RuntimeError) in try ItemStream(argument.value, at: argument.range, call.context) }
        let fill = call.value("fillvalue")
        var active = sources.map { _ in true }
        return iterator("zip_longest") { evaluator, range throws(RuntimeError) in
            guard active.contains(true) else { return nil }
            var row: [Value] = []
            for (index, source) in sources.enumerated() {
                if active[index], let item = try source.next(evaluator, at: range) {
                    row.append(item)
                } else {
                    active[index] = false
                    row.append(fill)
                }
            }
            return active.contains(true) ? .tuple(row) : nil
        }
    }

    static let pairwise = function("pairwise", [.required("iterable")], "each item with the next, as tuples",
                                   "list(pairwise('abc')) gives [('a', 'b'), ('b', 'c')]") { call throws(RuntimeError) in
        let source = try stream(call, "iterable")
        var previous: Value? = nil
        return iterator("pairwise") { evaluator, range throws(RuntimeError) in
            if previous == nil { previous = try source.next(evaluator, at: range) }
            guard let first = previous, let second = try source.next(evaluator, at: range) else { return nil }
            previous = second
            return .tuple([first, second])
        }
    }

    static let batched = function("batched", [.required("iterable"), .required("n")], "tuples of n items (the last may be shorter)",
                                  "list(batched('abcde', 2)) gives [('a', 'b'), ('c', 'd'), ('e',)]") { call throws(RuntimeError) in
        let n = try call.integer("n")
        guard n >= 1 else { throw call.error("n must be at least one", at: "n", raising: .valueError) }
        let source = try stream(call, "iterable")
        return iterator("batched") { evaluator, range throws(RuntimeError) in
            var batch: [Value] = []
            while batch.count < n, let item = try source.next(evaluator, at: range) { batch.append(item) }
            return batch.isEmpty ? nil : .tuple(batch)
        }
    }

    // MARK: - Combinatoric iterators

    /// The items of argument `name`, read whole, as the combinatoric iterators read their pools.
    private static func pool(_ call: BuiltinCall, _ name: String) throws(RuntimeError) -> [Value] {
        try call.items(name)
    }

    /// Tuples of the pool's items at each index list `advance` moves to, from `first`; nil
    /// `first` makes none.
    private static func indexed(_ typeName: String, _ pools: [[Value]], first: [Int]?, _ advance: @escaping (inout [Int]) -> Bool) -> Value {
        var indices = first
        var started = false
        return iterator(typeName) { _, _ throws(RuntimeError) in
            guard var current = indices else { return nil }
            if started {
                guard advance(&current) else {
                    indices = nil
                    return nil
                }
                indices = current
            }
            started = true
            return .tuple(current.enumerated().map { pools[pools.count == 1 ? 0 : $0.offset][$0.element] })
        }
    }

    static let product = function("product", [.variadic("iterables"), .optional("repeat", default: .int(1), namedOnly: true)],
                                  "every tuple with one item of each iterable, as nested for loops make them",
                                  "list(product('ab', range(2)))") { call throws(RuntimeError) in
        let times = try call.integer("repeat")
        guard times >= 0 else { throw call.error("repeat argument cannot be negative", at: "repeat", raising: .valueError) }
        var given: [[Value]] = []
        for argument in call.rest { given.append(try Iteration.items(of: argument.value, at: argument.range, elements: ElementRule(call.context))) }
        let pools = Array(Array(repeating: given, count: times).joined())
        let first: [Int]? = pools.contains { $0.isEmpty } ? nil : pools.map { _ in 0 }
        return indexed("product", pools.isEmpty ? [[]] : pools, first: first) { indices in
            for position in indices.indices.reversed() {
                indices[position] += 1
                if indices[position] < pools[position].count { return true }
                indices[position] = 0
            }
            return false
        }
    }

    static let permutations = function("permutations", [.required("iterable"), .optional("r", default: .none)],
                                       "every ordering of r items (all of them by default)",
                                       "list(permutations('abc', 2))") { call throws(RuntimeError) in
        let items = try pool(call, "iterable")
        let n = items.count
        let r = call.value("r").isNone ? n : try length(call, "r", "r must be non-negative")
        guard r <= n else { return indexed("permutations", [items], first: nil) { _ in false } }
        // Python's algorithm (the itertools documentation's), so the order is Python's.
        var all = Array(0..<n)
        var cycles = Array(stride(from: n, to: n - r, by: -1))
        return indexed("permutations", [items], first: Array(all.prefix(r))) { indices in
            for i in stride(from: r - 1, through: 0, by: -1) {
                cycles[i] -= 1
                if cycles[i] == 0 {
                    let moved = all.remove(at: i)
                    all.append(moved)
                    cycles[i] = n - i
                } else {
                    all.swapAt(i, n - cycles[i])
                    indices = Array(all.prefix(r))
                    return true
                }
            }
            return false
        }
    }

    static let combinations = function("combinations", [.required("iterable"), .required("r")],
                                       "every choice of r items in their order, without repeats",
                                       "list(combinations('abcd', 2))") { call throws(RuntimeError) in
        let items = try pool(call, "iterable")
        let (n, r) = (items.count, try length(call, "r", "r must be non-negative"))
        return indexed("combinations", [items], first: r <= n ? Array(0..<r) : nil) { indices in
            guard let i = (0..<r).reversed().first(where: { indices[$0] != $0 + n - r }) else { return false }
            indices[i] += 1
            for j in (i + 1)..<max(r, i + 1) { indices[j] = indices[j - 1] + 1 }
            return true
        }
    }

    static let combinationsWithReplacement = function(
        "combinations_with_replacement", [.required("iterable"), .required("r")],
        "every choice of r items in their order, an item possibly repeated", "list(combinations_with_replacement('ab', 2))"
    ) { call throws(RuntimeError) in
        let items = try pool(call, "iterable")
        let (n, r) = (items.count, try length(call, "r", "r must be non-negative"))
        return indexed("combinations_with_replacement", [items], first: n > 0 || r == 0 ? Array(repeating: 0, count: r) : nil) { indices in
            guard let i = (0..<r).reversed().first(where: { indices[$0] != n - 1 }) else { return false }
            let value = indices[i] + 1
            for j in i..<r { indices[j] = value }
            return true
        }
    }
}

/// One of Python's itertools iterators: `step` makes the next item (nil once it is exhausted,
/// after which it stays so); `repr` is Python's where it shows the state (`count(3)`).
final class ItertoolsIterator: LazyIterator {
    typealias Step = (Evaluator, SourceRange) throws(RuntimeError) -> Value?

    let typeName: String
    private let step: Step
    private let repr: (() -> String)?
    private var isExhausted = false

    init(_ typeName: String, repr: (() -> String)?, _ step: @escaping Step) {
        (self.typeName, self.repr, self.step) = (typeName, repr, step)
    }

    func next(_ evaluator: Evaluator, at range: SourceRange) throws(RuntimeError) -> Value? {
        guard !isExhausted else { return nil }
        // Each item is a step, so that `list(count())` meets the step limit (and the time limit
        // and interrupt) instead of filling memory.
        try evaluator.context.countStep(at: range)
        if let item = try step(evaluator, range) { return item }
        isExhausted = true
        return nil
    }

    /// `count(3)`, `repeat('a', 2)`, else `<itertools.chain object>` (Python's, without the address).
    var description: String { repr?() ?? "<itertools.\(typeName) object>" }
    func member(_ name: String) throws(RuntimeError) -> Value? { nil }
    var memberNames: [String] { [] }
}

/// The items of any iterable, one at a time: a lazy iterator's as it makes them, any other's by
/// index (read when the stream is made, as Python's `iter()` is called then).
final class ItemStream {
    private let lazy: (any LazyIterator)?
    private let items: Iteration.Items?
    private var position = 0

    init(_ value: Value, at range: SourceRange, _ context: EvaluationContext) throws(RuntimeError) {
        if let lazy = Iteration.lazyIterator(value) {
            (self.lazy, items) = (lazy, nil)
        } else {
            (lazy, items) = (nil, try Iteration.Items(of: value, at: range, elements: ElementRule(context)))
        }
    }

    func next(_ evaluator: Evaluator, at range: SourceRange) throws(RuntimeError) -> Value? {
        if let lazy { return try lazy.next(evaluator, at: range) }
        guard let items, position < items.count else { return nil }
        defer { position += 1 }
        return items[position]
    }

    /// Every item not taken yet.
    func rest(_ evaluator: Evaluator, at range: SourceRange) throws(RuntimeError) -> [Value] {
        var all: [Value] = []
        while let item = try next(evaluator, at: range) { all.append(item) }
        return all
    }
}

/// A value the closures of one iterator share and change.
private final class Box<T> {
    var value: T
    init(_ value: T) { self.value = value }
}

/// The items `tee`'s iterators share: each reader takes them in order, and an item is kept until
/// the slowest reader has taken it.
private final class TeeBuffer {
    private let source: ItemStream
    private var buffer: [Value] = []
    /// The index (into every item made so far) of `buffer`'s first item.
    private var dropped = 0
    private var positions: [Int]

    init(_ source: ItemStream, readers: Int) {
        self.source = source
        positions = Array(repeating: 0, count: readers)
    }

    func next(for reader: Int, _ evaluator: Evaluator, at range: SourceRange) throws(RuntimeError) -> Value? {
        let position = positions[reader]
        if position - dropped >= buffer.count {
            guard let item = try source.next(evaluator, at: range) else { return nil }
            buffer.append(item)
        }
        let item = buffer[position - dropped]
        positions[reader] += 1
        let slowest = positions.min() ?? 0
        if slowest > dropped {
            buffer.removeFirst(slowest - dropped)
            dropped = slowest
        }
        return item
    }
}

/// `groupby`'s state, shared with its groups, as Python's: advancing to the next key ends the
/// group before it.
private final class Grouping {
    private let source: ItemStream
    private let key: Value
    private var targetKey: Value?
    private var currentKey: Value?
    private var currentValue: Value = .none
    /// Which group may still take items: a new one each time the groupby advances.
    private var currentGroup = 0

    init(_ source: ItemStream, key: Value) { (self.source, self.key) = (source, key) }

    /// Reads the next item and its key; false at the end of the input.
    private func advance(_ evaluator: Evaluator, at range: SourceRange) throws(RuntimeError) -> Bool {
        guard let item = try source.next(evaluator, at: range) else { return false }
        currentValue = item
        currentKey = key.isNone ? item
            : try evaluator.apply(key, [Evaluator.EvaluatedArgument(value: item, range: range)], range: range, calleeRange: range)
        return true
    }

    private func sameKey(_ a: Value?, _ b: Value?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return ValueEquality.equal(a, b)
    }

    func nextGroup(_ evaluator: Evaluator, at range: SourceRange) throws(RuntimeError) -> Value? {
        currentGroup += 1
        while currentKey == nil || sameKey(currentKey, targetKey) {
            guard try advance(evaluator, at: range) else { return nil }
            if targetKey == nil { break }
        }
        targetKey = currentKey
        let group = currentGroup
        let target = currentKey ?? .none
        var pending = true
        let members = ItertoolsIterator("_grouper", repr: nil) { [self] evaluator, range throws(RuntimeError) in
            guard group == currentGroup, sameKey(currentKey, target) else { return nil }
            if pending {
                pending = false
                return currentValue
            }
            guard try advance(evaluator, at: range) else { return nil }
            guard sameKey(currentKey, target) else { return nil }
            return currentValue
        }
        return .tuple([target, .object(ObjectBox(members))])
    }
}
