/// `format(value, spec)`: Python's format-spec mini-language, for the values CPython 3.11 formats
/// itself (`int.__format__`, `float.__format__`, `str.__format__`, and `bool` as an int).
public enum PythonFormat {
    /// `format(value, spec)`. An empty spec gives `str(value)`; None and other objects accept
    /// only the empty spec, as `object.__format__` does.
    public static func format(_ value: FormatValue, spec: String) throws(PythonFormatError) -> String {
        if spec.isEmpty { return try value.checkedStr() }
        switch value {
        case .int(let integer): return try format(integer, spec: spec)
        case .bigInt(let digits): return try formatInteger(.big(digits), spec: spec, typeName: "int")
        case .bool(let flag): return try formatInteger(.small(flag ? 1 : 0), spec: spec, typeName: "bool")
        case .float(let number): return try format(number, spec: spec)
        case .string(let text): return try format(text, spec: spec)
        case .none, .object: throw .unsupportedFormatString(typeName: value.typeName)
        }
    }

    /// `format(value, spec)` for an `int`: types `b c d o x X n`, and `e E f F g G %` through
    /// `float(value)`; no type means `d`.
    public static func format(_ value: Int, spec: String) throws(PythonFormatError) -> String {
        spec.isEmpty ? String(value) : try formatInteger(.small(value), spec: spec, typeName: "int")
    }

    /// `format(value, spec)` for a `float`: types `e E f F g G n %`; no type is like `g` with at
    /// least one digit after the point, and like `repr` when there is no precision either.
    public static func format(_ value: Double, spec: String) throws(PythonFormatError) -> String {
        if spec.isEmpty { return PythonFloat.repr(value) }
        let parsed = try FormatSpec(parsing: spec, typeName: "float", defaultType: "\0")
        switch parsed.type ?? "\0" {
        case "\0", "e", "E", "f", "F", "g", "G", "n", "%": return try formatFloat(value, parsed)
        case let code: throw .unknownFormatCode(code, typeName: "float")
        }
    }

    /// `format(value, spec)` for a `str`: type `s` (or none); padding, alignment, truncation by
    /// precision; counts code points, as Python does.
    public static func format(_ value: String, spec: String) throws(PythonFormatError) -> String {
        if spec.isEmpty { return value }
        let parsed = try FormatSpec(parsing: spec, typeName: "str", defaultType: "s")
        if let code = parsed.type, code != "s" { throw .unknownFormatCode(code, typeName: "str") }
        let resolved = parsed.resolved(numeric: false)
        if let sign = resolved.sign { throw .signNotAllowedInString(space: sign == .space) }
        if resolved.noNegativeZero { throw .negativeZeroCoercionNotAllowed(kind: "string") }
        if resolved.alternate { throw .alternateFormNotAllowedInString }
        if resolved.align == "=" { throw .equalsAlignmentNotAllowedInString }
        try resolved.checkLengths(precisionAddsDigits: false)
        var scalars = Substring(value).unicodeScalars
        if let precision = resolved.precision, scalars.count > precision {
            scalars = scalars.prefix(precision)
        }
        return pad(String.UnicodeScalarView(scalars), resolved)
    }

    /// `format(value, spec)` for a `bool`: `True`/`False` with an empty spec, else as the int.
    public static func format(_ value: Bool, spec: String) throws(PythonFormatError) -> String {
        try format(FormatValue.bool(value), spec: spec)
    }

    /// `calc_padding`: the text padded with the fill to the width, by `<`, `>` or `^`.
    static func pad(_ text: String.UnicodeScalarView, _ spec: ResolvedSpec) -> String {
        let padding = Swift.max(0, (spec.width ?? 0) - text.count)
        let left = spec.align == ">" ? padding : spec.align == "^" ? padding / 2 : 0
        return PythonString.repeated(spec.fill, left) + String(text) + PythonString.repeated(spec.fill, padding - left)
    }
}

extension PythonFormat {
    private static func formatInteger(_ value: IntegerOperand, spec: String, typeName: String) throws(PythonFormatError) -> String {
        let parsed = try FormatSpec(parsing: spec, typeName: typeName, defaultType: "d")
        switch parsed.type ?? "d" {
        case "b", "c", "d", "o", "x", "X", "n": return try formatIntegral(value, parsed)
        case "e", "E", "f", "F", "g", "G", "%": return try formatFloat(value.asFloat(), parsed)
        case let code: throw .unknownFormatCode(code, typeName: typeName)
        }
    }

    /// `format_long_internal`.
    private static func formatIntegral(_ value: IntegerOperand, _ parsed: FormatSpec) throws(PythonFormatError) -> String {
        let spec = parsed.resolved(numeric: true)
        if spec.precision != nil { throw .precisionNotAllowedInInteger }
        if spec.noNegativeZero { throw .negativeZeroCoercionNotAllowed(kind: "integer") }
        try spec.checkLengths(precisionAddsDigits: false)
        let type = spec.type ?? "d"
        if type == "c" {
            if spec.sign != nil { throw .signNotAllowedWithC }
            if spec.alternate { throw .alternateFormNotAllowedWithC }
            guard let value = value.small else { throw .intTooLargeForCLong }
            guard value >= 0, value <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(value)) else {
                throw .characterOutOfRange
            }
            return NumberField(negative: false, prefix: "", digits: "", remainder: String(scalar)).render(spec)
        }
        let (radix, prefix): (Int, String) = switch type {
        case "b": (2, "0b")
        case "o": (8, "0o")
        case "x": (16, "0x")
        case "X": (16, "0X")
        default: (10, "")
        }
        let digits = try value.digits(radix: radix, uppercase: type == "X")
        let field = NumberField(
            negative: value.negative, prefix: spec.alternate ? prefix : "", digits: digits, remainder: "")
        return field.render(spec, groupSize: radix == 10 ? 3 : 4)
    }

    /// `format_float_internal`.
    private static func formatFloat(_ value: Double, _ parsed: FormatSpec) throws(PythonFormatError) -> String {
        let spec = parsed.resolved(numeric: true)
        if let precision = spec.precision, precision > Int(Int32.max) { throw .precisionTooBig }
        try spec.checkLengths(precisionAddsDigits: true)
        var value = value
        var text = FloatText(style: .general, alternate: spec.alternate, noNegativeZero: spec.noNegativeZero)
        var defaultPrecision = 6
        var percent = false
        switch spec.type ?? "\0" {
        case "\0":
            text.style = spec.precision == nil ? .shortest : .general
            text.addDotZero = true
            defaultPrecision = 0
        case "e", "E": text.style = .exponent
        case "f", "F": text.style = .fixed
        case "%":
            text.style = .fixed
            value *= 100
            percent = true
        default: text.style = .general
        }
        if let code = spec.type { text.uppercase = code == "E" || code == "F" || code == "G" }
        text.precision = spec.precision ?? defaultPrecision
        return NumberField(floatText: text.text(value) + (percent ? "%" : "")).render(spec)
    }
}
