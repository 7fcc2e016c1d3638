/// A parsed format spec, `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`, as
/// CPython's `parse_internal_render_format_spec` reads it. What the fill and alignment default to
/// depends on the kind of value (numbers align right and `0` pads after the sign; strings align
/// left), so the parse keeps what was written and `resolved(numeric:)` applies the defaults.
struct FormatSpec {
    enum Sign: Equatable { case plus, minus, space }
    enum Grouping: Equatable {
        case comma, underscore
        var character: Character { self == .comma ? "," : "_" }
    }

    /// The fill character, when one was written before an alignment.
    var fill: Unicode.Scalar?
    /// `<`, `>`, `^` or `=`, when written.
    var align: Character?
    var sign: Sign?
    /// `z`: negative zero shows as zero.
    var noNegativeZero = false
    /// `#`: alternate form.
    var alternate = false
    /// `0` before the width: zero padding (only when no fill was written).
    var zeroPadding = false
    var width: Int?
    var grouping: Grouping?
    var precision: Int?
    /// The presentation type, when written (a NUL written as the type is kept as NUL).
    var type: Unicode.Scalar?

    /// Parses `text` for a value of type `typeName` (named in errors) whose presentation type
    /// defaults to `defaultType` (checked against a grouping, as CPython does).
    init(parsing text: String, typeName: String, defaultType: Unicode.Scalar) throws(PythonFormatError) {
        let scalars = Array(text.unicodeScalars)
        var position = 0
        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            position + offset < scalars.count ? scalars[position + offset] : nil
        }
        if let second = peek(1), Self.isAlignment(second), let first = peek() {
            fill = first
            align = Character(second)
            position += 2
        } else if let first = peek(), Self.isAlignment(first) {
            align = Character(first)
            position += 1
        }
        switch peek() {
        case "+": sign = .plus; position += 1
        case "-": sign = .minus; position += 1
        case " ": sign = .space; position += 1
        default: break
        }
        if peek() == "z" { noNegativeZero = true; position += 1 }
        if peek() == "#" { alternate = true; position += 1 }
        if fill == nil && peek() == "0" { zeroPadding = true; position += 1 }
        width = try Self.integer(scalars, &position)
        if peek() == "," { grouping = .comma; position += 1 }
        if peek() == "_" {
            if grouping != nil { throw .commaAndUnderscore }
            grouping = .underscore
            position += 1
        }
        if peek() == "," && grouping == .underscore { throw .commaAndUnderscore }
        if peek() == "." {
            position += 1
            guard let digits = try Self.integer(scalars, &position) else { throw .missingPrecision }
            precision = digits
        }
        if scalars.count - position > 1 {
            throw .invalidFormatSpecifier(spec: text, typeName: typeName)
        }
        type = peek()
        try checkGrouping(type ?? defaultType)
    }

    /// PEP 378 and PEP 515: `,` with decimal types, `_` also with `b o x X`.
    private func checkGrouping(_ type: Unicode.Scalar) throws(PythonFormatError) {
        guard let grouping else { return }
        switch type {
        case "d", "e", "f", "g", "E", "G", "%", "F", "\0": return
        case "b", "o", "x", "X":
            if grouping == .underscore { return }
            throw .separatorNotAllowed(separator: grouping.character, type: type)
        default: throw .separatorNotAllowed(separator: grouping.character, type: type)
        }
    }

    private static func isAlignment(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "<" || scalar == ">" || scalar == "=" || scalar == "^"
    }

    /// A run of decimal digits (any Unicode decimal digit, as CPython accepts), or nil if there
    /// is none; too many digits for `Py_ssize_t` is an error.
    static func integer(_ scalars: [Unicode.Scalar], _ position: inout Int) throws(PythonFormatError) -> Int? {
        var value: Int?
        while position < scalars.count, let digit = decimalValue(scalars[position]) {
            value = try appending(digit, to: value ?? 0)
            position += 1
        }
        return value
    }

    /// `value * 10 + digit`, or CPython's error when that exceeds `Py_ssize_t`.
    static func appending(_ digit: Int, to value: Int) throws(PythonFormatError) -> Int {
        let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times10.addingReportingOverflow(digit)
        if overflow1 || overflow2 { throw .tooManyDecimalDigits }
        return sum
    }

    /// The value of a Unicode decimal digit (`Py_UNICODE_TODECIMAL`), else nil.
    static func decimalValue(_ scalar: Unicode.Scalar) -> Int? {
        if scalar.isASCII {
            return scalar.value >= 48 && scalar.value <= 57 ? Int(scalar.value - 48) : nil
        }
        guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue else {
            return nil
        }
        return Int(value)
    }
}

extension FormatSpec {
    /// The spec with CPython's defaults applied: `fill` and `align` are always set. Numbers align
    /// right, and `0` alone means fill with zeros after the sign (`=`); strings align left.
    func resolved(numeric: Bool) -> ResolvedSpec {
        let defaultAlign: Character = numeric ? ">" : "<"
        var align = self.align ?? defaultAlign
        if zeroPadding && self.align == nil && defaultAlign == ">" { align = "=" }
        return ResolvedSpec(
            fill: fill ?? (zeroPadding ? "0" : " "), align: align, sign: sign,
            noNegativeZero: noNegativeZero, alternate: alternate, width: width,
            grouping: grouping, precision: precision, type: type)
    }
}

/// A format spec with the fill and alignment its value's kind implies.
struct ResolvedSpec {
    var fill: Unicode.Scalar
    var align: Character
    var sign: FormatSpec.Sign?
    var noNegativeZero: Bool
    var alternate: Bool
    var width: Int?
    var grouping: FormatSpec.Grouping?
    var precision: Int?
    var type: Unicode.Scalar?

    /// Throws when the width (or, where it adds digits, the precision) would build a string too
    /// large to hold.
    func checkLengths(precisionAddsDigits: Bool) throws(PythonFormatError) {
        let precisionLength = precisionAddsDigits ? (precision ?? 0) : 0
        if (width ?? 0) > PythonString.maximumLength || precisionLength > PythonString.maximumLength {
            throw .resultTooLarge
        }
    }
}
