import ConvAutograd
import ConvNumerics

extension Evaluator {
    /// `x[None]`, `x[:, None]`, `x[..., None]`, `x[None, 1:]`: each `None` in a tensor's
    /// subscripts adds a dimension of size 1 there, as in PyTorch (`UnsqueezeBackward0` on a
    /// tensor that requires grad), in the order PyTorch applies them, so the result's `grad_fn`
    /// is the node of the last step. nil when no subscript is `None` or the base is not a tensor.
    func newAxisIndex(_ base: Value, _ baseExpr: Expr, _ subscripts: [Subscript], range: SourceRange,
                      _ locals: Locals?) throws(RuntimeError) -> Value? {
        guard let firstNewAxis = subscripts.firstIndex(where: Self.isNewAxis), let tensor = base.asTensor else { return nil }
        let selecting = subscripts.count { !Self.isNewAxis($0) && !Self.isEllipsis($0) }
        guard selecting <= tensor.rank else {
            throw RuntimeError("too many indices for tensor of dimension \(tensor.rank)", at: range, raising: .indexError)
        }
        let ellipsisWidth = tensor.rank - selecting
        let width: (Subscript) -> Int = { Self.isEllipsis($0) ? ellipsisWidth : 1 }
        let choosing = subscripts.indices.filter { !Self.isNewAxis(subscripts[$0]) && !Self.isEllipsis(subscripts[$0]) && !Self.isWholeSlice(subscripts[$0]) }
        // `x[0, None]`, `x[i, :, None]`: every choice comes before the first `None`, so the
        // choices are made first and the new dimensions added last (`UnsqueezeBackward0`, as in
        // PyTorch), each placed by how many dimensions follow it.
        if let lastChoice = choosing.last, lastChoice < firstNewAxis {
            var chosen = try index(base, baseExpr, subscripts.filter { !Self.isNewAxis($0) }, range: range, locals)
            let trailing = subscripts.contains(where: Self.isEllipsis) ? 0 : Swift.max(tensor.rank - selecting, 0)
            for position in subscripts.indices.reversed() where Self.isNewAxis(subscripts[position]) {
                let after = subscripts[(position + 1)...].reduce(trailing) { $0 + width($1) }
                let rank = chosen.asTensor?.rank ?? 0
                guard let widened = try Self.unsqueezed(chosen, Swift.max(rank - after, 0), at: range) else { return nil }
                chosen = widened
            }
            return chosen
        }
        // Otherwise the new dimensions come first, each where its subscript stands, and the
        // choices are made from the widened tensor with each `None` read as `:`, so the last
        // choice's node is the result's `grad_fn` (`x[None, 1:]` is a `SliceBackward0`).
        var widened = base
        var position = 0
        for item in subscripts {
            if Self.isNewAxis(item) {
                guard let next = try Self.unsqueezed(widened, position, at: range) else { return nil }
                widened = next
            }
            position += width(item)
        }
        let rest = subscripts.map { item in Self.isNewAxis(item) ? Subscript.slice(start: nil, stop: nil, step: nil, range: item.range) : item }
        // Only whole slices and ellipses left: the widened tensor is the answer.
        guard !choosing.isEmpty else { return widened }
        return try index(widened, baseExpr, rest, range: range, locals)
    }

    /// `value` with a new dimension of size 1 at `dim` (`UnsqueezeBackward0` when recorded);
    /// nil for a value that is not a tensor.
    private static func unsqueezed(_ value: Value, _ dim: Int, at range: SourceRange) throws(RuntimeError) -> Value? {
        switch value {
        case .variable(let box):
            return try AutogradValues.run(at: range) { () throws(AutogradError) in try box.variable.unsqueeze(dim) }
        case .tensor(let plain):
            var shape = plain.shape
            shape.insert(1, at: Swift.min(dim, shape.count))
            return .tensor(plain.reshaped(to: shape) ?? plain)
        default:
            return nil
        }
    }

    private static func isNewAxis(_ item: Subscript) -> Bool {
        if case .index(.none) = item { true } else { false }
    }

    private static func isEllipsis(_ item: Subscript) -> Bool {
        if case .index(.ellipsis) = item { true } else { false }
    }

    private static func isWholeSlice(_ item: Subscript) -> Bool {
        if case .slice(nil, nil, nil, _) = item { true } else { false }
    }
}
