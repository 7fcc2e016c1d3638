import ConvAutograd
import ConvNumerics

/// What `for`, `enumerate`, `zip` and unpacking walk over: a tuple's or list's items, a dict's
/// keys, a set's elements, a range's integers, a tensor's entries along its first axis, a string's characters.
enum Iteration {
    /// The items of one value, read by index. A string's characters are split once here, so
    /// walking a string takes linear time rather than an offset from its start for every item.
    struct Items {
        private let value: Value
        private let characters: [Character]
        /// A list's items or a dict's keys as they were when the walk began, so that a body
        /// changing the list cannot make an index run past its end.
        private let snapshot: [Value]
        /// What a rank-1 tensor's elements are (``ElementRule``).
        private let rule: ElementRule
        /// A tensor that requires grad, walked as PyTorch unbinds it (`UnbindBackward0`).
        private let recorded: Variable?
        /// How many items the value yields.
        let count: Int

        /// The items of `value`, or Python's TypeError for one that is not iterable; a tensor's
        /// elements are what `rule` makes them.
        init(of value: Value, at range: SourceRange, elements rule: ElementRule) throws(RuntimeError) {
            // A tensor with autograd identity is walked as its values (recording each entry when
            // it requires grad); a torch.Size as its tuple.
            var recorded: Variable?
            if case .variable(let box) = value, GradMode.isEnabled, box.requiresGrad, box.tensor.rank >= 1 { recorded = box.variable }
            let value: Value = switch value {
            case .variable(let box): .tensor(box.tensor)
            case .size(let extents): .tuple(extents.map(Value.int))
            case .returnTuple(let named): .tuple(named.items)
            // A NumPy array as its scalars or rows (a 0-d one is not iterable).
            case .object(let box) where box.object is DictView: .tuple(value.dictView?.items ?? [])
            // A DataLoader makes a pass's batches as the walk begins (drawing its seeds then, as
            // PyTorch's iterator does); an iterator hands out what it has left; a dataset its
            // samples, as Python walks it through __getitem__.
            case .object(let box) where box.object is DataLoader:
                .tuple(try (box.object as? DataLoader)?.batches(rule, at: range) ?? [])
            case .object(let box) where box.object is PythonIterator: .tuple((box.object as? PythonIterator)?.rest() ?? [])
            // A generator (or enumerate/zip over one) runs to its end here: only the builtins
            // that take every item come this way; loops pull one item at a time.
            case .object(let box) where box.object is any LazyIterator:
                .tuple(try Iteration.lazyIterator(value).map { iterator throws(RuntimeError) in try Iteration.drain(iterator, rule, at: range) } ?? [])
            case .object(let box) where box.object is any DatasetObject:
                .tuple(try Iteration.samples(of: value, count: (box.object as? any DatasetObject)?.count ?? 0, rule, at: range))
            case .object(let box): (box.object as? NumPyArray).flatMap { $0.tensor.rank > 0 ? .tuple(NumPyIndexing.rows($0.tensor)) : nil } ?? value
            default: value
            }
            self.value = value
            var characters: [Character] = []
            var snapshot: [Value] = []
            switch value {
            case .tuple(let items): count = items.count
            case .list(let list):
                snapshot = list.items
                count = snapshot.count
            case .dict(let dict):
                snapshot = dict.keys
                count = snapshot.count
            case .set(let set):
                snapshot = set.elements
                count = snapshot.count
            case .range(let pythonRange): count = pythonRange.count
            case .tensor(let tensor) where tensor.rank >= 1:
                count = tensor.shape[0]
            case .layer(let layer) where layer.module is any ModuleSequence:
                // Sequential and ModuleList walk their layers, as in PyTorch.
                snapshot = layer.module.children.map { .layer(Layer($0.module)) }
                count = snapshot.count
            case .string(let text):
                characters = text.unicodeScalars.map(Character.init)  // code points, as Python iterates
                count = characters.count
            case .tensor:
                throw RuntimeError("iteration over a 0-d tensor", at: range, raising: .typeError)
            default:
                throw RuntimeError("'\(value.typeName)' object is not iterable", at: range, raising: .typeError)
            }
            self.characters = characters
            self.snapshot = snapshot
            self.rule = rule
            self.recorded = recorded
        }

        /// The `index`-th item, for `0 ≤ index < count`.
        subscript(index: Int) -> Value {
            switch value {
            case .tuple(let items): items[index]
            case .list, .dict, .set, .layer: snapshot[index]
            case .range(let pythonRange): .int(pythonRange.element(at: index))
            case .tensor(let tensor):
                if let recorded, let entry = try? recorded.unbound(index: index) { .result(entry) } else { Iteration.row(of: tensor, at: index, elements: rule) }
            case .string: .string(String(characters[index]))
            default: .none
            }
        }
    }

    /// Every sample of a dataset object, in order.
    private static func samples(of dataset: Value, count: Int, _ rule: ElementRule, at range: SourceRange) throws(RuntimeError) -> [Value] {
        var result: [Value] = []
        for index in 0..<count { result.append(try Datasets.sample(of: dataset, at: index, rule.context, rule: rule, at: range)) }
        return result
    }

    /// Every item, for the builtins that take whole iterables (`zip`, `enumerate`).
    static func items(of value: Value, at range: SourceRange, elements rule: ElementRule) throws(RuntimeError) -> [Value] {
        let items = try Items(of: value, at: range, elements: rule)
        // A huge range (`list(range(10**10))`) is refused before its items are made, as a
        // repeated list is, rather than exhausting memory.
        if let limit = rule.context?.limits.maximumElements, items.count > limit {
            throw RuntimeError("an iterable of \(items.count) items is too long to collect", at: range, kind: .limit(.elements))
        }
        return (0..<items.count).map { items[$0] }
    }

    /// Entry `index` of a tensor along its first axis, in the tensor's dtype: a row, or for a
    /// rank-1 tensor one element, as `rule` makes it.
    static func row(of tensor: Tensor, at index: Int, elements rule: ElementRule) -> Value {
        let rowShape = Array(tensor.shape.dropFirst())
        guard !rowShape.isEmpty else { return rule.element(of: tensor, atOffset: index) }
        let rowCount = tensor.count / Swift.max(tensor.shape[0], 1)
        let offsets = Array((index * rowCount)..<((index + 1) * rowCount))
        return .tensor(TensorGeometry.gather(tensor, shape: rowShape, sources: offsets) ?? tensor)
    }
}
