import ConvNumerics

/// What `for`, `enumerate`, `zip` and unpacking walk over: a tuple's items, a range's
/// integers, a tensor's entries along its first axis, a string's characters.
enum Iteration {
    /// How many items a value yields, or Python's TypeError for one that is not iterable.
    static func count(of value: Value, at range: SourceRange) throws(RuntimeError) -> Int {
        switch value {
        case .tuple(let items): return items.count
        case .range(let pythonRange): return pythonRange.count
        case .tensor(let tensor) where tensor.rank >= 1: return tensor.shape[0]
        case .string(let text): return text.count
        default:
            throw RuntimeError("'\(value.typeName)' object is not iterable", at: range)
        }
    }

    /// The `index`-th item, for `0 ≤ index < count(of:)`.
    static func item(of value: Value, at index: Int) -> Value {
        switch value {
        case .tuple(let items): return items[index]
        case .range(let pythonRange): return .int(pythonRange.element(at: index))
        case .tensor(let tensor): return row(of: tensor, at: index)
        case .string(let text): return .string(String(text[text.index(text.startIndex, offsetBy: index)]))
        default: return .none
        }
    }

    /// Every item, for the builtins that take whole iterables (`zip`, `enumerate`).
    static func items(of value: Value, at range: SourceRange) throws(RuntimeError) -> [Value] {
        let count = try count(of: value, at: range)
        return (0..<count).map { item(of: value, at: $0) }
    }

    /// Entry `index` of a tensor along its first axis: a number for a rank-1 tensor.
    static func row(of tensor: Tensor, at index: Int) -> Value {
        let rowShape = Array(tensor.shape.dropFirst())
        let rowCount = tensor.count / Swift.max(tensor.shape[0], 1)
        let scalars = Array(tensor.scalars[(index * rowCount)..<((index + 1) * rowCount)])
        return rowShape.isEmpty ? .number(scalars[0]) : .tensor(Tensor(shape: rowShape, scalars: scalars) ?? tensor)
    }
}
