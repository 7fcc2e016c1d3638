import BigInt
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Python's `int` arithmetic, unbounded as Python's is: exact, with Python's floor rules for
/// `//` and `%`, `/` giving a correctly rounded float, `**` staying an int for a non-negative
/// exponent, and the bitwise operators on two's-complement values of any width.
///
/// Two 64-bit operands take the fast path; a result that overflows it, or any operand beyond 64
/// bits, is computed with ``BigInt`` and comes back in its one form (``Value/integer(_:)``).
/// Work that grows with the operands' size is bounded before it starts: a result's size against
/// the memory budget, and its cost counted as evaluation steps (``IntegerWork``), so that
/// `2 ** 10 ** 10` ends with a limit's diagnostic rather than running for hours.
enum IntegerArithmetic {
    /// An int operand: 64 bits, or more.
    enum Operand {
        case small(Int)
        case big(BigInt)

        var big: BigInt {
            switch self {
            case .small(let i): BigInt(i)
            case .big(let n): n
            }
        }
    }

    /// The int an int, a big int or a bool stands for (`True + 1 == 2`); nil for anything else.
    static func operand(_ value: Value) -> Operand? {
        switch value {
        case .int(let i): .small(i)
        case .bool(let b): .small(b ? 1 : 0)
        case .bigInt(let n): .big(n.value)
        default: nil
        }
    }

    /// `left op right` for two ints; nil for operators ints do not have.
    static func binary(_ op: BinaryOperator, _ left: Operand, _ right: Operand, at range: SourceRange,
                       context: EvaluationContext) throws(RuntimeError) -> Value? {
        if case .small(let a) = left, case .small(let b) = right, let result = try small(op, a, b, at: range) {
            return result
        }
        return try big(op, left.big, right.big, at: range, context: context)
    }

    /// `-x`: -(−2^63) is the one negation that leaves 64 bits.
    static func negate(_ x: Operand) -> Value {
        if case .small(let i) = x, i != .min { return .int(-i) }
        return .integer(-x.big)
    }

    /// `~x`, which is `-(x + 1)` for every int.
    static func invert(_ x: Operand) -> Value {
        if case .small(let i) = x { return .int(~i) }
        return .integer(~x.big)
    }

    /// `abs(x)`.
    static func absolute(_ x: Operand) -> Value {
        if case .small(let i) = x, i != .min { return .int(Swift.abs(i)) }
        return .integer(BigInt(x.big.magnitude))
    }

    // MARK: - 64 bits

    /// The fast path: nil when the result leaves 64 bits (or needs the exact path: a true
    /// division of operands past 2^53), so that the big path computes it.
    private static func small(_ op: BinaryOperator, _ left: Int, _ right: Int, at range: SourceRange) throws(RuntimeError) -> Value? {
        switch op {
        case .add: return fitting(left.addingReportingOverflow(right))
        case .subtract: return fitting(left.subtractingReportingOverflow(right))
        case .multiply: return fitting(left.multipliedReportingOverflow(by: right))
        // Both exact as doubles: one IEEE division is correctly rounded. By zero it follows IEEE
        // (inf, nan) as floats and tensors do in conv, so `1 / 0` still shows `inf`.
        case .divide:
            guard left.magnitude <= 1 << 53, right.magnitude <= 1 << 53 else { return nil }
            return .number(Double(left) / Double(right))
        case .floorDivide: return try floorDivide(left, right, at: range).map { .int($0.quotient) }
        case .remainder:
            guard right != 0 else { throw moduloByZero(at: range) }
            return try floorDivide(left, right, at: range).map { .int($0.remainder) }
        case .power: return power(left, right)
        case .equal: return .bool(left == right)
        case .notEqual: return .bool(left != right)
        case .less: return .bool(left < right)
        case .lessEqual: return .bool(left <= right)
        case .greater: return .bool(left > right)
        case .greaterEqual: return .bool(left >= right)
        case .bitAnd: return .int(left & right)
        case .bitOr: return .int(left | right)
        case .bitXor: return .int(left ^ right)
        case .shiftLeft:
            guard right >= 0 else { throw negativeShift(at: range) }
            guard right < Int.bitWidth - 1, left == (left << right) >> right else { return nil }
            return .int(left << right)
        case .shiftRight:
            guard right >= 0 else { throw negativeShift(at: range) }
            return .int(left >> Swift.min(right, Int.bitWidth - 1))
        default: return nil
        }
    }

    /// Python's `divmod` on 64 bits: the quotient rounds toward negative infinity and the
    /// remainder takes the sign of the divisor (`-7 // 2 == -4`, `-7 % 2 == 1`); nil for the one
    /// quotient that leaves 64 bits, `Int.min // -1`.
    static func floorDivide(_ left: Int, _ right: Int, at range: SourceRange) throws(RuntimeError) -> (quotient: Int, remainder: Int)? {
        guard right != 0 else { throw zeroDivision("integer division or modulo by zero", at: range) }
        let (quotient, overflow) = left.dividedReportingOverflow(by: right)
        guard !overflow else { return nil }
        let remainder = left - quotient * right
        if remainder != 0, (remainder < 0) != (right < 0) { return (quotient - 1, remainder + right) }
        return (quotient, remainder)
    }

    /// `base ** exponent` on 64 bits by squaring: a float for a negative exponent
    /// (`2 ** -1 == 0.5`; `0 ** -1` is inf, as true division by zero is); nil on overflow.
    private static func power(_ base: Int, _ exponent: Int) -> Value? {
        guard exponent >= 0 else { return .number(pow(Double(base), Double(exponent))) }
        var result = 1, factor = base, remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 {
                let (product, overflow) = result.multipliedReportingOverflow(by: factor)
                guard !overflow else { return nil }
                result = product
            }
            remaining >>= 1
            if remaining > 0 {
                let (square, overflow) = factor.multipliedReportingOverflow(by: factor)
                guard !overflow else { return nil }
                factor = square
            }
        }
        return .int(result)
    }

    private static func fitting(_ result: (partialValue: Int, overflow: Bool)) -> Value? {
        result.overflow ? nil : .int(result.partialValue)
    }

    // MARK: - Any size

    private static func big(_ op: BinaryOperator, _ a: BigInt, _ b: BigInt, at range: SourceRange,
                            context: EvaluationContext) throws(RuntimeError) -> Value? {
        let work = IntegerWork(context: context, range: range)
        try work.linear(a, b)
        switch op {
        case .add: return .integer(a + b)
        case .subtract: return .integer(a - b)
        case .multiply: return .integer(try work.product(a, b))
        case .divide: return .number(try trueDivide(a, b, at: range))
        case .floorDivide: return .integer(try work.floorDivide(a, b).quotient)
        case .remainder:
            guard !b.isZero else { throw moduloByZero(at: range) }
            return .integer(try work.floorDivide(a, b).remainder)
        case .power:
            guard b.sign == .plus || b.isZero else { return .number(try floatPower(a, b, at: range)) }
            return .integer(try work.power(a, b))
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .less: return .bool(a < b)
        case .lessEqual: return .bool(a <= b)
        case .greater: return .bool(a > b)
        case .greaterEqual: return .bool(a >= b)
        case .bitAnd: return .integer(a & b)
        case .bitOr: return .integer(a | b)
        case .bitXor: return .integer(a ^ b)
        case .shiftLeft:
            guard b.sign == .plus || b.isZero else { throw negativeShift(at: range) }
            return .integer(try work.shiftLeft(a, b))
        case .shiftRight:
            guard b.sign == .plus || b.isZero else { throw negativeShift(at: range) }
            // Past the operand's width every bit is its sign.
            guard let shift = Int(exactly: b), shift <= a.magnitude.bitWidth else { return .int(a.sign == .minus ? -1 : 0) }
            // Python's shift floors; BigInt's rounds a negative value toward zero.
            return .integer(a.sign == .minus ? ~(~a >> shift) : a >> shift)
        default: return nil
        }
    }

    /// `a ** b` for a negative `b`: Python computes it in floats, so an operand too large for a
    /// float is its OverflowError.
    private static func floatPower(_ a: BigInt, _ b: BigInt, at range: SourceRange) throws(RuntimeError) -> Double {
        pow(try double(a, at: range), try double(b, at: range))
    }

    /// Python's floor division and remainder on ints of any size; by zero, ZeroDivisionError.
    static func floorDivmod(_ a: BigInt, _ b: BigInt, at range: SourceRange) throws(RuntimeError) -> (quotient: BigInt, remainder: BigInt) {
        guard !b.isZero else { throw zeroDivision("integer division or modulo by zero", at: range) }
        var (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
        if !remainder.isZero, (remainder.sign == .minus) != (b.sign == .minus) {
            quotient -= 1
            remainder += b
        }
        return (quotient, remainder)
    }

    /// `x % 0`, worded as Python 3.11 words it (`//` and `divmod` say "division or modulo").
    private static func moduloByZero(at range: SourceRange) -> RuntimeError {
        zeroDivision("integer modulo by zero", at: range)
    }

    private static func negativeShift(at range: SourceRange) -> RuntimeError {
        RuntimeError("negative shift count", at: range, raising: .valueError)
    }

    /// Python's ZeroDivisionError: made in this one place so that exceptions can recognise it.
    static func zeroDivision(_ message: String, at range: SourceRange) -> RuntimeError {
        RuntimeError(message, at: range, raising: .zeroDivisionError)
    }
}

extension IntegerArithmetic {
    /// `a + b`, in whichever form the sum needs.
    static func sum(_ a: Int, _ b: Int) -> Value {
        let (total, overflow) = a.addingReportingOverflow(b)
        return overflow ? .integer(BigInt(a) + BigInt(b)) : .int(total)
    }

    /// PyTorch's refusal of an int beyond 64 bits where it wants a C `long long` (a tensor
    /// element, a size, a hyper-parameter), as its ValueError words it.
    static func unpackingOverflow(_ what: String, at range: SourceRange) -> RuntimeError {
        // PyTorch's own words, so `str(e)` reads as PyTorch's; what overflowed goes in a note.
        RuntimeError("Overflow when unpacking long long", at: range, notes: ["\(what) is an int beyond 64 bits"], raising: .valueError)
    }

    /// Whether a list (or the lists inside it) holds an int beyond 64 bits.
    static func holdsBigInt(_ items: [Value], depth: Int = 0) -> Bool {
        guard depth < PythonList.deepestNesting else { return false }
        return items.contains { item in
            switch item {
            case .bigInt: true
            case .list(let list): holdsBigInt(list.items, depth: depth + 1)
            case .tuple(let inner): holdsBigInt(inner, depth: depth + 1)
            default: false
            }
        }
    }
}
