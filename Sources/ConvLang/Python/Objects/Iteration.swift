import ConvNumerics

/// What `for`, `enumerate`, `zip` and unpacking walk over: a tuple's or list's items, a dict's
/// keys, a range's integers, a tensor's entries along its first axis, a string's characters.
enum Iteration {
    /// The items of one value, read by index. A string's characters are split once here, so
    /// walking a string takes linear time rather than an offset from its start for every item.
    struct Items {
        private let value: Value
        private let characters: [Character]
        /// A list's items or a dict's keys as they were when the walk began, so that a body
        /// changing the list cannot make an index run past its end.
        private let snapshot: [Value]
        /// A tensor's elements as `Double`s, widened once for the whole walk.
        private let elements: [Double]
        /// How many items the value yields.
        let count: Int

        /// The items of `value`, or Python's TypeError for one that is not iterable.
        init(of value: Value, at range: SourceRange) throws(RuntimeError) {
            // A tensor with autograd identity is walked as its values; a torch.Size as its tuple.
            let value: Value = switch value {
            case .variable(let box): .tensor(box.tensor)
            case .size(let extents): .tuple(extents.map(Value.int))
            case .returnTuple(let named): .tuple(named.items)
            // A NumPy array as its scalars or rows (a 0-d one is not iterable).
            case .object(let box): (box.object as? NumPyArray).flatMap { $0.tensor.rank > 0 ? .tuple(NumPyIndexing.rows($0.tensor)) : nil } ?? value
            default: value
            }
            self.value = value
            var characters: [Character] = []
            var snapshot: [Value] = []
            var elements: [Double] = []
            switch value {
            case .tuple(let items): count = items.count
            case .list(let list):
                snapshot = list.items
                count = snapshot.count
            case .dict(let dict):
                snapshot = dict.keys
                count = snapshot.count
            case .range(let pythonRange): count = pythonRange.count
            case .tensor(let tensor) where tensor.rank >= 1:
                count = tensor.shape[0]
                elements = tensor.scalars
            case .layer(let layer) where layer.module is any ModuleSequence:
                // Sequential and ModuleList walk their layers, as in PyTorch.
                snapshot = layer.module.children.map { .layer(Layer($0.module)) }
                count = snapshot.count
            case .string(let text):
                characters = text.unicodeScalars.map(Character.init)  // code points, as Python iterates
                count = characters.count
            default:
                throw RuntimeError("'\(value.typeName)' object is not iterable", at: range, raising: .typeError)
            }
            self.characters = characters
            self.snapshot = snapshot
            self.elements = elements
        }

        /// The `index`-th item, for `0 ≤ index < count`.
        subscript(index: Int) -> Value {
            switch value {
            case .tuple(let items): items[index]
            case .list, .dict, .layer: snapshot[index]
            case .range(let pythonRange): .int(pythonRange.element(at: index))
            case .tensor(let tensor): Iteration.row(of: tensor, elements, at: index)
            case .string: .string(String(characters[index]))
            default: .none
            }
        }
    }

    /// Every item, for the builtins that take whole iterables (`zip`, `enumerate`).
    static func items(of value: Value, at range: SourceRange) throws(RuntimeError) -> [Value] {
        let items = try Items(of: value, at: range)
        return (0..<items.count).map { items[$0] }
    }

    /// Entry `index` of a tensor along its first axis: a number for a rank-1 tensor.
    /// `elements` are the tensor's ``ConvNumerics/Tensor/scalars``.
    static func row(of tensor: Tensor, _ elements: [Double], at index: Int) -> Value {
        let rowShape = Array(tensor.shape.dropFirst())
        let rowCount = tensor.count / Swift.max(tensor.shape[0], 1)
        let scalars = Array(elements[(index * rowCount)..<((index + 1) * rowCount)])
        return rowShape.isEmpty ? .number(scalars[0]) : .tensor(Tensor(shape: rowShape, scalars: scalars) ?? tensor)
    }
}
