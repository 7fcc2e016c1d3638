/// Python's `set` and `frozenset`: the builtins that make them, their methods (`s.add(x)`,
/// `s.union(xs)`, ...) and their operators (`| & - ^`, their `|=` forms, `<= < >= >`).
///
/// Each operation walks its operands as CPython's Objects/setobject.c does (which set is
/// iterated, when the table is resized, which of two equal elements is kept), because that
/// decides the order the result prints in.
enum SetMethods {
    static let set = PythonConversions.python(
        "set", [.optional("iterable", default: .tuple([]))], "a new set of the distinct items of an iterable",
        "set(iterable=())\n\n  set([3, 1, 3])      # {1, 3}\n  set()               # empty; {} is a dict") { call throws(RuntimeError) in
        .set(try made(from: call, frozen: false))
    }

    static let frozenset = PythonConversions.python(
        "frozenset", [.optional("iterable", default: .tuple([]))], "an unchangeable set of the distinct items of an iterable",
        "frozenset(iterable=())\n\n  frozenset([2, 1])   # frozenset({1, 2})") { call throws(RuntimeError) in
        .set(try made(from: call, frozen: true))
    }

    private static func made(from call: BuiltinCall, frozen: Bool) throws(RuntimeError) -> PythonSet {
        let made = PythonSet()
        if call.isGiven("iterable") {
            try update(made, with: call.value("iterable"), at: call.range(of: "iterable"), elements: ElementRule(call.context))
        }
        made.isFrozen = frozen
        return made
    }

    /// By name, for `s.NAME`.
    static let byName: [String: Builtin] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The methods a frozenset lacks, since they change the set.
    static let mutating: Set<String> = [
        "add", "discard", "remove", "pop", "clear", "update", "intersection_update", "difference_update",
        "symmetric_difference_update",
    ]

    static let all: [Builtin] = [
        method("add", [.required("elem")], "adds elem (nothing happens when it is there)") { call, set throws(RuntimeError) in
            guard set.add(call.value("elem")) else { throw PythonOperators.unhashable(call.value("elem"), at: call.range(of: "elem")) }
            return .none
        },
        method("discard", [.required("elem")], "removes elem when it is there") { call, set throws(RuntimeError) in
            _ = try entry(call.value("elem"), at: call.range(of: "elem"))
            set.discard(call.value("elem"))
            return .none
        },
        method("remove", [.required("elem")], "removes elem (KeyError when it is not there)") { call, set throws(RuntimeError) in
            let key = call.value("elem")
            _ = try entry(key, at: call.range(of: "elem"))
            guard set.discard(key) else { throw DictMethods.missingKey(key, in: "set", at: call.range(of: "elem")) }
            return .none
        },
        method("pop", [], "removes and gives an element (KeyError when empty)") { call, set throws(RuntimeError) in
            guard let element = set.pop() else { throw emptyPop(at: call.range) }
            return element
        },
        method("clear", [], "removes every element") { _, set throws(RuntimeError) in
            set.removeAll()
            return .none
        },
        method("copy", [], "a new set with the same elements") { _, set throws(RuntimeError) in .set(set.copy()) },
        method("update", [.variadic("others")], "adds the elements of every iterable given") { call, set throws(RuntimeError) in
            for (other, range) in call.rest { try update(set, with: other, at: range, elements: ElementRule(call.context)) }
            return .none
        },
        method("union", [.variadic("others")], "a new set of the elements here or in any iterable given") { call, set throws(RuntimeError) in
            let result = set.copy()
            for (other, range) in call.rest where other.pythonSet !== set {
                try update(result, with: other, at: range, elements: ElementRule(call.context))
            }
            return .set(result)
        },
        method("intersection", [.variadic("others")], "a new set of the elements here and in every iterable given") { call, set throws(RuntimeError) in
            .set(try intersection(set, call.rest, call))
        },
        method("intersection_update", [.variadic("others")], "keeps the elements that every iterable given holds") { call, set throws(RuntimeError) in
            set.replaceContents(with: try intersection(set, call.rest, call))
            return .none
        },
        method("difference", [.variadic("others")], "a new set of the elements here and in no iterable given") { call, set throws(RuntimeError) in
            guard let first = call.rest.first else { return .set(set.copy()) }
            let result = try difference(set, first.value, at: first.range, elements: ElementRule(call.context))
            for (other, range) in call.rest.dropFirst() { try differenceUpdate(result, other, at: range, elements: ElementRule(call.context)) }
            return .set(result)
        },
        method("difference_update", [.variadic("others")], "removes the elements of every iterable given") { call, set throws(RuntimeError) in
            for (other, range) in call.rest { try differenceUpdate(set, other, at: range, elements: ElementRule(call.context)) }
            return .none
        },
        method("symmetric_difference", [.required("other")], "a new set of the elements in exactly one of the two") { call, set throws(RuntimeError) in
            .set(try symmetricDifference(set, call.value("other"), at: call.range(of: "other"), elements: ElementRule(call.context)))
        },
        method("symmetric_difference_update", [.required("other")], "keeps the elements in exactly one of the two") { call, set throws(RuntimeError) in
            try symmetricDifferenceUpdate(set, call.value("other"), at: call.range(of: "other"), elements: ElementRule(call.context))
            return .none
        },
        method("issubset", [.required("other")], "whether every element is in other") { call, set throws(RuntimeError) in
            .bool(isSubset(set, of: try asSet(call.value("other"), at: call.range(of: "other"), call)))
        },
        method("issuperset", [.required("other")], "whether every element of other is here") { call, set throws(RuntimeError) in
            .bool(isSubset(try asSet(call.value("other"), at: call.range(of: "other"), call), of: set))
        },
        method("isdisjoint", [.required("other")], "whether no element is in other") { call, set throws(RuntimeError) in
            let other = try asSet(call.value("other"), at: call.range(of: "other"), call)
            return .bool(!other.elements.contains { set.contains($0) == true })
        },
    ]

    // MARK: - The operations

    /// Adds every item of `source` (CPython's `set_update_internal`: a set is merged, a dict's
    /// keys are added after one resize, any other iterable item by item).
    static func update(_ set: PythonSet, with source: Value, at range: SourceRange, elements rule: ElementRule) throws(RuntimeError) {
        switch source {
        case .set(let other): set.merge(other)
        case .dict(let dict): set.merge(keysOf: dict)
        default:
            for item in try Iteration.items(of: source, at: range, elements: rule) {
                guard set.add(item) else { throw PythonOperators.unhashable(item, at: range) }
            }
        }
    }

    /// `source` as a set: itself, or a new set of its items.
    private static func asSet(_ source: Value, at range: SourceRange, _ call: BuiltinCall) throws(RuntimeError) -> PythonSet {
        if case .set(let set) = source { return set }
        let made = PythonSet()
        try update(made, with: source, at: range, elements: ElementRule(call.context))
        return made
    }

    private static func isSubset(_ set: PythonSet, of other: PythonSet) -> Bool {
        set.count <= other.count && set.elements.allSatisfy { other.contains($0) == true }
    }

    /// `set.intersection(*others)`: intersected with each in turn.
    private static func intersection(_ set: PythonSet, _ others: [(value: Value, range: SourceRange)], _ call: BuiltinCall) throws(RuntimeError) -> PythonSet {
        var result = set
        for (other, range) in others { result = try intersection(result, other, at: range, elements: ElementRule(call.context)) }
        return result === set ? set.copy() : result
    }

    /// CPython's `set_intersection`: the smaller set is walked, and its elements are the ones kept.
    static func intersection(_ set: PythonSet, _ other: Value, at range: SourceRange, elements rule: ElementRule) throws(RuntimeError) -> PythonSet {
        if other.pythonSet === set { return set.copy() }
        let result = PythonSet()
        result.isFrozen = set.isFrozen
        if case .set(let otherSet) = other {
            // CPython walks the other set unless it is the larger one.
            var (walked, probed) = (otherSet, set)
            if walked.count > probed.count { (walked, probed) = (probed, walked) }
            for entry in result.adopting(walked) where probed.containsEntry(entry) { result.addEntry(entry) }
            return result
        }
        for item in try Iteration.items(of: other, at: range, elements: rule) {
            guard let found = set.contains(item) else { throw PythonOperators.unhashable(item, at: range) }
            if found { result.add(item) }
        }
        return result
    }

    /// CPython's `set_difference`: a small `other` is removed from a copy; otherwise the
    /// elements here that `other` lacks are added to a new set.
    static func difference(_ set: PythonSet, _ other: Value, at range: SourceRange, elements rule: ElementRule) throws(RuntimeError) -> PythonSet {
        let otherCount: Int
        switch other {
        case .set(let otherSet): otherCount = otherSet.count
        case .dict(let dict): otherCount = dict.count
        default: otherCount = -1
        }
        if otherCount < 0 || (set.count >> 2) > otherCount {
            let result = set.copy()
            try differenceUpdate(result, other, at: range, elements: rule)
            return result
        }
        let result = PythonSet()
        result.isFrozen = set.isFrozen
        for entry in result.adopting(set) {
            let present = switch other {
            case .set(let otherSet): otherSet.containsEntry(entry)
            case .dict(let dict): dict[entry.value] != nil
            default: false
            }
            if !present { result.addEntry(entry) }
        }
        return result
    }

    /// CPython's `set_difference_update_internal`: discards, then purges the dummies when they
    /// fill more than a quarter of the table.
    static func differenceUpdate(_ set: PythonSet, _ other: Value, at range: SourceRange, elements rule: ElementRule) throws(RuntimeError) {
        if case .set(var otherSet) = other {
            if otherSet === set { return set.removeAll() }
            if (otherSet.count >> 3) > set.count {
                otherSet = try intersection(set, other, at: range, elements: rule)
            }
            for entry in set.adopting(otherSet) { set.discardEntry(entry) }
        } else {
            for item in try Iteration.items(of: other, at: range, elements: rule) {
                _ = try entry(item, at: range)
                set.discard(item)
            }
        }
        set.purgeDummiesIfMany()
    }

    /// CPython's `set_symmetric_difference`: a new set of `other`'s items, updated with this one.
    static func symmetricDifference(_ set: PythonSet, _ other: Value, at range: SourceRange, elements rule: ElementRule) throws(RuntimeError) -> PythonSet {
        let result = PythonSet()
        try update(result, with: other, at: range, elements: rule)
        result.isFrozen = set.isFrozen
        try symmetricDifferenceUpdate(result, .set(set), at: range, elements: rule)
        return result
    }

    /// CPython's `set_symmetric_difference_update`: each element of `other` is discarded, or
    /// added when it was not here.
    static func symmetricDifferenceUpdate(_ set: PythonSet, _ other: Value, at range: SourceRange, elements rule: ElementRule) throws(RuntimeError) {
        if other.pythonSet === set { return set.removeAll() }
        let walked: PythonSet
        switch other {
        case .set(let otherSet): walked = otherSet
        case .dict(let dict):
            for key in dict.keys where !set.discard(key) { set.add(key) }
            return
        default:
            walked = PythonSet()
            try update(walked, with: other, at: range, elements: rule)
        }
        for entry in set.adopting(walked) where !set.discardEntry(entry) { set.addEntry(entry) }
    }

    // MARK: - Operators

    /// `a | b`, `a & b`, `a - b`, `a ^ b` and the comparisons when either side is a set; nil
    /// for other operators. Python takes only sets (or frozensets) on both sides here.
    static func binary(_ op: BinaryOperator, _ left: Value, _ right: Value, at range: SourceRange, context: EvaluationContext) throws(RuntimeError) -> Value? {
        guard left.pythonSet != nil || right.pythonSet != nil else { return nil }
        switch op {
        case .bitOr, .bitAnd, .subtract, .bitXor, .less, .lessEqual, .greater, .greaterEqual: break
        default: return nil
        }
        guard let a = left.pythonSet, let b = right.pythonSet else {
            throw RuntimeError(Operators.unsupported(op, left, right), at: range, raising: .typeError)
        }
        let rule = ElementRule(context)
        switch op {
        case .bitOr:
            let result = a.copy()
            if a !== b { result.merge(b) }
            return .set(result)
        case .bitAnd: return .set(try intersection(a, right, at: range, elements: rule))
        case .subtract: return .set(try difference(a, right, at: range, elements: rule))
        case .bitXor: return .set(try symmetricDifference(a, right, at: range, elements: rule))
        case .lessEqual: return .bool(isSubset(a, of: b))
        case .less: return .bool(a.count < b.count && isSubset(a, of: b))
        case .greaterEqual: return .bool(isSubset(b, of: a))
        default: return .bool(b.count < a.count && isSubset(b, of: a))
        }
    }

    /// `s |= t`, `s &= t`, `s -= t`, `s ^= t` on a set: changed in place, so every name bound to
    /// it sees the change. False for other operators; TypeError when `t` is not a set.
    static func updateInPlace(_ op: BinaryOperator, _ set: PythonSet, _ right: Value, at range: SourceRange, context: EvaluationContext) throws(RuntimeError) -> Bool {
        switch op {
        case .bitOr, .bitAnd, .subtract, .bitXor: break
        default: return false
        }
        guard case .set(let other) = right else {
            let (a, b) = (PythonText.typeName(.set(set)), PythonText.typeName(right))
            throw RuntimeError("unsupported operand type(s) for \(op.rawValue)=: '\(a)' and '\(b)'", at: range, raising: .typeError)
        }
        let rule = ElementRule(context)
        switch op {
        case .bitOr: set.merge(other)
        case .bitAnd: set.replaceContents(with: try intersection(set, right, at: range, elements: rule))
        case .subtract: try differenceUpdate(set, right, at: range, elements: rule)
        default: try symmetricDifferenceUpdate(set, right, at: range, elements: rule)
        }
        return true
    }

    // MARK: - Helpers

    /// `value` as an element; TypeError when it cannot be hashed.
    private static func entry(_ value: Value, at range: SourceRange) throws(RuntimeError) -> PythonSet.Entry {
        guard let entry = PythonSet.entry(value, serial: 0) else { throw PythonOperators.unhashable(value, at: range) }
        return entry
    }

    /// Python's `KeyError('pop from an empty set')`.
    private static func emptyPop(at range: SourceRange) -> RuntimeError {
        DictMethods.keyError("KeyError: 'pop from an empty set'", argument: .string("pop from an empty set"), at: range)
    }

    private static func method(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String,
        _ body: @escaping @Sendable (BuiltinCall, PythonSet) throws(RuntimeError) -> Value
    ) -> Builtin {
        Builtin.method(of: "set", name, parameters, summary) { call throws(RuntimeError) in try body(call, try call.receivingSet) }
    }
}
