/// A failure of Python's formatting, as CPython 3.11 reports it: which exception it raises
/// (`exceptionName`) and the exact text of its message (`message`).
///
/// The cases carry the facts; the text is made only when asked for, so that a caller can attach
/// its own source location and render the error once, where it is shown.
public enum PythonFormatError: Error, Equatable, Sendable {
    // The format-spec mini-language (`format(value, spec)`, `{:spec}`, f-strings).
    /// More than one character is left where the presentation type belongs.
    case invalidFormatSpecifier(spec: String, typeName: String)
    /// A `.` without digits after it.
    case missingPrecision
    /// Both `,` and `_` were given.
    case commaAndUnderscore
    /// `,` or `_` with a presentation type that does not group digits.
    case separatorNotAllowed(separator: Character, type: Unicode.Scalar)
    /// A width, precision or field index too large for CPython's `Py_ssize_t`.
    case tooManyDecimalDigits
    /// A presentation type the value's type does not know.
    case unknownFormatCode(Unicode.Scalar, typeName: String)
    /// `+`, `-` or ` ` in a string's spec (`space` tells which message).
    case signNotAllowedInString(space: Bool)
    /// `z` for a value that is not a float (`kind` is "string" or "integer").
    case negativeZeroCoercionNotAllowed(kind: String)
    /// `#` in a string's spec.
    case alternateFormNotAllowedInString
    /// `=` alignment in a string's spec.
    case equalsAlignmentNotAllowedInString
    /// A precision in an integer's spec.
    case precisionNotAllowedInInteger
    /// A sign with presentation type `c`.
    case signNotAllowedWithC
    /// `#` with presentation type `c`.
    case alternateFormNotAllowedWithC
    /// `c` (or `%c`) of an integer outside `range(0x110000)`.
    case characterOutOfRange
    /// A precision above `INT_MAX` for a float (`precision too big`), or in `%`-formatting.
    case precisionTooBig
    /// A non-empty spec for a value whose type has no `__format__` of its own (None, objects).
    case unsupportedFormatString(typeName: String)
    /// A width or precision above a million characters (`PythonString.maximumLength`). CPython
    /// builds what memory allows; this module reports `MemoryError` instead of stalling.
    case resultTooLarge

    // printf-style formatting (`template % arguments`).
    /// More conversions than arguments.
    case notEnoughArguments
    /// Arguments left over after the last conversion.
    case notAllArgumentsConverted
    /// The template ends inside a conversion.
    case incompleteFormat
    /// `%(` without its closing `)`.
    case incompleteFormatKey
    /// `%(name)` when the argument is not a mapping.
    case formatRequiresMapping
    /// A conversion character `%` does not know; `index` counts code points of the template.
    case unsupportedFormatCharacter(Unicode.Scalar, index: Int)
    /// `*` given an argument that is not an int.
    case starWantsInt
    /// A width above `Py_ssize_t`.
    case widthTooBig
    /// A `*` precision above `INT_MAX`.
    case intTooLargeForC
    /// An int beyond 64 bits where C's `long` was needed (`{n:c}`).
    case intTooLargeForCLong
    /// An int of more decimal digits than Python 3.11 converts to text by default.
    case exceedsDigitLimit
    /// An int past the largest float, where a float was needed.
    case intTooLargeForFloat
    /// `%d %i %u` of a value that is not a number (`code` is the conversion character).
    case realNumberRequired(code: Unicode.Scalar, typeName: String)
    /// `%x %X %o` of a value that is not an int.
    case integerRequired(code: Unicode.Scalar, typeName: String)
    /// `%e %f %g` of a value that is not a number.
    case mustBeRealNumber(typeName: String)
    /// `%c` of a value that is neither an int nor a one-character string.
    case characterRequired
    /// `%d` of an infinity.
    case cannotConvertInfinity
    /// `%d` of a NaN.
    case cannotConvertNaN
    /// A mapping without the key that `%(key)` or `{key}` names (`KeyError`, shown as its repr).
    case keyError(String)

    // str.format templates.
    /// A `{` or `}` that is neither doubled nor part of a replacement field.
    case singleBrace(Character)
    /// `{` inside a field name.
    case unexpectedBraceInFieldName
    /// The template ends right after `!`.
    case endOfStringLookingForConversion
    /// Something other than `:` or `}` after the conversion character.
    case expectedColonAfterConversion
    /// The format spec of a field is not closed.
    case unmatchedBraceInFormatSpec
    /// The field name is not closed.
    case expectedClosingBrace
    /// `{}` after `{0}`.
    case switchToAutomaticNumbering
    /// `{0}` after `{}`.
    case switchToManualNumbering
    /// Something other than `.` or `[` after `]` in a field name.
    case onlyDotOrBracketAfterBracket
    /// `{0.}` or `{0[]}`.
    case emptyAttribute
    /// `[` without `]` in a field name.
    case missingClosingBracket
    /// A conversion other than `!s`, `!r`, `!a`.
    case unknownConversion(Unicode.Scalar)
    /// Format specs nested more than two deep.
    case maxRecursionExceeded
    /// A positional field beyond the arguments.
    case replacementIndexOutOfRange(Int)
    /// `{0.name}` on a value without that attribute.
    case noAttribute(typeName: String, name: String)
    /// `{0[key]}` on a value that cannot be indexed by it.
    case notSubscriptable(typeName: String)
    /// `{0[key]}` on a string with a key that is not an integer.
    case stringIndicesMustBeIntegers(keyTypeName: String)

    // str methods.
    /// `split`/`rsplit` with an empty separator.
    case emptySeparator
    /// `index`/`rindex` did not find the substring.
    case substringNotFound
    /// A fill character that is not exactly one character.
    case fillCharacterNotSingle
    /// A slice step of zero.
    case sliceStepZero
    /// An index outside the string, by code point (`text[i]`, `{0[i]}`).
    case indexOutOfRange

    /// The Python exception class CPython raises.
    public var exceptionName: String {
        switch self {
        case .notEnoughArguments, .notAllArgumentsConverted, .formatRequiresMapping, .starWantsInt,
             .realNumberRequired, .integerRequired, .mustBeRealNumber, .characterRequired,
             .unsupportedFormatString, .notSubscriptable, .stringIndicesMustBeIntegers,
             .fillCharacterNotSingle:
            return "TypeError"
        case .characterOutOfRange, .cannotConvertInfinity, .intTooLargeForC, .intTooLargeForCLong, .intTooLargeForFloat:
            return "OverflowError"
        case .keyError:
            return "KeyError"
        case .replacementIndexOutOfRange, .indexOutOfRange:
            return "IndexError"
        case .noAttribute:
            return "AttributeError"
        case .resultTooLarge:
            return "MemoryError"
        default:
            return "ValueError"
        }
    }

    /// The message, character for character as CPython 3.11 words it (`str(exception)`).
    public var message: String {
        switch self {
        case .invalidFormatSpecifier(let spec, let typeName):
            return "Invalid format specifier '\(spec)' for object of type '\(typeName)'"
        case .missingPrecision: return "Format specifier missing precision"
        case .commaAndUnderscore: return "Cannot specify both ',' and '_'."
        case .separatorNotAllowed(let separator, let type):
            return "Cannot specify '\(separator)' with \(Self.quotedCode(type))."
        case .tooManyDecimalDigits: return "Too many decimal digits in format string"
        case .unknownFormatCode(let code, let typeName):
            return "Unknown format code \(Self.quotedCode(code)) for object of type '\(typeName)'"
        case .signNotAllowedInString(let space):
            return "\(space ? "Space" : "Sign") not allowed in string format specifier"
        case .negativeZeroCoercionNotAllowed(let kind):
            return "Negative zero coercion (z) not allowed in \(kind) format specifier"
        case .alternateFormNotAllowedInString:
            return "Alternate form (#) not allowed in string format specifier"
        case .equalsAlignmentNotAllowedInString:
            return "'=' alignment not allowed in string format specifier"
        case .precisionNotAllowedInInteger: return "Precision not allowed in integer format specifier"
        case .signNotAllowedWithC: return "Sign not allowed with integer format specifier 'c'"
        case .alternateFormNotAllowedWithC:
            return "Alternate form (#) not allowed with integer format specifier 'c'"
        case .characterOutOfRange: return "%c arg not in range(0x110000)"
        case .precisionTooBig: return "precision too big"
        case .unsupportedFormatString(let typeName):
            return "unsupported format string passed to \(typeName).__format__"
        case .resultTooLarge: return ""
        case .notEnoughArguments: return "not enough arguments for format string"
        case .notAllArgumentsConverted: return "not all arguments converted during string formatting"
        case .incompleteFormat: return "incomplete format"
        case .incompleteFormatKey: return "incomplete format key"
        case .formatRequiresMapping: return "format requires a mapping"
        case .unsupportedFormatCharacter(let character, let index):
            let shown = (31...126).contains(character.value) ? Character(character) : "?"
            return "unsupported format character '\(shown)' (0x\(String(character.value, radix: 16))) at index \(index)"
        case .starWantsInt: return "* wants int"
        case .widthTooBig: return "width too big"
        case .intTooLargeForC: return "Python int too large to convert to C int"
        case .intTooLargeForCLong: return "Python int too large to convert to C long"
        case .exceedsDigitLimit:
            return "Exceeds the limit (\(BigIntegerDigits.maximumDigits) digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
        case .intTooLargeForFloat: return "int too large to convert to float"
        case .realNumberRequired(let code, let typeName):
            return "%\(Character(code)) format: a real number is required, not \(typeName)"
        case .integerRequired(let code, let typeName):
            return "%\(Character(code)) format: an integer is required, not \(typeName)"
        case .mustBeRealNumber(let typeName): return "must be real number, not \(typeName)"
        case .characterRequired: return "%c requires int or char"
        case .cannotConvertInfinity: return "cannot convert float infinity to integer"
        case .cannotConvertNaN: return "cannot convert float NaN to integer"
        case .keyError(let key): return PythonString.repr(key)
        case .singleBrace(let brace): return "Single '\(brace)' encountered in format string"
        case .unexpectedBraceInFieldName: return "unexpected '{' in field name"
        case .endOfStringLookingForConversion:
            return "end of string while looking for conversion specifier"
        case .expectedColonAfterConversion: return "expected ':' after conversion specifier"
        case .unmatchedBraceInFormatSpec: return "unmatched '{' in format spec"
        case .expectedClosingBrace: return "expected '}' before end of string"
        case .switchToAutomaticNumbering:
            return "cannot switch from manual field specification to automatic field numbering"
        case .switchToManualNumbering:
            return "cannot switch from automatic field numbering to manual field specification"
        case .onlyDotOrBracketAfterBracket:
            return "Only '.' or '[' may follow ']' in format field specifier"
        case .emptyAttribute: return "Empty attribute in format string"
        case .missingClosingBracket: return "Missing ']' in format string"
        case .unknownConversion(let code):
            if code.value > 32 && code.value < 127 { return "Unknown conversion specifier \(Character(code))" }
            return "Unknown conversion specifier \\x\(String(code.value, radix: 16))"
        case .maxRecursionExceeded: return "Max string recursion exceeded"
        case .replacementIndexOutOfRange(let index):
            return "Replacement index \(index) out of range for positional args tuple"
        case .noAttribute(let typeName, let name): return "'\(typeName)' object has no attribute '\(name)'"
        case .indexOutOfRange: return "string index out of range"
        case .notSubscriptable(let typeName): return "'\(typeName)' object is not subscriptable"
        case .stringIndicesMustBeIntegers(let keyTypeName):
            return "string indices must be integers, not '\(keyTypeName)'"
        case .emptySeparator: return "empty separator"
        case .substringNotFound: return "substring not found"
        case .fillCharacterNotSingle:
            return "The fill character must be exactly one character long"
        case .sliceStepZero: return "slice step cannot be zero"
        }
    }

    /// A presentation type as CPython quotes it: `'x'` when printable ASCII, else `'\x..'`.
    private static func quotedCode(_ code: Unicode.Scalar) -> String {
        if code.value > 32 && code.value < 128 { return "'\(Character(code))'" }
        return "'\\x\(String(code.value, radix: 16))'"
    }
}

extension PythonFormatError: CustomStringConvertible {
    /// `ExceptionName: message`, the last line of CPython's traceback.
    public var description: String {
        message.isEmpty ? exceptionName : "\(exceptionName): \(message)"
    }
}
