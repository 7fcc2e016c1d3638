/// What a host needs beyond running programs: its own functions, calls into a program's
/// functions and layers, and the program's bindings.
extension Interpreter {
    /// Makes `function` callable by name from every later run, replacing a host function of
    /// the same name. A program's own binding of that name hides it; it hides a builtin.
    public func define(_ function: HostFunction) {
        evaluator.context.hostFunctions[function.name] = Function(.builtin(function.builtin))
    }

    /// The names of the functions the host defined, sorted.
    public var hostFunctionNames: [String] { evaluator.context.hostFunctions.keys.sorted() }

    /// The value bound to `name` in the session; setting `nil` forgets the name. Setting a
    /// value binds it as `let name = ...` would.
    public subscript(name: String) -> Value? {
        get { value(of: name) }
        set {
            if let newValue { bind(name, to: newValue) } else { evaluator.forget(name) }
        }
    }

    /// Calls the function or layer bound to `name` (a program's, the host's or a builtin) with
    /// `arguments` by position and then `named` by name, as `name(a, b, n=5)` in a program
    /// would, and returns its value.
    ///
    /// ```swift
    /// interpreter.run("fn smooth(v, n=3) = conv(v, ones(n) / n, p=\"same\")")
    /// let smoothed = try interpreter.call("smooth", [.tensor(Tensor([1, 4, 1, 4]))], named: ["n": .number(2)])
    /// ```
    ///
    /// The call is a run of its own: the limits apply to it, ``interrupt`` stops it, and what it
    /// shows goes to the output closure. A failure throws its ``Diagnostic`` (kind and all);
    /// problems with the call itself point into a one-line source named `<call>` that spells
    /// the call out, such as `smooth(tensor[4], n=2)`.
    @discardableResult
    public func call(_ name: String, _ arguments: [Value] = [], named: KeyValuePairs<String, Value> = [:]) throws(Diagnostic) -> Value {
        let call = HostCall(callee: name, positional: arguments, named: Array(named))
        return try perform(call) { evaluator, range throws(RuntimeError) in
            try evaluator.lookup(name, at: call.calleeRange, nil)
        }
    }

    /// Calls `function` (a ``Value/function(_:)`` or ``Value/layer(_:)``, e.g. one read with
    /// ``value(of:)``) the way ``call(_:_:named:)`` calls a name.
    @discardableResult
    public func call(function: Value, _ arguments: [Value] = [], named: KeyValuePairs<String, Value> = [:]) throws(Diagnostic) -> Value {
        let call = HostCall(callee: Self.calleeName(of: function), positional: arguments, named: Array(named))
        return try perform(call) { _, _ throws(RuntimeError) in function }
    }

    /// Runs `call` on the large stack, with the run's limits and interrupt, after `resolve`
    /// finds what to call.
    private func perform(
        _ call: HostCall, resolve: @escaping (Evaluator, SourceRange) throws(RuntimeError) -> Value
    ) throws(Diagnostic) -> Value {
        interrupt.reset()
        let task = HostCallTask(evaluator: evaluator, call: call, resolve: resolve)
        LargeStack.run(task)
        switch task.outcome {
        case .success(let value): return value.hostValue
        case .failure(let diagnostic): throw diagnostic
        }
    }

    private static func calleeName(of value: Value) -> String {
        switch value {
        case .function(let function): function.name
        case .layer(let layer): layer.typeName
        default: value.typeName
        }
    }

    /// Every function callable by name with its parameters, for completion: the builtins (also
    /// by their dotted PyTorch names) and the host's functions, which hide builtins of the same name.
    public var functionParameters: [String: [ParameterSpelling]] {
        var table = Self.builtinParameterTable
        for (name, function) in evaluator.context.hostFunctions {
            if case .builtin(let builtin) = function.kind { table[name] = Self.spellings(of: builtin) }
        }
        return table
    }

    /// What `help(name)` shows for a host function or a builtin (by any of its names), or `nil`.
    public func helpText(for name: String) -> String? {
        evaluator.context.hostFunctions[name]?.helpText ?? HelpText.topic(name)
    }

    /// What `help()` shows: every builtin, then the host's functions.
    public var helpOverview: String { HelpText.overview + HelpText.hostListing(evaluator.context.hostFunctions) }

    /// The builtins' parameters, computed once.
    private static let builtinParameterTable = builtinParameters
}

/// A call made by the host, spelled out as the source its diagnostics point into.
struct HostCall: Sendable {
    let source: SourceFile
    let calleeRange: SourceRange
    let arguments: [Evaluator.EvaluatedArgument]

    init(callee: String, positional: [Value], named: [(key: String, value: Value)]) {
        var text = callee + "("
        let calleeRange = SourceRange(start: 0, end: callee.utf8.count)
        var arguments: [Evaluator.EvaluatedArgument] = []
        let all = positional.map { (label: String?.none, value: $0) } + named.map { (label: Optional($0.key), value: $0.value) }
        for (index, argument) in all.enumerated() {
            if index > 0 { text += ", " }
            var labelRange: SourceRange?
            if let label = argument.label {
                labelRange = SourceRange(start: text.utf8.count, end: text.utf8.count + label.utf8.count)
                text += label + "="
            }
            let spelled = Self.spelling(of: argument.value)
            let range = SourceRange(start: text.utf8.count, end: text.utf8.count + spelled.utf8.count)
            text += spelled
            arguments.append(.init(label: argument.label, labelRange: labelRange, value: argument.value, range: range))
        }
        text += ")"
        self.source = SourceFile(name: "<call>", text: text)
        self.calleeRange = calleeRange
        self.arguments = arguments
    }

    /// The whole call.
    var range: SourceRange { SourceRange(start: 0, end: source.endOffset) }

    /// Short values as a program would write them; tensors, layers and functions by their type.
    private static func spelling(of value: Value) -> String {
        switch value {
        case .number, .int, .bool, .none: ValueFormatter.repr(value)
        case .string(let text) where text.count <= 40: ValueFormatter.repr(value)
        default: value.typeDescription
        }
    }
}

/// One host call, executed on a large stack (see ``LargeStack``) as a run of its own.
private final class HostCallTask: LargeStackTask, @unchecked Sendable {
    let evaluator: Evaluator
    let call: HostCall
    let resolve: (Evaluator, SourceRange) throws(RuntimeError) -> Value
    var outcome: Result<Value, Diagnostic> = .success(.none)

    init(evaluator: Evaluator, call: HostCall, resolve: @escaping (Evaluator, SourceRange) throws(RuntimeError) -> Value) {
        self.evaluator = evaluator
        self.call = call
        self.resolve = resolve
    }

    override func execute() {
        evaluator.context.beginRun()
        defer { evaluator.context.endRun() }
        do throws(RuntimeError) {
            let callee = try resolve(evaluator, call.calleeRange)
            outcome = .success(try evaluator.apply(callee, call.arguments, range: call.range, calleeRange: call.calleeRange))
        } catch {
            outcome = .failure(evaluator.context.settled(error).diagnostic(in: call.source))
        }
    }
}

extension Function {
    /// The help text of a builtin or host function; `nil` for a function defined with `fn`.
    var helpText: String? {
        if case .builtin(let builtin) = kind { return HelpText.page(of: builtin) }
        return nil
    }
}

extension HelpText {
    /// The host's functions with their summaries, after the builtins in `help()`; empty without any.
    static func hostListing(_ functions: [String: Function]) -> String {
        guard !functions.isEmpty else { return "" }
        let lines = functions.keys.sorted().compactMap { name -> String? in
            guard let function = functions[name], case .builtin(let builtin) = function.kind else { return nil }
            return "  \(name)  \(builtin.summary)"
        }
        return "\n\nFunctions of this host:\n" + lines.joined(separator: "\n")
    }
}
