/// The compiled expressions: constants, names by slot, operators with their int and float
/// fast paths, and calls.

final class ConstantCode: ExprCode, @unchecked Sendable {
    let value: Value

    init(_ expr: Expr, _ value: Value) {
        self.value = value
        super.init(expr)
    }

    override func evaluate(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Value { value }
}

/// A local of the running function, by slot.
final class LocalCode: ExprCode, @unchecked Sendable {
    let slot: Int
    let name: String
    let range: SourceRange

    init(_ expr: Expr, slot: Int, name: String, range: SourceRange) {
        (self.slot, self.name, self.range) = (slot, name, range)
        super.init(expr)
    }

    override func evaluate(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Value {
        guard let frame else { return try super.evaluate(frame, evaluator) }
        guard let value = frame[slot] else { throw Evaluator.unboundLocal(name, at: range) }
        return value
    }
}

/// A captured variable (the function's own cell or one from an enclosing function).
final class CellCode: ExprCode, @unchecked Sendable {
    let index: Int
    let name: String
    let range: SourceRange

    init(_ expr: Expr, index: Int, name: String, range: SourceRange) {
        (self.index, self.name, self.range) = (index, name, range)
        super.init(expr)
    }

    override func evaluate(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Value {
        guard let frame else { return try super.evaluate(frame, evaluator) }
        guard let value = frame.cells[index].value else { throw Evaluator.unboundCell(name, frame.scope, at: range) }
        return value
    }
}

/// A module-level name by its slot; unbound there, the host's function or the builtin.
final class GlobalCode: ExprCode, @unchecked Sendable {
    let globals: Globals
    let slot: Int
    let name: String
    let range: SourceRange

    init(_ expr: Expr, globals: Globals, slot: Int, name: String, range: SourceRange) {
        (self.globals, self.slot, self.name, self.range) = (globals, slot, name, range)
        super.init(expr)
    }

    override func evaluate(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Value {
        if let value = globals.values[slot] { return value }
        return try evaluator.builtin(name, at: range, frame)
    }
}

/// `a OP b` for arithmetic and comparisons: two ints or two floats take a fast path, every
/// other pair (tensors, strings, overflow, division by zero) the general operators.
final class BinaryCode: ExprCode, @unchecked Sendable {
    let op: BinaryOperator
    let left: ExprCode
    let right: ExprCode

    init(_ expr: Expr, op: BinaryOperator, left: ExprCode, right: ExprCode) {
        (self.op, self.left, self.right) = (op, left, right)
        super.init(expr)
    }

    override func evaluate(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Value {
        let a = try left.evaluate(frame, evaluator)
        let b = try right.evaluate(frame, evaluator)
        if let result = FastArithmetic.apply(op, a, b) { return result }
        if let result = SameShapeArithmetic.apply(op, a, b) { return result }
        return try Operators.binary(op, a, b, operatorRange: operatorRange, leftRange: left.expr.range, rightRange: right.expr.range,
                                    context: evaluator.context)
    }

    private var operatorRange: SourceRange {
        if case .binary(_, _, _, let range, _) = expr { return range }
        return expr.range
    }
}

/// `object.name`, the object compiled.
final class MemberCode: ExprCode, @unchecked Sendable {
    let object: ExprCode
    let name: String
    let nameRange: SourceRange

    init(_ expr: Expr, object: ExprCode, name: String, nameRange: SourceRange) {
        (self.object, self.name, self.nameRange) = (object, name, nameRange)
        super.init(expr)
    }

    override func evaluate(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Value {
        try evaluator.member(name, of: try object.evaluate(frame, evaluator), nameRange: nameRange, objectExpr: object.expr)
    }
}

/// `base[subscripts]`, the base compiled (the subscripts are the evaluator's).
final class IndexCode: ExprCode, @unchecked Sendable {
    let base: ExprCode
    let subscripts: [Subscript]
    let range: SourceRange

    init(_ expr: Expr, base: ExprCode, subscripts: [Subscript], range: SourceRange) {
        (self.base, self.subscripts, self.range) = (base, subscripts, range)
        super.init(expr)
    }

    override func evaluate(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Value {
        try evaluator.index(try base.evaluate(frame, evaluator), base.expr, subscripts, range: range, frame)
    }
}

/// `a and b`, `a or b`: short-circuiting and giving an operand, as Python's (`[] or "empty"`).
final class LogicalCode: ExprCode, @unchecked Sendable {
    let isAnd: Bool
    let left: ExprCode
    let right: ExprCode

    init(_ expr: Expr, isAnd: Bool, left: ExprCode, right: ExprCode) {
        (self.isAnd, self.left, self.right) = (isAnd, left, right)
        super.init(expr)
    }

    override func evaluate(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Value {
        let first = try left.evaluate(frame, evaluator)
        if try Operators.truth(first, at: left.expr.range) != isAnd { return first }
        return try right.evaluate(frame, evaluator)
    }
}

final class UnaryCode: ExprCode, @unchecked Sendable {
    let op: UnaryOperator
    let operand: ExprCode
    let range: SourceRange

    init(_ expr: Expr, op: UnaryOperator, operand: ExprCode, range: SourceRange) {
        (self.op, self.operand, self.range) = (op, operand, range)
        super.init(expr)
    }

    override func evaluate(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Value {
        try Operators.unary(op, try operand.evaluate(frame, evaluator), at: range)
    }
}

final class ConditionalCode: ExprCode, @unchecked Sendable {
    let condition: ExprCode
    let then: ExprCode
    let otherwise: ExprCode

    init(_ expr: Expr, condition: ExprCode, then: ExprCode, otherwise: ExprCode) {
        (self.condition, self.then, self.otherwise) = (condition, then, otherwise)
        super.init(expr)
    }

    override func evaluate(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Value {
        let chosen = try Operators.truth(try condition.evaluate(frame, evaluator), at: condition.expr.range) ? then : otherwise
        return try chosen.evaluate(frame, evaluator)
    }
}

/// `f(a, b, n=3)`: a `def` function called with its positional parameters exactly gets its
/// arguments straight into its new frame's slots; every other call binds its arguments by
/// the general rules.
final class CallCode: ExprCode, @unchecked Sendable {
    let callee: ExprCode
    let arguments: [ExprCode]
    let labels: [(String?, SourceRange?)]
    let range: SourceRange
    let isPositional: Bool
    /// The arguments again, as a chain that fills the callee's slots without walking an array.
    let positional: ArgumentCode?

    init(_ expr: Expr, callee: ExprCode, arguments: [ExprCode], labels: [(String?, SourceRange?)], range: SourceRange) {
        (self.callee, self.arguments, self.labels, self.range) = (callee, arguments, labels, range)
        isPositional = labels.allSatisfy { $0.0 == nil }
        positional = arguments.reversed().reduce(nil) { next, argument in ArgumentCode(argument, next: next) }
        super.init(expr)
    }

    override func evaluate(_ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Value {
        let function = try callee.evaluate(frame, evaluator)
        if isPositional, case .function(let wrapper) = function, case .python(let python) = wrapper.kind,
           python.positionalCount == arguments.count {
            let callFrame = Frame.make(python.scope, freeCells: python.freeCells)
            try positional?.fill(callFrame, from: 0, frame, evaluator)
            return try evaluator.callPython(python, in: callFrame, range: range)
        }
        var values: [Value] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments { values.append(try argument.evaluate(frame, evaluator)) }
        return try call(function, values, frame, evaluator)
    }

    /// Calls `function` with the values of this call's arguments, by the general rules.
    func call(_ function: Value, _ values: [Value], _ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) -> Value {
        var evaluated: [Evaluator.EvaluatedArgument] = []
        evaluated.reserveCapacity(arguments.count)
        for ((argument, label), value) in zip(zip(arguments, labels), values) {
            evaluated.append(Evaluator.EvaluatedArgument(label: label.0, labelRange: label.1, value: value, range: argument.expr.range))
        }
        guard case .call(_, let written, _) = expr else {
            return try evaluator.apply(function, evaluated, range: range, calleeRange: callee.expr.range)
        }
        return try evaluator.call(function, evaluated, written: written, range: range, calleeExpr: callee.expr, frame)
    }
}

/// One positional argument of a call and the ones after it.
final class ArgumentCode: Sendable {
    let value: ExprCode
    let next: ArgumentCode?

    init(_ value: ExprCode, next: ArgumentCode?) {
        (self.value, self.next) = (value, next)
    }

    /// Evaluates this argument into `callFrame`'s slot `slot`, and the next ones after it.
    func fill(_ callFrame: Frame, from slot: Int, _ frame: Frame?, _ evaluator: Evaluator) throws(RuntimeError) {
        callFrame[slot] = try value.evaluate(frame, evaluator)
        try next?.fill(callFrame, from: slot + 1, frame, evaluator)
    }
}

/// The int and float cases of the binary operators, computed without the general dispatch;
/// `nil` for anything else (and for an int result that overflows, which the general path
/// reports).
enum FastArithmetic {
    @inline(__always)
    static func apply(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value? {
        switch (a, b) {
        case (.number(let x), .number(let y)): return floats(op, x, y)
        case (.int(let x), .int(let y)): return ints(op, x, y)
        // An int meets a float as the float it rounds to, except in a comparison, which Python
        // makes exactly: only an int that a double holds exactly takes the fast path there.
        case (.int(let x), .number(let y)) where !op.isComparison || x.magnitude <= 1 << 53: return floats(op, Double(x), y)
        case (.number(let x), .int(let y)) where !op.isComparison || y.magnitude <= 1 << 53: return floats(op, x, Double(y))
        default: return nil
        }
    }

    @inline(__always)
    private static func floats(_ op: BinaryOperator, _ x: Double, _ y: Double) -> Value? {
        switch op {
        case .add: .number(x + y)
        case .subtract: .number(x - y)
        case .multiply: .number(x * y)
        case .divide: .number(x / y)
        case .less: .bool(x < y)
        case .lessEqual: .bool(x <= y)
        case .greater: .bool(x > y)
        case .greaterEqual: .bool(x >= y)
        case .equal: .bool(x == y)
        case .notEqual: .bool(x != y)
        default: nil
        }
    }

    @inline(__always)
    private static func ints(_ op: BinaryOperator, _ x: Int, _ y: Int) -> Value? {
        switch op {
        case .add:
            let (sum, overflow) = x.addingReportingOverflow(y)
            return overflow ? nil : .int(sum)
        case .subtract:
            let (difference, overflow) = x.subtractingReportingOverflow(y)
            return overflow ? nil : .int(difference)
        case .multiply:
            let (product, overflow) = x.multipliedReportingOverflow(by: y)
            return overflow ? nil : .int(product)
        case .less: return .bool(x < y)
        case .lessEqual: return .bool(x <= y)
        case .greater: return .bool(x > y)
        case .greaterEqual: return .bool(x >= y)
        case .equal: return .bool(x == y)
        case .notEqual: return .bool(x != y)
        default: return nil
        }
    }
}
