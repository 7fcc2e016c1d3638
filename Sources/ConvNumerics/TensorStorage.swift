/// The elements of a ``Tensor`` in row-major order, in one array of its ``DType``.
///
/// Each case holds a Swift array, so storage is copy-on-write: copies share memory until one
/// of them is written.
public enum TensorStorage: Sendable, Hashable {
    case float64([Double])
    case float32([Float])
    case int64([Int64])
    case int32([Int32])
    case bool([Bool])

    /// Wraps typed elements.
    @inlinable
    public init<Element: TensorElement>(_ elements: [Element]) {
        self = Element.storage(elements)
    }

    /// `count` zeros (`false` for bool) of `dtype`.
    public init(zeros dtype: DType, count: Int) {
        switch dtype {
        case .float64: self = .float64([Double](repeating: 0, count: count))
        case .float32: self = .float32([Float](repeating: 0, count: count))
        case .int64: self = .int64([Int64](repeating: 0, count: count))
        case .int32: self = .int32([Int32](repeating: 0, count: count))
        case .bool: self = .bool([Bool](repeating: false, count: count))
        }
    }

    /// The element type.
    public var dtype: DType {
        switch self {
        case .float64: .float64
        case .float32: .float32
        case .int64: .int64
        case .int32: .int32
        case .bool: .bool
        }
    }

    /// The number of elements.
    public var count: Int {
        switch self {
        case .float64(let elements): elements.count
        case .float32(let elements): elements.count
        case .int64(let elements): elements.count
        case .int32(let elements): elements.count
        case .bool(let elements): elements.count
        }
    }

    /// The elements as `Element`s, or `nil` when the storage holds another dtype. Never converts.
    @inlinable
    public func elements<Element: TensorElement>(as type: Element.Type) -> [Element]? {
        Element.elements(of: self)
    }
}

/// A type a ``Tensor`` can hold: `Double`, `Float`, `Int64`, `Int32` or `Bool`, one per ``DType``.
///
/// The conformances are the four above; the protocol exists so that initialisers and typed
/// accessors are written once for every dtype.
public protocol TensorElement: Sendable, Hashable {
    /// The dtype of tensors holding this type.
    static var dtype: DType { get }
    /// The value fresh storage starts from: zero, or `false`.
    static var zeroElement: Self { get }
    /// Wraps elements as storage of ``dtype``.
    static func storage(_ elements: [Self]) -> TensorStorage
    /// The elements of `storage` when it holds this type, else `nil`.
    static func elements(of storage: TensorStorage) -> [Self]?
}

extension Double: TensorElement {
    public static var dtype: DType { .float64 }
    public static var zeroElement: Double { 0 }
    @inlinable public static func storage(_ elements: [Double]) -> TensorStorage { .float64(elements) }
    @inlinable public static func elements(of storage: TensorStorage) -> [Double]? {
        if case .float64(let elements) = storage { return elements }
        return nil
    }
}

extension Float: TensorElement {
    public static var dtype: DType { .float32 }
    public static var zeroElement: Float { 0 }
    @inlinable public static func storage(_ elements: [Float]) -> TensorStorage { .float32(elements) }
    @inlinable public static func elements(of storage: TensorStorage) -> [Float]? {
        if case .float32(let elements) = storage { return elements }
        return nil
    }
}

extension Int64: TensorElement {
    public static var dtype: DType { .int64 }
    public static var zeroElement: Int64 { 0 }
    @inlinable public static func storage(_ elements: [Int64]) -> TensorStorage { .int64(elements) }
    @inlinable public static func elements(of storage: TensorStorage) -> [Int64]? {
        if case .int64(let elements) = storage { return elements }
        return nil
    }
}

extension Int32: TensorElement {
    public static var dtype: DType { .int32 }
    public static var zeroElement: Int32 { 0 }
    @inlinable public static func storage(_ elements: [Int32]) -> TensorStorage { .int32(elements) }
    @inlinable public static func elements(of storage: TensorStorage) -> [Int32]? {
        if case .int32(let elements) = storage { return elements }
        return nil
    }
}

extension Bool: TensorElement {
    public static var dtype: DType { .bool }
    public static var zeroElement: Bool { false }
    @inlinable public static func storage(_ elements: [Bool]) -> TensorStorage { .bool(elements) }
    @inlinable public static func elements(of storage: TensorStorage) -> [Bool]? {
        if case .bool(let elements) = storage { return elements }
        return nil
    }
}
