import BigInt
import PythonFormatting

/// Ints as text, as Python 3.11 writes and reads them: decimal up to its limit of 4300 digits
/// (past it `str(n)`, `print(n)` and `int(text)` are its ValueError; conv offers no
/// `sys.set_int_max_str_digits`: hexadecimal, `f"{n:x}"`, has no limit), and the other bases at
/// any size.
enum IntegerText {
    /// 10^4300: an int at or past it has more digits than Python converts.
    private static let firstTooLong = BigUInt(10).power(BigIntegerDigits.maximumDigits)

    /// The decimal digits of `n`, with its sign; nil past the limit.
    static func decimal(_ n: BigInt) -> String? {
        n.magnitude < firstTooLong ? String(n) : nil
    }

    /// The text conv shows where it cannot raise (its own display, JSON): the digits, or a
    /// summary past the limit.
    static func display(_ n: BigInteger) -> String {
        decimal(n.value) ?? "<int of \(n.value.magnitude.bitWidth) bits, more than \(BigIntegerDigits.maximumDigits) digits>"
    }

    /// What ``PythonFormatting`` needs to format `n` with any spec.
    static func digits(_ n: BigInteger) -> BigIntegerDigits {
        let value = n.value
        let float = try? IntegerArithmetic.double(value, at: SourceRange(start: 0, end: 0))
        return BigIntegerDigits(negative: value.sign == .minus, hexadecimal: String(value.magnitude, radix: 16),
                                decimal: decimal(BigInt(value.magnitude)), float: float)
    }

    /// Python's ValueError for `str(n)` past the limit.
    static func tooManyDigits(at range: SourceRange) -> RuntimeError {
        RuntimeError(PythonFormatError.exceedsDigitLimit.message, at: range, raising: .valueError)
    }

    /// Refuses, as Python's `str` and `repr` do, a value that is or holds an int past the limit.
    static func checkConvertible(_ value: Value, at range: SourceRange) throws(RuntimeError) {
        if !isConvertible(value) { throw tooManyDigits(at: range) }
    }

    /// Whether Python's `str` converts `value`: no int in it is past the digit limit.
    static func isConvertible(_ value: Value) -> Bool { convertible(value, depth: 0) }

    private static func convertible(_ value: Value, depth: Int) -> Bool {
        guard depth < PythonList.deepestNesting else { return true }
        switch value {
        case .bigInt(let n): return n.value.magnitude < firstTooLong
        case .tuple(let items): return items.allSatisfy { convertible($0, depth: depth + 1) }
        case .list(let list): return list.items.allSatisfy { convertible($0, depth: depth + 1) }
        case .dict(let dict):
            return dict.keys.allSatisfy { convertible($0, depth: depth + 1) } && dict.values.allSatisfy { convertible($0, depth: depth + 1) }
        default: return true
        }
    }

    // MARK: - Reading

    /// `int(text, base)`: Python's syntax (sign, spaces around, `_` between digits, a `0x`/`0o`/
    /// `0b` prefix matching the base, or any of them with base 0); nil when malformed. Decimal
    /// text past the digit limit is the ValueError of ``tooManyDigits(at:)``.
    static func parse(_ text: String, base: Int, at range: SourceRange) throws(RuntimeError) -> Value? {
        var body = Substring(text.trimmingWhitespace)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        var radix = base
        let lowered = body.lowercased()
        let prefixes: [(String, Int)] = [("0x", 16), ("0o", 8), ("0b", 2)]
        if let (_, prefixRadix) = prefixes.first(where: { lowered.hasPrefix($0.0) }), base == 0 || base == prefixRadix {
            radix = prefixRadix
            body = body.dropFirst(2)
            if body.first == "_" { body = body.dropFirst() }  // `0x_ff` is allowed
        } else if base == 0 {
            radix = 10
            // Base 0 reads as a literal would: no leading zeros but for zero itself.
            if body.first == "0", body.contains(where: { $0 != "0" && $0 != "_" }) { return nil }
        }
        guard !body.isEmpty, body.first != "_", body.last != "_", !body.contains("__") else { return nil }
        let digits = body.filter { $0 != "_" }
        guard digits.allSatisfy({ digitValue($0).map { $0 < radix } == true }) else { return nil }
        // Python limits every base but the powers of two.
        if radix & (radix - 1) != 0, digits.count > BigIntegerDigits.maximumDigits {
            throw RuntimeError("Exceeds the limit (\(BigIntegerDigits.maximumDigits) digits) for integer string conversion: value has \(digits.count) digits; use sys.set_int_max_str_digits() to increase the limit",
                               at: range, raising: .valueError)
        }
        // ``BigInt`` reads bases up to 35; base 36 (at most 4300 digits) digit by digit.
        var magnitude: BigInt = 0
        if radix < 36 {
            guard let parsed = BigInt(digits, radix: radix) else { return nil }
            magnitude = parsed
        } else {
            for character in digits { magnitude = magnitude * 36 + BigInt(digitValue(character) ?? 0) }
        }
        return .integer(negative ? -magnitude : magnitude)
    }

    /// The value of an ASCII digit or letter (`a` and `A` are 10, `z` 35).
    private static func digitValue(_ character: Character) -> Int? {
        guard let ascii = character.asciiValue else { return nil }
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(ascii - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(ascii - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(ascii - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }
}
