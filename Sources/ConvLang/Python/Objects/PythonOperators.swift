import ConvNumerics

/// The operators Python gives lists, dicts and every value: concatenation and repetition of
/// lists, membership (`in`), identity (`is`) and the ordering of sequences.
///
/// Arithmetic Python refuses on a list (`[1, 2] - 1`, `-xs`, `xs * 0.5`) is not here: the list
/// then takes part as the tensor it stands for, which is conv's extension (see docs/python.md).
enum PythonOperators {
    /// `left op right` when Python defines it for these operands; nil to go on as tensors.
    static func binary(_ op: BinaryOperator, _ left: Value, _ right: Value, at range: SourceRange, context: EvaluationContext) throws(RuntimeError) -> Value? {
        if let result = try SetMethods.binary(op, left, right, at: range, context: context) { return result }
        switch (op, left, right) {
        case (.in, _, _): return .bool(try contains(right, left, at: range))
        case (.notIn, _, _): return .bool(!(try contains(right, left, at: range)))
        case (.is, _, _): return .bool(identical(left, right))
        case (.isNot, _, _): return .bool(!identical(left, right))
        case (.add, .list(let a), .list(let b)): return .list(PythonList(a.items + b.items))
        case (.multiply, .list(let list), _):
            guard let count = repetitions(right) else { return nil }
            return .list(PythonList(try repeated(list.items, count, context: context, at: range)))
        case (.multiply, _, .list(let list)):
            guard let count = repetitions(left) else { return nil }
            return .list(PythonList(try repeated(list.items, count, context: context, at: range)))
        case (.multiply, .tuple(let items), _):
            guard let count = repetitions(right) else { return nil }
            return .tuple(try repeated(items, count, context: context, at: range))
        case (.equal, .list, .list), (.equal, .dict, _), (.equal, _, .dict): return .bool(ValueEquality.equal(left, right))
        case (.notEqual, .list, .list), (.notEqual, .dict, _), (.notEqual, _, .dict): return .bool(!ValueEquality.equal(left, right))
        case (.less, .list(let a), .list(let b)): return .bool(try order(a.items, b.items, at: range) < 0)
        case (.lessEqual, .list(let a), .list(let b)): return .bool(try order(a.items, b.items, at: range) <= 0)
        case (.greater, .list(let a), .list(let b)): return .bool(try order(a.items, b.items, at: range) > 0)
        case (.greaterEqual, .list(let a), .list(let b)): return .bool(try order(a.items, b.items, at: range) >= 0)
        case (.less, .tuple(let a), .tuple(let b)): return .bool(try order(a, b, at: range) < 0)
        case (.lessEqual, .tuple(let a), .tuple(let b)): return .bool(try order(a, b, at: range) <= 0)
        case (.greater, .tuple(let a), .tuple(let b)): return .bool(try order(a, b, at: range) > 0)
        case (.greaterEqual, .tuple(let a), .tuple(let b)): return .bool(try order(a, b, at: range) >= 0)
        default: return nil
        }
    }

    /// How many times `xs * n` repeats: an int or a bool; nil for anything else.
    private static func repetitions(_ value: Value) -> Int? {
        switch value {
        case .int(let n): n
        case .bool(let b): b ? 1 : 0
        default: nil
        }
    }

    /// `items` repeated `count` times, refused past the host's element limit or memory budget.
    private static func repeated(_ items: [Value], _ count: Int, context: EvaluationContext, at range: SourceRange) throws(RuntimeError) -> [Value] {
        guard count > 0, !items.isEmpty else { return [] }
        let (total, overflow) = items.count.multipliedReportingOverflow(by: count)
        guard !overflow, total <= context.limits.maximumElements else {
            throw RuntimeError("a sequence of \(items.count) items repeated \(count) times is too long", at: range,
                               kind: .limit(.elements))
        }
        let (bytes, tooMany) = total.multipliedReportingOverflow(by: MemoryLayout<Value>.stride)
        try context.reserveMemory(tooMany ? Int.max : bytes, at: range)
        var result: [Value] = []
        result.reserveCapacity(total)
        for _ in 0..<count { result += items }
        return result
    }

    // MARK: - Membership

    /// Python's `item in container`; a tensor contains a value when any element equals it, as in PyTorch.
    static func contains(_ container: Value, _ item: Value, at range: SourceRange) throws(RuntimeError) -> Bool {
        switch container {
        case .list(let list): return list.items.contains { ValueEquality.equal($0, item) }
        case .tuple(let items): return items.contains { ValueEquality.equal($0, item) }
        case .size(let extents): return extents.contains { ValueEquality.equal(.int($0), item) }
        case .returnTuple(let named): return named.items.contains { ValueEquality.equal($0, item) }
        case .dict(let dict):
            guard PythonDict.isHashable(item) else { throw unhashable(item, at: range) }
            return dict[item] != nil
        case .set(let set):
            guard let found = set.contains(item) else { throw unhashable(item, at: range) }
            return found
        case .string(let text):
            guard case .string(let part) = item else {
                throw RuntimeError("'in <string>' requires string as left operand, not \(item.typeName)", at: range,
                                   raising: .typeError)
            }
            return part.isEmpty || text.contains(part)
        case .range(let pythonRange): return rangeContains(pythonRange, item)
        case .object(let box) where box.object is DictView: return try container.dictView?.contains(item, at: range) ?? false
        case .tensor(let tensor):
            let element = try Coercion.tensor(item.tensorIfList, what: "the left of 'in'", at: range, allowNumber: true)
            guard let equal = Broadcasting.combine(tensor, element, { $0 == $1 ? 1 : 0 }) else {
                throw RuntimeError("cannot compare shapes \(tensor.shape) and \(element.shape) for 'in'", at: range)
            }
            return equal.scalars.contains(1)
        default:
            throw RuntimeError("argument of type '\(container.typeName)' is not iterable", at: range, raising: .typeError)
        }
    }

    private static func rangeContains(_ pythonRange: PythonRange, _ item: Value) -> Bool {
        let value: Int
        switch item {
        case .int(let i): value = i
        case .bool(let b): value = b ? 1 : 0
        case .number(let x):
            guard let exact = Int(exactly: x) else { return false }
            value = exact
        default: return false
        }
        let (offset, overflow) = value.subtractingReportingOverflow(pythonRange.start)
        guard !overflow, offset % pythonRange.step == 0 else { return false }
        let index = offset / pythonRange.step
        return index >= 0 && index < pythonRange.count
    }

    static func unhashable(_ key: Value, at range: SourceRange) -> RuntimeError {
        // PyTorch hashes a tensor by identity, so `d[x[0]]` finds nothing after `d[x[0]] = v`
        // there either (each `x[0]` is a new tensor); conv's tensors are values, with no identity.
        var notes = key.asTensor == nil ? [] : ["a tensor is no dict key or set element in conv (PyTorch hashes it by identity, which a value has not); use its number, t.item()"]
        // CPython hashes a frozenset; conv's sets and dict keys do not hold one.
        if case .set(let set) = key, set.isFrozen { notes = ["a frozenset is no dict key or set element in conv; use a tuple, tuple(sorted(s))"] }
        return RuntimeError("unhashable type: '\(key.typeName)'", at: range, notes: notes, raising: .typeError)
    }

    // MARK: - Identity and order

    /// Python's `is`: the same object for lists, dicts, layers and functions; None, True and
    /// False are single objects. Numbers, strings, tuples and tensors are values in conv, so
    /// two equal ones are the same.
    static func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.list(let x), .list(let y)): x === y
        case (.dict(let x), .dict(let y)): x === y
        case (.set(let x), .set(let y)): x === y
        case (.layer(let x), .layer(let y)): x == y
        case (.function(let x), .function(let y)): x === y
        case (.variable(let x), .variable(let y)): x === y
        case (.object(let x), .object(let y)): x.object === y.object
        case (.none, .none): true
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.bigInt(let x), .bigInt(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.tuple, .tuple), (.tensor, .tensor), (.range, .range): a == b
        case (.namespace(let x), .namespace(let y)): x.name == y.name
        default: false
        }
    }

    /// Python's ordering of sequences: the first unequal items decide, else the shorter is less.
    /// Negative, zero or positive.
    static func order(_ a: [Value], _ b: [Value], at range: SourceRange, depth: Int = 0) throws(RuntimeError) -> Int {
        guard depth < ValueEquality.deepestComparison else {
            throw RuntimeError("maximum recursion depth exceeded in comparison", at: range,
                               notes: ["a list that contains itself cannot be ordered"], raising: .recursionError)
        }
        for (x, y) in zip(a, b) where !ValueEquality.equal(x, y) {
            return try compare(x, y, at: range, depth: depth + 1)
        }
        return a.count < b.count ? -1 : (a.count > b.count ? 1 : 0)
    }

    /// Python's `<` between two values that `sorted`, `min` and `max` compare: numbers, strings,
    /// and lists or tuples of those. Negative, zero or positive.
    static func compare(_ x: Value, _ y: Value, at range: SourceRange, depth: Int = 0) throws(RuntimeError) -> Int {
        switch (x, y) {
        case (.string(let a), .string(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.list(let a), .list(let b)): return try order(a.items, b.items, at: range, depth: depth)
        case (.tuple(let a), .tuple(let b)): return try order(a, b, at: range, depth: depth)
        case (.int(let a), .int(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        default:
            if let order = IntegerArithmetic.order(x, y) { return order }
            if let a = scalar(x), let b = scalar(y) { return a < b ? -1 : (a == b ? 0 : 1) }
            // A tensor of several elements compares to a tensor, whose truth PyTorch refuses.
            for tensor in [x.asTensor, y.asTensor].compactMap({ $0 }) { _ = try Operators.truth(.tensor(tensor), at: range) }
            throw RuntimeError("'<' not supported between instances of '\(x.typeName)' and '\(y.typeName)'", at: range,
                               raising: .typeError)
        }
    }

    /// A number, bool or one-element tensor as a Double, for ordering.
    private static func scalar(_ value: Value) -> Double? {
        if case .tensor(let t) = value, t.count == 1 { return t.scalars[0] }
        return value.asNumber
    }
}
