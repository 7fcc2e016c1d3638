import BigInt

/// Ints meeting floats as Python has them meet: `float(n)` and true division correctly rounded
/// (round half to even, as CPython's `long_true_divide`), OverflowError where the float has no
/// room, and comparisons exact (`2**53 + 1 == 2.0**53` is False, `10**400 > 1e308` is True).
extension IntegerArithmetic {
    static let tooLargeForFloat = "int too large to convert to float"

    /// `float(n)`, correctly rounded; OverflowError past the largest double.
    static func double(_ n: BigInt, at range: SourceRange) throws(RuntimeError) -> Double {
        let width = n.magnitude.bitWidth
        guard width > 53 else { return Double(n) }
        let shift = Swift.max(width - 55, 0)
        let kept = n.magnitude >> shift
        let inexact = n.magnitude.trailingZeroBitCount < shift
        guard let x = rounded(kept, inexact: inexact, shift: shift) else {
            throw RuntimeError(tooLargeForFloat, at: range, raising: .overflowError)
        }
        return n.sign == .minus ? -x : x
    }

    /// An int as a float where one meets a float or a tensor: a big int converts (or is
    /// Python's OverflowError); everything else is left as it is.
    static func asFloat(_ value: Value, at range: SourceRange) throws(RuntimeError) -> Value {
        guard case .bigInt(let n) = value else { return value }
        return .number(try double(n.value, at: range))
    }

    /// `a / b`, correctly rounded. By zero it is IEEE's infinity, as conv's `1 / 0` is; a
    /// quotient past the largest double is Python's OverflowError.
    static func trueDivide(_ a: BigInt, _ b: BigInt, at range: SourceRange) throws(RuntimeError) -> Double {
        let negative = (a.sign == .minus) != (b.sign == .minus)
        guard !b.isZero else { return a.isZero ? .nan : (a.sign == .minus ? -.infinity : .infinity) }
        guard !a.isZero else { return negative ? -0.0 : 0.0 }
        let (x, y) = (a.magnitude, b.magnitude)
        let difference = x.bitWidth - y.bitWidth
        guard difference <= Double.greatestFiniteMagnitude.exponent + 1 else { throw divisionOverflow(at: range) }
        // Far below the smallest subnormal the quotient is zero.
        guard difference >= Double.leastNonzeroMagnitude.exponent - 1 else { return negative ? -0.0 : 0.0 }
        // 55 bits of quotient (fewer for a subnormal result), then one rounding.
        let shift = Swift.max(difference, Double.leastNormalMagnitude.exponent + 1) - 55
        let (quotient, remainder) = shift > 0
            ? x.quotientAndRemainder(dividingBy: y << shift)
            : (x << -shift).quotientAndRemainder(dividingBy: y)
        guard let result = rounded(quotient, inexact: !remainder.isZero, shift: shift) else { throw divisionOverflow(at: range) }
        return negative ? -result : result
    }

    /// `q · 2^shift` rounded once to a double, half to even, where `inexact` says nonzero bits
    /// were cut below `q`; nil past the largest double. `q` has at most 56 bits.
    private static func rounded(_ q: BigUInt, inexact: Bool, shift: Int) -> Double? {
        var q = UInt64(q)
        let width = UInt64.bitWidth - q.leadingZeroBitCount
        // The bits a double cannot keep: beyond 53, or below the smallest subnormal's.
        let extra = Swift.max(width, Double.leastNonzeroMagnitude.exponent + 53 - shift) - 53
        if extra > 0 {
            // Half to even: up when the bit below the last kept one is set and either anything
            // below it or the last kept bit is (CPython's `long_true_divide`).
            let half: UInt64 = 1 << (extra - 1)
            let low = q | (inexact ? 1 : 0)
            if low & half != 0, low & (3 * half - 1) != 0 { q += half }
            q &= ~(2 * half - 1)
        }
        let result = Double(sign: .plus, exponent: shift, significand: Double(q))
        return result.isFinite ? result : nil
    }

    private static func divisionOverflow(at range: SourceRange) -> RuntimeError {
        RuntimeError("integer division result too large for a float", at: range, raising: .overflowError)
    }

    // MARK: - Comparing with floats

    /// `int op float` (or `float op int`) compared exactly, as Python does; nil unless the
    /// operator is a comparison between an int (or bool) and a float.
    static func exactComparison(_ op: BinaryOperator, _ left: Value, _ right: Value) -> Value? {
        guard [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual].contains(op) else { return nil }
        let order: Int?
        switch (left, right) {
        case (.number(let x), _):
            guard let n = operand(right) else { return nil }
            order = compare(n, x).map { -$0 }
        case (_, .number(let x)):
            guard let n = operand(left) else { return nil }
            order = compare(n, x)
        default: return nil
        }
        guard let order else { return .bool(op == .notEqual) }  // NaN: only != holds
        return switch op {
        case .equal: .bool(order == 0)
        case .notEqual: .bool(order != 0)
        case .less: .bool(order < 0)
        case .lessEqual: .bool(order <= 0)
        case .greater: .bool(order > 0)
        default: .bool(order >= 0)  // greaterEqual
        }
    }

    /// The order of an int and a float, exactly: negative, zero or positive; nil for NaN.
    static func compare(_ n: Operand, _ x: Double) -> Int? {
        guard !x.isNaN else { return nil }
        guard x.isFinite else { return x > 0 ? -1 : 1 }
        let floor = x.rounded(.down)
        let integral = floor == x
        let order: Int
        if case .small(let i) = n, let f = Int(exactly: floor) {
            order = i < f ? -1 : (i == f ? 0 : 1)
        } else if let f = BigInt(exactly: floor) {
            let big = n.big
            order = big < f ? -1 : (big == f ? 0 : 1)
        } else {
            return nil
        }
        // n == floor(x) < x when x has a fraction.
        return order == 0 && !integral ? -1 : order
    }

    /// The order of two ints, or of an int and a float, exactly (a NaN is neither less nor
    /// greater); nil when `x` and `y` are not such a pair.
    static func order(_ x: Value, _ y: Value) -> Int? {
        switch (operand(x), operand(y), x, y) {
        case (.small(let a)?, .small(let b)?, _, _): return a < b ? -1 : (a == b ? 0 : 1)
        case (let a?, let b?, _, _):
            let (p, q) = (a.big, b.big)
            return p < q ? -1 : (p == q ? 0 : 1)
        case (let a?, nil, _, .number(let f)): return compare(a, f) ?? 0
        case (nil, let b?, .number(let f), _): return compare(b, f).map { -$0 } ?? 0
        default: return nil
        }
    }

    /// Whether an int equals a float exactly, as Python compares them (no rounding of the int).
    static func equal(_ n: Operand, _ x: Double) -> Bool { compare(n, x) == 0 }
}
