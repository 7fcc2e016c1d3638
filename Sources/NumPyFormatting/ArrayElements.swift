import ConvNumerics

/// An array's elements in row-major order as NumPy formats them: floats with the width of their
/// dtype (a float32 prints its own shortest digits, not its double's), integers, booleans.
enum ArrayElements {
    case floating([Double], isFloat32: Bool)
    case integer([Int64])
    case boolean([Bool])

    init(_ tensor: Tensor) {
        switch tensor.storage {
        case .float64(let values): self = .floating(values, isFloat32: false)
        case .float32(let values): self = .floating(values.map(Double.init), isFloat32: true)
        case .int64(let values): self = .integer(values)
        case .int32(let values): self = .integer(values.map(Int64.init))
        case .bool(let values): self = .boolean(values)
        }
    }

    /// The elements at `indices`, in that order.
    func picking(_ indices: [Int]) -> ArrayElements {
        switch self {
        case .floating(let values, let isFloat32): .floating(indices.map { values[$0] }, isFloat32: isFloat32)
        case .integer(let values): .integer(indices.map { values[$0] })
        case .boolean(let values): .boolean(indices.map { values[$0] })
        }
    }
}
