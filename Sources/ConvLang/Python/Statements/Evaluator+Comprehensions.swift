/// Python's dict and set displays and comprehensions.
///
/// A comprehension runs in its own scope, as in Python 3: its loop variables are bound there and
/// vanish afterwards, while the names around it are read as usual. A generator expression is
/// evaluated at once into a list (every builtin that takes one consumes it whole).
extension Evaluator {
    /// `{k: v, ...}`; `**mapping` items merge a dict in.
    func evaluateDict(_ items: [DictItem], _ locals: Locals?) throws(RuntimeError) -> Value {
        let dict = PythonDict()
        for item in items {
            let value = try evaluate(item.value, locals)
            guard let keyExpr = item.key else {
                guard case .dict = value else {
                    throw RuntimeError("'\(value.typeName)' object is not a mapping", at: item.value.range, raising: .typeError)
                }
                try DictMethods.merge(value, into: dict, at: item.value.range, elements: ElementRule(context))
                continue
            }
            let key = try evaluate(keyExpr, locals)
            guard dict.store(value, for: key) else { throw PythonOperators.unhashable(key, at: keyExpr.range) }
        }
        return .dict(dict)
    }

    /// `{a, b, *xs}`: the elements added in order. CPython builds a display of three or more
    /// constants as a frozenset constant first (``constantSet(_:_:)``) and copies it into the
    /// new set, which can place colliding elements differently than adding them one by one; so
    /// does this.
    func evaluateSet(_ items: [Expr], _ locals: Locals?) throws(RuntimeError) -> Value {
        let set = PythonSet()
        if items.count > 2, items.allSatisfy(\.isPythonConstant) {
            set.merge(try constantSet(items, locals))
            return .set(set)
        }
        for item in items {
            if case .starred(let inner, _) = item {
                try SetMethods.update(set, with: try evaluate(inner, locals), at: inner.range, elements: ElementRule(context))
                continue
            }
            let value = try evaluate(item, locals)
            guard set.add(value) else { throw PythonOperators.unhashable(value, at: item.range) }
        }
        return .set(set)
    }

    /// The frozenset CPython's compiler makes of a display of constants: folded from the tuple
    /// of them, then made again from that one's order when the compiler merges constants.
    func constantSet(_ items: [Expr], _ locals: Locals?) throws(RuntimeError) -> PythonSet {
        let folded = PythonSet(), merged = PythonSet()
        for item in items {
            let value = try evaluate(item, locals)
            guard folded.add(value) else { throw PythonOperators.unhashable(value, at: item.range) }
        }
        merged.addAll(inSlotOrderOf: folded)
        merged.isFrozen = true
        return merged
    }

    /// What a `for` loop or a comprehension walks: `iterable`'s value, except that a set display
    /// of constants is the frozenset constant CPython's compiler puts there instead (so
    /// `for x in {0, 8, 16, 24, 32}` walks that one's order, not a new set's).
    func evaluateIterable(_ iterable: Expr, _ locals: Locals?) throws(RuntimeError) -> Value {
        if case .set(let items, _) = iterable, items.allSatisfy(\.isPythonConstant) { return .set(try constantSet(items, locals)) }
        return try evaluate(iterable, locals)
    }

    /// `[e for ...]`, `{k: v for ...}`, `{e for ...}` and `(e for ...)`.
    func evaluateComprehension(_ comprehension: Comprehension, _ locals: Locals?) throws(RuntimeError) -> Value {
        var produced: [Value] = []
        let dict = PythonDict()
        let set = PythonSet()
        let valueExpr: Expr?
        switch comprehension.kind {
        case .list, .generator, .set: valueExpr = nil
        case .dict(let value): valueExpr = value
        }
        let isSet = if case .set = comprehension.kind { true } else { false }
        // The comprehension's own scope: the enclosing function's names (or none at the top
        // level, where names are globals) with the loop variables added on top.
        var targets: [String] = []
        for case .for(let target, _, _) in comprehension.clauses { targets += target.boundNames }
        // The first iterable is evaluated where the comprehension is written (in a class body,
        // it sees the class's names, which the rest of the comprehension does not).
        var outermost: Value?
        if case .for(_, let iterable, _) = comprehension.clauses.first { outermost = try evaluateIterable(iterable, locals) }
        var scope: Locals? = Frame.comprehension(binding: targets, in: locals)
        try runClauses(comprehension.clauses[...], outermost: outermost, &scope) { scope throws(RuntimeError) in
            let element = try evaluate(comprehension.element, scope)
            guard let valueExpr else {
                if isSet {
                    guard set.add(element) else { throw PythonOperators.unhashable(element, at: comprehension.element.range) }
                } else {
                    produced.append(element)
                }
                return
            }
            guard dict.store(try evaluate(valueExpr, scope), for: element) else {
                throw PythonOperators.unhashable(element, at: comprehension.element.range)
            }
        }
        if case .dict = comprehension.kind { return .dict(dict) }
        if isSet { return .set(set) }
        return .list(PythonList(produced))
    }

    /// Runs the `for` and `if` clauses in order, calling `body` for every combination that passes.
    /// `outermost` is the first clause's iterable, already evaluated.
    private func runClauses(
        _ clauses: ArraySlice<Comprehension.Clause>, outermost: Value? = nil, _ scope: inout Locals?,
        _ body: (Locals?) throws(RuntimeError) -> Void
    ) throws(RuntimeError) {
        guard let clause = clauses.first else { return try body(scope) }
        let rest = clauses.dropFirst()
        switch clause {
        case .if(let condition):
            guard try Operators.truth(try evaluate(condition, scope), at: condition.range) else { return }
            try runClauses(rest, &scope, body)
        case .for(let target, let iterable, _):
            let iterated = if let outermost { outermost } else { try evaluateIterable(iterable, scope) }
            if let lazy = Iteration.lazyIterator(iterated) {
                while let item = try lazy.next(self, at: iterable.range) {
                    try context.countStep(at: iterable.range)
                    try assign(item, to: target, &scope)
                    try runClauses(rest, &scope, body)
                }
                return
            }
            let items = try Iteration.Items(of: iterated, at: iterable.range, elements: ElementRule(context))
            for index in 0..<items.count {
                try context.countStep(at: iterable.range)
                try assign(items[index], to: target, &scope)
                try runClauses(rest, &scope, body)
            }
        }
    }
}

extension Expr {
    /// Whether CPython's compiler sees a constant here: a literal, a signed number, or a tuple
    /// of constants.
    var isPythonConstant: Bool {
        switch self {
        case .number, .integer, .bigInteger, .string, .bool, .none: true
        case .name(let name, _): ["True", "False", "None"].contains(name)
        case .unary(.negate, let operand, _), .unary(.plus, let operand, _):
            switch operand {
            case .number, .integer, .bigInteger: true
            default: false
            }
        case .tuple(let items, _): items.allSatisfy(\.isPythonConstant)
        default: false
        }
    }
}
