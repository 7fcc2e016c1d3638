/// Python's items of lists and dicts: `xs[i]`, `xs[a:b:c]`, `d[k]`, assignment to them and `del`.
///
/// Lists and dicts are reference objects, so a change is made in place and every name bound to
/// the object sees it; nothing is written back as a changed tensor is.
extension Evaluator {
    /// `xs[i]`, `xs[a:b]`, `d[k]`; nil when `base` is neither a list nor a dict.
    func pythonItem(of base: Value, _ subscripts: [Subscript], range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> Value? {
        switch base {
        case .list(let list):
            switch try listSelection(subscripts, count: list.items.count, range: range, locals) {
            case .single(let index): return list.items[index]
            case .many(let positions): return .list(PythonList(positions.map { list.items[$0] }))
            }
        case .dict(let dict):
            let key = try dictKey(subscripts, range: range, locals)
            guard let value = dict[key.value] else { return try missingItem(key.value, of: dict, at: key.range) }
            return value
        case .range(let pythonRange):
            switch try listSelection(subscripts, count: pythonRange.count, of: "range object", range: range, locals) {
            case .single(let index): return .int(pythonRange.element(at: index))
            case .many(let positions): return .tuple(positions.map { .int(pythonRange.element(at: $0)) })
            }
        default:
            return try numpyItem(of: base, subscripts, range: range, locals)
        }
    }

    /// `xs[i] = v`, `xs[a:b] = iterable`, `d[k] = v`; false when `container` is neither a list nor a dict.
    func setPythonItem(of container: Value, _ subscripts: [Subscript], to value: Value, range: SourceRange,
                       _ locals: Locals?) throws(RuntimeError) -> Bool {
        switch container {
        case .list(let list):
            if subscripts.count == 1, case .slice(_, _, let stepExpr, _) = subscripts[0] {
                let replacement = try Iteration.items(of: value, at: range, elements: ElementRule(context))
                let (start, stop, step) = try sliceBounds(subscripts[0], count: list.items.count, locals)
                if stepExpr == nil || step == 1 {
                    list.items.replaceSubrange(start..<Swift.max(start, stop), with: replacement)
                    return true
                }
                let positions = Array(stride(from: start, to: stop, by: step))
                guard positions.count == replacement.count else {
                    throw RuntimeError("attempt to assign sequence of size \(replacement.count) to extended slice of size \(positions.count)",
                                       at: range, raising: .valueError)
                }
                for (position, item) in zip(positions, replacement) { list.items[position] = item }
                return true
            }
            guard case .single(let index) = try listSelection(subscripts, count: list.items.count, range: range, locals) else { return true }
            list.items[index] = value
            return true
        case .dict(let dict):
            let key = try dictKey(subscripts, range: range, locals)
            guard dict.store(value, for: key.value) else { throw PythonOperators.unhashable(key.value, at: key.range) }
            return true
        default:
            return try setNumPyItem(of: container, subscripts, to: value, range: range, locals)
        }
    }

    /// `del xs[i]`, `del xs[a:b]`, `del d[k]`.
    func deleteItem(of container: Value, _ subscripts: [Subscript], range: SourceRange, _ locals: Locals?) throws(RuntimeError) {
        switch container {
        case .list(let list):
            switch try listSelection(subscripts, count: list.items.count, range: range, locals) {
            case .single(let index): list.items.remove(at: index)
            case .many(let positions):
                let doomed = Set(positions)
                list.items = list.items.enumerated().filter { !doomed.contains($0.offset) }.map(\.element)
            }
        case .dict(let dict):
            let key = try dictKey(subscripts, range: range, locals)
            guard dict.remove(key.value) != nil else { throw DictMethods.missingKey(key.value, at: key.range) }
        default:
            throw RuntimeError("'\(container.typeName)' object does not support item deletion", at: range, raising: .typeError)
        }
    }

    /// `del NAME` in the running function, or at the top level.
    func deleteName(_ name: String, at range: SourceRange, _ locals: inout Locals?) throws(RuntimeError) {
        try unbind(name, at: range, locals)
    }

    // MARK: - Subscripts

    /// One index (counted from the end when negative, Python's IndexError outside the list) or
    /// one slice, read as a tensor's first axis is.
    private func listSelection(_ subscripts: [Subscript], count: Int, of kind: String = "list", range: SourceRange,
                               _ locals: Locals?) throws(RuntimeError) -> AxisSelection {
        guard subscripts.count == 1 else {
            throw RuntimeError("\(kind) indices must be integers or slices, not tuple", at: range, raising: .typeError)
        }
        return try select(subscripts[0], extent: count, of: .sequence(kind), locals)
    }

    /// A slice's start, stop and step, resolved against `count` items as Python does.
    private func sliceBounds(_ item: Subscript, count: Int, _ locals: Locals?) throws(RuntimeError) -> (Int, Int, Int) {
        guard case .slice(let startExpr, let stopExpr, let stepExpr, _) = item else { return (0, 0, 1) }
        let step = try optionalInteger(stepExpr, locals) ?? 1
        guard step != 0 else { throw RuntimeError.zeroSliceStep(at: stepExpr?.range ?? item.range) }
        let bounds = SliceBounds(extent: count, step: step)
        let start = bounds.clamp(try optionalInteger(startExpr, locals), isStart: true)
        let stop = bounds.clamp(try optionalInteger(stopExpr, locals), isStart: false)
        return (start, stop, step)
    }

    private func dictKey(_ subscripts: [Subscript], range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> (value: Value, range: SourceRange) {
        var keys: [Value] = []
        for item in subscripts {
            guard case .index(let expr) = item else { throw PythonOperators.unhashable(.none, at: item.range) }
            keys.append(try evaluate(expr, locals))
        }
        let key: Value = keys.count == 1 ? keys[0] : .tuple(keys)
        let at = subscripts.count == 1 ? subscripts[0].range : range
        guard PythonDict.isHashable(key) else { throw PythonOperators.unhashable(key, at: at) }
        return (key, at)
    }
}

extension Value {
    /// A bool as the int it counts as (`xs[True]` is `xs[1]`); nil for any other value.
    var integerIfBool: Value? {
        if case .bool(let b) = self { return .int(b ? 1 : 0) }
        return nil
    }
}
