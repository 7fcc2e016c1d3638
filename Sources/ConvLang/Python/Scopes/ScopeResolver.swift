/// Python's scoping rules, applied once per function definition: a name bound anywhere in a
/// function's body (assignment, augmented assignment, `for`, `def`, `class`, `import`, `with ...
/// as`, `except ... as`, `del`) is local to it unless declared `global` or `nonlocal`; a name a
/// nested function reads from an enclosing function lives in a cell both share; every other
/// name is global (then builtin).
///
/// Two passes, as Python's compiler does: ``SymbolTable`` collects what each body binds, reads
/// and declares; ``analyze(_:enclosing:)`` then decides, from the outermost function in, where
/// every name lives.
enum ScopeResolver {
    /// The scope of a `def` or `lambda` defined at the module level, or in a frame whose scope
    /// did not resolve it beforehand (a short-language `fn`, whose names are `enclosing`).
    static func resolve(_ definition: FunctionDefinition, enclosing: Set<String> = []) throws(RuntimeError) -> Scope {
        let table = SymbolTable(kind: .function, name: definition.name, parameters: definition.parameters.map(\.name))
        table.collect(definition.body)
        return try analyze(table, enclosing: enclosing, qualifier: "").scope
    }

    /// The scope of a class body defined at the module level, or in a frame whose scope did not
    /// resolve it beforehand.
    static func resolve(_ definition: ClassDefinition, enclosing: Set<String> = []) throws(RuntimeError) -> Scope {
        let table = SymbolTable(kind: .classBody, name: definition.name, parameters: [])
        table.collect(definition.body)
        return try analyze(table, enclosing: enclosing, qualifier: "").scope
    }

    /// Decides where each of `table`'s names lives, given the names bound by the enclosing
    /// functions; returns the scope and the names it needs from outside (its free variables).
    /// `qualifier` leads the body's qualified name: `Outer.` in a class, `f.<locals>.` in a function.
    private static func analyze(_ table: SymbolTable, enclosing: Set<String>, qualifier: String) throws(RuntimeError)
        -> (scope: Scope, free: Set<String>) {
        let qualifiedName = qualifier + table.name
        for declared in table.nonlocals where !enclosing.contains(declared.name) {
            throw RuntimeError("no binding for nonlocal '\(declared.name)' found", at: declared.range,
                               notes: ["'nonlocal' names a variable of an enclosing function; use 'global' for a module-level name"],
                               reason: .syntax)
        }
        for parameter in table.parameters where table.globals.contains(parameter) {
            throw RuntimeError("name '\(parameter)' is parameter and global", at: table.globalRange(of: parameter), reason: .syntax)
        }
        let nonlocalNames = Set(table.nonlocals.map(\.name))
        let locals = table.parameters + table.bound.filter {
            !table.globals.contains($0) && !nonlocalNames.contains($0) && !table.parameters.contains($0)
        }
        let localSet = Set(locals)
        // A class body's names are not visible to the functions defined in it; its methods
        // see the class itself as `__class__` (zero-argument `super()` reads it).
        let visibleBelow = table.kind == .classBody
            ? enclosing.subtracting(table.globals).union([Scope.classCell])
            : enclosing.subtracting(table.globals).union(localSet).union(nonlocalNames)
        var cells: [String] = []
        var free = nonlocalNames
        var children: [Int: Scope] = [:]
        for child in table.children {
            let (scope, childFree) = try analyze(child.table, enclosing: visibleBelow.union(child.comprehensionTargets),
                                                 qualifier: qualifiedName + (table.kind == .classBody ? "." : ".<locals>."))
            children[child.key] = scope
            // A lambda in a comprehension captures the comprehension's loop variables from the
            // comprehension's own frame (Frame.comprehension), not from this body.
            for name in childFree.sorted() where !child.comprehensionTargets.contains(name) {
                let ownCell = table.kind == .classBody ? name == Scope.classCell : localSet.contains(name)
                if ownCell { if !cells.contains(name) { cells.append(name) } } else { free.insert(name) }
            }
        }
        for name in table.used where !localSet.contains(name) && !table.globals.contains(name) && enclosing.contains(name) {
            free.insert(name)
        }
        let scopeKind: Scope.Kind = table.kind == .classBody ? .classBody : .function
        let scope = Scope(kind: scopeKind, localNames: locals, cellNames: cells,
                          freeNames: free.sorted(), parameterCount: table.parameters.count, children: children,
                          qualifiedName: qualifiedName, isGenerator: table.kind == .function && table.yields)
        return (scope, free)
    }
}

/// What one body binds, reads and declares, and the bodies nested in it (pass one).
private final class SymbolTable {
    enum Kind { case module, function, classBody }

    let kind: Kind
    /// The function's or class's name (`<lambda>` for a lambda).
    let name: String
    let parameters: [String]
    /// Names bound in the body, in order of first binding.
    private(set) var bound: [String] = []
    private var boundSet: Set<String> = []
    private(set) var used: Set<String> = []
    private(set) var globals: Set<String> = []
    private var globalDeclarations: [Name] = []
    private(set) var nonlocals: [Name] = []
    private(set) var children: [(key: Int, table: SymbolTable, comprehensionTargets: Set<String>)] = []
    /// The loop variables of the comprehensions being collected (a lambda inside one sees them).
    private var comprehensionTargets: Set<String> = []
    /// Whether the body itself (not a function or class nested in it) has a `yield`: the
    /// function is then a generator.
    private(set) var yields = false

    init(kind: Kind, name: String, parameters: [String]) {
        self.kind = kind
        self.name = name
        self.parameters = parameters
    }

    func globalRange(of name: String) -> SourceRange {
        globalDeclarations.first { $0.name == name }?.range ?? SourceRange(start: 0, end: 0)
    }

    private func bind(_ name: String) {
        if boundSet.insert(name).inserted { bound.append(name) }
    }

    // MARK: - Statements

    func collect(_ body: [Stmt]) {
        for statement in body { collect(statement) }
    }

    private func collect(_ statement: Stmt) {
        switch statement {
        case .assign(let name, _, let value, _):
            bind(name)
            collect(value)
        case .assignMany(let targets, let value, _):
            targets.forEach { bind($0.name) }
            collect(value)
        case .assignMember(let object, _, _, let value, _):
            collect(object)
            collect(value)
        case .function(let declaration):
            // A short-language `fn` sees its parameters and the module's names only, and
            // computes its defaults when called: nothing in it is read from this body.
            bind(declaration.name)
        case .expression(let expr): collect(expr)
        case .importLine(let line):
            let items = line.names.isEmpty ? line.modules : line.names
            for item in items where item.name != "*" {
                bind(item.alias ?? String(item.name.prefix { $0 != "." }))
            }
        case .assignment(let targets, let value, _):
            targets.forEach(collect)
            collect(value)
        case .augmentedAssign(let target, _, _, let value, _):
            collect(target)
            collect(value)
            if case .name(let name, _) = target { used.insert(name) }
        case .annotatedAssign(let target, let annotation, let value, _):
            if value != nil { collect(target) }
            collect(annotation)
            value.map(collect)
        case .functionDefinition(let definition): collect(definition)
        case .classDefinition(let definition):
            bind(definition.name)
            definition.decorators.forEach { collect($0.expression) }
            definition.bases.forEach { collect($0.value) }
            let table = SymbolTable(kind: .classBody, name: definition.name, parameters: [])
            table.collect(definition.body)
            children.append((definition.range.start, table, comprehensionTargets))
        case .returnStatement(let value, _): value.map(collect)
        case .ifStatement(let statement):
            for branch in statement.branches {
                collect(branch.condition)
                collect(branch.body)
            }
            statement.orElse.map(collect)
        case .forStatement(let loop):
            collect(loop.target)
            collect(loop.iterable)
            collect(loop.body)
            loop.orElse.map(collect)
        case .whileStatement(let loop):
            collect(loop.condition)
            collect(loop.body)
            loop.orElse.map(collect)
        case .breakStatement, .continueStatement, .passStatement: break
        case .assertStatement(let condition, let message, _):
            collect(condition)
            message.map(collect)
        case .globalStatement(let names, _):
            globals.formUnion(names.map(\.name))
            globalDeclarations += names
        case .nonlocalStatement(let names, _):
            nonlocals += names
        case .deleteStatement(let targets, _): targets.forEach(collect)
        case .withStatement(let block):
            for item in block.items {
                collect(item.context)
                item.target.map(collect)
            }
            collect(block.body)
        case .tryStatement(let block):
            collect(block.body)
            for handler in block.handlers {
                handler.type.map(collect)
                handler.name.map { bind($0.name) }
                collect(handler.body)
            }
            block.orElse.map(collect)
            block.finally.map(collect)
        case .raiseStatement(let exception, let cause, _):
            exception.map(collect)
            cause.map(collect)
        case .yieldStatement(let value, _, _):
            yields = true
            value.map(collect)
        }
    }

    private func collect(_ definition: FunctionDefinition) {
        bind(definition.name)
        definition.decorators.forEach { collect($0.expression) }
        definition.parameters.compactMap(\.defaultValue).forEach(collect)
        child(at: definition.range.start, name: definition.name, parameters: definition.parameters.map(\.name)) {
            $0.collect(definition.body)
        }
    }

    private func child(at key: Int, name: String, parameters: [String], _ fill: (SymbolTable) -> Void) {
        let table = SymbolTable(kind: .function, name: name, parameters: parameters)
        fill(table)
        children.append((key, table, comprehensionTargets))
    }

    /// A target binds its names; the expressions inside it (`x[i]`, `m.w`) are read.
    private func collect(_ target: Target) {
        switch target {
        case .name(let name, _): bind(name)
        case .member(let object, _, _, _): collect(object)
        case .index(let base, let subscripts, _):
            collect(base)
            subscripts.forEach(collect)
        case .tuple(let items, _), .list(let items, _): items.forEach(collect)
        case .starred(let inner, _): collect(inner)
        }
    }

    // MARK: - Expressions

    private func collect(_ expr: Expr) {
        switch expr {
        case .number, .integer, .bigInteger, .string, .bool, .none, .ellipsis: break
        case .name(let name, _):
            used.insert(name)
            // Zero-argument `super()` in a method reads the class it was defined in.
            if name == "super", kind == .function { used.insert(Scope.classCell) }
        case .fstring(let parts, _): parts.forEach(collect)
        case .list(let items, _), .tuple(let items, _), .set(let items, _): items.forEach(collect)
        case .dict(let items, _):
            for item in items {
                item.key.map(collect)
                collect(item.value)
            }
        case .comprehension(let comprehension):
            // A comprehension's loop variables belong to its own scope (Frame.comprehension),
            // not to the enclosing body; its first iterable is evaluated in the enclosing body.
            let outerTargets = comprehensionTargets
            defer { comprehensionTargets = outerTargets }
            for clause in comprehension.clauses {
                switch clause {
                case .for(let target, let iterable, _):
                    collect(iterable)
                    comprehensionTargets.formUnion(target.boundNames)
                    if case .index = target { collect(target) }
                    if case .member = target { collect(target) }
                case .if(let condition): collect(condition)
                }
            }
            collect(comprehension.element)
            if case .dict(let value) = comprehension.kind { collect(value) }
        case .starred(let inner, _), .doubleStarred(let inner, _), .unary(_, let inner, _): collect(inner)
        case .binary(_, let left, let right, _, _):
            collect(left)
            collect(right)
        case .conditional(let condition, let then, let otherwise, _):
            [condition, then, otherwise].forEach(collect)
        case .lambda(let parameters, let body, let range):
            parameters.compactMap(\.defaultValue).forEach(collect)
            child(at: range.start, name: "<lambda>", parameters: parameters.map(\.name)) { $0.collect(body) }
        case .call(let callee, let arguments, _):
            collect(callee)
            arguments.forEach { collect($0.value) }
        case .index(let base, let subscripts, _):
            collect(base)
            subscripts.forEach(collect)
        case .member(let object, _, _, _): collect(object)
        case .explain(let target, let options, _):
            collect(target)
            options.forEach { collect($0.value) }
        }
    }

    private func collect(_ item: Subscript) {
        switch item {
        case .index(let expr): collect(expr)
        case .slice(let start, let stop, let step, _): [start, stop, step].compactMap { $0 }.forEach(collect)
        }
    }

    private func collect(_ part: FStringPart) {
        guard case .field(let field) = part else { return }
        collect(field.expression)
        field.formatSpec?.forEach(collect)
    }
}
