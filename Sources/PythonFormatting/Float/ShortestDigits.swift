extension DecimalDigits {
    /// The shortest digits that read back as `magnitude` (finite; sign ignored), and of those the
    /// closest to it: what CPython's `repr` prints (`_Py_dg_dtoa` mode 0).
    ///
    /// The digits are read from Swift's `description`, which makes the same choice (the standard
    /// library's shortest round-trip conversion picks the closest of the shortest candidates and
    /// respects the narrower gap below a power of two); only its layout differs from Python's, and
    /// layout is done here from the digits and exponent. Reading them back is cheaper and safer
    /// than a second shortest-digits algorithm, and the test table checks thousands of random
    /// doubles against python3.
    public static func shortest(_ magnitude: Double) -> DecimalDigits {
        let value = Swift.abs(magnitude)
        guard value != 0, value.isFinite else { return .zero }
        return parse(value.description) ?? exact(value).roundedToSignificant(17)
    }

    /// The shortest digits that read back as the float32 `magnitude` (finite; sign ignored), the
    /// closest of them: what NumPy prints for a float32 element. Swift's `Float.description`
    /// makes the same choice for binary32 as for binary64.
    public static func shortest(_ magnitude: Float) -> DecimalDigits {
        let value = Swift.abs(magnitude)
        guard value != 0, value.isFinite else { return .zero }
        return parse(value.description) ?? exact(Double(value)).roundedToSignificant(9)
    }

    /// `[-]digits[.digits][e±exponent]` as digits and point; nil for anything else.
    private static func parse(_ text: String) -> DecimalDigits? {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let parsed = Int(text[text.index(after: e)...]) else { return nil }
            exponent = parsed
            mantissa = text[..<e]
        }
        if mantissa.first == "-" { mantissa = mantissa.dropFirst() }
        var digits: [UInt8] = []
        var integerDigits: Int?
        for character in mantissa {
            if character == "." {
                guard integerDigits == nil else { return nil }
                integerDigits = digits.count
            } else if let digit = character.wholeNumberValue, character.isASCII {
                digits.append(UInt8(digit))
            } else {
                return nil
            }
        }
        guard !digits.isEmpty else { return nil }
        return DecimalDigits(digits: digits, point: (integerDigits ?? digits.count) + exponent).trimmed()
    }
}
