/// A dense, row-major tensor of any rank whose elements share one ``DType``.
///
/// `Tensor` is a value type: its ``storage`` is a Swift array, so copies share memory until
/// one of them is written (copy-on-write). Every initialiser that takes a shape checks it, so a
/// `Tensor` always holds exactly `shape.product` elements and no operation on it can index out
/// of bounds. Two tensors are equal when their shapes, dtypes and elements are.
///
/// The initialisers that take `Double`s make `float64` tensors (conv's language computes in
/// float64); the generic ones make a tensor of their element's dtype, and ``scalars`` reads any
/// tensor as `Double`s.
public struct Tensor: Sendable, Equatable, Hashable {
    /// The extent of each dimension, outermost first. Empty for a rank-0 (scalar) tensor.
    public private(set) var shape: [Int]
    /// The elements in row-major order, in the tensor's dtype.
    public private(set) var storage: TensorStorage

    /// Makes a tensor from a shape and its row-major storage, or `nil` when the shape has a
    /// negative extent, overflows, or does not hold exactly `storage.count` elements.
    public init?(shape: [Int], storage: TensorStorage) {
        guard let count = Tensor.elementCount(of: shape), count == storage.count else { return nil }
        self.shape = shape
        self.storage = storage
    }

    /// Makes a float64 tensor from a shape and its row-major elements, or `nil` when the shape
    /// has a negative extent, overflows, or does not hold exactly `scalars.count` elements.
    public init?(shape: [Int], scalars: [Double]) {
        self.init(shape: shape, storage: .float64(scalars))
    }

    /// Makes a tensor of `Element`'s dtype from a shape and its row-major elements, or `nil`
    /// when the shape is invalid or does not hold exactly `scalars.count` elements.
    public init?<Element: TensorElement>(shape: [Int], scalars: [Element]) {
        self.init(shape: shape, storage: TensorStorage(scalars))
    }

    /// Makes a rank-1 float64 tensor.
    public init(_ vector: [Double]) {
        self.init(vector: vector)
    }

    /// Makes a rank-1 tensor of `Element`'s dtype.
    public init<Element: TensorElement>(_ vector: [Element]) {
        self.init(vector: vector)
    }

    private init<Element: TensorElement>(vector: [Element]) {
        shape = [vector.count]
        storage = TensorStorage(vector)
    }

    /// Makes a rank-0 float64 tensor holding one value.
    public init(scalar: Double) {
        self.init(scalarElement: scalar)
    }

    /// Makes a rank-0 tensor of `Element`'s dtype holding one value.
    public init<Element: TensorElement>(scalar: Element) {
        self.init(scalarElement: scalar)
    }

    private init<Element: TensorElement>(scalarElement: Element) {
        shape = []
        storage = TensorStorage([scalarElement])
    }

    /// Makes a float64 tensor whose elements all equal `value`, or `nil` when the shape is
    /// invalid (see ``elementCount(of:)``).
    public init?(repeating value: Double, shape: [Int]) {
        self.init(repeatingElement: value, shape: shape)
    }

    /// Makes a tensor of `Element`'s dtype whose elements all equal `value`, or `nil` when the
    /// shape is invalid.
    public init?<Element: TensorElement>(repeating value: Element, shape: [Int]) {
        self.init(repeatingElement: value, shape: shape)
    }

    private init?<Element: TensorElement>(repeatingElement value: Element, shape: [Int]) {
        guard let count = Tensor.elementCount(of: shape) else { return nil }
        self.shape = shape
        self.storage = TensorStorage([Element](repeating: value, count: count))
    }

    /// Builds a float64 tensor by letting `body` write every element of fresh, zeroed storage.
    ///
    /// `body` receives a buffer of exactly `shape.product` elements. Returns `nil` when the
    /// shape is invalid.
    public init?(
        shape: [Int],
        initializingWith body: (inout UnsafeMutableBufferPointer<Double>) throws -> Void
    ) rethrows {
        try self.init(shape: shape, of: Double.self, initializingWith: body)
    }

    /// Builds a tensor of `Element`'s dtype by letting `body` write every element of fresh
    /// storage holding zeros (`false`). Returns `nil` when the shape is invalid.
    public init?<Element: TensorElement>(
        shape: [Int], of type: Element.Type,
        initializingWith body: (inout UnsafeMutableBufferPointer<Element>) throws -> Void
    ) rethrows {
        guard let count = Tensor.elementCount(of: shape) else { return nil }
        self.shape = shape
        let elements = try [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.initialize(repeating: Element.zeroElement)
            initialized = count
            try body(&buffer)
        }
        self.storage = TensorStorage(elements)
    }

    /// The element type.
    @inlinable public var dtype: DType { storage.dtype }

    /// The number of dimensions.
    @inlinable public var rank: Int { shape.count }

    /// The number of elements.
    @inlinable public var count: Int { storage.count }

    /// The elements in row-major order as `Double`s.
    ///
    /// For a float64 tensor this is its storage itself (no copy). For the other dtypes it is a
    /// widening copy: float32 widens exactly, bool reads as 0 and 1, and int64 is exact up to
    /// 2^53 in magnitude and rounds to the nearest `Double` beyond. Read it once outside a
    /// loop: each read of a non-float64 tensor makes a new array.
    public var scalars: [Double] {
        switch storage {
        case .float64(let elements): elements
        case .float32(let elements): elements.map(Double.init)
        case .int64(let elements): elements.map(Double.init)
        case .int32(let elements): elements.map(Double.init)
        case .bool(let elements): elements.map { $0 ? 1 : 0 }
        }
    }

    /// The elements when the tensor is float64, else `nil`.
    public var float64Scalars: [Double]? { storage.elements(as: Double.self) }
    /// The elements when the tensor is float32, else `nil`.
    public var float32Scalars: [Float]? { storage.elements(as: Float.self) }
    /// The elements when the tensor is int64, else `nil`.
    public var int64Scalars: [Int64]? { storage.elements(as: Int64.self) }
    /// The elements when the tensor is bool, else `nil`.
    public var boolScalars: [Bool]? { storage.elements(as: Bool.self) }

    /// The elements as `Element`s when the tensor holds that type, else `nil`. Never converts.
    @inlinable
    public func elements<Element: TensorElement>(as type: Element.Type) -> [Element]? {
        storage.elements(as: type)
    }

    /// The product of `shape`, or `nil` when an extent is negative or the product overflows `Int`.
    public static func elementCount(of shape: [Int]) -> Int? {
        var product = 1
        for extent in shape {
            guard extent >= 0 else { return nil }
            let (next, overflow) = product.multipliedReportingOverflow(by: extent)
            guard !overflow else { return nil }
            product = next
        }
        return product
    }

    /// The same elements (and dtype) seen with another shape, or `nil` when the element counts
    /// differ.
    public func reshaped(to newShape: [Int]) -> Tensor? {
        Tensor(shape: newShape, storage: storage)
    }

    /// Row-major strides of `shape`: how far apart consecutive indices of each dimension are.
    public static func strides(of shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var stride = 1
        for axis in shape.indices.reversed() {
            strides[axis] = stride
            stride = stride &* Swift.max(shape[axis], 1)
        }
        return strides
    }

    /// Steps `index` to the next multi-index of `shape` in row-major order (the last axis
    /// fastest), wrapping to all zeros after the last one: the one odometer that walks a shape.
    @inlinable
    public static func advance(_ index: inout [Int], rowMajorIn shape: [Int]) {
        var axis = shape.count - 1
        while axis >= 0 {
            index[axis] += 1
            if index[axis] < shape[axis] { return }
            index[axis] = 0
            axis -= 1
        }
    }

    /// The element at a full multi-index as a `Double` (widened as ``scalars`` widens), or
    /// `nil` when the index has the wrong rank or is out of bounds.
    public func element(at index: [Int]) -> Double? {
        guard let offset = offset(of: index) else { return nil }
        switch storage {
        case .float64(let elements): return elements[offset]
        case .float32(let elements): return Double(elements[offset])
        case .int64(let elements): return Double(elements[offset])
        case .int32(let elements): return Double(elements[offset])
        case .bool(let elements): return elements[offset] ? 1 : 0
        }
    }

    /// The element at a full multi-index in its own type, or `nil` when the tensor does not hold
    /// `Element`s or the index has the wrong rank or is out of bounds.
    public func element<Element: TensorElement>(at index: [Int], as type: Element.Type) -> Element? {
        guard let offset = offset(of: index), let elements = storage.elements(as: type) else { return nil }
        return elements[offset]
    }

    /// The row-major offset of a full multi-index, or `nil` when it has the wrong rank or is out
    /// of bounds.
    func offset(of index: [Int]) -> Int? {
        guard index.count == rank else { return nil }
        var offset = 0
        var stride = 1
        for axis in shape.indices.reversed() {
            guard index[axis] >= 0, index[axis] < shape[axis] else { return nil }
            offset += index[axis] * stride
            stride *= shape[axis]
        }
        return offset
    }
}

extension Tensor {
    /// Writes `values` (in this tensor's dtype, one per offset) at the flat `offsets`, in place:
    /// `y[i] = v` costs the elements it writes, not the whole tensor. Values of another dtype or
    /// count leave the tensor as it is.
    public mutating func replaceElements(at offsets: [Int], with values: TensorStorage) {
        guard values.dtype == dtype, values.count == offsets.count, offsets.allSatisfy({ $0 >= 0 && $0 < count }) else { return }
        // The storage is emptied first so that the array bound below is its only reference and
        // is written where it is (a tuple of the two storages would hold a second reference,
        // and every write would copy the whole tensor).
        switch values {
        case .float64(let new):
            guard case .float64(var elements) = storage else { return }
            storage = .float64([])
            Self.write(new, at: offsets, into: &elements)
            storage = .float64(elements)
        case .float32(let new):
            guard case .float32(var elements) = storage else { return }
            storage = .float32([])
            Self.write(new, at: offsets, into: &elements)
            storage = .float32(elements)
        case .int64(let new):
            guard case .int64(var elements) = storage else { return }
            storage = .int64([])
            Self.write(new, at: offsets, into: &elements)
            storage = .int64(elements)
        case .int32(let new):
            guard case .int32(var elements) = storage else { return }
            storage = .int32([])
            Self.write(new, at: offsets, into: &elements)
            storage = .int32(elements)
        case .bool(let new):
            guard case .bool(var elements) = storage else { return }
            storage = .bool([])
            Self.write(new, at: offsets, into: &elements)
            storage = .bool(elements)
        }
    }

    private static func write<Element>(_ values: [Element], at offsets: [Int], into elements: inout [Element]) {
        for (offset, value) in zip(offsets, values) { elements[offset] = value }
    }
}

extension Tensor {
    /// The rows `range` of the first axis (`x[a:b]`) as a tensor of their own, in this tensor's
    /// dtype: one copy of a contiguous run, where a general selection gathers element by
    /// element. `nil` for a rank-0 tensor or a range outside the first axis.
    public func rows(_ range: Range<Int>) -> Tensor? {
        guard let extent = shape.first, range.lowerBound >= 0, range.upperBound <= extent else { return nil }
        let rowSize = rank == 1 ? 1 : Tensor.elementCount(of: Array(shape.dropFirst())) ?? 0
        let (lower, upper) = (range.lowerBound * rowSize, range.upperBound * rowSize)
        var rowsShape = shape
        rowsShape[0] = range.count
        let selected: TensorStorage = switch storage {
        case .float64(let elements): .float64(Array(elements[lower..<upper]))
        case .float32(let elements): .float32(Array(elements[lower..<upper]))
        case .int64(let elements): .int64(Array(elements[lower..<upper]))
        case .int32(let elements): .int32(Array(elements[lower..<upper]))
        case .bool(let elements): .bool(Array(elements[lower..<upper]))
        }
        return Tensor(shape: rowsShape, storage: selected)
    }

    /// Writes `value`, rounded to float32 for a float32 tensor, at the flat `offset` of a
    /// floating-point tensor, in place (as ``replaceElements(at:with:)`` does for several).
    /// Returns false, changing nothing, for another dtype or an offset outside the tensor.
    public mutating func replaceElement(at offset: Int, with value: Double) -> Bool {
        guard offset >= 0, offset < count else { return false }
        // The storage is emptied first so that the array bound below is its only reference.
        switch storage {
        case .float64(var elements):
            storage = .float64([])
            elements[offset] = value
            storage = .float64(elements)
        case .float32(var elements):
            storage = .float32([])
            elements[offset] = Float(value)
            storage = .float32(elements)
        case .int64, .int32, .bool:
            return false
        }
        return true
    }
}
