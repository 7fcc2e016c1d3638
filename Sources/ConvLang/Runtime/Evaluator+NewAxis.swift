import ConvAutograd
import ConvNumerics

extension Evaluator {
    /// `x[None]`, `x[:, None]`, `x[..., None]`, `x[None, 1:]`: each `None` in a tensor's
    /// subscripts adds a dimension of size 1 there, as in PyTorch. The tensor gets its new
    /// dimensions first (`UnsqueezeBackward0` on a tensor that requires grad), then the other
    /// subscripts select from it with each `None` read as `:`, so the last selection's node is
    /// the result's `grad_fn`. nil when no subscript is `None` or the base is not a tensor.
    func newAxisIndex(_ base: Value, _ baseExpr: Expr, _ subscripts: [Subscript], range: SourceRange,
                      _ locals: Locals?) throws(RuntimeError) -> Value? {
        guard subscripts.contains(where: Self.isNewAxis), let tensor = base.asTensor else { return nil }
        // Where each `None` lands in the tensor with the new dimensions: every subscript before
        // it stands for one dimension, an ellipsis for the dimensions the others leave.
        let selecting = subscripts.count { !Self.isNewAxis($0) && !Self.isEllipsis($0) }
        let ellipsisWidth = Swift.max(tensor.rank - selecting, 0)
        var newDimensions: [Int] = []
        var position = 0
        for item in subscripts {
            if Self.isNewAxis(item) { newDimensions.append(position) }
            position += Self.isEllipsis(item) ? ellipsisWidth : 1
        }
        var widened = base
        for dim in newDimensions {
            switch widened {
            case .variable(let box):
                widened = try AutogradValues.run(at: range) { () throws(AutogradError) in try box.variable.unsqueeze(dim) }
            case .tensor(let plain):
                var shape = plain.shape
                shape.insert(1, at: Swift.min(dim, shape.count))
                widened = .tensor(plain.reshaped(to: shape) ?? plain)
            default:
                return nil
            }
        }
        let rest = subscripts.map { item in Self.isNewAxis(item) ? Subscript.slice(start: nil, stop: nil, step: nil, range: item.range) : item }
        // Only whole slices and ellipses left: the widened tensor is the answer.
        guard rest.contains(where: { !Self.isEllipsis($0) && !Self.isWholeSlice($0) }) else { return widened }
        return try index(widened, baseExpr, rest, range: range, locals)
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
