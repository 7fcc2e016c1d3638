/// The one way between dtypes: an explicit, checked conversion with PyTorch's rules
/// (`tensor.to(dtype)`). No kernel converts its operands; callers convert first.
extension Tensor {
    /// The same shape and elements in `dtype`, converted as PyTorch's `.to(dtype)` converts:
    ///
    /// - float64 → float32 rounds to nearest (ties to even); magnitudes beyond `Float`'s
    ///   range become ±infinity. float32 → float64 is exact.
    /// - float → int64 truncates toward zero. NaN, ±infinity and values outside the int64 range
    ///   have no integer; they become `Int64.min`, as PyTorch gives on x86-64 (where the
    ///   conversion is the processor's `cvttsd2si`). The conversion never traps.
    /// - float → int32 truncates toward zero the same way (`Int32.min` where there is no int32);
    ///   int64 → int32 keeps the low 32 bits, as PyTorch's conversion wraps.
    /// - int64 → float rounds to nearest beyond 2^53 (float64) or 2^24 (float32).
    /// - anything → bool is `value != 0` (NaN is `true`, −0 is `false`); bool → number is 0 or 1.
    ///
    /// Converting to the tensor's own dtype returns it unchanged.
    public func converted(to dtype: DType) -> Tensor {
        guard dtype != self.dtype else { return self }
        let converted: TensorStorage = switch storage {
        case .float64(let elements): Self.convert(elements, to: dtype)
        case .float32(let elements): Self.convert(elements, to: dtype)
        case .int64(let elements): Self.convert(elements, to: dtype)
        case .int32(let elements): Self.convert(elements.map(Int64.init), to: dtype)
        case .bool(let elements): Self.convert(elements.map { Int64($0 ? 1 : 0) }, to: dtype)
        }
        // Same count, so the shape still fits.
        return Tensor(shape: shape, storage: converted) ?? self
    }

    private static func convert<Source: BinaryFloatingPoint>(_ elements: [Source], to dtype: DType) -> TensorStorage {
        switch dtype {
        case .float64: .float64(elements.map { Double($0) })
        case .float32: .float32(elements.map { Float($0) })
        case .int64: .int64(elements.map { truncatedInt64($0) })
        case .int32: .int32(elements.map { truncatedInt32($0) })
        case .bool: .bool(elements.map { $0 != 0 })
        }
    }

    private static func convert(_ elements: [Int64], to dtype: DType) -> TensorStorage {
        switch dtype {
        case .float64: .float64(elements.map { Double($0) })
        case .float32: .float32(elements.map { Float($0) })
        case .int64: .int64(elements)
        case .int32: .int32(elements.map { Int32(truncatingIfNeeded: $0) })
        case .bool: .bool(elements.map { $0 != 0 })
        }
    }

    /// `value` truncated toward zero, or `Int32.min` when that is not an int32 (as PyTorch gives
    /// on x86-64, like ``truncatedInt64(_:)``).
    static func truncatedInt32<Source: BinaryFloatingPoint>(_ value: Source) -> Int32 {
        Int32(exactly: value.rounded(.towardZero)) ?? .min
    }

    /// `value` truncated toward zero, or `Int64.min` when that is not an int64 (see
    /// ``converted(to:)``).
    static func truncatedInt64<Source: BinaryFloatingPoint>(_ value: Source) -> Int64 {
        Int64(exactly: value.rounded(.towardZero)) ?? .min
    }
}
