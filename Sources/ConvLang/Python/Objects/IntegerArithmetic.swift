#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Python's `int` arithmetic on 64-bit integers: exact, with Python's floor rules for `//` and
/// `%`, `/` giving a float, and `**` staying an int for a non-negative exponent. `//` and `%` by
/// zero are Python's ZeroDivisionError (an int has no infinity to give).
///
/// Every operation is overflow-checked: past ±2^63 the result is a located error rather than a
/// trap or a silent wrap, since CPython would have given the exact (big) integer.
enum IntegerArithmetic {
    static let overflowMessage = "integer overflow: conv's integers hold values up to 2^63 − 1"

    /// `left op right` for two ints (bools count as 0 and 1); nil for operators ints do not have.
    static func binary(_ op: BinaryOperator, _ left: Int, _ right: Int, at range: SourceRange) throws(RuntimeError) -> Value? {
        switch op {
        case .add: return .int(try checked(left.addingReportingOverflow(right), at: range))
        case .subtract: return .int(try checked(left.subtractingReportingOverflow(right), at: range))
        case .multiply: return .int(try checked(left.multipliedReportingOverflow(by: right), at: range))
        // True division gives a float; by zero it follows IEEE (inf, nan) as floats and tensors do
        // in conv, so `1 / 0` still shows `inf` and `0 / 0` makes a NaN on purpose.
        case .divide: return .number(Double(left) / Double(right))
        case .floorDivide: return .int(try floorDivide(left, right, at: range).quotient)
        case .remainder: return .int(try floorDivide(left, right, at: range).remainder)
        case .power: return try power(left, right, at: range)
        case .equal: return .bool(left == right)
        case .notEqual: return .bool(left != right)
        case .less: return .bool(left < right)
        case .lessEqual: return .bool(left <= right)
        case .greater: return .bool(left > right)
        case .greaterEqual: return .bool(left >= right)
        default: return nil
        }
    }

    /// `-x`, checked: -(−2^63) does not fit.
    static func negate(_ x: Int, at range: SourceRange) throws(RuntimeError) -> Value {
        .int(try checked(Int(0).subtractingReportingOverflow(x), at: range))
    }

    /// Python's `divmod`: the quotient rounds toward negative infinity and the remainder takes
    /// the sign of the divisor (`-7 // 2 == -4`, `-7 % 2 == 1`).
    static func floorDivide(_ left: Int, _ right: Int, at range: SourceRange) throws(RuntimeError) -> (quotient: Int, remainder: Int) {
        guard right != 0 else { throw zeroDivision("integer division or modulo by zero", at: range) }
        // Int.min / -1 is the one quotient that overflows.
        let (quotient, overflow) = left.dividedReportingOverflow(by: right)
        guard !overflow else { throw RuntimeError(overflowMessage, at: range, raising: .overflowError) }
        let remainder = left - quotient * right
        if remainder != 0, (remainder < 0) != (right < 0) { return (quotient - 1, remainder + right) }
        return (quotient, remainder)
    }

    /// `base ** exponent`: an int for exponents ≥ 0 (by squaring, checked), a float for negative
    /// ones (`2 ** -1 == 0.5`; `0 ** -1` is inf, as true division by zero is).
    static func power(_ base: Int, _ exponent: Int, at range: SourceRange) throws(RuntimeError) -> Value {
        guard exponent >= 0 else { return .number(pow(Double(base), Double(exponent))) }
        var result = 1, factor = base, remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result = try checked(result.multipliedReportingOverflow(by: factor), at: range) }
            remaining >>= 1
            if remaining > 0 { factor = try checked(factor.multipliedReportingOverflow(by: factor), at: range) }
        }
        return .int(result)
    }

    /// Whether an int equals a float exactly, as Python compares them (no rounding of the int).
    static func equal(_ integer: Int, _ float: Double) -> Bool {
        guard float.isFinite, float.rounded() == float, let exact = Int(exactly: float) else { return false }
        return exact == integer
    }

    private static func checked(_ result: (partialValue: Int, overflow: Bool), at range: SourceRange) throws(RuntimeError) -> Int {
        guard !result.overflow else { throw RuntimeError(overflowMessage, at: range, raising: .overflowError) }
        return result.partialValue
    }

    /// Python's ZeroDivisionError: made in this one place so that exceptions can recognise it.
    static func zeroDivision(_ message: String, at range: SourceRange) -> RuntimeError {
        RuntimeError(message, at: range, raising: .zeroDivisionError)
    }
}
