/// What Python's builtins and methods need from a call: the items of an iterable argument, the
/// receiver of a method, and calling a function the program gave (`key=`).
extension BuiltinCall {
    /// Every item of argument `name` (a list, tuple, dict's keys, range, string or tensor's rows).
    func items(_ name: String) throws(RuntimeError) -> [Value] {
        try Iteration.items(of: value(name), at: range(of: name), elements: ElementRule(context))
    }

    /// The list a list method was called on.
    var receivingList: PythonList {
        get throws(RuntimeError) {
            guard case .list(let list) = receiver else { throw error("\(builtin.name) needs a list") }
            return list
        }
    }

    /// The dict a dict method was called on.
    var receivingDict: PythonDict {
        get throws(RuntimeError) {
            guard case .dict(let dict) = receiver else { throw error("\(builtin.name) needs a dict") }
            return dict
        }
    }

    /// The set a set method was called on.
    var receivingSet: PythonSet {
        get throws(RuntimeError) {
            guard case .set(let set) = receiver else { throw error("\(builtin.name) needs a set") }
            return set
        }
    }

    /// Calls `function` (a function value the program gave) with `arguments`, as the program
    /// would; errors point at argument `name`.
    func invoke(_ function: Value, _ arguments: [Value], for name: String) throws(RuntimeError) -> Value {
        guard let evaluator = context.evaluator else { throw error("cannot call back into the program here", at: name) }
        let at = range(of: name)
        return try evaluator.call(function, arguments.map { Evaluator.EvaluatedArgument(value: $0, range: at) },
                                  range: at, calleeRange: at, observer: nil)
    }

    /// The key each item sorts or compares by: `key(item)` when `key=` was given, else the item.
    func keys(of items: [Value], _ name: String = "key") throws(RuntimeError) -> [Value] {
        let key = value(name)
        if case .none = key { return items }
        var keys: [Value] = []
        keys.reserveCapacity(items.count)
        for item in items { keys.append(try invoke(key, [item], for: name)) }
        return keys
    }
}

extension Builtin {
    /// A method of a Python type (`list.append`), called with its object as the call's receiver.
    static func method(
        of owner: String, _ name: String, _ parameters: [Parameter], _ summary: String,
        _ body: @escaping @Sendable (inout BuiltinCall) throws(RuntimeError) -> Value
    ) -> Builtin {
        var builtin = Builtin(name: name, parameters: parameters, summary: summary, details: "\(owner).\(name): \(summary)", body: body)
        builtin.takesPythonValues = true
        return builtin
    }
}

/// Python's `sorted` order: stable, by `PythonOperators.compare`, which may refuse two values.
enum PythonSorting {
    /// The positions of `keys` in ascending order (descending with `reverse`), equal keys keeping
    /// their order either way, as Python's sort does.
    /// Keys `functools.cmp_to_key` made compare by calling the program's function, through `evaluator`.
    static func order(_ keys: [Value], reverse: Bool, at range: SourceRange, evaluator: Evaluator? = nil) throws(RuntimeError) -> [Int] {
        var positions = Array(keys.indices)
        var buffer = positions
        try mergeSort(&positions, &buffer, 0, positions.count, keys, reverse, range, evaluator)
        return positions
    }

    private static func mergeSort(
        _ positions: inout [Int], _ buffer: inout [Int], _ low: Int, _ high: Int, _ keys: [Value], _ reverse: Bool, _ range: SourceRange,
        _ evaluator: Evaluator?
    ) throws(RuntimeError) {
        guard high - low > 1 else { return }
        let middle = (low + high) / 2
        try mergeSort(&positions, &buffer, low, middle, keys, reverse, range, evaluator)
        try mergeSort(&positions, &buffer, middle, high, keys, reverse, range, evaluator)
        var left = low, right = middle, out = low
        while left < middle, right < high {
            let (a, b) = (keys[positions[right]], keys[positions[left]])
            var comparison: Int
            if let byKeys = try FunctoolsModule.compareKeys(a, b, evaluator, at: range) { comparison = byKeys } else {
                comparison = try PythonOperators.compare(a, b, at: range)
            }
            // Take from the right only when it strictly comes first, so equal keys stay in order.
            if reverse ? comparison > 0 : comparison < 0 {
                buffer[out] = positions[right]
                right += 1
            } else {
                buffer[out] = positions[left]
                left += 1
            }
            out += 1
        }
        while left < middle { buffer[out] = positions[left]; left += 1; out += 1 }
        while right < high { buffer[out] = positions[right]; right += 1; out += 1 }
        for index in low..<high { positions[index] = buffer[index] }
    }
}
