/// A dense, row-major tensor of `Double`s of any rank.
///
/// `Tensor` is a value type: its storage is a Swift array, so copies share memory until one
/// of them is written (copy-on-write). Every initialiser that takes a shape checks it, so a
/// `Tensor` always holds exactly `shape.product` scalars and no operation on it can index out
/// of bounds.
public struct Tensor: Sendable, Equatable, Hashable {
    /// The extent of each dimension, outermost first. Empty for a rank-0 (scalar) tensor.
    public private(set) var shape: [Int]
    /// The elements in row-major order.
    public private(set) var scalars: [Double]

    /// Makes a tensor from a shape and its row-major elements, or `nil` when the shape has a
    /// negative extent, overflows, or does not hold exactly `scalars.count` elements.
    public init?(shape: [Int], scalars: [Double]) {
        guard let count = Tensor.elementCount(of: shape), count == scalars.count else { return nil }
        self.shape = shape
        self.scalars = scalars
    }

    /// Makes a rank-1 tensor.
    public init(_ vector: [Double]) {
        self.shape = [vector.count]
        self.scalars = vector
    }

    /// Makes a rank-0 tensor holding one value.
    public init(scalar: Double) {
        self.shape = []
        self.scalars = [scalar]
    }

    /// Makes a tensor whose elements all equal `value`, or `nil` when the shape is invalid
    /// (see ``elementCount(of:)``).
    public init?(repeating value: Double, shape: [Int]) {
        guard let count = Tensor.elementCount(of: shape) else { return nil }
        self.shape = shape
        self.scalars = [Double](repeating: value, count: count)
    }

    /// Builds a tensor by letting `body` write every element of fresh, zeroed storage.
    ///
    /// `body` receives a buffer of exactly `shape.product` elements. Returns `nil` when the
    /// shape is invalid.
    public init?(
        shape: [Int],
        initializingWith body: (inout UnsafeMutableBufferPointer<Double>) throws -> Void
    ) rethrows {
        guard let count = Tensor.elementCount(of: shape) else { return nil }
        self.shape = shape
        self.scalars = try [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.initialize(repeating: 0)
            initialized = count
            try body(&buffer)
        }
    }

    /// The number of dimensions.
    @inlinable public var rank: Int { shape.count }

    /// The number of elements.
    @inlinable public var count: Int { scalars.count }

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

    /// The same elements seen with another shape, or `nil` when the element counts differ.
    public func reshaped(to newShape: [Int]) -> Tensor? {
        Tensor(shape: newShape, scalars: scalars)
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

    /// The element at a full multi-index, or `nil` when the index has the wrong rank or is out
    /// of bounds.
    public func element(at index: [Int]) -> Double? {
        guard index.count == rank else { return nil }
        var offset = 0
        var stride = 1
        for axis in shape.indices.reversed() {
            guard index[axis] >= 0, index[axis] < shape[axis] else { return nil }
            offset += index[axis] * stride
            stride *= shape[axis]
        }
        return scalars[offset]
    }
}
