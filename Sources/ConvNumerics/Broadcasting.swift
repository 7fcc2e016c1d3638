/// Elementwise operations between tensors with NumPy/PyTorch broadcasting.
///
/// Shapes are aligned from the right; each pair of extents must be equal or one of them 1.
/// The common cases (same shape, or one side a single element) run as one tight loop over
/// contiguous storage; other shapes walk an index with precomputed strides.
///
/// Two families of entry points: the typed operations (``ArithmeticOperation``,
/// ``ComparisonOperation``) compute in the operands' own dtype and refuse mixed dtypes, as
/// PyTorch code needs; the `(Double, Double) -> Double` closures read every tensor as
/// `Double`s and make float64, as conv's language needs.
public enum Broadcasting {
    /// The broadcast shape of `a` and `b`, or `nil` when they are incompatible.
    public static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = Swift.max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for offset in 0..<rank {
            let x = offset < a.count ? a[a.count - 1 - offset] : 1
            let y = offset < b.count ? b[b.count - 1 - offset] : 1
            guard x == y || x == 1 || y == 1 else { return nil }
            result[rank - 1 - offset] = (x == 1) ? y : x
        }
        return result
    }

    // MARK: - Typed operations

    /// `a op b` in the operands' dtype (float32 or float64), broadcast.
    ///
    /// Refuses operands of different dtypes, int64 and bool operands, and shapes that do not
    /// broadcast.
    public static func combine(_ a: Tensor, _ b: Tensor, _ operation: ArithmeticOperation) throws(TensorError) -> Tensor {
        switch try floatingDType(a, b, operation: operation.rawValue) {
        case .float32: try combineTyped(a, b, Float.self) { operation.apply($0, $1) }
        default: try combineTyped(a, b, Double.self) { operation.apply($0, $1) }
        }
    }

    /// `a op y` for every element of `a`, with `y` taken in `a`'s dtype (rounded to nearest for
    /// float32), as PyTorch treats a Python number beside a tensor.
    /// `a ** y` follows PyTorch's rules for a number exponent (``ArithmeticOperation/power(_:scalarExponent:)``).
    public static func combine(_ a: Tensor, _ y: Double, _ operation: ArithmeticOperation) throws(TensorError) -> Tensor {
        let scalar = try scalarLike(a, y, operation: operation.rawValue)
        guard operation == .power else { return try combine(a, scalar, operation) }
        switch try floatingDType(a, scalar, operation: operation.rawValue) {
        case .float32: return try combineTyped(a, scalar, Float.self) { ArithmeticOperation.power($0, scalarExponent: $1) }
        default: return try combineTyped(a, scalar, Double.self) { ArithmeticOperation.power($0, scalarExponent: $1) }
        }
    }

    /// `x op b` for every element of `b`, with `x` taken in `b`'s dtype.
    public static func combine(_ x: Double, _ b: Tensor, _ operation: ArithmeticOperation) throws(TensorError) -> Tensor {
        try combine(scalarLike(b, x, operation: operation.rawValue), b, operation)
    }

    /// `a op b` as a bool tensor, broadcast; the operands share a dtype: float32, float64 or
    /// int64.
    public static func compare(_ a: Tensor, _ b: Tensor, _ operation: ComparisonOperation) throws(TensorError) -> Tensor {
        guard a.dtype == b.dtype else { throw .dtypeMismatch(left: a.dtype, right: b.dtype) }
        switch a.dtype {
        case .float64: return try combineTyped(a, b, Double.self) { operation.apply($0, $1) }
        case .float32: return try combineTyped(a, b, Float.self) { operation.apply($0, $1) }
        case .int64: return try combineTyped(a, b, Int64.self) { operation.apply($0, $1) }
        case .int32: return try combineTyped(a, b, Int32.self) { operation.apply($0, $1) }
        case .bool: throw .unsupportedDType(.bool, operation: operation.rawValue)
        }
    }

    /// `a op y` as a bool tensor, with `y` taken in `a`'s dtype (float32 or float64).
    public static func compare(_ a: Tensor, _ y: Double, _ operation: ComparisonOperation) throws(TensorError) -> Tensor {
        try compare(a, scalarLike(a, y, operation: operation.rawValue), operation)
    }

    /// The dtype both operands share, refused unless it is float32 or float64.
    static func floatingDType(_ a: Tensor, _ b: Tensor, operation: String) throws(TensorError) -> DType {
        guard a.dtype == b.dtype else { throw .dtypeMismatch(left: a.dtype, right: b.dtype) }
        guard a.dtype.isFloatingPoint else { throw .unsupportedDType(a.dtype, operation: operation) }
        return a.dtype
    }

    /// A rank-0 tensor holding `value` in `tensor`'s floating-point dtype.
    private static func scalarLike(_ tensor: Tensor, _ value: Double, operation: String) throws(TensorError) -> Tensor {
        switch tensor.dtype {
        case .float64: return Tensor(scalar: value)
        case .float32: return Tensor(scalar: Float(value))
        case .int64, .int32, .bool: throw .unsupportedDType(tensor.dtype, operation: operation)
        }
    }

    /// Reads both operands as `Element`s and combines them.
    private static func combineTyped<Element: TensorElement, Result: TensorElement>(
        _ a: Tensor, _ b: Tensor, _ type: Element.Type, _ operation: (Element, Element) -> Result
    ) throws(TensorError) -> Tensor {
        guard let x = a.elements(as: type), let y = b.elements(as: type) else {
            throw .dtypeMismatch(left: a.dtype, right: b.dtype)
        }
        guard let (shape, elements) = combineElements(x, a.shape, y, b.shape, operation),
              let result = Tensor(shape: shape, scalars: elements)
        else { throw .shapeMismatch(left: a.shape, right: b.shape) }
        return result
    }

    // MARK: - Double closures (the language's float64)

    /// Applies `operation` to every broadcast pair of elements, read as `Double`s (see
    /// ``Tensor/scalars``), giving a float64 tensor; `nil` when the shapes are incompatible.
    @inlinable
    public static func combine(
        _ a: Tensor, _ b: Tensor, _ operation: (Double, Double) -> Double
    ) -> Tensor? {
        guard let (shape, elements) = combineElements(a.scalars, a.shape, b.scalars, b.shape, operation) else {
            return nil
        }
        return Tensor(shape: shape, scalars: elements)
    }

    /// Applies `operation` between every element of `a` (as a `Double`) and a number.
    @inlinable
    public static func combine(_ a: Tensor, _ y: Double, _ operation: (Double, Double) -> Double) -> Tensor {
        a.map { operation($0, y) }
    }

    /// Applies `operation` between a number and every element of `b` (as a `Double`).
    @inlinable
    public static func combine(_ x: Double, _ b: Tensor, _ operation: (Double, Double) -> Double) -> Tensor {
        b.map { operation(x, $0) }
    }

    // MARK: - The loops

    /// The broadcast shape and `operation` applied to every broadcast pair, or `nil` when the
    /// shapes are incompatible.
    @inlinable
    static func combineElements<Element, Result>(
        _ a: [Element], _ aShape: [Int], _ b: [Element], _ bShape: [Int], _ operation: (Element, Element) -> Result
    ) -> (shape: [Int], elements: [Result])? {
        if aShape == bShape { return (aShape, zip(a, b).map(operation)) }
        guard let outShape = shape(aShape, bShape) else { return nil }
        // A single element broadcasts against everything: one pass over the other side.
        if b.count == 1 {
            let y = b[0]
            return (outShape, a.map { operation($0, y) })
        }
        if a.count == 1 {
            let x = a[0]
            return (outShape, b.map { operation(x, $0) })
        }
        return combineStrided(a, aShape, b, bShape, outShape: outShape, operation)
    }

    /// The general case: walk the output index, carrying each input's offset along.
    @inlinable
    static func combineStrided<Element, Result>(
        _ a: [Element], _ aShape: [Int], _ b: [Element], _ bShape: [Int], outShape: [Int],
        _ operation: (Element, Element) -> Result
    ) -> (shape: [Int], elements: [Result])? {
        guard let count = Tensor.elementCount(of: outShape) else { return nil }
        let aStrides = broadcastStrides(of: aShape, rank: outShape.count)
        let bStrides = broadcastStrides(of: bShape, rank: outShape.count)
        var result = [Result]()
        result.reserveCapacity(count)
        var index = [Int](repeating: 0, count: outShape.count)
        var aOffset = 0
        var bOffset = 0
        for _ in 0..<count {
            result.append(operation(a[aOffset], b[bOffset]))
            // Advance the multi-index like an odometer, updating both offsets incrementally.
            var axis = outShape.count - 1
            while axis >= 0 {
                index[axis] += 1
                aOffset += aStrides[axis]
                bOffset += bStrides[axis]
                if index[axis] < outShape[axis] { break }
                aOffset -= aStrides[axis] * outShape[axis]
                bOffset -= bStrides[axis] * outShape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return (outShape, result)
    }

    /// Strides of `shape` seen at `rank` dimensions, 0 along broadcast (size-1 or missing) axes.
    @usableFromInline
    static func broadcastStrides(of shape: [Int], rank: Int) -> [Int] {
        let natural = Tensor.strides(of: shape)
        var strides = [Int](repeating: 0, count: rank)
        for axis in shape.indices where shape[axis] != 1 {
            strides[rank - shape.count + axis] = natural[axis]
        }
        return strides
    }
}

extension Tensor {
    /// Applies `transform` to every element read as a `Double` (see ``scalars``), giving a
    /// float64 tensor of the same shape.
    @inlinable
    public func map(_ transform: (Double) -> Double) -> Tensor {
        Tensor(shape: shape, scalars: scalars.map(transform)) ?? self
    }

    /// Applies `transform` to every element in the tensor's own floating-point dtype, or `nil`
    /// when the tensor does not hold `Scalar`s.
    func mapElements<Scalar: TensorScalar>(_ type: Scalar.Type, _ transform: (Scalar) -> Scalar) -> Tensor? {
        guard let elements = elements(as: type) else { return nil }
        return Tensor(shape: shape, scalars: elements.map(transform))
    }
}
