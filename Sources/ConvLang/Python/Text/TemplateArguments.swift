import PythonFormatting

/// The arguments of `template.format(*args, **kwargs)` as conv values, for filling a
/// ``PythonFormatting/FormatTemplate``: fields look up the arguments, their attributes
/// (`{0.shape}`, `{m.weight}`) and items (`{0[1]}`), and format them as Python does.
struct TemplateArguments: FormatFieldResolver {
    let positional: [Value]
    let keywords: [String: Value]
    /// The `format` call, where every refusal points.
    let range: SourceRange
    /// The program's `__str__` and `__repr__`, for its instances among the arguments.
    let objects: ObjectTexts
    /// What a tensor's elements are (`{0[1]}` of a tensor).
    let elements: ElementRule

    init(_ call: BuiltinCall) {
        positional = call.rest.map(\.value)
        var keywords: [String: Value] = [:]
        for argument in call.namedRest { keywords[argument.label] = argument.value }
        self.keywords = keywords
        range = call.range
        objects = ObjectTexts(call.context, at: call.range)
        elements = ElementRule(call.context)
    }

    func failure(_ error: PythonFormatError) -> RuntimeError { RuntimeError(error, at: range) }

    func argument(_ argument: FieldArgument) throws(RuntimeError) -> Value {
        switch argument {
        case .positional(let index):
            guard index < positional.count else { throw failure(.replacementIndexOutOfRange(index)) }
            return positional[index]
        case .keyword(let name):
            guard let value = keywords[name] else { throw failure(.keyError(name)) }
            return value
        }
    }

    func attribute(_ name: String, of value: Value) throws(RuntimeError) -> Value {
        let found: Value? = switch value {
        case .tensor, .variable: TensorMembers.member(name, of: value)
        case .layer(let layer): layer.module.member(name)
        case .namespace(let namespace): BuiltinLibrary.member(name, of: namespace)
        case .string(let text): StringMethods.method(name, of: text)
        default: nil
        }
        guard let found else { throw failure(.noAttribute(typeName: PythonText.typeName(value), name: name)) }
        return found
    }

    /// `{0[2]}`: an item of a tuple, string, range or tensor by its position; a key in brackets
    /// (`{0[name]}`) needs a mapping.
    func item(_ accessor: FieldAccessor, of value: Value) throws(RuntimeError) -> Value {
        if case .string(let text) = value {
            guard case .index(let index) = accessor else { throw failure(.stringIndicesMustBeIntegers(keyTypeName: "str")) }
            do { return .string(try PythonString.character(text, at: index)) } catch { throw failure(error) }
        }
        let typeName = PythonText.typeName(value)
        guard let items = try? Iteration.Items(of: value, at: range, elements: elements) else {
            throw failure(.notSubscriptable(typeName: typeName))
        }
        guard case .index(let index) = accessor else {
            throw RuntimeError("TypeError: \(typeName) indices must be integers or slices, not str", at: range)
        }
        guard index < items.count else { throw RuntimeError("IndexError: \(typeName) index out of range", at: range) }
        return items[index]
    }

    func convert(_ value: Value, _ conversion: FieldConversion) throws(RuntimeError) -> Value {
        switch conversion {
        case .str, .repr:
            guard IntegerText.isConvertible(value) else { throw failure(.exceedsDigitLimit) }
            return .string(conversion == .str ? PythonText.str(value, tensors: objects.tensors, objects: objects)
                                              : PythonText.repr(value, tensors: objects.tensors, objects: objects))
        case .ascii: return .string(PythonText.ascii(value))
        case .unknown(let code): throw failure(.unknownConversion(code))
        }
    }

    func format(_ value: Value, spec: String) throws(RuntimeError) -> String {
        do { return try PythonText.format(value, spec: spec, objects: objects) } catch { throw failure(error) }
    }
}
