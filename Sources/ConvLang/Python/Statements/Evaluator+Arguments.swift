/// Python's argument passing: spreading `f(*xs, **d)` into arguments, and binding arguments to a
/// `def` function's parameters by Python's rules (positional, named, defaults, keyword-only,
/// `*args`, `**kwargs`), with Python's TypeErrors, located at the call.
extension Evaluator {
    // MARK: - Spreading

    /// `*xs`: the items of xs, each a positional argument.
    func spreadPositional(_ value: Value, _ argument: Argument, calling callee: Value?) throws(RuntimeError) -> [EvaluatedArgument] {
        let items: [Value]
        do throws(RuntimeError) {
            items = try Iteration.items(of: value, at: argument.value.range, elements: ElementRule(context))
        } catch {
            guard error.pythonClass == .typeError else { throw error }
            throw RuntimeError("\(Self.callName(callee)) argument after * must be an iterable, not \(PythonConversions.typeName(of: value))",
                               at: argument.value.range, raising: .typeError)
        }
        return items.map { EvaluatedArgument(value: $0, range: argument.value.range) }
    }

    /// `**d`: each entry of the dict d, a named argument (its key must be a string).
    func spreadNamed(_ value: Value, _ argument: Argument, calling callee: Value?) throws(RuntimeError) -> [EvaluatedArgument] {
        guard case .dict(let dict) = value else {
            throw RuntimeError("\(Self.callName(callee)) argument after ** must be a mapping, not \(PythonConversions.typeName(of: value))",
                               at: argument.value.range, raising: .typeError)
        }
        var spread: [EvaluatedArgument] = []
        for (key, item) in zip(dict.keys, dict.values) {
            guard case .string(let label) = key else {
                throw RuntimeError("keywords must be strings", at: argument.value.range, raising: .typeError)
            }
            spread.append(EvaluatedArgument(label: label, value: item, range: argument.value.range))
        }
        return spread
    }

    /// Refuses a name given twice in one call (`f(a=1, **{"a": 2})`), as Python does before
    /// binding anything.
    func checkRepeatedNames(_ arguments: [EvaluatedArgument], calling callee: Value?) throws(RuntimeError) {
        var seen: Set<String> = []
        for argument in arguments {
            guard let label = argument.label, !seen.insert(label).inserted else { continue }
            throw RuntimeError("\(Self.callName(callee)) got multiple values for keyword argument '\(label)'",
                               at: argument.labelRange ?? argument.range, raising: .typeError)
        }
    }

    /// How Python names the callee in the errors of spreading: `__main__.f()`, `print()`.
    private static func callName(_ callee: Value?) -> String {
        guard case .function(let function) = callee else {
            if case .pythonClass(let pythonClass) = callee { return "\(pythonClass.moduleName).\(pythonClass.name)()" }
            return "function"
        }
        switch function.kind {
        case .python(let python): return "__main__.\(python.qualifiedName)()"
        case .method(let method): return callName(method.function)
        default: return function.name + "()"
        }
    }

    // MARK: - Binding to parameters

    /// Puts each argument into its parameter's slot (parameter `i` is slot `i`), in the order
    /// CPython checks: positional arguments, `*args`, named arguments and `**kwargs`, then too
    /// many positional arguments, then missing positional and keyword-only ones.
    func bindParameters(of function: PythonFunction, _ arguments: [EvaluatedArgument], into frame: Frame,
                        range: SourceRange) throws(RuntimeError) {
        let layout = function.layout
        var given = [Bool](repeating: false, count: function.definition.parameters.count)
        var extra: [Value] = []
        var positionalGiven = 0
        var keywords: PythonDict?
        if let slot = layout.keywordsSlot {
            keywords = PythonDict()
            frame[slot] = keywords.map(Value.dict)
        }
        var positionalOnlyAsNamed: [String] = []
        for argument in arguments {
            guard let label = argument.label else {
                if positionalGiven < layout.positionalCount {
                    frame[positionalGiven] = argument.value
                    given[positionalGiven] = true
                } else {
                    extra.append(argument.value)
                }
                positionalGiven += 1
                continue
            }
            if let slot = layout.namedSlots[label] {
                guard !given[slot] else {
                    throw RuntimeError("\(function.qualifiedName)() got multiple values for argument '\(label)'",
                                       at: argument.labelRange ?? argument.range, raising: .typeError)
                }
                frame[slot] = argument.value
                given[slot] = true
            } else if let keywords {
                _ = keywords.store(argument.value, for: .string(label))
            } else if layout.positionalOnlyNames.contains(label) {
                positionalOnlyAsNamed.append(label)
            } else {
                var notes = ["parameters: " + function.definition.parameters.map(\.name).joined(separator: ", ")]
                if let suggestion = Suggestion.nearest(to: label, in: layout.namedSlots.keys) { notes.insert("did you mean '\(suggestion)'?", at: 0) }
                throw RuntimeError("\(function.qualifiedName)() got an unexpected keyword argument '\(label)'",
                                   at: argument.labelRange ?? argument.range, notes: notes, raising: .typeError)
            }
        }
        if !positionalOnlyAsNamed.isEmpty {
            throw RuntimeError("\(function.qualifiedName)() got some positional-only arguments passed as keyword arguments: '"
                               + positionalOnlyAsNamed.joined(separator: ", ") + "'", at: range, raising: .typeError)
        }
        if let slot = layout.variadicSlot {
            frame[slot] = .tuple(extra)
        } else if positionalGiven > layout.positionalCount {
            throw tooManyPositional(function, given: positionalGiven, keywordOnlyGiven: layout.keywordOnly.filter { given[$0] }.count,
                                    at: range)
        }
        try fillDefaults(function, layout.positional, given: given, kind: "positional", into: frame, range: range)
        try fillDefaults(function, layout.keywordOnly, given: given, kind: "keyword-only", into: frame, range: range)
    }

    /// Gives the parameters in `slots` that no argument bound their defaults; Python's error
    /// names every one that has none.
    private func fillDefaults(_ function: PythonFunction, _ slots: Range<Int>, given: [Bool], kind: String, into frame: Frame,
                              range: SourceRange) throws(RuntimeError) {
        var missing: [String] = []
        for slot in slots where !given[slot] {
            if let value = function.defaults[slot] { frame[slot] = value } else { missing.append(function.definition.parameters[slot].name) }
        }
        guard !missing.isEmpty else { return }
        let quoted = missing.map { "'\($0)'" }
        let list = switch quoted.count {
        case 1: quoted[0]
        case 2: quoted[0] + " and " + quoted[1]
        default: quoted.dropLast().joined(separator: ", ") + ", and " + (quoted.last ?? "")
        }
        let noun = missing.count == 1 ? "argument" : "arguments"
        throw RuntimeError("\(function.qualifiedName)() missing \(missing.count) required \(kind) \(noun): \(list)", at: range,
                           notes: ["usage: \(function.signature)"], raising: .typeError)
    }

    /// Python's "f() takes 2 positional arguments but 3 were given", in all its forms.
    private func tooManyPositional(_ function: PythonFunction, given: Int, keywordOnlyGiven: Int, at range: SourceRange) -> RuntimeError {
        let layout = function.layout
        let withDefaults = layout.positional.filter { function.defaults[$0] != nil }.count
        let takes = withDefaults > 0
            ? "from \(layout.positionalCount - withDefaults) to \(layout.positionalCount) positional arguments"
            : "\(layout.positionalCount) positional argument" + (layout.positionalCount == 1 ? "" : "s")
        var gave = "\(given)"
        if keywordOnlyGiven > 0 {
            gave += " positional argument\(given == 1 ? "" : "s") (and \(keywordOnlyGiven) keyword-only argument\(keywordOnlyGiven == 1 ? "" : "s"))"
        }
        let verb = given == 1 && keywordOnlyGiven == 0 ? "was" : "were"
        return RuntimeError("\(function.qualifiedName)() takes \(takes) but \(gave) \(verb) given", at: range,
                            notes: ["usage: \(function.signature)"], raising: .typeError)
    }
}

/// Where each kind of parameter of a `def` sits, worked out once when the function is made.
/// Python orders them: positional-only, positional, `*args`, keyword-only, `**kwargs`.
struct ParameterLayout: Sendable {
    /// The positional parameters' slots (positional-only ones first): `0..<positionalCount`.
    let positional: Range<Int>
    let keywordOnly: Range<Int>
    let variadicSlot: Int?
    let keywordsSlot: Int?
    /// The slots a named argument can bind: positional (not positional-only) and keyword-only.
    let namedSlots: [String: Int]
    let positionalOnlyNames: Set<String>

    var positionalCount: Int { positional.count }

    init(_ parameters: [FunctionParameter]) {
        let positionalCount = parameters.prefix { $0.kind == .positionalOnly || $0.kind == .positional }.count
        positional = 0..<positionalCount
        variadicSlot = parameters.firstIndex { $0.kind == .variadic }
        keywordsSlot = parameters.firstIndex { $0.kind == .variadicKeywords }
        let keywordOnlySlots = parameters.indices.filter { parameters[$0].kind == .keywordOnly }
        keywordOnly = (keywordOnlySlots.first ?? parameters.count)..<((keywordOnlySlots.last ?? parameters.count - 1) + 1)
        var named: [String: Int] = [:]
        for (slot, parameter) in parameters.enumerated() where parameter.kind == .positional || parameter.kind == .keywordOnly {
            named[parameter.name] = slot
        }
        namedSlots = named
        positionalOnlyNames = Set(parameters.filter { $0.kind == .positionalOnly }.map(\.name))
    }
}
