import ConvNumerics

/// Shapes as NumPy reads them (`a.reshape(2, 3)`, `a.reshape((2, -1))`, `np.zeros((2, 3))`,
/// `np.zeros(5)`) and an array's elements as Python lists.
enum NumPyShapes {
    /// The sizes in a shape argument: one int, or a tuple or list of ints.
    static func sizes(_ value: Value, what: String, at range: SourceRange) throws(RuntimeError) -> [Int] {
        switch value {
        case .tuple(let items): return try items.map { item throws(RuntimeError) in try Coercion.integer(item, what: what, at: range) }
        case .list(let list): return try list.items.map { item throws(RuntimeError) in try Coercion.integer(item, what: what, at: range) }
        case .size(let extents): return extents
        default: return [try Coercion.integer(value, what: what, at: range)]
        }
    }

    /// A variadic shape: `reshape(2, 3)` or `reshape((2, 3))`.
    static func variadicSizes(_ call: BuiltinCall) throws(RuntimeError) -> [Int] {
        if call.rest.count == 1 { return try sizes(call.rest[0].value, what: "a shape", at: call.rest[0].range) }
        return try call.rest.map { item throws(RuntimeError) in try Coercion.integer(item.value, what: "a shape", at: item.range) }
    }

    /// `tensor` reshaped as the call's sizes say, one of which may be -1; NumPy's ValueError
    /// when the sizes do not hold its elements.
    static func reshaped(_ tensor: Tensor, _ call: BuiltinCall) throws(RuntimeError) -> Tensor {
        var shape = try variadicSizes(call)
        let refusal = RuntimeError("cannot reshape array of size \(tensor.count) into shape \(NumPyShapes.tuple(shape))", at: call.range,
                                   raising: .valueError)
        let unknown = shape.indices.filter { shape[$0] == -1 }
        guard unknown.count <= 1, shape.allSatisfy({ $0 >= -1 }) else { throw refusal }
        if let axis = unknown.first {
            let others = shape.enumerated().filter { $0.offset != axis }.map(\.element)
            guard let known = Tensor.elementCount(of: others), known > 0, tensor.count % known == 0 else { throw refusal }
            shape[axis] = tensor.count / known
        }
        guard let reshaped = tensor.reshaped(to: shape) else { throw refusal }
        return reshaped
    }

    /// Python's text of a shape tuple, as NumPy's messages write it: `(2, 3)`, `(5,)`; `compact`
    /// without the spaces, as its broadcasting messages write it: `(2,3)`.
    static func tuple(_ shape: [Int], compact: Bool = false) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: compact ? "," : ", ") + ")"
    }

    /// `a.tolist()`: nested lists of Python floats, ints or bools (a 0-d array gives its scalar).
    static func list(_ tensor: Tensor) -> Value {
        let strides = Tensor.strides(of: tensor.shape)
        func build(axis: Int, offset: Int) -> Value {
            if axis == tensor.rank { return .numpyScalar(tensor, at: offset) }
            return .list(PythonList((0..<tensor.shape[axis]).map { build(axis: axis + 1, offset: offset + $0 * strides[axis]) }))
        }
        return build(axis: 0, offset: 0)
    }
}
