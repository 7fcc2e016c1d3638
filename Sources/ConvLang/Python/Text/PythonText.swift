import ConvNumerics
import PythonFormatting

/// Python's text of every conv value: `str()`, `repr()` and `format()`, which `print`,
/// f-strings, `str.format` and `%` share. Floats, strings and format specs are CPython 3.11's
/// exactly (``PythonFormatting``); layers show PyTorch's repr.
///
/// The short language's display (``ValueFormatter``) is another thing: an expression statement
/// still shows `3` for `3.0`; only what Python code asks to see as text comes from here.
enum PythonText {
    /// `str(value)`: a string as it is, everything else as its repr (a float's repr is its str).
    /// Tensors show as `tensors` says: conv's display, or PyTorch's printout after `import torch`.
    /// With `objects`, an instance shows as its class's `__str__` (or `__repr__`) makes it.
    static func str(_ value: Value, tensors: TensorDisplay = .conv, objects: ObjectTexts? = nil) -> String {
        if case .string(let text) = value { return text }
        if let text = value.numpyText(repr: false, options: tensors.numpy) { return text }
        if case .object(let box) = value, !(box.object is DictView) { return box.object.str }
        if case .instance(let instance) = value {
            if let text = objects?.text(of: instance, as: value, repr: false) { return text }
            // An exception's str is its message, as `print(e)` shows it.
            if instance.pythonClass.isException { return PythonExceptions.message(of: instance) }
        }
        return repr(value, tensors: tensors, objects: objects)
    }

    /// `repr(value)`: `0.30000000000000004`, `True`, `None`, `'it''s'` quoted as Python quotes
    /// it, `(1,)`, `[1, 2.5]`, `{'a': 1}`, `range(0, 5)`.
    /// With `objects`, an instance (also inside a container) shows as its class's `__repr__`
    /// makes it.
    static func repr(_ value: Value, tensors: TensorDisplay = .conv, objects: ObjectTexts? = nil) -> String {
        var open = OpenContainers()
        return repr(value, tensors: tensors, objects: objects, open: &open)
    }

    private static func repr(_ value: Value, tensors: TensorDisplay, objects: ObjectTexts?, open: inout OpenContainers) -> String {
        if let text = open.containerText(value, item: { repr($0, tensors: tensors, objects: objects, open: &$1) }) { return text }
        switch value {
        case .number(let x): return PythonFloat.repr(x)
        case .int(let i): return String(i)
        case .bigInt(let n): return IntegerText.display(n)
        case .bool(let b): return b ? "True" : "False"
        case .none: return "None"
        case .string(let text): return PythonString.repr(text)
        case .range(let range): return range.description
        case .tensor(let tensor): return tensors.text(of: tensor)
        case .variable(let box): return tensors.text(of: box.tensor, marks: box.marks)
        case .object(let box): return value.numpyText(repr: true, options: tensors.numpy) ?? box.description
        case .function(let function): return self.function(function)
        case .layer(let layer): return layer.description
        case .namespace(let namespace): return "<module '\(namespace.name)'>"
        case .pythonClass(let pythonClass): return pythonClass.repr
        case .instance(let instance): return objects?.text(of: instance, as: value, repr: true) ?? PythonDisplay.repr(instance)
        case .size(let extents): return tensors.text(ofSize: extents)
        case .returnTuple(let named):
            guard tensors.mode == .torch else { return repr(.tuple(named.items), tensors: tensors, objects: objects, open: &open) }
            return named.text { repr($0, tensors: tensors, objects: objects, open: &open) }
        case .tuple, .list, .dict, .set: return ""
        }
    }

    /// `ascii(value)`: the repr with every non-ASCII character escaped (`'\\xe9'`).
    static func ascii(_ value: Value) -> String {
        FormatValue.object(RenderedObject(str: "", repr: repr(value), typeName: "")).ascii
    }

    /// `<function f>`, `<built-in function len>`: Python's repr without the address, which
    /// would differ from run to run.
    private static func function(_ function: Function) -> String {
        switch function.kind {
        case .builtin(let builtin):
            // The builtins that make a type stand for it (`type(3) is int`), and show as it.
            if let type = PythonTypeModules.qualifiedName(ofType: builtin.name) { return "<class '\(type)'>" }
            return "<built-in function \(function.name)>"
        case .method(let method): return PythonDisplay.repr(method)
        case .boundBuiltin(let receiver, let builtin): return "<built-in method \(builtin.name) of \(typeName(receiver)) object>"
        case .python(let python): return "<function \(python.displayName)>"
        case .user: return "<function \(function.name)>"
        }
    }

    /// `type(value).__name__`, as Python's messages name the type.
    static func typeName(_ value: Value) -> String {
        switch value {
        case .number: "float"
        case .int, .bigInt: "int"
        case .bool: "bool"
        case .none: "NoneType"
        case .string: "str"
        case .tuple: "tuple"
        case .size: "Size"
        case .returnTuple(let named): named.name
        case .range: "range"
        case .tensor: "Tensor"
        case .variable(let box): box.isParameter ? "Parameter" : "Tensor"
        case .object(let box): box.object.typeName
        case .list: "list"
        case .set: value.typeName
        case .dict(let dict): dict.className
        case .function(let function): if case .builtin = function.kind { "builtin_function_or_method" } else { "function" }
        case .layer(let layer): layer.module.typeName
        case .namespace: "module"
        case .pythonClass: "type"
        case .instance(let instance): instance.pythonClass.name
        }
    }

    /// `format(value, spec)`: an empty spec gives `str(value)`; ints, floats, bools and strings
    /// follow their own `__format__`. A tensor formats as `Tensor.__format__` does: a
    /// 0-dimensional one as its number (`item()`), any other only with an empty spec.
    static func format(_ value: Value, spec: String, objects: ObjectTexts? = nil) throws(PythonFormatError) -> String {
        if spec.isEmpty {
            guard IntegerText.isConvertible(value) else { throw .exceedsDigitLimit }
            let tensors = objects?.tensors ?? .conv
            // PyTorch's Tensor.__format__ gives a 0-d tensor's item (`f"{loss}"` is `0.4609375`);
            // conv's display keeps showing it as the number it displays.
            if tensors.mode == .torch, isFormattedAsItem(value), let tensor = value.asTensor { return try PythonFormat.format(item(of: tensor), spec: spec) }
            // A NumPy scalar's `__format__` is its Python number's (`f"{np.float32(0.1)}"` shows
            // the float it widens to, where `str` shows `0.1`).
            if let number = value.numpyScalarValue { return try PythonFormat.format(formatValue(number), spec: spec) }
            return str(value, tensors: tensors, objects: objects)
        }
        return try PythonFormat.format(formatValue(value, objects: objects), spec: spec)
    }

    /// The value as ``PythonFormatting`` sees it: its own kinds, or an object by its text.
    static func formatValue(_ value: Value, objects: ObjectTexts? = nil) -> FormatValue {
        switch value {
        case .int(let i): return .int(i)
        case .bigInt(let n): return .bigInt(IntegerText.digits(n))
        case .number(let x): return .float(x)
        case .bool(let b): return .bool(b)
        case .none: return .none
        case .string(let text): return .string(text)
        case .tensor(let tensor) where tensor.rank == 0: return item(of: tensor)
        case .variable(let box) where isFormattedAsItem(value): return item(of: box.tensor)  // f"{loss:.4f}"
        case .object where value.numpyScalarValue != nil: return formatValue(value.numpyScalarValue ?? .none)
        default:
            let tensors = objects?.tensors ?? .conv
            return .object(RenderedObject(str: str(value, tensors: tensors, objects: objects), repr: repr(value, tensors: tensors, objects: objects),
                                          typeName: typeName(value)))
        }
    }

    /// The value as `%` formats it. In PyTorch's display a 0-d tensor is an object: `%s` shows
    /// the tensor (`tensor(1.5000)`), `%d` and `%.2f` its item, as PyTorch's tensors do.
    static func percentValue(_ value: Value, objects: ObjectTexts? = nil) -> FormatValue {
        let tensors = objects?.tensors ?? .conv
        guard tensors.mode == .torch, let tensor = value.asTensor, tensor.rank == 0 else { return formatValue(value, objects: objects) }
        return .object(RenderedObject(str: str(value, tensors: tensors, objects: objects), repr: repr(value, tensors: tensors, objects: objects),
                                      typeName: typeName(value), number: item(of: tensor)))
    }

    /// Whether `format` takes the value's item: a 0-d tensor, one with autograd identity too,
    /// but not a Parameter (PyTorch's `__format__` does so only for plain `Tensor`s).
    private static func isFormattedAsItem(_ value: Value) -> Bool {
        switch value {
        case .tensor(let tensor): tensor.rank == 0
        case .variable(let box): box.tensor.rank == 0 && !box.isParameter
        default: false
        }
    }

    /// `tensor.item()` of a 0-dimensional tensor: an int, a bool or a float by its dtype.
    private static func item(of tensor: Tensor) -> FormatValue {
        switch tensor.count == 1 ? ShapeMethods.element(tensor, 0) : .number(.nan) {
        case .int(let integer): .int(integer)
        case .bool(let flag): .bool(flag)
        case let number: .float(number.asNumber ?? .nan)
        }
    }
}

extension RuntimeError {
    /// Python's formatting refused: the message as CPython words it, after the exception's class
    /// (`ValueError: Unknown format code 'd' for object of type 'float'`), with the reason typed.
    init(_ error: PythonFormatError, at range: SourceRange) {
        let message = error.message.isEmpty ? "a width or precision above a million characters" : error.message
        self.init("\(error.exceptionName): \(message)", at: range, notes: Self.advice(for: error))
        reason = .pythonFormat(error)
    }

    /// What to write instead, for the refusals people meet most.
    private static func advice(for error: PythonFormatError) -> [String] {
        switch error {
        case .unknownFormatCode("d", typeName: "float"):
            ["'d' formats integers; write '.0f' for a float with no decimals, or convert it with int(...)"]
        case .unsupportedFormatString(typeName: "Tensor"):
            ["a tensor takes a format spec only when it has 0 dimensions (as in PyTorch); index it to a number first, e.g. x[0]"]
        case .unsupportedFormatString(let typeName):
            ["\(typeName) takes no format spec; format str(value) instead, e.g. f\"{str(v):>10}\""]
        default:
            []
        }
    }
}
