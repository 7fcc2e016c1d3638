import ConvNumerics

/// The one place a tensor's storage is read as, and rebuilt from, a typed array: every kernel
/// of this module is written once, generic over ``TensorScalar``, and runs in its operands'
/// dtype (float32 problems stay float32, as in PyTorch).
extension Tensor {
    /// The elements as `S`s; empty when the tensor holds another dtype (callers check the
    /// dtype first with ``floatingDType(_:operation:)``).
    @inline(__always)
    func array<S: GradScalar>(_ type: S.Type) -> [S] {
        elements(as: type) ?? []
    }

    /// A tensor of `shape` from computed elements; the count always matches by construction,
    /// and a mismatch is reported rather than trapped on.
    static func make<S: GradScalar>(_ shape: [Int], _ elements: [S]) throws(AutogradError) -> Tensor {
        guard let tensor = Tensor(shape: shape, scalars: elements) else {
            throw .invalidArgument("internal: \(elements.count) elements do not fill shape \(shape)")
        }
        return tensor
    }

    /// Zeros of `shape` in `dtype`.
    static func zeros(_ shape: [Int], dtype: DType) throws(AutogradError) -> Tensor {
        guard let count = Tensor.elementCount(of: shape),
              let tensor = Tensor(shape: shape, storage: TensorStorage(zeros: dtype, count: count))
        else { throw .invalidArgument("invalid shape \(shape)") }
        return tensor
    }

    /// A tensor of `shape` filled with `value` in `dtype` (float32 or float64).
    static func filled(_ value: Double, _ shape: [Int], dtype: DType) throws(AutogradError) -> Tensor {
        let tensor: Tensor? = dtype == .float32
            ? Tensor(repeating: Float(value), shape: shape) : Tensor(repeating: value, shape: shape)
        guard let tensor else { throw .invalidArgument("invalid shape \(shape)") }
        return tensor
    }

    /// The same elements seen with `shape` (same count).
    func viewed(_ shape: [Int]) throws(AutogradError) -> Tensor {
        guard let tensor = reshaped(to: shape) else {
            throw .invalidArgument("shape '\(Self.list(shape))' is invalid for input of size \(count)")
        }
        return tensor
    }

    static func list(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
}

/// Checks that operands share one floating-point dtype and names it.
func floatingDType(_ tensors: Tensor..., operation: String) throws(AutogradError) -> DType {
    guard let first = tensors.first else { return .float64 }
    for tensor in tensors.dropFirst() where tensor.dtype != first.dtype {
        throw .dtypeMismatch(operation: operation, left: first.dtype, right: tensor.dtype)
    }
    guard first.dtype.isFloatingPoint else { throw .unsupportedDType(operation: operation, first.dtype) }
    return first.dtype
}

/// `dim` wrapped into `0..<rank` as PyTorch wraps negative dimensions (a rank-0 tensor has
/// dims -1 and 0).
func wrapDimension(_ dim: Int, rank: Int) throws(AutogradError) -> Int {
    let extent = Swift.max(rank, 1)
    guard dim >= -extent, dim < extent else { throw .dimensionOutOfRange(dim: dim, rank: rank) }
    return dim < 0 ? dim + extent : dim
}

/// The product of a list of extents.
func product(_ extents: some Sequence<Int>) -> Int { extents.reduce(1, *) }
