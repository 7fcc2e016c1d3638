/// The right operand of `template % arguments`, which decides how conversions take arguments.
public enum PercentArguments: Equatable, Sendable {
    /// Any operand that is not a tuple (nor a mapping): the one argument.
    case single(FormatValue)
    /// A tuple: one argument per conversion (`*` widths and precisions take one too).
    case tuple([FormatValue])
    /// A mapping, for `%(key)s`: the object itself (what a plain `%s` shows) and its entries.
    /// CPython treats any subscriptable operand other than a tuple or a str this way (lists
    /// too), so such an operand is never "not all converted".
    case mapping(FormatValue, [String: FormatValue])
}

/// printf-style formatting, `template % arguments`, as CPython 3.11's `PyUnicode_Format`.
public enum PercentFormat {
    /// `template % arguments`: conversions `%s %r %a %d %i %u %o %x %X %e %E %f %F %g %G %c %%`,
    /// flags `- + space 0 #`, width and precision (`*` takes them from the arguments), `%(key)`
    /// with a mapping, and the length modifiers `h l L` (ignored).
    public static func format(_ template: String, _ arguments: PercentArguments) throws(PythonFormatError) -> String {
        var formatter = PercentFormatter(template: template, arguments: arguments)
        return try formatter.run()
    }
}

/// The state of one `%` operation: where it is in the template and which argument is next.
private struct PercentFormatter {
    let scalars: [Unicode.Scalar]
    var position = 0
    /// The current argument source: the tuple's items, or one value (the operand, or the value
    /// `%(key)` looked up).
    var items: [FormatValue]
    /// CPython's counters: a tuple counts from 0 to its length; a single value from -2 to -1.
    var argumentIndex: Int
    var argumentCount: Int
    let mapping: [String: FormatValue]?
    var out = String.UnicodeScalarView()

    init(template: String, arguments: PercentArguments) {
        scalars = Array(template.unicodeScalars)
        switch arguments {
        case .tuple(let values):
            (items, argumentIndex, argumentCount, mapping) = (values, 0, values.count, nil)
        case .single(let value):
            (items, argumentIndex, argumentCount, mapping) = ([value], -2, -1, nil)
        case .mapping(let value, let entries):
            (items, argumentIndex, argumentCount, mapping) = ([value], -2, -1, entries)
        }
    }

    mutating func run() throws(PythonFormatError) -> String {
        while position < scalars.count {
            if scalars[position] != "%" {
                let end = scalars[position...].firstIndex(of: "%") ?? scalars.count
                out.append(contentsOf: scalars[position..<end])
                position = end
                continue
            }
            position += 1
            try conversion()
        }
        if argumentIndex < argumentCount && mapping == nil { throw .notAllArgumentsConverted }
        return String(out)
    }

    /// The next character of the template, consumed; nil at its end.
    private mutating func next() -> Unicode.Scalar? {
        guard position < scalars.count else { return nil }
        position += 1
        return scalars[position - 1]
    }

    private mutating func nextArgument() throws(PythonFormatError) -> FormatValue {
        guard argumentIndex < argumentCount else { throw .notEnoughArguments }
        argumentIndex += 1
        return argumentCount < 0 ? items[0] : items[argumentIndex - 1]
    }

    /// One conversion, after its `%`.
    private mutating func conversion() throws(PythonFormatError) {
        if position < scalars.count && scalars[position] == "%" {
            out.append("%")
            position += 1
            return
        }
        if position < scalars.count && scalars[position] == "(" { try selectByKey() }
        var spec = PercentSpec()
        var code = next()
        while let flag = code, let bit = PercentSpec.flag(flag) {
            spec.flags.insert(bit)
            code = next()
        }
        code = try readWidth(code, into: &spec)
        if code == "." { code = try readPrecision(into: &spec) }
        if code == "h" || code == "l" || code == "L" { code = next() }
        guard let code else { throw .incompleteFormat }
        spec.code = code
        let argument = try nextArgument()
        let converted = try spec.convert(argument, at: position - 1)
        spec.output(converted, into: &out)
        if mapping != nil && argumentIndex < argumentCount { throw .notAllArgumentsConverted }
    }

    /// `%(key)`: the argument becomes the mapping's value for the key (parentheses may nest).
    private mutating func selectByKey() throws(PythonFormatError) {
        guard let mapping else { throw .formatRequiresMapping }
        position += 1
        let start = position
        var depth = 1
        while depth > 0, let character = next() {
            if character == ")" { depth -= 1 } else if character == "(" { depth += 1 }
        }
        if depth > 0 { throw .incompleteFormatKey }
        let key = PythonString.string(scalars[start..<(position - 1)])
        guard let value = mapping[key] else { throw .keyError(key) }
        (items, argumentIndex, argumentCount) = ([value], -2, -1)
    }

    /// The width, from digits or `*`; returns the character after it.
    private mutating func readWidth(_ code: Unicode.Scalar?, into spec: inout PercentSpec) throws(PythonFormatError) -> Unicode.Scalar? {
        if code == "*" {
            let width = try starArgument()
            if width < 0 { spec.flags.insert(.leftAlign) }
            spec.width = Int(exactly: width.magnitude) ?? Int.max
            return next()
        }
        return try readDigits(code, into: &spec.width, limit: Int.max, error: .widthTooBig)
    }

    /// The precision after `.`, from digits or `*` (negative counts as 0); returns the character
    /// after it.
    private mutating func readPrecision(into spec: inout PercentSpec) throws(PythonFormatError) -> Unicode.Scalar? {
        spec.precision = 0
        let code = next()
        if code == "*" {
            let precision = try starArgument()
            guard let narrow = Int32(exactly: precision) else { throw .intTooLargeForC }
            spec.precision = Swift.max(0, Int(narrow))
            return next()
        }
        return try readDigits(code, into: &spec.precision, limit: Int(Int32.max), error: .precisionTooBig)
    }

    /// Reads decimal digits starting with `code` into `value` (left alone when there are none).
    private mutating func readDigits(
        _ code: Unicode.Scalar?, into value: inout Int?, limit: Int, error: PythonFormatError
    ) throws(PythonFormatError) -> Unicode.Scalar? {
        var code = code
        while let character = code, let digit = asciiDigit(character) {
            let current = value ?? 0
            if current > (limit - digit) / 10 { throw error }
            value = current * 10 + digit
            code = next()
        }
        return code
    }

    private func asciiDigit(_ scalar: Unicode.Scalar) -> Int? {
        scalar.value >= 48 && scalar.value <= 57 ? Int(scalar.value - 48) : nil
    }

    /// A `*` width or precision: the next argument, which must be an int.
    private mutating func starArgument() throws(PythonFormatError) -> Int {
        switch try nextArgument() {
        case .int(let value): return value
        case .bool(let flag): return flag ? 1 : 0
        default: throw .starWantsInt
        }
    }
}
