extension PythonString {
    /// `str.isspace()` of one character: CPython's whitespace, which is Unicode's White_Space
    /// plus the information separators U+001C...U+001F (bidirectional class B or S).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// A line boundary for `str.splitlines()`.
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x1C...0x1E, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    private static func isDecimalCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.numericType == .decimal
    }

    private static func isDigitCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.numericType == .decimal || scalar.properties.numericType == .digit
    }

    private static func isAlphaCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// True when `text` is not empty and every character passes `test`, as Python's `is...`
    /// methods are defined.
    private static func all(_ text: String, _ test: (Unicode.Scalar) -> Bool) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy(test)
    }

    /// `str.isspace()`.
    public static func isSpace(_ text: String) -> Bool { all(text, isWhitespace) }
    /// `str.isdigit()`: decimal digits and other digits (superscripts, circled digits).
    public static func isDigit(_ text: String) -> Bool { all(text, isDigitCharacter) }
    /// `str.isdecimal()`: decimal digits of any script.
    public static func isDecimal(_ text: String) -> Bool { all(text, isDecimalCharacter) }
    /// `str.isnumeric()`: any character with a numeric value (fractions, numerals too).
    public static func isNumeric(_ text: String) -> Bool { all(text) { $0.properties.numericType != nil } }
    /// `str.isalpha()`: letters (categories Lu, Ll, Lt, Lm, Lo).
    public static func isAlpha(_ text: String) -> Bool { all(text, isAlphaCharacter) }
    /// `str.isalnum()`: letters and numeric characters.
    public static func isAlnum(_ text: String) -> Bool {
        all(text) { isAlphaCharacter($0) || $0.properties.numericType != nil }
    }

    /// `str.isupper()`: at least one cased character, and no lowercase or titlecase one.
    public static func isUpper(_ text: String) -> Bool {
        hasCasedOnly(text, allowed: \.isUppercase, refused: \.isLowercase)
    }

    /// `str.islower()`: at least one cased character, and no uppercase or titlecase one.
    public static func isLower(_ text: String) -> Bool {
        hasCasedOnly(text, allowed: \.isLowercase, refused: \.isUppercase)
    }

    private static func hasCasedOnly(
        _ text: String, allowed: KeyPath<Unicode.Scalar.Properties, Bool>,
        refused: KeyPath<Unicode.Scalar.Properties, Bool>
    ) -> Bool {
        var cased = false
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if properties[keyPath: refused] || properties.generalCategory == .titlecaseLetter { return false }
            if properties[keyPath: allowed] { cased = true }
        }
        return cased
    }
}
