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

/// Statements run in order until one ends the block early.
final class BlockCode: Sendable {
    let statements: [StmtCode]

    init(_ statements: [StmtCode]) { self.statements = statements }

    @inline(__always)
    func run(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> ControlFlow {
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
