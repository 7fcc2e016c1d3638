/// CPython's text of a double (`PyOS_double_to_string`): repr, and the `e`, `f`, `g` styles that
/// format specs and `%`-formatting share. The sign is `-` or nothing; callers add `+` or ` `.
struct FloatText {
    /// How the digits are chosen and laid out.
    enum Style {
        /// `e`: one digit, the point, `precision` digits, an exponent.
        case exponent
        /// `f`: `precision` digits after the point.
        case fixed
        /// `g`: `precision` significant digits, exponent outside 1e-4 ..< 10^precision.
        case general
        /// repr: the shortest round-trip digits, exponent outside 1e-4 ..< 1e16.
        case shortest
    }

    var style: Style
    var precision: Int = 0
    /// `E`, `F`, `G`: `E`, `INF`, `NAN`.
    var uppercase = false
    /// Python's "no type": an integral value keeps `.0`, and `g` switches to an exponent one
    /// digit earlier (`Py_DTSF_ADD_DOT_0`).
    var addDotZero = false
    /// `#`: keep the point and (for `g`) trailing zeros (`Py_DTSF_ALT`).
    var alternate = false
    /// `z`: a result that shows as zero loses its minus sign (`Py_DTSF_NO_NEG_0`).
    var noNegativeZero = false

    /// The text of `value`.
    func text(_ value: Double) -> String {
        let negative = value.sign == .minus
        if value.isNaN { return uppercase ? "NAN" : "nan" }
        if value.isInfinite { return (negative ? "-" : "") + (uppercase ? "INF" : "inf") }
        let digits = self.digits(Swift.abs(value))
        let showsMinus = negative && !(noNegativeZero && digits.isZero)
        return (showsMinus ? "-" : "") + layout(digits)
    }

    /// The digits `dtoa` returns for this style.
    private func digits(_ magnitude: Double) -> DecimalDigits {
        switch style {
        case .shortest: return .shortest(magnitude)
        case .exponent: return DecimalDigits.exact(magnitude).roundedToSignificant(precision + 1)
        case .general: return DecimalDigits.exact(magnitude).roundedToSignificant(Swift.max(precision, 1))
        case .fixed: return DecimalDigits.exact(magnitude).roundedToFraction(precision)
        }
    }

    /// `format_float_short`: the digits, padded with zeros on either side as the style asks, a
    /// point, and maybe an exponent. The output is the slice `start ..< end` of the digits
    /// extended with zeros both ways, with the point after position `point`.
    private func layout(_ number: DecimalDigits) -> String {
        let precision = style == .general ? Swift.max(self.precision, 1) : self.precision
        var point = number.point
        var end = number.digits.count
        var useExponent = false
        switch style {
        case .exponent:
            useExponent = true
            end = precision + 1
        case .fixed:
            end = point + precision
        case .general:
            useExponent = point <= -4 || point > (addDotZero ? precision - 1 : precision)
            if alternate { end = precision }
        case .shortest:
            useExponent = point <= -4 || point > 16
        }
        var exponent = 0
        if useExponent {
            exponent = point - 1
            point = 1
        }
        let start = point <= 0 ? point - 1 : 0
        end = Swift.max(end, !useExponent && addDotZero ? point + 1 : point)

        // ASCII bytes: a precision may ask for millions of digits.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start + 8)
        for position in start..<end {
            if position == point { bytes.append(UInt8(ascii: ".")) }
            let inDigits = position >= 0 && position < number.digits.count
            bytes.append(UInt8(ascii: "0") + (inDigits ? number.digits[position] : 0))
        }
        if end == point && alternate { bytes.append(UInt8(ascii: ".")) }
        var text = String(decoding: bytes, as: UTF8.self)
        if useExponent {
            let magnitude = String(Swift.abs(exponent))
            text += (uppercase ? "E" : "e") + (exponent < 0 ? "-" : "+")
            text += (magnitude.count < 2 ? "0" : "") + magnitude
        }
        return text
    }
}

/// Python's `repr` and `str` of floats.
public enum PythonFloat {
    /// `repr(value)` (and `str(value)`): `0.30000000000000004`, `1e+16`, `1e-05`, `-0.0`,
    /// `inf`, `nan`, `100.0`.
    public static func repr(_ value: Double) -> String {
        FloatText(style: .shortest, addDotZero: true).text(value)
    }
}
