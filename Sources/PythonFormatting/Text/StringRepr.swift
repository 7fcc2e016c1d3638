extension PythonString {
    /// `repr(text)`: single quotes unless the text holds `'` and no `"`; `\\`, `\t`, `\n`, `\r`
    /// and the quote escaped; other control characters and non-printable characters as `\xhh`,
    /// `\uhhhh` or `\Uhhhhhhhh`; printable non-ASCII characters as they are.
    public static func repr(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let quote: Unicode.Scalar = scalars.contains("'") && !scalars.contains("\"") ? "\"" : "'"
        var out = String.UnicodeScalarView()
        out.append(quote)
        for scalar in scalars {
            switch scalar {
            case quote, "\\": out.append("\\"); out.append(scalar)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (!scalar.isASCII && !isPrintable(scalar)) {
                    out.append(contentsOf: escaped(scalar).unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        out.append(quote)
        return String(out)
    }

    /// `ascii(text)` of a repr: each non-ASCII character escaped (`backslashreplace`).
    static func escapingNonASCII(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII { out.append(scalar) } else { out.append(contentsOf: escaped(scalar).unicodeScalars) }
        }
        return String(out)
    }

    /// `\xhh`, `\uhhhh` or `\Uhhhhhhhh`, by the code point's size.
    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        let (marker, digits) = scalar.value < 0x100 ? ("x", 2) : scalar.value < 0x10000 ? ("u", 4) : ("U", 8)
        let hex = String(scalar.value, radix: 16)
        return "\\" + marker + String(repeating: "0", count: digits - hex.count) + hex
    }

    /// `str.isprintable()` of one character: the space, or anything outside the categories
    /// "Other" (C*) and "Separator" (Z*).
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned,
             .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return false
        default:
            return true
        }
    }
}
