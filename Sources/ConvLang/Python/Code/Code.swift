/// Python code compiled for running: a tree of nodes made once per function definition (and
/// per top-level statement), with every name already resolved to a slot, a cell or a global's
/// slot, so a loop never looks a name up by its spelling.
///
/// The base classes run their node with the tree-walking evaluator, which keeps every
/// construct working; the subclasses in this folder are the fast paths for what loops and
/// calls spend their time on. Every loop iteration and every call still counts a step, and
/// counting polls the interrupt flag and the time limit.
class ExprCode: @unchecked Sendable {
    let expr: Expr

    init(_ expr: Expr) { self.expr = expr }

    /// The expression's value in `frame` (`nil` at the top level).
    func evaluate(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Value {
        try evaluator.evaluate(expr, frame)
    }
}

/// A compiled statement; the base class runs it with the tree-walking evaluator.
class StmtCode: @unchecked Sendable {
    let statement: Stmt

    init(_ statement: Stmt) { self.statement = statement }

    func run(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow {
        var locals = frame
        return try evaluator.run(statement, &locals)
    }
}

/// Statements run in order until one ends the block early: the first statement, then the
/// rest as a block of its own. Children held as `let` properties are lent to each call rather
/// than retained and released on every pass of a loop, as walking an array's elements would.
/// Past the first ``chainLength`` statements the rest run from an array (a body that long is
/// not a hot loop's), which keeps the chain, and the recursion that runs and frees it, short.
final class BlockCode: Sendable {
    static let chainLength = 16

    let first: StmtCode
    let rest: BlockCode?

    private init(first: StmtCode, rest: BlockCode?) {
        (self.first, self.rest) = (first, rest)
    }

    convenience init(_ statements: [StmtCode]) {
        var head = Array(statements.prefix(Self.chainLength))
        if statements.count > Self.chainLength { head.append(SequenceCode(Array(statements.dropFirst(Self.chainLength)))) }
        let empty = FlowCode(.passStatement(range: SourceRange(start: 0, end: 0)), .normal)
        let last = head.popLast() ?? empty
        let rest = head.reversed().reduce(BlockCode(first: last, rest: nil)) { block, statement in BlockCode(first: statement, rest: block) }
        self.init(first: rest.first, rest: rest.rest)
    }

    func run(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow {
        let flow = try first.run(frame, evaluator)
        guard case .normal = flow, let rest else { return flow }
        return try rest.run(frame, evaluator)
    }
}

/// The statements of a long block after its first ``BlockCode/chainLength``, run in order.
final class SequenceCode: StmtCode, @unchecked Sendable {
    let statements: [StmtCode]

    init(_ statements: [StmtCode]) {
        self.statements = statements
        super.init(statements.first?.statement ?? .passStatement(range: SourceRange(start: 0, end: 0)))
    }

    override func run(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow {
        for statement in statements {
            let flow = try statement.run(frame, evaluator)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }
}

/// Where a compiled name is read and written.
enum NameSlot: @unchecked Sendable {
    case local(Int)
    case cell(Int)
    case global(Globals, Int)
}
