import ConvAutograd
import ConvNumerics

/// Assignment to Python's targets: names, tuples of targets, attributes and items.
///
/// Tensors are values, so `Y[i] = v` makes the changed tensor and writes it back along the
/// chain it was read from: `x[0][1] = 2` sets the row of `x`, `m.weight[0] = w` sets the layer's
/// weight (layers themselves are reference objects, changed in place).
extension Evaluator {
    func assign(_ value: Value, to target: Target, _ locals: inout Locals?) throws(RuntimeError) {
        switch target {
        case .name(let name, let range):
            try assign(name, value, at: range, &locals)
        case .tuple(let items, let range), .list(let items, let range):
            let stars = items.indices.filter { if case .starred = items[$0] { true } else { false } }
            if stars.count > 1 {
                throw RuntimeError("multiple starred expressions in assignment", at: items[stars[1]].range)
            }
            let values = try unpack(value, into: items.count, starAt: stars.first, at: range)
            for (item, part) in zip(items, values) {
                if case .starred(let inner, _) = item { try assign(part, to: inner, &locals) } else { try assign(part, to: item, &locals) }
            }
        case .starred(_, let range):
            // Python: "starred assignment target must be in a list or tuple".
            throw RuntimeError("starred assignment target must be in a list or tuple", at: range)
        case .member(let objectExpr, let member, let memberRange, _):
            try setMember(member, of: try evaluate(objectExpr, locals), to: value, nameRange: memberRange)
        case .index(let baseExpr, let subscripts, let range):
            if case .name(let name, _) = baseExpr, let frame = locals, case .local(let slot) = frame.scope.resolve(name) {
                // `Y[i] = v` on a local: the tensor is taken out of its slot once the selection
                // is known, so its elements change in place rather than being copied per item.
                let plan: ItemPlan
                do {
                    let container = try evaluate(baseExpr, locals)
                    if case .variable(let box) = container { return try assignItems(of: box, subscripts, to: value, range: range, locals) }
                    if let box = try recordingItems(of: container, subscripts, to: value, range: range, locals) {
                        frame[slot] = .variable(box)
                        return
                    }
                    plan = try itemPlan(of: container, subscripts, to: value, range: range, locals)
                }
                frame[slot] = Self.writing(plan, into: frame.take(slot) ?? .none)
                return
            }
            let container = try evaluate(baseExpr, locals)
            if case .variable(let box) = container { return try assignItems(of: box, subscripts, to: value, range: range, locals) }
            if let box = try recordingItems(of: container, subscripts, to: value, range: range, locals) {
                return try writeBack(.variable(box), to: baseExpr, &locals)
            }
            if try setPythonItem(of: container, subscripts, to: value, range: range, locals) { return }
            let updated = Self.writing(try itemPlan(of: container, subscripts, to: value, range: range, locals), into: container)
            try writeBack(updated, to: baseExpr, &locals)
        }
    }

    /// Stores a changed value where `expr` read it from: a name, an item, or a member.
    private func writeBack(_ value: Value, to expr: Expr, _ locals: inout Locals?) throws(RuntimeError) {
        switch expr {
        case .name(let name, let range): try assign(name, value, at: range, &locals)
        case .index(let base, let subscripts, let range): try assign(value, to: .index(base: base, subscripts: subscripts, range), &locals)
        case .member(let object, let name, let nameRange, let range):
            try assign(value, to: .member(object: object, name: name, nameRange: nameRange, range), &locals)
        default:
            throw RuntimeError("cannot assign into the value of this expression; bind it to a name first", at: expr.range)
        }
    }

    /// `object.name = value` (and `setattr`).
    func setMember(_ name: String, of object: Value, to value: Value, nameRange: SourceRange) throws(RuntimeError) {
        if try assignPythonAttribute(name, of: object, value, nameRange: nameRange) { return }
        guard case .layer(let layer) = object else {
            throw RuntimeError("cannot set '\(name)' on \(object.typeDescription)", at: nameRange)
        }
        // Layers are reference objects: the change is seen through every name bound to it.
        try layer.module.assignAttribute(name, value, nameRange: nameRange, valueRange: nameRange)
    }

    /// Which elements of a tensor an item assignment replaces, and with what.
    struct ItemPlan {
        var offsets: [Int]
        var scalars: [Double]
    }

    /// The elements of the tensor `container` that `value` replaces (a number, or a tensor with
    /// as many elements as the selection, or one that broadcasts to its shape).
    private func itemPlan(of container: Value, _ subscripts: [Subscript], to value: Value, range: SourceRange,
                          _ locals: Locals?) throws(RuntimeError) -> ItemPlan {
        guard case .tensor(let tensor) = container else {
            throw RuntimeError("'\(container.typeName)' object does not support item assignment", at: range)
        }
        let (shape, offsets) = try itemSelection(of: tensor, subscripts, range: range, locals)
        let source = try Coercion.tensor(value, what: "the assigned value", at: range, allowNumber: true)
        let filled: Tensor
        if source.count == offsets.count {
            filled = source
        } else if let broadcast = Broadcasting.shape(source.shape, shape), broadcast == shape,
                  let spread = Broadcasting.combine(Tensor(shape: shape, scalars: [Double](repeating: 0, count: offsets.count)) ?? source,
                                                    source, { $1 }) {
            filled = spread
        } else {
            throw RuntimeError("cannot assign a tensor of shape \(source.shape) to a selection of shape \(shape)", at: range)
        }
        return ItemPlan(offsets: offsets, scalars: filled.scalars)
    }

    /// The elements `subscripts` select of `tensor`: the selection's shape and their offsets.
    private func itemSelection(of tensor: Tensor, _ subscripts: [Subscript], range: SourceRange,
                               _ locals: Locals?) throws(RuntimeError) -> (shape: [Int], offsets: [Int]) {
        try tensorSelection(subscripts, shape: tensor.shape, range: range, locals).offsets(of: tensor)
    }

    /// `y[i] = v` on a tensor with autograd identity: recorded as PyTorch records it
    /// (`CopySlices`) when grad mode is on and `y` or `v` requires grad, else the values change
    /// (`x[0] = 1` under `torch.no_grad()`); `y` stays the same object either way.
    private func assignItems(of box: VariableBox, _ subscripts: [Subscript], to value: Value, range: SourceRange,
                             _ locals: Locals?) throws(RuntimeError) {
        let selection = try tensorSelection(subscripts, shape: box.tensor.shape, range: range, locals)
        let (shape, offsets) = selection.offsets(of: box.tensor)
        // PyTorch's node for `y[mask] = 0.` is masked_fill's, for `y[[0, 1]] = 0.` index_fill's,
        // for any other index array index_put's.
        var name = "CopySlices"
        if case .elements(_, _, let lone) = selection {
            let number = value.asNumber != nil && value.asTensor == nil
            name = switch (lone, number) {
            case (.mask?, true): "MaskedFillBackward0"
            case (.positions?, true): "IndexFillBackward0"
            default: "IndexPutBackward0"
            }
        }
        try AutogradIndexing.setItems(of: box, at: offsets, selection: shape, to: value, name: name, range: range)
    }

    /// `a[0] = w[0] * 2` on a plain float tensor `a` while grad mode is on and the value requires
    /// grad: recorded as PyTorch records it (`CopySlices`), giving `a` as a tensor that requires
    /// grad; nil when nothing is to be recorded.
    private func recordingItems(of container: Value, _ subscripts: [Subscript], to value: Value, range: SourceRange,
                                _ locals: Locals?) throws(RuntimeError) -> VariableBox? {
        guard GradMode.isEnabled, case .variable(let source) = value, source.requiresGrad,
              case .tensor(let tensor) = container, tensor.dtype.isFloatingPoint else { return nil }
        let box = VariableBox(Variable(constant: tensor))
        try assignItems(of: box, subscripts, to: value, range: range, locals)
        return box
    }

    /// The tensor with the planned elements replaced, in the tensor's own dtype (as PyTorch's
    /// `Y[i] = v` converts `v` to `Y`'s dtype: a float32 `Y` stays float32). Given the only
    /// reference to the tensor, its elements are changed in place, so a loop filling `Y[i]`
    /// costs each element once.
    static func writing(_ plan: ItemPlan, into container: consuming Value) -> Value {
        guard case .tensor(var tensor) = consume container else { return .none }
        let values = (Tensor(shape: [plan.scalars.count], scalars: plan.scalars) ?? Tensor([])).converted(to: tensor.dtype)
        tensor.replaceElements(at: plan.offsets, with: values.storage)
        return .tensor(tensor)
    }
}
