import ConvAutograd
import ConvNumerics

/// `x[i]`, `x[1:3]`, `x[0, ::2]` on a tensor that requires grad: recorded as PyTorch records
/// them (`SelectBackward0`, `SliceBackward0`, `IndexSelectBackward0` for a negative step).
enum AutogradIndexing {
    /// The item, or nil when nothing records (grad mode off, or `box` does not require grad):
    /// the values are then read as a plain tensor's are.
    /// `loneSlice`: the index was one slice (`x[1:]`, `x[:]`), which always records its node.
    static func item(
        of box: VariableBox, _ selections: [Evaluator.AxisSelection], loneSlice: Bool, at range: SourceRange
    ) throws(RuntimeError) -> Value? {
        guard GradMode.isEnabled, box.requiresGrad else { return nil }
        let variable = box.variable
        return try AutogradValues.run(at: range) { () throws(AutogradError) in
            if loneSlice { return try select(variable, axis: 0, selections[0]) }
            // Otherwise axis by axis from the first, as PyTorch indexes, so that the last node
            // recorded (the grad_fn shown) is PyTorch's; a full slice is skipped, as PyTorch
            // skips it, and an index of full slices only is an alias.
            var current = variable
            var removed = 0
            var recorded = false
            for (axis, selection) in selections.enumerated() {
                let dim = axis - removed
                if case .many(let positions) = selection, positions == Array(0..<current.shape[dim]) { continue }
                current = try select(current, axis: dim, selection)
                recorded = true
                if case .single = selection { removed += 1 }
            }
            return recorded ? current : current.alias()
        }
    }

    /// `x[idx]`, `x[mask]`: the elements at `offsets` as a tensor of `shape`, recorded as
    /// `IndexBackward0`; nil when nothing records.
    static func elements(of box: VariableBox, at offsets: [Int], shape: [Int], at range: SourceRange) throws(RuntimeError) -> Value? {
        guard GradMode.isEnabled, box.requiresGrad else { return nil }
        let variable = box.variable
        return try AutogradValues.run(at: range) { () throws(AutogradError) in try variable.elements(at: offsets, shape: shape) }
    }

    /// `y[i] = v`: the elements at `offsets` (a selection of shape `selection`) replaced by `value`
    /// (a number, or a tensor that broadcasts to the selection or has as many elements),
    /// recorded as `CopySlices` when it must be, else the values change.
    /// `name`: the node PyTorch records for this kind of index.
    static func setItems(
        of box: VariableBox, at offsets: [Int], selection: [Int], to value: Value, name: String = "CopySlices", range: SourceRange
    ) throws(RuntimeError) {
        let source = try AutogradValues.variable(value, what: "the assigned value", at: range)
        let fits = Broadcasting.shape(source.shape, selection) == selection
        guard fits || source.data.count == offsets.count else {
            throw RuntimeError("cannot assign a tensor of shape \(source.shape) to a selection of shape \(selection)", at: range)
        }
        do throws(AutogradError) {
            let item = fits ? source : try source.view(selection)
            try box.changeInPlace(view: true) { x throws(AutogradError) in
                try x.settingItems(at: offsets, selection: selection, to: item, name: name)
            }
        } catch {
            throw AutogradValues.located(error, at: range)
        }
    }

    private static func select(_ x: Variable, axis: Int, _ selection: Evaluator.AxisSelection) throws(AutogradError) -> Variable {
        switch selection {
        case .single(let index):
            return try x.select(dim: axis, index: index)
        case .many(let positions):
            guard let first = positions.first else { return try x.slice(dim: axis, start: 0, end: 0) }
            let step = positions.count > 1 ? positions[1] - first : 1
            if step > 0, let last = positions.last {
                return try x.slice(dim: axis, start: first, end: last + 1, step: step)
            }
            return try x.indexSelect(dim: axis, indices: Tensor(positions.map(Int64.init)))
        }
    }
}
