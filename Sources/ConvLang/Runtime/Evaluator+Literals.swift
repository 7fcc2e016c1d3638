import ConvNumerics

extension Evaluator {
    /// The items of a list display or a tuple, in order; `*xs` contributes every item of `xs`.
    func evaluateItems(_ items: [Expr], _ locals: Locals?) throws(RuntimeError) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for item in items {
            if case .starred(let inner, _) = item {
                values += try Iteration.items(of: try evaluate(inner, locals), at: inner.range, elements: ElementRule(context))
            } else {
                values.append(try evaluate(item, locals))
            }
        }
        return values
    }

    /// The value `let NAME = EXPR` binds: the short language's binder makes a list a float64
    /// tensor. A list written out stacks as a tensor literal always has: numbers give rank 1,
    /// equal-shaped rows one more dimension, and a row of another shape is an error that points
    /// at that row.
    func evaluateLet(_ expr: Expr, _ locals: Locals?) throws(RuntimeError) -> Value {
        if case .list(let items, let range) = expr, !items.contains(where: { if case .starred = $0 { true } else { false } }) {
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try evaluateLet(item, locals)) }
            return .tensor(try stack(values, ranges: items.map(\.range), listRange: range))
        }
        let value = try evaluate(expr, locals)
        guard case .list(let list) = value else { return value }
        return .tensor(try stack(list.items.map(\.tensorIfList), ranges: list.items.map { _ in expr.range }, listRange: expr.range))
    }

    func stack(_ values: [Value], ranges: [SourceRange], listRange: SourceRange) throws(RuntimeError) -> Tensor {
        guard let first = values.first else { return Tensor([]) }
        if first.asNumber != nil {
            var scalars: [Double] = []
            scalars.reserveCapacity(values.count)
            for (value, range) in zip(values, ranges) {
                guard let number = value.asNumber else { throw mismatch(value, expected: "a number", at: range) }
                scalars.append(number)
            }
            return Tensor(scalars)
        }
        guard case .tensor(let head) = first else { throw mismatch(first, expected: "a number or a list", at: ranges[0]) }
        let shape = [values.count] + head.shape
        try context.checkElementCount(of: shape, at: listRange)
        var scalars: [Double] = []
        scalars.reserveCapacity(values.count * head.count)
        for (index, (value, range)) in zip(values, ranges).enumerated() {
            guard case .tensor(let row) = value else { throw mismatch(value, expected: "a list like the first row", at: range) }
            guard row.shape == head.shape else {
                throw RuntimeError("row \(index + 1) has shape \(row.shape) but row 1 has shape \(head.shape)", at: range,
                                   notes: ["every row of a nested list must have the same shape"])
            }
            scalars += row.scalars
        }
        guard let tensor = Tensor(shape: shape, scalars: scalars) else {
            throw RuntimeError("cannot make a tensor of shape \(shape)", at: listRange)
        }
        return tensor
    }

    private func mismatch(_ value: Value, expected: String, at range: SourceRange) -> RuntimeError {
        RuntimeError("a list element must be \(expected), not \(value.typeDescription)", at: range,
                     notes: value.typeName == "tensor" || value.asNumber != nil ? ["every row of a nested list must have the same shape"] : [])
    }
}
