/// One `%` conversion: its flags, width, precision and conversion character, and how CPython
/// turns an argument into text for it (`unicode_format_arg_format`) and pads that text
/// (`unicode_format_arg_output`).
struct PercentSpec {
    struct Flags: OptionSet {
        let rawValue: UInt8
        static let leftAlign = Flags(rawValue: 1)
        static let sign = Flags(rawValue: 2)
        static let blank = Flags(rawValue: 4)
        static let alternate = Flags(rawValue: 8)
        static let zero = Flags(rawValue: 16)
    }

    var flags: Flags = []
    var width: Int?
    var precision: Int?
    var code: Unicode.Scalar = "s"

    static func flag(_ character: Unicode.Scalar) -> Flags? {
        switch character {
        case "-": .leftAlign
        case "+": .sign
        case " ": .blank
        case "#": .alternate
        case "0": .zero
        default: nil
        }
    }

    /// The text of a conversion, and whether it is a number (whose sign the padding handles).
    struct Converted {
        var text: String
        var numeric: Bool
    }

    /// The argument's text for this conversion; `index` is the conversion character's place in
    /// the template, for the error on an unknown one.
    func convert(_ argument: FormatValue, at index: Int) throws(PythonFormatError) -> Converted {
        if (width ?? 0) > PythonString.maximumLength { throw .resultTooLarge }
        // A numeric conversion reads an object that stands for a number as that number (a 0-d
        // tensor's item); `o`, `x`, `X` and `c` take only an integer one (`__index__`).
        var argument = argument
        if code != "s", code != "r", code != "a", case .object(let object) = argument, let number = object.number {
            if case .float = number, code == "o" || code == "x" || code == "X" || code == "c" {} else { argument = number }
        }
        switch code {
        case "s": return Converted(text: try argument.checkedStr(), numeric: false)
        case "r": return Converted(text: try argument.checkedStr(repr: true), numeric: false)
        case "a": return Converted(text: argument.ascii, numeric: false)
        case "d", "i", "u", "o", "x", "X": return Converted(text: try integerText(argument), numeric: true)
        case "e", "E", "f", "F", "g", "G": return Converted(text: try floatText(argument), numeric: true)
        case "c": return Converted(text: try character(argument), numeric: false)
        default: throw .unsupportedFormatCharacter(code, index: index)
        }
    }

    /// `mainformatlong` and `_PyUnicode_FormatLong`: the integer in its base, the precision as a
    /// minimum number of digits, `#` adding `0o`/`0x`/`0X`.
    private func integerText(_ argument: FormatValue) throws(PythonFormatError) -> String {
        let hexOrOctal = code == "o" || code == "x" || code == "X"
        let negative: Bool
        var digits: String
        switch argument {
        case .int(let value):
            negative = value < 0
            digits = String(value.magnitude, radix: code == "o" ? 8 : hexOrOctal ? 16 : 10, uppercase: code == "X")
        case .bigInt(let big):
            negative = big.negative
            digits = try IntegerOperand.big(big).digits(radix: code == "o" ? 8 : hexOrOctal ? 16 : 10, uppercase: code == "X")
        case .bool(let flag):
            negative = false
            digits = flag ? "1" : "0"
        case .float(let value) where !hexOrOctal:
            if value.isNaN { throw .cannotConvertNaN }
            if value.isInfinite { throw .cannotConvertInfinity }
            digits = Self.integerDigits(of: value)
            negative = value < 0 && digits != "0"
        default:
            if hexOrOctal { throw .integerRequired(code: code, typeName: argument.typeName) }
            throw .realNumberRequired(code: code, typeName: argument.typeName)
        }
        let precision = self.precision ?? 0
        if precision > PythonString.maximumLength { throw .resultTooLarge }
        if precision > digits.count { digits = String(repeating: "0", count: precision - digits.count) + digits }
        let prefix = flags.contains(.alternate) && hexOrOctal ? "0" + String(Character(code)) : ""
        return (negative ? "-" : "") + prefix + digits
    }

    /// The decimal digits of `int(value)`, exactly (a double's integer part may be 309 digits).
    private static func integerDigits(of value: Double) -> String {
        let exact = DecimalDigits.exact(value)
        guard exact.point > 0, !exact.isZero else { return "0" }
        var text = ""
        for position in 0..<exact.point {
            text.append(position < exact.digits.count ? Character(String(exact.digits[position])) : "0")
        }
        return text
    }

    /// `formatfloat`: the `e`, `f` or `g` text with the precision (6 when none), `#` kept.
    private func floatText(_ argument: FormatValue) throws(PythonFormatError) -> String {
        let value: Double
        switch argument {
        case .float(let number): value = number
        case .int(let integer): value = Double(integer)
        case .bigInt(let big): value = try big.asFloat()
        case .bool(let flag): value = flag ? 1 : 0
        default: throw .mustBeRealNumber(typeName: argument.typeName)
        }
        let precision = self.precision ?? 6
        if precision > PythonString.maximumLength { throw .resultTooLarge }
        let style: FloatText.Style = switch code {
        case "e", "E": .exponent
        case "f", "F": .fixed
        default: .general
        }
        let text = FloatText(
            style: style, precision: precision, uppercase: code == "E" || code == "F" || code == "G",
            alternate: flags.contains(.alternate))
        return text.text(value)
    }

    /// `formatchar`: a one-character string, or an int in `range(0x110000)`.
    private func character(_ argument: FormatValue) throws(PythonFormatError) -> String {
        switch argument {
        case .string(let text):
            guard text.unicodeScalars.count == 1 else { throw .characterRequired }
            return text
        case .int(let value):
            guard value >= 0, value <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(value)) else {
                throw .characterOutOfRange
            }
            return String(scalar)
        case .bool(let flag):
            return flag ? "\u{1}" : "\u{0}"
        case .bigInt:
            throw .characterOutOfRange
        default:
            throw .characterRequired
        }
    }

    /// `unicode_format_arg_output`: truncation by precision for `s r a`, then the sign, the
    /// `0x`-style prefix and the padding. Zero padding applies to numbers only, and goes between
    /// the sign (and prefix) and the digits.
    func output(_ converted: Converted, into out: inout String.UnicodeScalarView) {
        let scalars = Array(converted.text.unicodeScalars)
        var length = scalars.count
        var width = self.width ?? -1
        let precision = self.precision ?? -1
        let signFlags = flags.contains(.sign) || flags.contains(.blank)
        if width <= length && (precision == -1 || precision >= length) && !signFlags {
            out.append(contentsOf: scalars)
            return
        }
        if (code == "s" || code == "r" || code == "a") && precision >= 0 && length > precision {
            length = precision
        }
        let fill: Unicode.Scalar = converted.numeric && flags.contains(.zero) ? "0" : " "
        var start = 0
        var sign: Unicode.Scalar?
        if converted.numeric {
            if let first = scalars.first, first == "-" || first == "+" {
                sign = first
                length -= 1
                start = 1
            } else if flags.contains(.sign) {
                sign = "+"
            } else if flags.contains(.blank) {
                sign = " "
            }
        }
        width = Swift.max(width, length)
        if let sign {
            if fill != " " { out.append(sign) }
            if width > length { width -= 1 }
        }
        let prefixed = flags.contains(.alternate) && (code == "x" || code == "X" || code == "o")
        if prefixed {
            if fill != " " {
                out.append(contentsOf: scalars[start..<(start + 2)])
                start += 2
            }
            width = Swift.max(0, width - 2)
            length -= 2
        }
        if width > length && !flags.contains(.leftAlign) {
            out.append(contentsOf: PythonString.repeated(fill, width - length).unicodeScalars)
            width = length
        }
        if fill == " " {
            if let sign { out.append(sign) }
            if prefixed {
                out.append(contentsOf: scalars[start..<(start + 2)])
                start += 2
            }
        }
        out.append(contentsOf: scalars[start..<(start + length)])
        out.append(contentsOf: PythonString.repeated(" ", width - length).unicodeScalars)
    }
}
