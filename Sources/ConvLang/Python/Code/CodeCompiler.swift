/// Turns statements and expressions into ``ExprCode`` and ``StmtCode`` trees for one scope:
/// a function's (its names resolved by its ``Scope``) or the module's (`scope` nil: every
/// name is global). A class body runs once, in the tree-walking evaluator (whose name rules
/// know class attributes), and is never compiled.
struct CodeCompiler {
    let scope: Scope?
    let globals: Globals

    // MARK: - Names

    func slot(of name: String) -> NameSlot {
        switch scope?.resolve(name) ?? .global {
        case .local(let slot): .local(slot)
        case .cell(let index): .cell(index)
        // (Only a class body has class attributes, and class bodies are never compiled.)
        case .global, .classAttribute: .global(globals, globals.slot(for: name))
        }
    }

    // MARK: - Statements

    func compile(_ block: [Stmt]) -> BlockCode { BlockCode(block.map(compile)) }

    func compile(_ statement: Stmt) -> StmtCode {
        switch statement {
        case .expression(let expr):
            return ExpressionStatementCode(statement, compile(expr))
        case .assign(let name, let nameRange, let value, _) where !statement.isLetBinding:
            // (`let` binds a list as a tensor: the evaluator's own path.)
            return AssignCode(statement, [(slot(of: name), name, nameRange)], compile(value))
        case .assignment(let targets, let value, _):
            let value = compile(value)
            if targets.count == 1, let item = ItemAssignCode(statement, target: targets[0], value: value, self) { return item }
            var names: [(NameSlot, String, SourceRange)] = []
            for target in targets {
                guard case .name(let name, let range) = target else { return TargetAssignCode(statement, targets, value) }
                names.append((slot(of: name), name, range))
            }
            return AssignCode(statement, names, value)
        case .augmentedAssign(.name(let name, let range), let op, let operatorRange, let value, _):
            return AugmentedAssignCode(statement, slot: slot(of: name), name: name, nameRange: range, op: op,
                                       operatorRange: operatorRange, value: compile(value))
        case .returnStatement(let value, _):
            return ReturnCode(statement, value.map(compile))
        case .ifStatement(let conditional):
            // elif chains become nested ifs, each with its condition and body held directly.
            var orElse: StmtCode? = conditional.orElse.map { BlockStatementCode(statement, compile($0)) }
            for branch in conditional.branches.reversed() {
                orElse = IfCode(statement, condition: compile(branch.condition), body: compile(branch.body), orElse: orElse)
            }
            return orElse ?? StmtCode(statement)
        case .whileStatement(let loop):
            return WhileCode(statement, condition: compile(loop.condition), body: compile(loop.body),
                             orElse: loop.orElse.map(compile))
        case .forStatement(let loop):
            let target: NameSlot? = if case .name(let name, _) = loop.target { slot(of: name) } else { nil }
            let numeric: NumericLoop? = if case .name(let name, _) = loop.target { NumericLoop.make(loop, target: name, self) } else { nil }
            return ForCode(statement, loop: loop, target: target, iterable: compile(loop.iterable), body: compile(loop.body),
                           orElse: loop.orElse.map(compile), numeric: numeric)
        case .withStatement(let block):
            return WithCode(statement, block, body: compile(block.body))
        case .breakStatement: return FlowCode(statement, .breakLoop)
        case .continueStatement: return FlowCode(statement, .continueLoop)
        case .passStatement: return FlowCode(statement, .normal)
        default:
            return StmtCode(statement)
        }
    }

    // MARK: - Expressions

    func compile(_ expr: Expr) -> ExprCode {
        switch expr {
        case .number(let value, _): return ConstantCode(expr, .number(value))
        case .integer(let value, _): return ConstantCode(expr, .int(Int(value)))
        case .bool(let value, _): return ConstantCode(expr, .bool(value))
        case .string(let value, _): return ConstantCode(expr, .string(value))
        case .none: return ConstantCode(expr, .none)
        case .name(let name, let range):
            switch slot(of: name) {
            case .local(let slot): return LocalCode(expr, slot: slot, name: name, range: range)
            case .cell(let index): return CellCode(expr, index: index, name: name, range: range)
            case .global(let globals, let slot): return GlobalCode(expr, globals: globals, slot: slot, name: name, range: range)
            }
        case .binary(let op, let left, let right, _, _) where op != .and && op != .or:
            return BinaryCode(expr, op: op, left: compile(left), right: compile(right))
        case .binary(let op, let left, let right, _, _):
            return LogicalCode(expr, isAnd: op == .and, left: compile(left), right: compile(right))
        case .unary(let op, let operand, let range):
            return UnaryCode(expr, op: op, operand: compile(operand), range: range)
        case .member(let object, let name, let nameRange, _):
            return MemberCode(expr, object: compile(object), name: name, nameRange: nameRange)
        case .index(let base, let subscripts, let range):
            let base = compile(base)
            return RowSliceCode(expr, base: base, subscripts: subscripts, range: range, self)
                ?? IndexCode(expr, base: base, subscripts: subscripts, range: range)
        case .conditional(let condition, let then, let otherwise, _):
            return ConditionalCode(expr, condition: compile(condition), then: compile(then), otherwise: compile(otherwise))
        case .call(let callee, let arguments, let range)
            where arguments.allSatisfy({ argument in
                if case .starred = argument.value { return false }
                if case .doubleStarred = argument.value { return false }
                return true
            }):
            let general = CallCode(expr, callee: compile(callee), arguments: arguments.map { compile($0.value) },
                                   labels: arguments.map { ($0.label, $0.labelRange) }, range: range)
            return WholeSumCode(expr, callee: callee, arguments: arguments, general: general, self) ?? general
        default:
            return ExprCode(expr)
        }
    }
}

extension Evaluator {
    /// Runs a Python statement at the top level, compiled with the module's names resolved.
    func runModuleStatement(_ statement: Stmt) throws(RuntimeError) {
        _ = try CodeCompiler(scope: nil, globals: globals).compile(statement).run(nil, self)
    }
}
