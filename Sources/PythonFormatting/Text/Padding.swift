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
        try padded(text, left: 0, right: shortfall(text, width), fill: checkedFill(fill))
    }

    /// `text.rjust(width, fill)`.
    public static func rjust(_ text: String, _ width: Int, fill: String = " ") throws(PythonFormatError) -> String {
        try padded(text, left: shortfall(text, width), right: 0, fill: checkedFill(fill))
    }

    /// `text.zfill(width)`: zeros on the left, after a leading `+` or `-`.
    public static func zfill(_ text: String, _ width: Int) throws(PythonFormatError) -> String {
        var scalars = Array(text.unicodeScalars)
        let fill = shortfall(text, width)
        guard fill > 0 else { return text }
        if width > PythonString.maximumLength { throw .resultTooLarge }
        scalars.insert(contentsOf: repeatElement("0", count: fill), at: 0)
        if fill < scalars.count && (scalars[fill] == "+" || scalars[fill] == "-") {
            scalars[0] = scalars[fill]
            scalars[fill] = "0"
        }
        return string(scalars[...])
    }

    /// How many code points `text` lacks to reach `width` (none when it is wide enough, whatever
    /// the width, even `Int.min`).
    private static func shortfall(_ text: String, _ width: Int) -> Int {
        let length = text.unicodeScalars.count
        return width > length ? width - length : 0
    }

    /// The fill character, which must be exactly one code point.
    private static func checkedFill(_ fill: String) throws(PythonFormatError) -> Unicode.Scalar {
        let scalars = fill.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first else { throw .fillCharacterNotSingle }
        return scalar
    }

    private static func padded(_ text: String, left: Int, right: Int, fill scalar: Unicode.Scalar) throws(PythonFormatError) -> String {
        if left == 0 && right == 0 { return text }
        if left > PythonString.maximumLength || right > PythonString.maximumLength { throw .resultTooLarge }
        return repeated(scalar, left) + text + repeated(scalar, right)
    }
}
