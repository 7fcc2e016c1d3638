/// What a template needs from whoever fills it: the arguments, lookups on them, conversions and
/// formatting. The evaluator of a language implements this for its own values; `FormatArguments`
/// implements it for this module's `FormatValue`.
public protocol FormatFieldResolver {
    /// The values fields refer to.
    associatedtype Value
    /// The resolver's own error type; the template's errors are wrapped by `failure(_:)`.
    associatedtype Failure: Error

    /// The template's own error (a syntax error, met where CPython meets it) as a `Failure`.
    func failure(_ error: PythonFormatError) -> Failure
    /// The argument a field names (`{0}`, `{}` already numbered, `{name}`).
    func argument(_ argument: FieldArgument) throws(Failure) -> Value
    /// `value.name`.
    func attribute(_ name: String, of value: Value) throws(Failure) -> Value
    /// `value[index]` (`[3]`) or `value['key']` (`[key]`).
    func item(_ accessor: FieldAccessor, of value: Value) throws(Failure) -> Value
    /// `!s`, `!r` or `!a` applied to the value.
    func convert(_ value: Value, _ conversion: FieldConversion) throws(Failure) -> Value
    /// `format(value, spec)`.
    func format(_ value: Value, spec: String) throws(Failure) -> String
}

extension FormatTemplate {
    /// The filled template (`template.format(...)`): each field looked up, converted and
    /// formatted in order, raising the first error in the order CPython raises it.
    public func render<Resolver: FormatFieldResolver>(with resolver: Resolver) throws(Resolver.Failure) -> String {
        try Self.render(segments, with: resolver)
    }

    private static func render<Resolver: FormatFieldResolver>(
        _ segments: [Segment], with resolver: Resolver
    ) throws(Resolver.Failure) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case .literal(let text): out += text
            case .error(let error): throw resolver.failure(error)
            case .field(let field): out += try render(field, with: resolver)
            }
        }
        return out
    }

    /// `output_markup`: the argument, its lookups, the conversion, the spec (its nested fields
    /// filled), then `format`.
    private static func render<Resolver: FormatFieldResolver>(
        _ field: ReplacementField, with resolver: Resolver
    ) throws(Resolver.Failure) -> String {
        var value = try resolver.argument(field.argument)
        for accessor in field.accessors {
            switch accessor {
            case .attribute(let name): value = try resolver.attribute(name, of: value)
            case .index, .key: value = try resolver.item(accessor, of: value)
            case .invalid(let error): throw resolver.failure(error)
            }
        }
        if let conversion = field.conversion {
            if case .unknown(let code) = conversion { throw resolver.failure(.unknownConversion(code)) }
            value = try resolver.convert(value, conversion)
        }
        let spec = try render(field.spec, with: resolver)
        return try resolver.format(value, spec: spec)
    }
}

/// The arguments of `template.format(*positional, **keywords)` as this module's values, filling
/// templates with CPython's behaviour for them: strings index by code point, other values have
/// no items, and no value has attributes here (their owner resolves attributes).
public struct FormatArguments: FormatFieldResolver, Sendable {
    public var positional: [FormatValue]
    public var keywords: [String: FormatValue]

    public init(_ positional: [FormatValue] = [], keywords: [String: FormatValue] = [:]) {
        self.positional = positional
        self.keywords = keywords
    }

    public func failure(_ error: PythonFormatError) -> PythonFormatError { error }

    public func argument(_ argument: FieldArgument) throws(PythonFormatError) -> FormatValue {
        switch argument {
        case .positional(let index):
            guard index < positional.count else { throw .replacementIndexOutOfRange(index) }
            return positional[index]
        case .keyword(let name):
            guard let value = keywords[name] else { throw .keyError(name) }
            return value
        }
    }

    public func attribute(_ name: String, of value: FormatValue) throws(PythonFormatError) -> FormatValue {
        throw .noAttribute(typeName: value.typeName, name: name)
    }

    public func item(_ accessor: FieldAccessor, of value: FormatValue) throws(PythonFormatError) -> FormatValue {
        guard case .string(let text) = value else { throw .notSubscriptable(typeName: value.typeName) }
        guard case .index(let index) = accessor else { throw .stringIndicesMustBeIntegers(keyTypeName: "str") }
        return .string(try PythonString.character(text, at: index))
    }

    public func convert(_ value: FormatValue, _ conversion: FieldConversion) throws(PythonFormatError) -> FormatValue {
        try conversion.apply(to: value)
    }

    public func format(_ value: FormatValue, spec: String) throws(PythonFormatError) -> String {
        try PythonFormat.format(value, spec: spec)
    }
}
