import BigInt

/// Python's `int` beyond 64 bits, the payload of ``Value/bigInt(_:)``.
///
/// An int has one form: ``Value/int(_:)`` whenever it fits in 64 bits, this only when it does
/// not (``Value/integer(_:)`` chooses), so that equality, hashing and dict keys compare like
/// with like. A class, so that a `Value` stays as small as its other cases make it.
public final class BigInteger: Sendable {
    /// The value, always outside `Int`'s range.
    let value: BigInt

    fileprivate init(_ value: BigInt) { self.value = value }

    /// Its decimal digits, with a `-` before a negative one.
    public var description: String { String(value) }
}

extension BigInteger: Hashable {
    public static func == (a: BigInteger, b: BigInteger) -> Bool { a.value == b.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

extension Value {
    /// The int `n` in its one form: `.int` when it fits in 64 bits, `.bigInt` otherwise.
    static func integer(_ n: BigInt) -> Value {
        if let small = Int(exactly: n) { return .int(small) }
        return .bigInt(BigInteger(n))
    }

    /// The int of `digits` in `radix`, in its one form; nil when they are not digits of it.
    static func integer(digits: some StringProtocol, radix: Int) -> Value? {
        BigInt(digits, radix: radix).map(integer)
    }
}
