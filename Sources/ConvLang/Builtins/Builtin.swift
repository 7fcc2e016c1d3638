import ConvNumerics

/// A function provided by the language, with its parameters and help text.
///
/// Builtins bind their arguments the way Python does (positional first, then by name, with
/// defaults), so errors about arguments are uniform: unknown, duplicate or missing arguments all
/// name the function and list its parameters.
struct Builtin: Sendable {
    struct Parameter: Sendable {
        /// The short name (`s`), used in messages and completion.
        var name: String
        /// Other accepted names (`stride`).
        var aliases: [String] = []
        /// `nil` when the argument is required.
        var defaultValue: Value?
        /// Collects every remaining positional argument (as in `print(a, b, c)` or `zeros(2, 3)`).
        var isVariadic = false
        /// Only accepted by name.
        var isNamedOnly = false
        /// Collects every named argument no other parameter takes (Python's `**kwargs`).
        var collectsNames = false
        /// Whether the signature shows it: Python's own arguments of a builtin the short language
        /// already had (`sum(xs, start=10)`, `max(xs, key=len)`) are accepted without changing
        /// the signature people know.
        var isListed = true

        static func required(_ name: String, _ aliases: String...) -> Parameter {
            Parameter(name: name, aliases: aliases, defaultValue: nil)
        }

        static func optional(_ name: String, _ aliases: String..., default value: Value, namedOnly: Bool = false) -> Parameter {
            Parameter(name: name, aliases: aliases, defaultValue: value, isNamedOnly: namedOnly)
        }

        /// A parameter Python's form of the builtin adds, left out of the signature.
        static func unlisted(_ parameter: Parameter) -> Parameter {
            var unlisted = parameter
            unlisted.isListed = false
            return unlisted
        }

        static func variadic(_ name: String) -> Parameter {
            Parameter(name: name, defaultValue: .tuple([]), isVariadic: true)
        }

        static func namedVariadic(_ name: String) -> Parameter {
            Parameter(name: name, defaultValue: .tuple([]), isNamedOnly: true, collectsNames: true)
        }

        /// Whether an argument can be given by this parameter's own name.
        var isNamed: Bool { !isVariadic && !collectsNames }

        var spellings: [String] { [name] + aliases }
    }

    /// The canonical name.
    let name: String
    /// Every other name it answers to: top-level ones (`conv1d`) and PyTorch's dotted ones
    /// (`torch.conv1d`, `torch.nn.functional.conv1d`), which make up the namespaces `torch`,
    /// `nn`, `F` and `np`. Its help page lists them.
    var aliases: [String] = []
    let parameters: [Parameter]
    /// One line for `:help` listings.
    let summary: String
    /// The full help text, with examples; its first line is the signature, which the help page
    /// follows with the aliases.
    let details: String
    /// Whether the call fills its first argument in place, as `nn.init.normal_(m.weight)` does in
    /// PyTorch: the result is written back where that argument was read from (a layer's weight
    /// or bias, or a global name).
    var writesBackFirstArgument = false
    /// Whether it takes Python's lists as they are (`len`, `sorted`, `list`); every other builtin
    /// receives a list of numbers as the tensor it stands for.
    var takesPythonValues = false
    /// Whether it is the `torch.` form of one of conv's own builtins (`torch.sum`), which given a
    /// tensor calls the tensor's method of the same name instead (``TorchFunctionForms``).
    var isTorchFunctionForm = false
    /// Whether a call makes a new layer (`Conv1d(...)`), which `explain shape` shows without an input.
    var constructsLayer = false
    /// How `explain` shows a call (conv, pooling, transposed conv): runs it, shows its steps and
    /// gives its value. `nil` when explain has nothing to show for this builtin.
    var explain: ExplainHook?
    let body: @Sendable (inout BuiltinCall) throws(RuntimeError) -> Value

    typealias ExplainHook = @Sendable (inout BuiltinCall, Explainer) throws(RuntimeError) -> Value

    /// `conv(x, w, b=none, s=1, p=0, d=1, g=1, mode="zeros", k=none)`.
    var signature: String {
        let list = parameters.filter(\.isListed).map { parameter -> String in
            if parameter.isVariadic { return "\(parameter.name)..." }
            if parameter.collectsNames { return "**\(parameter.name)" }
            guard let value = parameter.defaultValue else { return parameter.name }
            return "\(parameter.name)=\(ValueFormatter.repr(value))"
        }
        return "\(name)(\(list.joined(separator: ", ")))"
    }

    /// Every argument name the builtin accepts, for completion.
    var argumentNames: [String] { parameters.filter(\.isNamed).flatMap(\.spellings) }
}

/// The arguments of one builtin call, bound to its parameters, with typed accessors that turn
/// wrong types and values into located errors.
struct BuiltinCall {
    let builtin: Builtin
    /// One slot per parameter: the given or default value.
    var values: [Value]
    /// Where each argument was written; `nil` for defaults.
    let ranges: [SourceRange?]
    /// The values collected by a variadic parameter, and their ranges.
    let rest: [(value: Value, range: SourceRange)]
    /// The named arguments collected by a `**` parameter, in the order given.
    let namedRest: [(label: String, value: Value, range: SourceRange)]
    /// The whole call expression.
    let range: SourceRange
    /// Interpreter state the builtin may use (the random generator, limits, output).
    let context: EvaluationContext
    /// The object a method was called on (`xs` in `xs.append(1)`); none for a plain builtin.
    var receiver: Value = .none

    private func slot(_ name: String) -> Int? { builtin.parameters.firstIndex { $0.name == name } }

    /// The value bound to parameter `name` (its default when not given).
    func value(_ name: String) -> Value {
        slot(name).map { values[$0] } ?? .none
    }

    /// Where argument `name` was written, or the call itself.
    func range(of name: String) -> SourceRange {
        slot(name).flatMap { ranges[$0] } ?? range
    }

    /// Whether the caller wrote argument `name`.
    func isGiven(_ name: String) -> Bool {
        slot(name).map { ranges[$0] != nil } ?? false
    }

    func error(_ message: String, at name: String? = nil, notes: [String] = [], kind: Diagnostic.Kind = .runtime) -> RuntimeError {
        RuntimeError(message, at: name.map(range(of:)) ?? range, notes: notes, kind: kind)
    }

    /// Argument `name` as a tensor; numbers become rank-0 tensors only when `allowNumber`.
    func tensor(_ name: String, allowNumber: Bool = false) throws(RuntimeError) -> Tensor {
        try Coercion.tensor(value(name), what: "\(builtin.name)'s argument '\(name)'", at: range(of: name),
                            allowNumber: allowNumber)
    }

    func number(_ name: String) throws(RuntimeError) -> Double {
        try Coercion.number(value(name), what: "\(builtin.name)'s argument '\(name)'", at: range(of: name))
    }

    /// Argument `name` as a whole number within `range`.
    func integer(_ name: String, in bounds: ClosedRange<Int> = Int.min...Int.max) throws(RuntimeError) -> Int {
        try Coercion.integer(value(name), what: "\(builtin.name)'s argument '\(name)'", at: range(of: name), in: bounds)
    }

    /// Argument `name` as Python's `__index__` takes it (``Coercion/index(_:what:at:)``).
    func index(_ name: String) throws(RuntimeError) -> Int {
        try Coercion.index(value(name), what: "\(builtin.name)'s argument '\(name)'", at: range(of: name))
    }

    func bool(_ name: String) throws(RuntimeError) -> Bool {
        switch value(name) {
        case .bool(let flag): return flag
        case let other: throw error("\(builtin.name)'s argument '\(name)' must be true or false, not \(other.typeName)", at: name, raising: .typeError)
        }
    }

    func string(_ name: String) throws(RuntimeError) -> String {
        switch value(name) {
        case .string(let text): return text
        case let other: throw error("\(builtin.name)'s argument '\(name)' must be a string, not \(other.typeName)", at: name, raising: .typeError)
        }
    }
}

/// Conversions from values to what builtins need, with errors that say what was expected.
enum Coercion {
    /// Values that are whole numbers up to 2^53 in size convert to `Int` exactly.
    static let largestExactInteger = 9_007_199_254_740_992.0

    static func number(_ value: Value, what: String, at range: SourceRange) throws(RuntimeError) -> Double {
        if let number = value.asNumber { return number }
        if case .bigInt(let n) = value { return try IntegerArithmetic.double(n.value, at: range) }
        if let tensor = value.asTensor, tensor.count == 1 { return tensor.scalars[0] }
        throw RuntimeError("\(what) must be a number, not \(value.typeDescription)", at: range, raising: .typeError)
    }

    static func integer(
        _ value: Value, what: String, at range: SourceRange, in bounds: ClosedRange<Int> = Int.min...Int.max
    ) throws(RuntimeError) -> Int {
        // PyTorch writes hyper-parameters as 1-tuples, e.g. stride=(2,); accept them.
        if case .tuple(let items) = value, items.count == 1 {
            return try integer(items[0], what: what, at: range, in: bounds)
        }
        if case .int(let integer) = value {
            guard bounds.contains(integer) else {
                throw RuntimeError("\(what) must be \(describe(bounds)), not \(integer)", at: range, raising: .valueError)
            }
            return integer
        }
        if case .bigInt = value { throw IntegerArithmetic.unpackingOverflow(what, at: range) }
        // An integer tensor of one element (`x[0]` of an int64 tensor) is its int exactly.
        if let tensor = value.asTensor, tensor.count == 1, !tensor.dtype.isFloatingPoint, case .int(let integer) = ShapeMethods.element(tensor, 0) {
            return try self.integer(.int(integer), what: what, at: range, in: bounds)
        }
        let number = try number(value, what: what, at: range)
        guard number.isFinite, number.rounded() == number else {
            throw RuntimeError("\(what) must be a whole number, not \(ValueFormatter.format(number))", at: range, raising: .typeError)
        }
        guard abs(number) <= largestExactInteger else {
            throw RuntimeError("\(what) is too large: \(ValueFormatter.format(number)) is beyond ±2^53", at: range, raising: .overflowError)
        }
        let integer = Int(number)
        guard bounds.contains(integer) else {
            throw RuntimeError("\(what) must be \(describe(bounds)), not \(integer)", at: range, raising: .valueError)
        }
        return integer
    }

    /// An index or a count as Python's `__index__` takes it (`xs[i]`, `range(n)`): what
    /// ``integer(_:what:at:in:)`` takes, except a floating-point tensor, which PyTorch refuses
    /// there even when it holds a whole number.
    static func index(_ value: Value, what: String, at range: SourceRange) throws(RuntimeError) -> Int {
        if let tensor = value.asTensor, tensor.count != 1 || tensor.dtype.isFloatingPoint {
            throw RuntimeError("only integer tensors of a single element can be converted to an index", at: range, raising: .typeError)
        }
        return try integer(value, what: what, at: range)
    }

    static func describe(_ bounds: ClosedRange<Int>) -> String {
        switch (bounds.lowerBound, bounds.upperBound) {
        case (0, Int.max): "0 or more"
        case (1, Int.max): "1 or more"
        case (let low, Int.max): "at least \(low)"
        case (let low, let high): "between \(low) and \(high)"
        }
    }

    static func tensor(_ value: Value, what: String, at range: SourceRange, allowNumber: Bool = false) throws(RuntimeError) -> Tensor {
        switch value {
        case .tensor(let tensor): return tensor
        case .variable(let box): return box.tensor
        case .object(let box) where box.object is NumPyArray: return (box.object as? NumPyArray)?.tensor ?? Tensor([])
        case .list(let list):
            if let tensor = list.tensor { return tensor }
            if IntegerArithmetic.holdsBigInt(list.items) { throw IntegerArithmetic.unpackingOverflow(what, at: range) }
        case .number(let number) where allowNumber: return Tensor(scalar: number)
        case .int(let integer) where allowNumber: return Tensor(scalar: Double(integer))
        case .tuple(let items) where !items.isEmpty:
            // A tuple of numbers (as `x.shape` gives) reads as a rank-1 tensor.
            var scalars: [Double] = []
            for item in items {
                guard let number = item.asNumber else { break }
                scalars.append(number)
            }
            if scalars.count == items.count { return Tensor(scalars) }
        default: break
        }
        throw RuntimeError("\(what) must be a tensor, not \(value.typeDescription)", at: range,
                           notes: value.asNumber != nil && value.typeName != "bool" ? ["write a list to make a tensor: [2, 3, 4]"] : [],
                           raising: .typeError)
    }
}
