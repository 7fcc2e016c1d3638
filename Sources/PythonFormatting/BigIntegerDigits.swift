/// An `int` beyond 64 bits as formatting needs it. This module has no big-integer type of its
/// own, so the owner of the value hands over its texts: the hexadecimal digits (from which the
/// other power-of-two bases follow in linear time), the decimal ones while Python would still
/// convert them, and the nearest float.
public struct BigIntegerDigits: Equatable, Sendable {
    /// Whether the value is below zero.
    public var negative: Bool
    /// The magnitude's hexadecimal digits, lowercase, without leading zeros.
    public var hexadecimal: String
    /// The magnitude's decimal digits; nil past ``maximumDigits``, where Python 3.11 refuses the
    /// conversion (``PythonFormatError/exceedsDigitLimit``).
    public var decimal: String?
    /// The value correctly rounded to a float; nil past the largest one.
    public var float: Double?

    /// Python 3.11's default limit on the digits of an int converted to or from decimal text.
    public static let maximumDigits = 4300

    public init(negative: Bool, hexadecimal: String, decimal: String?, float: Double?) {
        self.negative = negative
        self.hexadecimal = hexadecimal
        self.decimal = decimal
        self.float = float
    }

    /// `str(n)`, or Python's ValueError past the digit limit.
    public func decimalText() throws(PythonFormatError) -> String {
        guard let decimal else { throw .exceedsDigitLimit }
        return (negative ? "-" : "") + decimal
    }

    /// The magnitude's digits in base 2, 8, 10 or 16.
    func digits(radix: Int, uppercase: Bool) throws(PythonFormatError) -> String {
        switch radix {
        case 16: return uppercase ? hexadecimal.uppercased() : hexadecimal
        case 2, 8: return Self.regrouped(hexadecimal, bitsPerDigit: radix == 2 ? 1 : 3)
        default:
            guard let decimal else { throw .exceedsDigitLimit }
            return decimal
        }
    }

    /// `float(n)`, or Python's OverflowError past the largest float.
    func asFloat() throws(PythonFormatError) -> Double {
        guard let float else { throw .intTooLargeForFloat }
        return float
    }

    /// The bits of hexadecimal digits read again `bitsPerDigit` at a time (binary or octal).
    private static func regrouped(_ hex: String, bitsPerDigit: Int) -> String {
        var bits: [UInt8] = []
        bits.reserveCapacity(hex.utf8.count * 4)
        for scalar in hex.unicodeScalars {
            let value = UInt8(Character(scalar).hexDigitValue ?? 0)
            for shift in stride(from: 3, through: 0, by: -1) { bits.append((value >> UInt8(shift)) & 1) }
        }
        let padding = (bitsPerDigit - bits.count % bitsPerDigit) % bitsPerDigit
        bits.insert(contentsOf: repeatElement(0, count: padding), at: 0)
        var digits: [UInt8] = []
        digits.reserveCapacity(bits.count / bitsPerDigit)
        for start in stride(from: 0, to: bits.count, by: bitsPerDigit) {
            let digit = bits[start..<start + bitsPerDigit].reduce(0) { $0 << 1 | $1 }
            if digits.isEmpty && digit == 0 { continue }
            digits.append(UInt8(ascii: "0") + digit)
        }
        return digits.isEmpty ? "0" : String(decoding: digits, as: UTF8.self)
    }
}

/// An int being formatted: 64 bits, or more (``BigIntegerDigits``).
enum IntegerOperand {
    case small(Int)
    case big(BigIntegerDigits)

    var negative: Bool {
        switch self {
        case .small(let value): value < 0
        case .big(let digits): digits.negative
        }
    }

    /// The magnitude's digits in `radix` (2, 8, 10 or 16).
    func digits(radix: Int, uppercase: Bool) throws(PythonFormatError) -> String {
        switch self {
        case .small(let value): String(value.magnitude, radix: radix, uppercase: uppercase)
        case .big(let digits): try digits.digits(radix: radix, uppercase: uppercase)
        }
    }

    /// `float(n)`.
    func asFloat() throws(PythonFormatError) -> Double {
        switch self {
        case .small(let value): Double(value)
        case .big(let digits): try digits.asFloat()
        }
    }

    /// The value as an `Int`, when it is one (for `c`).
    var small: Int? {
        if case .small(let value) = self { value } else { nil }
    }
}
