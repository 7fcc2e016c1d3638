extension PythonString {
    /// `text.center(width, fill)`: when the padding is odd, the extra character goes left only
    /// if `width` is odd too (CPython's rule).
    public static func center(_ text: String, _ width: Int, fill: String = " ") throws(PythonFormatError) -> String {
        let length = text.unicodeScalars.count
        let scalar = try checkedFill(fill)
        guard width > length else { return text }
        let margin = width - length
        let left = margin / 2 + (margin & width & 1)
        return try padded(text, left: left, right: margin - left, fill: scalar)
    }

    /// `text.ljust(width, fill)`.
    public static func ljust(_ text: String, _ width: Int, fill: String = " ") throws(PythonFormatError) -> String {
        try padded(text, left: 0, right: Swift.max(0, width - text.unicodeScalars.count), fill: checkedFill(fill))
    }

    /// `text.rjust(width, fill)`.
    public static func rjust(_ text: String, _ width: Int, fill: String = " ") throws(PythonFormatError) -> String {
        try padded(text, left: Swift.max(0, width - text.unicodeScalars.count), right: 0, fill: checkedFill(fill))
    }

    /// `text.zfill(width)`: zeros on the left, after a leading `+` or `-`.
    public static func zfill(_ text: String, _ width: Int) throws(PythonFormatError) -> String {
        var scalars = Array(text.unicodeScalars)
        let fill = width - scalars.count
        guard fill > 0 else { return text }
        if width > FormatSpec.maximumLength { throw .resultTooLarge }
        scalars.insert(contentsOf: repeatElement("0", count: fill), at: 0)
        if fill < scalars.count && (scalars[fill] == "+" || scalars[fill] == "-") {
            scalars[0] = scalars[fill]
            scalars[fill] = "0"
        }
        return string(scalars[...])
    }

    /// The fill character, which must be exactly one code point.
    private static func checkedFill(_ fill: String) throws(PythonFormatError) -> Unicode.Scalar {
        let scalars = fill.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first else { throw .fillCharacterNotSingle }
        return scalar
    }

    private static func padded(_ text: String, left: Int, right: Int, fill scalar: Unicode.Scalar) throws(PythonFormatError) -> String {
        if left == 0 && right == 0 { return text }
        if left > FormatSpec.maximumLength || right > FormatSpec.maximumLength { throw .resultTooLarge }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: repeatElement(scalar, count: left))
        out.append(contentsOf: text.unicodeScalars)
        out.append(contentsOf: repeatElement(scalar, count: right))
        return String(out)
    }
}
