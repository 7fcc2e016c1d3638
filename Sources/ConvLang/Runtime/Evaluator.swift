import ConvAutograd
import ConvNumerics

/// The tree-walking evaluator: runs statements and evaluates expressions.
///
/// It only throws ``RuntimeError``s; it never prints (values go to the context's output sink)
/// and never traps on user input.
final class Evaluator {
    /// Names bound at the top level of the session, by slot.
    let globals = Globals()
    /// The bound top-level names, in the order they were first bound.
    var globalOrder: [String] { globals.order }
    let context: EvaluationContext

    /// Active `evaluate` calls and compiled calls; a second guard (besides the parser's nesting
    /// limit) against running out of stack, e.g. in deeply recursive user functions.
    @exclusivity(unchecked) var depth = 0
    @exclusivity(unchecked) var callDepth = 0
    static let maximumDepth = 5_000
    /// Hears of every builtin and layer call before it runs: explain, while every call explains
    /// itself (`conv --explain`, `:explain on`).
    var callObserver: (any CallObserver)?
    /// Python's running handlers and the layer trace (Python/Statements/Evaluator+Classes).
    var python = PythonState()
    /// The generators started and not finished (Python/Statements/Evaluator+Generators).
    let generators = GeneratorRegistry()
    /// The generator whose body is running on this stack, if any.
    var runningGenerator: GeneratorBody?

    init(context: EvaluationContext) {
        self.context = context
        context.evaluator = self
    }

    // MARK: - Statements

    /// Runs one statement; returns the value to display for an expression statement, if any.
    /// `slot` is the global slot of an `.assign`'s name when it was resolved before (see
    /// ``globalSlots(for:)``), else -1.
    func execute(_ statement: Stmt, slot: Int = -1) throws(RuntimeError) -> Value? {
        try context.checkInterrupt(at: statement.range)
        switch statement {
        case .assign(let name, let nameRange, let valueExpr, _):
            let value = statement.isLetBinding ? try evaluateLet(valueExpr, nil) : try evaluate(valueExpr, nil)
            if slot >= 0 { globals.bind(name, inSlot: slot, value) } else { try bind(name, value, at: nameRange) }
            return nil
        case .assignMany(let targets, let valueExpr, _):
            let values = try unpack(try evaluate(valueExpr, nil), into: targets.count, at: valueExpr.range)
            for (target, value) in zip(targets, values) { try bind(target.name, value, at: target.range) }
            return nil
        case .assignMember(let objectExpr, let member, let memberRange, let valueExpr, _):
            try assignMember(objectExpr, member: member, memberRange: memberRange, valueExpr: valueExpr)
            return nil
        case .function(let declaration):
            try bind(declaration.name, .function(Function(.user(declaration))), at: declaration.nameRange)
            return nil
        case .expression(let expr):
            let value = try evaluate(expr, nil)
            if case .none = value { return nil }
            if Self.isSeeding(value) { return nil }
            if !context.showsResultsOfCallsForEffect, Self.isCallForEffect(expr, value) { return nil }
            // A list of numbers shows (and is recorded) as the tensor it stands for in conv's
            // display; PyTorch's display shows Python's list, as Python does.
            return context.display.mode == .torch ? value : try tensorData(value, at: expr.range)
        case .importLine(let line):
            var topLevel: Locals? = nil
            try runImport(line, &topLevel)
            return nil
        case .assignment, .augmentedAssign, .annotatedAssign, .functionDefinition, .classDefinition, .returnStatement,
             .ifStatement, .forStatement, .whileStatement, .breakStatement, .continueStatement, .passStatement,
             .assertStatement, .globalStatement, .nonlocalStatement, .deleteStatement, .withStatement, .tryStatement,
             .raiseStatement, .yieldStatement:
            // Python's statements (Python/Statements), compiled with the module's names resolved;
            // the parser keeps break, continue and return inside loops and functions, so the
            // top level always ends normally.
            try runModuleStatement(statement)
            return nil
        }
    }

    /// `value` with a list of numbers made the tensor it stands for, within the element limit:
    /// what builtins and layers that take tensors receive, and how a list shows. A `torch.Size`
    /// reaches them as the tuple of ints it is.
    func tensorData(_ value: Value, at range: SourceRange) throws(RuntimeError) -> Value {
        if case .size(let extents) = value { return .tuple(extents.map(Value.int)) }
        if case .returnTuple(let named) = value { return .tuple(named.items) }
        guard case .list = value, case .tensor(let tensor) = value.tensorIfList else { return value }
        try context.checkElementCount(of: tensor.shape, at: range)
        return .tensor(tensor)
    }

    /// Binds a global name. Builtins may be shadowed, as in Python.
    func bind(_ name: String, _ value: Value, at range: SourceRange) throws(RuntimeError) {
        globals.bind(name, value)
    }

    /// The global slot of the name each top-level `.assign` binds (made now, unbound), -1 for
    /// other statements. One pass before a run: its probes of the table of names follow each
    /// other closely enough to wait for memory together, where one probe between two
    /// evaluations waited alone (a script of 100,000 fresh names makes 100,000 of them).
    func globalSlots(for statements: [Stmt]) -> [Int] {
        globals.reserve(statements.count { if case .assign = $0 { true } else { false } })
        return statements.map { statement in
            if case .assign(let name, _, _, _) = statement { globals.slot(for: name) } else { -1 }
        }
    }

    /// Forgets every binding.
    func reset() {
        globals.reset()
    }

    /// Forgets one binding.
    func forget(_ name: String) {
        globals.forget(name)
    }

    /// The parts of `value` for `a, b = value`: the items of anything `for` walks (a tuple's or
    /// list's items, a dict's keys, a string's characters, a range's integers, a tensor's entries
    /// along its first axis), exactly `count` of them — or, with a starred target at position
    /// `star` (`first, *rest = xs`), at least `count - 1`, the surplus gathered into one list
    /// there. Python's errors otherwise.
    func unpack(_ value: Value, into count: Int, starAt star: Int? = nil, at range: SourceRange) throws(RuntimeError) -> [Value] {
        var value = value
        if star == nil, let lazy = Iteration.lazyIterator(value) {
            // A generator gives one item more than the targets at most, as Python takes them:
            // enough to tell that there are too many.
            var taken: [Value] = []
            while taken.count <= count, let item = try lazy.next(self, at: range) { taken.append(item) }
            value = .tuple(taken)
        }
        guard let items = try? Iteration.Items(of: value, at: range, elements: ElementRule(context)) else {
            throw RuntimeError("cannot unpack non-iterable \(PythonText.typeName(value)) object", at: range,
                               notes: ["the right of 'a, b = ...' must be a tuple, list, string or tensor"], raising: .typeError)
        }
        guard let star else {
            guard items.count == count else {
                let message = items.count < count ? "not enough values to unpack (expected \(count), got \(items.count))"
                    : "too many values to unpack (expected \(count))"
                throw RuntimeError(message, at: range, raising: .valueError)
            }
            return (0..<count).map { items[$0] }
        }
        let fixed = count - 1
        guard items.count >= fixed else {
            throw RuntimeError("not enough values to unpack (expected at least \(fixed), got \(items.count))", at: range, raising: .valueError)
        }
        let after = fixed - star
        let gathered = Value.list(PythonList((star..<(items.count - after)).map { items[$0] }))
        return (0..<star).map { items[$0] } + [gathered] + ((items.count - after)..<items.count).map { items[$0] }
    }

    /// `m.weight = value`, `model[0].bias = value`: changes the layer in place, so every name
    /// and model that holds it sees the change (layers are reference objects, as in PyTorch).
    private func assignMember(_ objectExpr: Expr, member: String, memberRange: SourceRange, valueExpr: Expr) throws(RuntimeError) {
        let object = try evaluate(objectExpr, nil)
        let value = try evaluate(valueExpr, nil)
        if try assignPythonAttribute(member, of: object, value, nameRange: memberRange) { return }
        guard case .layer(let layer) = object else {
            let subject = if case .name(let name, _) = objectExpr { "'\(name)'" } else { "this" }
            throw RuntimeError("\(subject) is \(object.typeDescription); only a layer's weight and bias can be assigned",
                               at: objectExpr.range)
        }
        try layer.module.assignAttribute(member, value, nameRange: memberRange, valueRange: valueExpr.range)
    }

    // MARK: - Expressions

    /// The running function's variables (`nil` at the top level, where names are globals).
    typealias Locals = Frame

    func evaluate(_ expr: Expr, _ locals: Locals?) throws(RuntimeError) -> Value {
        depth += 1
        defer { depth -= 1 }
        if depth > Evaluator.maximumDepth {
            throw RuntimeError("evaluation nested too deeply (more than \(Evaluator.maximumDepth) levels)", at: expr.range,
                               kind: .limit(.nesting))
        }
        try context.countStep(at: expr.range)
        switch expr {
        case .number(let value, _): return .number(value)
        case .integer(let value, _): return .int(Int(value))
        case .bigInteger(let value, _): return .bigInt(value)
        case .string(let value, _): return .string(value)
        case .bool(let value, _): return .bool(value)
        case .none: return .none
        case .name(let name, let range): return try lookup(name, at: range, locals)
        case .list(let items, _): return .list(PythonList(try evaluateItems(items, locals)))
        case .tuple(let items, _): return .tuple(try evaluateItems(items, locals))
        case .unary(let op, let operandExpr, let range):
            return try Operators.unary(op, try evaluate(operandExpr, locals), at: range)
        case .binary(let op, let lhs, let rhs, let operatorRange, _):
            return try evaluateBinary(op, lhs, rhs, operatorRange: operatorRange, locals)
        case .call(let calleeExpr, let arguments, let range):
            return try evaluateCall(calleeExpr, arguments, range: range, locals)
        case .index(let baseExpr, let subscripts, let range):
            return try evaluateIndex(baseExpr, subscripts, range: range, locals)
        case .member(let objectExpr, let name, let nameRange, _):
            return try member(name, of: try evaluate(objectExpr, locals), nameRange: nameRange, objectExpr: objectExpr)
        case .explain(let target, let options, let range):
            return try evaluateExplain(target, options: options, range: range, locals)
        case .conditional(let condition, let then, let otherwise, _):
            let chosen = try Operators.truth(try evaluate(condition, locals), at: condition.range) ? then : otherwise
            return try evaluate(chosen, locals)
        case .lambda(let parameters, let body, let range):
            return try makeLambda(parameters, body, range: range, locals)
        case .fstring(let parts, _): return .string(try fstringText(parts, locals))
        case .dict(let items, _): return try evaluateDict(items, locals)
        case .comprehension(let comprehension): return try evaluateComprehension(comprehension, locals)
        case .set(let items, _): return try evaluateSet(items, locals)
        case .ellipsis, .starred, .doubleStarred:
            throw RuntimeError.notEvaluatedYet(expr)
        }
    }

    private func evaluateBinary(
        _ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, operatorRange: SourceRange, _ locals: Locals?
    ) throws(RuntimeError) -> Value {
        let left = try evaluate(lhs, locals)
        // `and` / `or` short-circuit and give an operand, as in Python: `[] or "empty"` is
        // "empty", `3 and 4` is 4.
        switch op {
        case .and:
            guard try Operators.truth(left, at: lhs.range) else { return left }
            return try evaluate(rhs, locals)
        case .or:
            if try Operators.truth(left, at: lhs.range) { return left }
            return try evaluate(rhs, locals)
        default:
            let right = try evaluate(rhs, locals)
            return try Operators.binary(op, left, right, operatorRange: operatorRange, leftRange: lhs.range,
                                        rightRange: rhs.range, context: context)
        }
    }

    // MARK: - Names

    func lookup(_ name: String, at range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> Value {
        if let locals, let value = try local(name, at: range, locals) { return value }
        if let value = globals[name] { return value }
        return try builtin(name, at: range, locals)
    }

    /// A global name's value when the module has no binding for it: the host's function or the
    /// builtin, else Python's NameError.
    func builtin(_ name: String, at range: SourceRange, _ locals: Locals?) throws(RuntimeError) -> Value {
        if let host = context.hostFunctions[name] { return .function(host) }
        if let value = BuiltinLibrary.value(named: name) { return value }
        let candidates = (locals?.scope.localNames ?? []) + visibleNames
        var notes: [String] = []
        if let suggestion = Suggestion.nearest(to: name, in: candidates) {
            notes.append("did you mean '\(suggestion)'?")
        } else {
            notes.append("bind it first (let \(name) = ...); help() lists every builtin")
        }
        if name == "np" || name == "numpy" { notes.append("conv has NumPy's convolve and correlate as builtins: convolve(a, v)") }
        throw RuntimeError("unknown name '\(name)'", at: range, notes: notes, raising: .nameError, reason: .undefinedName(name))
    }

    /// Names visible at the top level: the session's bindings then the builtins.
    var visibleNames: [String] { globalOrder + context.hostFunctions.keys.sorted() + BuiltinLibrary.globalNames }

    // MARK: - Members

    func member(_ name: String, of object: Value, nameRange: SourceRange, objectExpr: Expr) throws(RuntimeError) -> Value {
        if let value = try pythonMember(name, of: object, nameRange: nameRange) { return value }
        switch object {
        case .tensor, .variable:
            guard let value = Self.tensorMember(name, of: object) else {
                throw unknownMember(name, of: object, valid: Self.tensorMemberNames, at: nameRange)
            }
            return value
        case .object(let box):
            guard let value = try box.object.member(name) else {
                throw unknownMember(name, of: object, valid: box.object.memberNames, at: nameRange)
            }
            return value
        case .string(let text):
            guard let method = StringMethods.method(name, of: text) else {
                throw unknownMember(name, of: object, valid: StringMethods.names, at: nameRange)
            }
            return method
        case .layer(let layer):
            guard let value = layer.module.member(name) else {
                throw unknownMember(name, of: object, valid: layer.module.memberNames, at: nameRange)
            }
            return value
        case .namespace(let namespace):
            if let value = BuiltinLibrary.member(name, of: namespace) { return value }
            let supported = BuiltinLibrary.memberNames(of: namespace)
            var notes = ["supported \(namespace.name) names: " + supported.joined(separator: ", ")]
            if let suggestion = Suggestion.nearest(to: name, in: supported) { notes.insert("did you mean '\(namespace.name).\(suggestion)'?", at: 0) }
            throw RuntimeError("\(namespace.name).\(name) is not supported in conv", at: objectExpr.range.union(nameRange),
                               notes: notes, raising: .attributeError)
        case .size(let extents):
            // A torch.Size has a tuple's methods (`index`, `count`).
            return try member(name, of: .tuple(extents.map(Value.int)), nameRange: nameRange, objectExpr: objectExpr)
        case .returnTuple(let named):
            // `.values` and `.indices`, and a tuple's methods.
            if let field = named.member(name) { return field }
            return try member(name, of: .tuple(named.items), nameRange: nameRange, objectExpr: objectExpr)
        case .list, .dict, .tuple:
            let methods = switch object {
            case .list: ListMethods.byName
            case .dict: DictMethods.byName
            default: TupleMethods.byName
            }
            // A Counter's own methods (`most_common`, an `update` that adds) come before a dict's.
            if case .dict(let dict) = object, case .zero = dict.missing, let method = CollectionsModule.counterMethods[name] {
                return .function(Function(.boundBuiltin(receiver: object, method)))
            }
            guard let method = methods[name] else {
                // A list of numbers still has the tensor's `shape` and `ndim`, as list literals always had.
                if case .tensor = object.tensorIfList, ["shape", "ndim"].contains(name) {
                    return try member(name, of: object.tensorIfList, nameRange: nameRange, objectExpr: objectExpr)
                }
                throw unknownMember(name, of: object, valid: methods.keys.sorted(), at: nameRange)
            }
            return .function(Function(.boundBuiltin(receiver: object, method)))
        case .set(let set):
            guard let method = SetMethods.byName[name], !set.isFrozen || !SetMethods.mutating.contains(name) else {
                let valid = SetMethods.byName.keys.filter { !set.isFrozen || !SetMethods.mutating.contains($0) }.sorted()
                throw unknownMember(name, of: object, valid: valid, at: nameRange)
            }
            return .function(Function(.boundBuiltin(receiver: object, method)))
        // A tensor's element reads as a number (PyTorch's 0-d tensor), so `x[0, 1].item()` works.
        case .number(let number) where TensorMethods.methods[name] != nil:
            return try member(name, of: .tensor(Tensor(scalar: number)), nameRange: nameRange, objectExpr: objectExpr)
        case .function(let function) where function.attribute(name) != nil:
            return function.attribute(name) ?? .none
        default:
            throw RuntimeError("\(object.typeDescription) has no member '\(name)'", at: nameRange, raising: .attributeError)
        }
    }

    /// A tensor's member (`x.shape`, `x.view`, `x.grad`, `loss.backward`, ...); nil for a member
    /// tensors do not have. A plain tensor's methods are ``TensorMethods``' (each the torch
    /// function with the tensor first), then the autograd members (``TensorMembers``); a tensor
    /// with autograd identity takes the members that record its graph first, and the other
    /// methods compute on its values without recording.
    static func tensorMember(_ name: String, of tensor: Value) -> Value? {
        if name == "numpy", tensor.asTensor != nil { return NumPyConversions.numpyMethod(of: tensor) }
        return switch tensor {
        case .tensor(let plain):
            // `c.matmul(w)` with `w` requiring grad records as PyTorch does.
            AutogradMethods.names.contains(name) ? TensorMembers.member(name, of: tensor)
                : TensorMethods.member(name, of: plain) ?? TensorMembers.member(name, of: tensor)
        case .variable(let box):
            TensorMembers.member(name, of: tensor) ?? unrecorded(name, of: box) ?? tensor.asTensor.flatMap { TensorMethods.member(name, of: $0) }
        default: nil
        }
    }

    /// The refusal of a method conv does not record on a tensor that requires grad (PyTorch
    /// would differentiate it); nil when the method may compute on the values.
    private static func unrecorded(_ name: String, of box: VariableBox) -> Value? {
        guard GradMode.isEnabled, box.requiresGrad, let refusal = AutogradMethods.refusal(name) else { return nil }
        return .function(Function(.boundBuiltin(receiver: .variable(box), refusal)))
    }

    /// Every member name of tensors, for messages.
    static let tensorMemberNames = Array(Set(TensorMethods.names + TensorMembers.names)).sorted()

    private func unknownMember(_ name: String, of object: Value, valid: [String], at range: SourceRange) -> RuntimeError {
        var notes = ["valid members: " + valid.joined(separator: ", ")]
        if let suggestion = Suggestion.nearest(to: name, in: valid) { notes.insert("did you mean '\(suggestion)'?", at: 0) }
        return RuntimeError("\(object.typeName) has no member '\(name)'", at: range, notes: notes, raising: .attributeError)
    }
}
