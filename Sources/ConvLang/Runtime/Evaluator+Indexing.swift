import ConvNumerics

extension Evaluator {
    /// What one subscript selects along its axis.
    enum AxisSelection {
        /// One position; the axis disappears from the result.
        case single(Int)
        /// Several positions (a slice); the axis stays.
        case many([Int])
    }

    /// The positions each axis of a tensor of `shape` keeps, one selection per axis indexed; an
    /// ellipsis (`x[..., 0]`) stands for as many whole axes as the other subscripts leave.
    /// `evaluated` holds the index expressions' values when they were evaluated already (by
    /// ``tensorSelection(_:shape:range:_:)``), by subscript.
    func tensorSelections(_ subscripts: [Subscript], shape: [Int], range: SourceRange, evaluated: [Value?]? = nil,
                          _ locals: Locals?) throws(RuntimeError) -> [AxisSelection] {
        var items = subscripts
        var values = evaluated ?? Array(repeating: nil, count: subscripts.count)
        let ellipses = items.indices.filter { if case .index(.ellipsis) = items[$0] { true } else { false } }
        if ellipses.count > 1 { throw RuntimeError("an index can only have a single ellipsis ('...')", at: range, raising: .indexError) }
        if let at = ellipses.first {
            let whole = Subscript.slice(start: nil, stop: nil, step: nil, range: items[at].range)
            let count = Swift.max(shape.count - (items.count - 1), 0)
            items.replaceSubrange(at...at, with: Array(repeating: whole, count: count))
            values.replaceSubrange(at...at, with: Array(repeating: nil, count: count))
        }
        guard items.count <= shape.count else {
            if shape.isEmpty {
                throw RuntimeError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number",
                                   at: range, raising: .indexError)
            }
            throw RuntimeError("too many indices (\(items.count)) for a tensor of shape \(shape)", at: range)
        }
        var selections: [AxisSelection] = []
        for (axis, item) in items.enumerated() {
            selections.append(try select(item, extent: shape[axis], of: .tensorAxis(axis), evaluated: values[axis], locals))
        }
        return selections
    }

    /// `x[i]`, `x[-1]`, `x[1:3]`, `x[::2]`, `x[0, 1]`, `x[..., 0]`, `t[0]` for tuples.
    func evaluateIndex(_ baseExpr: Expr, _ subscripts: [Subscript], range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> Value {
        try index(try evaluate(baseExpr, locals), baseExpr, subscripts, range: range, locals)
    }

    /// `base[subscripts]`, the base already evaluated from `baseExpr`.
    func index(_ base: Value, _ baseExpr: Expr, _ subscripts: [Subscript], range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> Value {
        var base = base
        // A torch.return_types value indexes as its tuple (a slice of it is a plain tuple).
        if case .returnTuple(let named) = base { base = .tuple(named.items) }
        if let item = try pythonItem(of: base, subscripts, range: range, locals) { return item }
        switch base {
        case .tensor, .variable:
            if let widened = try newAxisIndex(base, baseExpr, subscripts, range: range, locals) { return widened }
            let tensor = base.asTensor ?? Tensor(scalar: 0)
            let selections: [AxisSelection]
            switch try tensorSelection(subscripts, shape: tensor.shape, range: range, locals) {
            case .axes(let axes): selections = axes
            case .elements(let shape, let offsets, _):
                if case .variable(let box) = base,
                   let item = try AutogradIndexing.elements(of: box, at: offsets, shape: shape, at: range) { return item }
                return .tensor(TensorGeometry.gather(tensor, shape: shape, sources: offsets) ?? tensor)
            }
            let loneSlice = subscripts.count == 1 && { if case .slice = subscripts[0] { true } else { false } }()
            if case .variable(let box) = base,
               let item = try AutogradIndexing.item(of: box, selections, loneSlice: loneSlice, at: range) { return item }
            return gather(tensor, selections)
        case .string(let text):
            guard subscripts.count == 1 else { throw RuntimeError("a string takes one index", at: range) }
            // By code point, as Python indexes strings.
            let scalars = Array(text.unicodeScalars)
            switch try select(subscripts[0], extent: scalars.count, of: .sequence("string"), locals) {
            case .single(let i): return .string(String(scalars[i]))
            case .many(let positions): return .string(String(String.UnicodeScalarView(positions.map { scalars[$0] })))
            }
        case .size(let extents):
            // `x.shape[-1]` is an int, `x.shape[1:]` another torch.Size, as in PyTorch.
            guard subscripts.count == 1 else { throw RuntimeError("a torch.Size takes one index", at: range) }
            switch try select(subscripts[0], extent: extents.count, of: .sequence("tuple"), locals) {
            case .single(let i): return .int(extents[i])
            case .many(let positions): return .size(positions.map { extents[$0] })
            }
        case .tuple(let items):
            guard subscripts.count == 1 else { throw RuntimeError("a tuple takes one index", at: range) }
            switch try select(subscripts[0], extent: items.count, of: .sequence("tuple"), locals) {
            case .single(let i): return items[i]
            case .many(let positions): return .tuple(positions.map { items[$0] })
            }
        case _ where base.pythonInstance != nil:
            return try getItem(of: base, subscripts, range: range, locals)
        case .object(let box) where box.object is any DatasetObject:
            guard let dataset = box.object as? any DatasetObject, subscripts.count == 1, case .index(let keyExpr) = subscripts[0] else {
                throw RuntimeError("a dataset takes one index", at: range, raising: .typeError)
            }
            return try Datasets.subscriptSample(of: dataset, try evaluate(keyExpr, locals), context, at: keyExpr.range)
        default:
            guard case .layer(let layer) = base, let model = layer.module as? any ModuleSequence else {
                throw RuntimeError("'\(PythonText.typeName(base))' object is not subscriptable", at: baseExpr.range, raising: .typeError)
            }
            // model[i] is a layer; model[a:b] a smaller model of the same layers, as in PyTorch.
            guard subscripts.count == 1 else { throw RuntimeError("a \(model.typeName) takes one index", at: range) }
            switch try select(subscripts[0], extent: model.layers.count, of: .layers, locals) {
            case .single(let i): return .layer(Layer(model.layers[i]))
            case .many(let positions): return .layer(Layer(model.selecting(positions)))
            }
        }
    }

    /// One subscript of `indexed` (an axis of `extent` positions): an index or a slice.
    /// `evaluated`: the index expression's value, when it was evaluated already.
    func select(_ item: Subscript, extent: Int, of indexed: Indexed, evaluated: Value? = nil, _ locals: Locals?) throws(RuntimeError) -> AxisSelection {
        switch item {
        case .index(let expr):
            // `??` takes a rethrowing autoclosure, which loses the typed error: spelled out.
            let value: Value
            if let evaluated { value = evaluated } else { value = try evaluate(expr, locals) }
            return .single(try Self.position(value, extent: extent, of: indexed, at: expr.range))
        case .slice(let startExpr, let stopExpr, let stepExpr, _):
            let step = try optionalInteger(stepExpr, locals) ?? 1
            guard step != 0 else { throw RuntimeError.zeroSliceStep(at: stepExpr?.range ?? item.range) }
            let bounds = SliceBounds(extent: extent, step: step)
            let start = bounds.clamp(try optionalInteger(startExpr, locals), isStart: true)
            let stop = bounds.clamp(try optionalInteger(stopExpr, locals), isStart: false)
            return .many(Array(stride(from: start, to: stop, by: step)))
        }
    }

    /// What an index selects in, for the wording of its out-of-range error.
    enum Indexed {
        /// An axis of a tensor: PyTorch's "index 5 is out of bounds for dimension 0 with size 3".
        case tensorAxis(Int)
        /// A Python sequence such as `"list"`: Python's "list index out of range".
        case sequence(String)
        /// The layers of a Sequential: PyTorch's "index 5 is out of range".
        case layers
    }

    /// The position an index `value` (written at `range`) selects along an axis of `extent`:
    /// negatives count from the end; beyond the axis, an IndexError worded as Python or
    /// PyTorch words it for `indexed`.
    static func position(_ value: Value, extent: Int, of indexed: Indexed = .tensorAxis(0), at range: SourceRange) throws(RuntimeError) -> Int {
        if case .int(let raw) = value, raw >= 0, raw < extent { return raw }
        if case .bigInt = value {
            throw RuntimeError("cannot fit 'int' into an index-sized integer", at: range, raising: .indexError)
        }
        let raw = try Coercion.index(value, what: "an index", at: range)
        let index = raw < 0 ? raw + extent : raw
        guard index >= 0, index < extent else {
            let message = switch indexed {
            case .tensorAxis(let axis): "index \(raw) is out of bounds for dimension \(axis) with size \(extent)"
            case .sequence(let kind): "\(kind) index out of range"
            case .layers: "index \(raw) is out of range"
            }
            throw RuntimeError(message, at: range,
                               notes: extent > 0 ? ["valid indices are 0 to \(extent - 1), or -\(extent) to -1 from the end"] : ["the axis is empty"],
                               raising: .indexError)
        }
        return index
    }

    /// A slice bound or step: an integer, or nil when absent or None.
    func optionalInteger(_ expr: Expr?, _ locals: Locals?) throws(RuntimeError) -> Int? {
        guard let expr else { return nil }
        return try Self.sliceBound(try evaluate(expr, locals), at: expr.range)
    }

    /// A slice bound's or step's `value` (written at `range`) as an integer; nil for None.
    static func sliceBound(_ value: Value, at range: SourceRange) throws(RuntimeError) -> Int? {
        if case .int(let bound) = value { return bound }
        if case .none = value { return nil }
        // Python clamps a bound beyond 64 bits to the largest index of its sign.
        if case .bigInt(let n) = value { return n.value.sign == .minus ? .min : .max }
        return try Coercion.integer(value, what: "a slice bound", at: range)
    }

    /// Copies out the selected elements. Trailing axes without a subscript are kept whole; one
    /// element is what ``ElementRule`` makes it.
    private func gather(_ tensor: Tensor, _ selections: [AxisSelection]) -> Value {
        let (shape, offsets) = Self.offsets(of: tensor, selections)
        if shape.isEmpty, let only = offsets.first { return ElementRule(context).element(of: tensor, atOffset: only) }
        // Only the selected elements are copied: a window of a long signal, in a loop, costs the window.
        return .tensor(TensorGeometry.gather(tensor, shape: shape, sources: offsets) ?? tensor)
    }

    /// The shape of a selection and the flat offsets of its elements, in row-major order:
    /// what reading (`x[i]`) and item assignment (`x[i] = v`) share.
    static func offsets(of tensor: Tensor, _ selections: [AxisSelection]) -> (shape: [Int], offsets: [Int]) {
        // A vector's selection is its offsets (a window of a long signal, in a loop).
        if tensor.rank == 1, let selection = selections.first {
            switch selection {
            case .single(let i): return ([], [i])
            case .many(let list): return ([list.count], list)
            }
        }
        var shape: [Int] = []
        var positions: [[Int]] = []
        for (axis, extent) in tensor.shape.enumerated() {
            let selection = axis < selections.count ? selections[axis] : .many(Array(0..<extent))
            switch selection {
            case .single(let i): positions.append([i])
            case .many(let list): positions.append(list); shape.append(list.count)
            }
        }
        let strides = Tensor.strides(of: tensor.shape)
        var offsets: [Int] = []
        offsets.reserveCapacity(positions.reduce(1) { $0 * $1.count })
        func walk(_ axis: Int, _ offset: Int) {
            if axis == positions.count {
                offsets.append(offset)
                return
            }
            for position in positions[axis] { walk(axis + 1, offset + position * strides[axis]) }
        }
        walk(0, 0)
        return (shape, offsets)
    }
}

/// Python's rules for slice bounds: negatives count from the end, out-of-range values clamp,
/// and the defaults depend on the step's sign.
struct SliceBounds {
    let extent: Int
    let step: Int

    func clamp(_ bound: Int?, isStart: Bool) -> Int {
        guard let bound else {
            if step > 0 { return isStart ? 0 : extent }
            return isStart ? extent - 1 : -1
        }
        let adjusted = bound < 0 ? bound + extent : bound
        if step > 0 { return Swift.min(Swift.max(adjusted, 0), extent) }
        return Swift.min(Swift.max(adjusted, -1), extent - 1)
    }
}
