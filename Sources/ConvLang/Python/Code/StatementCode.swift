/// The compiled statements: assignment to names by slot, `if`, the loops (a `range` walked
/// without making its items), `with`, `return`, `break`, `continue` and `pass`.

final class ExpressionStatementCode: StmtCode, @unchecked Sendable {
    let value: ExprCode

    init(_ statement: Stmt, _ value: ExprCode) {
        self.value = value
        super.init(statement)
    }

    override func run(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow {
        _ = try value.evaluate(frame, evaluator)
        return .normal
    }
}

extension NameSlot {
    /// Binds the name. A frame is always there for a local or a cell: only a function's
    /// scope resolves names to them.
    @inline(__always)
    func store(_ value: Value, _ frame: Frame?) {
        switch self {
        case .local(let slot): frame?[slot] = value
        case .cell(let index): frame?.cells[index].value = value
        case .global(let globals, let slot): globals.set(slot, to: value)
        }
    }

    /// The name's value for `x += ...`: unbound, Python's error for it.
    @inline(__always)
    func load(_ name: String, at range: SourceRange, _ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Value {
        switch self {
        case .local(let slot):
            if let value = frame?[slot] { return value }
            throw Evaluator.unboundLocal(name, at: range)
        case .cell(let index):
            if let value = frame?.cells[index].value { return value }
            throw Evaluator.unboundCell(name, frame?.scope, at: range)
        case .global(let globals, let slot):
            if let value = globals.values[slot] { return value }
            return try evaluator.builtin(name, at: range, frame)
        }
    }
}

/// `x = value`, `a = b = value`.
final class AssignCode: StmtCode, @unchecked Sendable {
    let targets: [(slot: NameSlot, name: String, range: SourceRange)]
    let value: ExprCode

    init(_ statement: Stmt, _ targets: [(NameSlot, String, SourceRange)], _ value: ExprCode) {
        self.targets = targets.map { (slot: $0.0, name: $0.1, range: $0.2) }
        self.value = value
        super.init(statement)
    }

    override func run(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow {
        let result = try value.evaluate(frame, evaluator)
        for target in targets { target.slot.store(result, frame) }
        return .normal
    }
}

/// `Y[i] = value`, `obj.attr = value`, `a, b = value`: the value compiled, the targets bound by
/// the evaluator's rules.
final class TargetAssignCode: StmtCode, @unchecked Sendable {
    let targets: [Target]
    let value: ExprCode

    init(_ statement: Stmt, _ targets: [Target], _ value: ExprCode) {
        (self.targets, self.value) = (targets, value)
        super.init(statement)
    }

    override func run(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow {
        let result = try value.evaluate(frame, evaluator)
        var locals = frame
        for target in targets { try evaluator.assign(result, to: target, &locals) }
        return .normal
    }
}

/// `x += value` on a name.
final class AugmentedAssignCode: StmtCode, @unchecked Sendable {
    let slot: NameSlot
    let name: String
    let nameRange: SourceRange
    let op: BinaryOperator
    let operatorRange: SourceRange
    let value: ExprCode

    init(_ statement: Stmt, slot: NameSlot, name: String, nameRange: SourceRange, op: BinaryOperator, operatorRange: SourceRange,
         value: ExprCode) {
        (self.slot, self.name, self.nameRange, self.op, self.operatorRange, self.value) = (slot, name, nameRange, op, operatorRange, value)
        super.init(statement)
    }

    override func run(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow {
        let current = try slot.load(name, at: nameRange, frame, evaluator)
        let right = try value.evaluate(frame, evaluator)
        if let result = FastArithmetic.apply(op, current, right) {
            slot.store(result, frame)
        } else if let result = try evaluator.augmented(op, current, right, operatorRange: operatorRange, leftRange: nameRange,
                                                       rightRange: value.expr.range) {
            slot.store(result, frame)
        }
        return .normal
    }
}

final class ReturnCode: StmtCode, @unchecked Sendable {
    let value: ExprCode?

    init(_ statement: Stmt, _ value: ExprCode?) {
        self.value = value
        super.init(statement)
    }

    override func run(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow {
        .returned(try value?.evaluate(frame, evaluator) ?? .none)
    }
}

/// `break`, `continue`, `pass`: a fixed way for the block to go on.
final class FlowCode: StmtCode, @unchecked Sendable {
    let flow: ControlFlow

    init(_ statement: Stmt, _ flow: ControlFlow) {
        self.flow = flow
        super.init(statement)
    }

    override func run(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow { flow }
}

/// `if`; each `elif` is an `if` in the `else` of the one before.
final class IfCode: StmtCode, @unchecked Sendable {
    let condition: ExprCode
    let body: BlockCode
    let orElse: StmtCode?

    init(_ statement: Stmt, condition: ExprCode, body: BlockCode, orElse: StmtCode?) {
        (self.condition, self.body, self.orElse) = (condition, body, orElse)
        super.init(statement)
    }

    override func run(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow {
        if try Operators.truth(try condition.evaluate(frame, evaluator), at: condition.expr.range) {
            return try body.run(frame, evaluator)
        }
        guard let orElse else { return .normal }
        return try orElse.run(frame, evaluator)
    }
}

/// A block where a statement is expected: the `else` of an `if`.
final class BlockStatementCode: StmtCode, @unchecked Sendable {
    let block: BlockCode

    init(_ statement: Stmt, _ block: BlockCode) {
        self.block = block
        super.init(statement)
    }

    override func run(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow {
        try block.run(frame, evaluator)
    }
}

/// What a loop does after one pass of its body: go on (`nil`), or end with this flow (`break`
/// ends it normally, skipping its `else`; `return` leaves the function).
@inline(__always)
private func afterPass(_ flow: ControlFlow) -> ControlFlow? {
    switch flow {
    case .normal, .continueLoop: nil
    case .breakLoop: .normal
    case .returned: flow
    }
}

final class WhileCode: StmtCode, @unchecked Sendable {
    let condition: ExprCode
    let body: BlockCode
    let orElse: BlockCode?

    init(_ statement: Stmt, condition: ExprCode, body: BlockCode, orElse: BlockCode?) {
        (self.condition, self.body, self.orElse) = (condition, body, orElse)
        super.init(statement)
    }

    override func run(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow {
        let context = evaluator.context
        let range = condition.expr.range
        while true {
            try context.countStep(at: range)
            guard try Operators.truth(try condition.evaluate(frame, evaluator), at: range) else { break }
            if let exit = afterPass(try body.run(frame, evaluator)) { return exit }
        }
        return try orElse?.run(frame, evaluator) ?? .normal
    }
}

/// `for TARGET in ITERABLE`: a `range` is walked by its integers (by ``NumericLoop`` when the
/// body only computes with numbers in names); other iterables by ``Iteration/Items``. A name
/// target is bound by its slot.
final class ForCode: StmtCode, @unchecked Sendable {
    let target: Target
    let slot: NameSlot?
    let iterable: ExprCode
    let body: BlockCode
    let orElse: BlockCode?
    let numeric: NumericLoop?

    init(_ statement: Stmt, loop: ForStatement, target slot: NameSlot?, iterable: ExprCode, body: BlockCode, orElse: BlockCode?,
         numeric: NumericLoop?) {
        (self.target, self.slot, self.iterable, self.body, self.orElse, self.numeric) = (loop.target, slot, iterable, body, orElse, numeric)
        super.init(statement)
    }

    override func run(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow {
        // The loop's iterable is released when `loop` returns: a generator that goes with it
        // unfinished (after `break`) is closed now, its `finally` blocks running here.
        defer { if !evaluator.generators.dropped.isEmpty { evaluator.closeDroppedGenerators() } }
        return try loop(frame, evaluator)
    }

    private func loop(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow {
        let range = iterable.expr.range
        let value = if case .set = iterable.expr { try evaluator.evaluateIterable(iterable.expr, frame) } else { try iterable.evaluate(frame, evaluator) }
        let context = evaluator.context
        if let lazy = Iteration.lazyIterator(value) {
            var locals = frame
            while let item = try lazy.next(evaluator, at: range) {
                try context.countStep(at: range)
                if let slot { slot.store(item, frame) } else { try evaluator.assign(item, to: target, &locals) }
                if let exit = afterPass(try body.run(frame, evaluator)) { return exit }
            }
        } else if case .range(let integers) = value, let slot {
            let (resume, counted) = try numeric?.run(integers, frame, evaluator, range: range) ?? (0, false)
            var next = integers.element(at: resume)
            for index in resume..<max(resume, integers.count) {
                if index != resume || !counted { try context.countStep(at: range) }
                slot.store(.int(next), frame)
                next &+= integers.step
                if let exit = afterPass(try body.run(frame, evaluator)) { return exit }
            }
        } else {
            let items = try Iteration.Items(of: value, at: range, elements: ElementRule(context))
            var locals = frame
            for index in 0..<items.count {
                try context.countStep(at: range)
                if let slot { slot.store(items[index], frame) } else { try evaluator.assign(items[index], to: target, &locals) }
                if let exit = afterPass(try body.run(frame, evaluator)) { return exit }
            }
        }
        return try orElse?.run(frame, evaluator) ?? .normal
    }
}

/// `with CONTEXT: BODY`, its body compiled; entering and leaving are the evaluator's
/// (``Evaluator/runWith(_:_:body:)``).
final class WithCode: StmtCode, @unchecked Sendable {
    let block: WithStatement
    let body: BlockCode

    init(_ statement: Stmt, _ block: WithStatement, body: BlockCode) {
        (self.block, self.body) = (block, body)
        super.init(statement)
    }

    override func run(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow {
        try evaluator.runWith(block, frame) { () throws(RuntimeError) in try body.run(frame, evaluator) }
    }
}
