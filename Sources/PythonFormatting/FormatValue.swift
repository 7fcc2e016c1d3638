/// A value as Python's formatting sees it: the built-in kinds this module formats itself, and
/// any other object by the text its owner has already made of it.
public enum FormatValue: Equatable, Sendable {
    /// An `int`.
    case int(Int)
    /// An `int` beyond 64 bits.
    case bigInt(BigIntegerDigits)
    /// A `float`.
    case float(Double)
    /// A `str`.
    case string(String)
    /// A `bool` (an `int` when formatted with a numeric spec or `%d`).
    case bool(Bool)
    /// `None`.
    case none
    /// Any other object, by its `str`, its `repr` and its type's name (for messages).
    indirect case object(RenderedObject)

    /// `str(value)`.
    public var str: String {
        switch self {
        case .int(let value): return String(value)
        // Past the digit limit `str` raises; its owner checks that before asking for text.
        case .bigInt(let digits): return (try? digits.decimalText()) ?? "<int of more than \(BigIntegerDigits.maximumDigits) digits>"
        case .float(let value): return PythonFloat.repr(value)
        case .string(let value): return value
        case .bool(let value): return value ? "True" : "False"
        case .none: return "None"
        case .object(let object): return object.str
        }
    }

    /// `str(value)` (or `repr`), raising as Python does for an int past the digit limit.
    public func checkedStr(repr: Bool = false) throws(PythonFormatError) -> String {
        if case .bigInt(let digits) = self { return try digits.decimalText() }
        return repr ? self.repr : str
    }

    /// `repr(value)`.
    public var repr: String {
        switch self {
        case .string(let value): return PythonString.repr(value)
        case .object(let object): return object.repr
        default: return str
        }
    }

    /// `ascii(value)`: the repr with every non-ASCII character escaped.
    public var ascii: String { PythonString.escapingNonASCII(repr) }

    /// The name of the value's type, as Python's messages show it (`type(value).__name__`).
    public var typeName: String {
        switch self {
        case .int, .bigInt: return "int"
        case .float: return "float"
        case .string: return "str"
        case .bool: return "bool"
        case .none: return "NoneType"
        case .object(let object): return object.typeName
        }
    }
}

/// An object this module does not know, by the text its owner made of it.
public struct RenderedObject: Equatable, Sendable {
    /// `str(object)`.
    public var str: String
    /// `repr(object)`.
    public var repr: String
    /// `type(object).__name__`, for error messages.
    public var typeName: String
    /// The number the object stands for in `%d`, `%f` and the other numeric conversions (its
    /// `__int__`/`__float__`), as PyTorch's 0-d tensor stands for its item; nil for none.
    public var number: FormatValue?

    public init(str: String, repr: String, typeName: String, number: FormatValue? = nil) {
        self.str = str
        self.repr = repr
        self.typeName = typeName
        self.number = number
    }
}
