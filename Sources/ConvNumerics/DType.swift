/// The element type of a ``Tensor``, named as PyTorch names it.
///
/// conv's language computes in `float64`; PyTorch code defaults to `float32` and indexes and
/// masks with `int64` and `bool`. A tensor's dtype is part of its value: two tensors of
/// different dtypes are never equal, and no kernel mixes them (see ``Tensor/converted(to:)``
/// for the one explicit way across).
public enum DType: String, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    /// IEEE 754 binary64 (`torch.float64`, `torch.double`).
    case float64
    /// IEEE 754 binary32 (`torch.float32`, `torch.float`), PyTorch's default.
    case float32
    /// Signed 64-bit integers (`torch.int64`, `torch.long`).
    case int64
    /// Signed 32-bit integers (`torch.int32`, `torch.int`), which `x.int()` makes.
    case int32
    /// `True` or `False`, one byte each in PyTorch (`torch.bool`).
    case bool

    /// Whether the elements are IEEE floating-point numbers (the dtypes kernels compute in).
    public var isFloatingPoint: Bool {
        switch self {
        case .float64, .float32: true
        case .int64, .int32, .bool: false
        }
    }

    /// Bytes per element, as PyTorch's `element_size()` reports it.
    public var byteSize: Int {
        switch self {
        case .float64, .int64: 8
        case .float32, .int32: 4
        case .bool: 1
        }
    }

    /// PyTorch's spelling, such as `torch.float32`: how `print(t.dtype)` shows it.
    public var torchName: String { "torch." + rawValue }

    /// PyTorch's scalar type name (`Float`, `Double`, `Long`, `Int`, `Bool`), as its kernels' refusals
    /// name a dtype.
    public var scalarTypeName: String {
        switch self {
        case .float32: "Float"
        case .float64: "Double"
        case .int64: "Long"
        case .int32: "Int"
        case .bool: "Bool"
        }
    }

    /// The C++ type PyTorch's messages name for a dtype (`float`, `double`, `long int`, `int`, `bool`).
    public var cTypeName: String {
        switch self {
        case .float32: "float"
        case .float64: "double"
        case .int64: "long int"
        case .int32: "int"
        case .bool: "bool"
        }
    }

    /// The short name (`float32`), as messages mention it.
    public var description: String { rawValue }
}
