import ConvNumerics

/// A tensor's elements in row-major order as Python sees them when it prints: floats as the
/// Python `float` of each element (a float32 widens exactly, as `t.tolist()` gives it),
/// integers and booleans as themselves.
enum TensorElements {
    case floating([Double])
    case integer([Int64])
    case boolean([Bool])

    init(_ tensor: Tensor) {
        switch tensor.storage {
        case .float64(let values): self = .floating(values)
        case .float32(let values): self = .floating(values.map(Double.init))
        case .int64(let values): self = .integer(values)
        case .int32(let values): self = .integer(values.map(Int64.init))
        case .bool(let values): self = .boolean(values)
        }
    }

    /// The elements at `indices`, in that order.
    func picking(_ indices: [Int]) -> TensorElements {
        switch self {
        case .floating(let values): .floating(indices.map { values[$0] })
        case .integer(let values): .integer(indices.map { values[$0] })
        case .boolean(let values): .boolean(indices.map { values[$0] })
        }
    }
}
