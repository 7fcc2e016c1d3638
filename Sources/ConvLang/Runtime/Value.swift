import ConvNumerics

/// A conv value.
///
/// Integers (`int`, exact, overflow-checked) and floats (`number`, a `Double`) are distinct, as in
/// Python: `7 // 2` is the int 3, `7 / 2` the float 3.5. Tensors are ``ConvNumerics/Tensor``s (copy-on-write, so assigning one
/// never copies its elements). Functions and layers are reference types, as in Python: two
/// names bound to one layer see the same weights.
public enum Value: Sendable {
    case number(Double)
    /// Python's `int`: integer literals, lengths, shapes and integer arithmetic
    /// (``IntegerArithmetic``). Displayed as a whole float is, so `3` shows `3` either way.
    case int(Int)
    /// Python's `int` beyond 64 bits (``BigInteger``); an int that fits is always ``int(_:)``.
    case bigInt(BigInteger)
    /// Python's lazy `range(start, stop, step)`.
    case range(PythonRange)
    case tensor(Tensor)
    /// A tensor with autograd identity (Torch/Autograd): one that requires grad, was made by a
    /// recorded operation, or is a layer's parameter. A reference, as PyTorch's tensors are;
    /// ``asTensor`` reads its values wherever a plain tensor would do.
    case variable(VariableBox)
    /// An object of PyTorch's library that is neither a tensor nor a layer (an optimizer, a
    /// learning-rate scheduler, a grad-mode context): a reference with members.
    case object(ObjectBox)
    case string(String)
    case bool(Bool)
    case none
    case tuple([Value])
    /// PyTorch's `torch.Size`, what `.shape` and `.size()` give: a tuple of ints in every way
    /// (indexing, unpacking, `==` with a tuple), shown as `torch.Size([1, 2])` in PyTorch's
    /// display and as the tuple `(1, 2)` in conv's.
    case size([Int])
    /// A named tuple of PyTorch's `torch.return_types` (`x.max(dim=1)`, `sort`, `topk`): a tuple
    /// of `values` and `indices` in every way, shown as PyTorch shows it in PyTorch's display and
    /// as the tuple in conv's.
    case returnTuple(ReturnTuple)
    /// Python's `list`, a mutable reference object; where a tensor is expected, a list of numbers
    /// is one (``PythonList/tensor``).
    case list(PythonList)
    /// Python's `dict`, ordered and mutable, a reference object.
    case dict(PythonDict)
    /// Python's `set` or `frozenset`, a mutable reference object (``PythonSet``).
    case set(PythonSet)
    case function(Function)
    /// A reference to a layer object, as small as any other case.
    case layer(Layer)
    /// A family of builtins such as `torch`, `nn` or `F`, whose members name builtins.
    case namespace(Namespace)
    /// A Python class: one the program defined, or one of conv's (`ValueError`, `nn.Module`).
    case pythonClass(PythonClass)
    /// An instance of a Python class (an `nn.Module` subclass's instances are layers instead).
    case instance(PythonInstance)

    /// The type's name as messages and `:vars` show it.
    public var typeName: String {
        switch self {
        case .number: "number"
        case .int, .bigInt: "int"
        case .range: "range"
        case .tensor, .variable: "tensor"
        case .object(let box): box.object.typeName
        case .string: "string"
        case .bool: "bool"
        case .none: "none"
        case .tuple: "tuple"
        case .size: "tuple"  // a torch.Size is one; records and :vars call it so
        case .returnTuple: "tuple"
        case .list: "list"
        case .dict: "dict"
        case .set(let set): set.isFrozen ? "frozenset" : "set"
        case .function: "function"
        case .layer: "layer"
        case .namespace: "module"
        case .pythonClass: "class"
        case .instance: "object"
        }
    }

    /// The type with its shape, e.g. `tensor[1, 1, 3]`, `number`, `Conv1d(1, 1, k=2)`.
    public var typeDescription: String {
        switch self {
        case .tensor(let tensor): "tensor[\(tensor.shape.map(String.init).joined(separator: ", "))]"
        case .variable(let box): Value.tensor(box.tensor).typeDescription
        case .tuple(let items): "tuple(\(items.map(\.typeDescription).joined(separator: ", ")))"
        case .layer(let layer): layer.module.typeDescription
        case .function(let function): function.signature
        case .namespace(let namespace): "module \(namespace.name)"
        case .pythonClass(let pythonClass): "class \(pythonClass.name)"
        case .instance(let instance): instance.pythonClass.name
        default: typeName
        }
    }

    /// Whether this is a `torch.Size`.
    var isSize: Bool {
        if case .size = self { true } else { false }
    }

    /// The items of a tuple or a `torch.Size` (which is one), nil for any other value.
    var tupleItems: [Value]? {
        switch self {
        case .tuple(let items): items
        case .size(let extents): extents.map(Value.int)
        case .returnTuple(let named): named.items
        default: nil
        }
    }

    /// The value a tensor of one element or a rank-0 tensor stands for, as a number.
    var asNumber: Double? {
        switch self {
        case .number(let x): x
        case .int(let i): Double(i)
        case .bool(let b): b ? 1 : 0
        case .tensor(let t) where t.count == 1 && t.rank == 0: t.scalars[0]
        case .variable(let box): Value.tensor(box.tensor).asNumber
        case .object: numpyScalarValue?.asNumber
        default: nil
        }
    }
}

/// A callable: a builtin or a function the program defined with `fn`.
public final class Function: Sendable {
    enum Kind: Sendable {
        case builtin(Builtin)
        case user(FunctionDeclaration)
        /// A function made by Python's `def`.
        case python(PythonFunction)
        /// A method of a list or dict bound to its object: `xs.append`.
        case boundBuiltin(receiver: Value, Builtin)
        /// A method bound to its instance, or a function wrapped by `@staticmethod`,
        /// `@classmethod` or `@property`.
        case method(PythonMethod)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// The name it was defined with.
    public var name: String {
        switch kind {
        case .builtin(let builtin): builtin.name
        case .user(let declaration): declaration.name
        case .python(let function): function.name
        case .boundBuiltin(_, let builtin): builtin.name
        case .method(let method): method.name
        }
    }

    /// Its parameter names, in order.
    public var parameterNames: [String] {
        switch kind {
        case .builtin(let builtin): builtin.parameters.map(\.name)
        case .user(let declaration): declaration.parameters.map(\.name)
        case .python(let function): function.definition.parameters.map(\.name)
        case .boundBuiltin(_, let builtin): builtin.parameters.map(\.name)
        case .method(let method): method.parameterNames
        }
    }

    /// e.g. `smooth(v, n=3)` or `conv(x, w, b=none, s=1, ...)`.
    public var signature: String {
        switch kind {
        case .builtin(let builtin): builtin.signature
        case .python(let function): function.signature
        case .boundBuiltin(_, let builtin): builtin.signature
        case .method(let method): "\(method.name)(" + method.parameterNames.joined(separator: ", ") + ")"
        case .user(let declaration):
            "\(declaration.name)(" + declaration.parameters.map { parameter in
                parameter.defaultValue == nil ? parameter.name : "\(parameter.name)=…"
            }.joined(separator: ", ") + ")"
        }
    }
}

/// A named group of builtins (`torch`, `torch.nn`, `torch.nn.functional`).
public struct Namespace: Sendable {
    /// The dotted name, e.g. `torch.nn`.
    public let name: String
}
