/// The arithmetic operators of PyTorch's tensors (`+ - * / // % **`), on one pair of elements
/// of a floating-point dtype.
public enum ArithmeticOperation: String, Sendable, CaseIterable, Hashable {
    case add, subtract, multiply, divide
    /// Python's `//`, computed as PyTorch computes it for floats (see ``floorDivide(_:_:)``).
    case floorDivide
    /// Python's `%`: the remainder takes the sign of the divisor.
    case remainder
    /// `x ** y`, as C's `pow`.
    case power

    /// The result in the operands' type.
    @inlinable
    public func apply<Scalar: TensorScalar>(_ x: Scalar, _ y: Scalar) -> Scalar {
        switch self {
        case .add: x + y
        case .subtract: x - y
        case .multiply: x * y
        case .divide: x / y
        case .floorDivide: Self.floorDivide(x, y)
        case .remainder: Self.remainder(x, y)
        case .power: Scalar.power(x, y)
        }
    }

    /// `x ** e` for a number `e`, as PyTorch's kernel for a scalar exponent computes it:
    /// 2, 3 and −2 by multiplying (so `x ** 3` is `x * x * x`, rounded twice, not C's
    /// correctly rounded `pow`), ±0.5 and −1 by a square root and a division, any other by
    /// C's `pow`.
    @inlinable
    public static func power<Scalar: TensorScalar>(_ x: Scalar, scalarExponent e: Scalar) -> Scalar {
        switch e {
        case 2: x * x
        case 3: x * x * x
        case -2: 1 / (x * x)
        case 0.5: x.squareRoot()
        case -0.5: 1 / x.squareRoot()
        case -1: 1 / x
        default: Scalar.power(x, e)
        }
    }

    /// Python's `%` on floats: C's `fmod`, moved into the divisor's sign.
    @inlinable
    public static func remainder<Scalar: TensorScalar>(_ x: Scalar, _ y: Scalar) -> Scalar {
        let r = x.truncatingRemainder(dividingBy: y)
        return (r != 0 && (r < 0) != (y < 0)) ? r + y : r
    }

    /// Python's `//` on floats, which keeps `x == (x // y)·y + x % y` where `floor(x / y)`
    /// would not (`1 // 0.1` is 9, not 10): `(x − fmod(x, y)) / y`, stepped down when the
    /// remainder's sign differs from the divisor's and rounded to the nearest integer. A zero
    /// divisor gives IEEE `x / y`; a zero quotient keeps the sign of `x / y`.
    @inlinable
    public static func floorDivide<Scalar: TensorScalar>(_ x: Scalar, _ y: Scalar) -> Scalar {
        guard y != 0 else { return x / y }
        let mod = x.truncatingRemainder(dividingBy: y)
        var quotient = (x - mod) / y
        if mod != 0, (y < 0) != (mod < 0) { quotient -= 1 }
        guard quotient != 0 else { return Scalar(signOf: x / y, magnitudeOf: 0) }
        var floored = quotient.rounded(.down)
        if quotient - floored > 0.5 { floored += 1 }
        return floored
    }
}

/// The comparison operators of PyTorch's tensors; each gives a bool.
public enum ComparisonOperation: String, Sendable, CaseIterable, Hashable {
    case equal, notEqual, less, lessEqual, greater, greaterEqual

    /// Whether `x` and `y` compare as the operator says (every comparison with NaN is false
    /// except `notEqual`).
    @inlinable
    public func apply<Element: Comparable>(_ x: Element, _ y: Element) -> Bool {
        switch self {
        case .equal: x == y
        case .notEqual: x != y
        case .less: x < y
        case .lessEqual: x <= y
        case .greater: x > y
        case .greaterEqual: x >= y
        }
    }
}
