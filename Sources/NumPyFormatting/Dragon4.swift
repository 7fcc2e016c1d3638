import PythonFormatting

/// NumPy's texts of one finite float in its `unique` mode (`np.format_float_positional` and
/// `np.format_float_scientific` with `unique=True`): the shortest digits that read back as the
/// value in its own dtype, cut to `precision` digits when there are more, rounding the exact
/// binary value half to even there as Dragon4 does.
enum Dragon4 {
    /// A float split as NumPy pads it: the part before the point (with its sign), the digits
    /// after it, and for scientific texts the decimal exponent.
    struct Parts {
        var integer: String
        var fraction: String
        var exponent = 0
    }

    /// The shortest round-trip digits of `value` in its dtype.
    static func shortest(_ value: Double, isFloat32: Bool) -> DecimalDigits {
        isFloat32 ? DecimalDigits.shortest(Float(value)) : DecimalDigits.shortest(value)
    }

    /// `dragon4_positional(value, precision=precision, unique=True, trim='.')`.
    static func positional(_ value: Double, isFloat32: Bool, precision: Int?) -> Parts {
        var number = shortest(value, isFloat32: isFloat32)
        if let precision, number.digits.count - number.point > precision {
            number = DecimalDigits.exact(value).roundedToFraction(precision)
        }
        let sign = value.sign == .minus ? "-" : ""
        let integerDigits = (0..<Swift.max(number.point, 1)).map { position in
            number.point <= 0 ? 0 : digit(number, position)
        }
        let fractionCount = Swift.max(number.digits.count - number.point, 0)
        let fractionDigits = (0..<fractionCount).map { digit(number, number.point + $0) }
        return Parts(integer: sign + text(integerDigits), fraction: number.isZero ? "" : text(fractionDigits))
    }

    /// `dragon4_scientific(value, precision=precision, unique=True, trim='.')`: one digit, the
    /// point, the rest, and the exponent (zero's is 0).
    /// With `minimumDigits`, a shorter text goes on with the exact value's further digits
    /// (rounded at the last), as NumPy's `min_digits` does, and ends in zeros only where the
    /// exact value does: a float32 column shows `1.00849862e+09`, not its shortest `1.0084986e+09`
    /// padded.
    static func scientific(_ value: Double, isFloat32: Bool, precision: Int?, minimumDigits: Int = 0) -> Parts {
        var number = shortest(value, isFloat32: isFloat32)
        if let precision, number.digits.count - 1 > precision {
            number = DecimalDigits.exact(value).roundedToSignificant(precision + 1)
        }
        if number.digits.count - 1 < minimumDigits, !number.isZero {
            number = DecimalDigits.exact(value).roundedToSignificant(minimumDigits + 1)
        }
        let sign = value.sign == .minus ? "-" : ""
        var fraction = Array(number.digits.dropFirst())
        fraction += [UInt8](repeating: 0, count: Swift.max(minimumDigits - fraction.count, 0))
        return Parts(integer: sign + text([number.digits[0]]), fraction: text(fraction),
                     exponent: number.isZero ? 0 : number.point - 1)
    }

    /// The exponent as NumPy writes it: `e`, its sign, and at least `digits` digits.
    static func exponentText(_ exponent: Int, digits: Int) -> String {
        let magnitude = String(Swift.abs(exponent))
        let padding = String(repeating: "0", count: Swift.max(digits - magnitude.utf8.count, 0))
        return "e" + (exponent < 0 ? "-" : "+") + padding + magnitude
    }

    /// `str` of a NumPy float scalar (`np.float64`, `np.float32`): Python's repr layout, with
    /// the dtype's shortest digits: `2.5`, `1.0`, `1e+20`, `1e-05`, `nan`, `-inf`.
    static func scalarText(_ value: Double, isFloat32: Bool) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let number = shortest(value, isFloat32: isFloat32)
        let sign = value.sign == .minus ? "-" : ""
        if !number.isZero, number.point <= -4 || number.point > 16 {
            let fraction = text(Array(number.digits.dropFirst()))
            return sign + text([number.digits[0]]) + (fraction.isEmpty ? "" : "." + fraction)
                + exponentText(number.point - 1, digits: 2)
        }
        let parts = positional(value, isFloat32: isFloat32, precision: nil)
        return parts.integer + "." + (parts.fraction.isEmpty ? "0" : parts.fraction)
    }

    /// The digit at `position` of the number's digits extended with zeros both ways.
    private static func digit(_ number: DecimalDigits, _ position: Int) -> UInt8 {
        position >= 0 && position < number.digits.count ? number.digits[position] : 0
    }

    private static func text(_ digits: [UInt8]) -> String {
        String(decoding: digits.map { UInt8(ascii: "0") + $0 }, as: UTF8.self)
    }
}
