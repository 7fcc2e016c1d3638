/// Python's `sum`, `min`, `max`, `any`, `all` and `len` over lists, tuples, dicts, ranges and
/// strings, beside the tensor reductions of the same names (``MathBuiltins``).
///
/// Which one a call is: a tensor (in conv's display), a list of lists (a nested list is tensor
/// data) or `dim=` is the tensor reduction, as always; any other iterable, or Python's own arguments (`key=`,
/// `start=`, three or more values), is Python's. For a list of numbers both give the same
/// value; Python's keeps ints as ints.
enum PythonReductions {
    /// The items of `value` when a reduction over it is Python's; nil for tensor data. In
    /// PyTorch's display (`rule` makes every element a tensor) a tensor is Python's iterable, as
    /// in PyTorch: `sum(x)` adds its entries with `+`, `max(x)` compares them.
    static func pythonItems(_ value: Value, at range: SourceRange, elements rule: ElementRule) throws(RuntimeError) -> [Value]? {
        switch value {
        case .tensor, .variable:
            return rule.float64AsNumbers ? nil : try Iteration.items(of: value, at: range, elements: rule)
        case .list(let list):
            let nested = !list.items.isEmpty && list.items.allSatisfy { if case .list = $0 { true } else { false } }
            return nested ? nil : list.items
        case .tuple, .size, .dict, .set, .range, .string: return try Iteration.items(of: value, at: range, elements: rule)
        // A NumPy array or a dict view is Python's iterable too: `sum(a)` adds its NumPy scalars, as Python does.
        // So is a generator, run to its end.
        case .object where value.numpyArray.map({ !$0.isScalar && $0.tensor.rank > 0 }) == true || value.dictView != nil
            || Iteration.lazyIterator(value) != nil:
            return try Iteration.items(of: value, at: range, elements: rule)
        default: return nil
        }
    }

    /// `sum(iterable, start=0)`: `start + item0 + item1 + ...` with Python's `+` (so a list of
    /// tensors adds elementwise).
    static func sum(_ call: BuiltinCall) throws(RuntimeError) -> Value? {
        guard !call.isGiven("dim"), let items = try pythonItems(call.value("x"), at: call.range(of: "x"), elements: ElementRule(call.context)) else {
            return nil
        }
        var total = call.value("start")
        if case .string = total {
            throw call.error("sum() can't sum strings [use ''.join(seq) instead]", at: "start", raising: .typeError)
        }
        let range = call.range(of: "x")
        for item in items {
            total = try Operators.binary(.add, total, item, operatorRange: range, leftRange: range, rightRange: range,
                                         context: call.context)
        }
        return total
    }

    /// `min(iterable, key=, default=)` or `min(a, b, c, key=)`; `max` likewise.
    static func extremum(_ call: BuiltinCall, largest: Bool) throws(RuntimeError) -> Value? {
        guard !call.isGiven("dim") else { return nil }
        let items: [Value]
        if call.isGiven("other") {
            let values = [call.value("x"), call.value("other")] + call.rest.map(\.value)
            // Two values one of which is a tensor give the elementwise extremum, as torch.max(a, b);
            // two lists compare as Python's lists do.
            let isTensorPair = call.rest.isEmpty && !call.isGiven("key") && values.contains { if case .tensor = $0 { true } else { false } }
            guard !isTensorPair else { return nil }
            items = values
        } else {
            guard let iterable = try pythonItems(call.value("x"), at: call.range(of: "x"), elements: ElementRule(call.context)) else {
                guard call.isGiven("key") || call.isGiven("default") else { return nil }
                return try extremum(of: try call.items("x"), call, largest: largest)
            }
            items = iterable
        }
        return try extremum(of: items, call, largest: largest)
    }

    private static func extremum(of items: [Value], _ call: BuiltinCall, largest: Bool) throws(RuntimeError) -> Value {
        guard !items.isEmpty else {
            if call.isGiven("default") { return call.value("default") }
            throw call.error("\(call.builtin.name)() iterable argument is empty", at: "x", raising: .valueError)
        }
        let keys = try call.keys(of: items)
        var best = 0
        for index in 1..<items.count {
            let comparison = try PythonOperators.compare(keys[index], keys[best], at: call.range)
            // The first of equal items wins, as in Python.
            if largest ? comparison > 0 : comparison < 0 { best = index }
        }
        return items[best]
    }

    /// `all(iterable)` / `any(iterable)` by Python's truth of each item.
    static func truth(_ call: BuiltinCall, every: Bool) throws(RuntimeError) -> Value? {
        guard let items = try pythonItems(call.value("x"), at: call.range(of: "x"), elements: ElementRule(call.context)) else { return nil }
        for item in items where try Operators.truth(item, at: call.range(of: "x")) != every {
            return .bool(!every)
        }
        return .bool(every)
    }
}
