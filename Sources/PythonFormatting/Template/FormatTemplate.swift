/// A `str.format` template, parsed as CPython 3.11's `MarkupIterator` and `field_name_split`
/// read it: literal text, and replacement fields `{name.attr[key]!conversion:spec}` whose spec
/// may hold nested fields (`{v:{w}.{p}f}`), with automatic numbering resolved (`{}` is `{0}`, then
/// `{1}`, across nested specs too).
///
/// CPython parses a template while it fills it, so a syntax error late in a template is raised
/// only after the fields before it were looked up and formatted (and their errors win). Parsing
/// here never fails: the first error becomes a `.error` segment (or an `.invalid` accessor) at the
/// place CPython would raise it, and parsing stops there; `render` raises it when it gets there.
public struct FormatTemplate: Equatable, Sendable {
    /// The template's parts, in order.
    public var segments: [Segment]

    /// A part of a template or of a nested spec.
    public enum Segment: Equatable, Sendable {
        /// Text copied as it is (`{{` and `}}` already undoubled).
        case literal(String)
        /// A replacement field.
        case field(ReplacementField)
        /// The error CPython raises on reaching this point; always the last segment.
        case error(PythonFormatError)
    }

    /// Parses `template`.
    public init(parsing template: String) {
        var parser = TemplateParser(scalars: Array(template.unicodeScalars))
        segments = parser.segments(in: 0..<parser.scalars.count, depth: 2)
    }
}

/// One `{...}` of a template.
public struct ReplacementField: Equatable, Sendable {
    /// Which argument: by position (automatic numbers resolved) or by keyword.
    public var argument: FieldArgument
    /// `.name` and `[key]` lookups, applied in order.
    public var accessors: [FieldAccessor]
    /// `!s`, `!r`, `!a` (or an unknown one, an error once the value is looked up).
    public var conversion: FieldConversion?
    /// The format spec: literal text and nested fields, made into the spec text when rendered.
    public var spec: [FormatTemplate.Segment]

    public init(
        argument: FieldArgument, accessors: [FieldAccessor] = [], conversion: FieldConversion? = nil,
        spec: [FormatTemplate.Segment] = []
    ) {
        self.argument = argument
        self.accessors = accessors
        self.conversion = conversion
        self.spec = spec
    }
}

/// The first part of a field name.
public enum FieldArgument: Equatable, Sendable {
    /// `{}` (numbered automatically) or `{0}`: a positional argument.
    case positional(Int)
    /// `{name}`: a keyword argument.
    case keyword(String)
}

/// A lookup after the first part of a field name.
public enum FieldAccessor: Equatable, Sendable {
    /// `.name`: `getattr(value, name)`.
    case attribute(String)
    /// `[3]`: `value[3]` (digits only; `[-1]` is a string key).
    case index(Int)
    /// `[key]`: `value['key']`.
    case key(String)
    /// A malformed rest of the field name; CPython raises this after the lookups before it.
    case invalid(PythonFormatError)
}

/// A field's `!` conversion.
public enum FieldConversion: Equatable, Sendable {
    /// `!s`: `str(value)`.
    case str
    /// `!r`: `repr(value)`.
    case repr
    /// `!a`: `ascii(value)`.
    case ascii
    /// Any other character: `Unknown conversion specifier`, raised after the lookup.
    case unknown(Unicode.Scalar)

    init(_ code: Unicode.Scalar) {
        switch code {
        case "s": self = .str
        case "r": self = .repr
        case "a": self = .ascii
        default: self = .unknown(code)
        }
    }

    /// The conversion applied to one of this module's values.
    public func apply(to value: FormatValue) throws(PythonFormatError) -> FormatValue {
        switch self {
        case .str: return .string(try value.checkedStr())
        case .repr: return .string(try value.checkedStr(repr: true))
        case .ascii: return .string(value.ascii)
        case .unknown(let code): throw .unknownConversion(code)
        }
    }
}
