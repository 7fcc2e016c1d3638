/// Arithmetic on number literals computed while parsing, as CPython's and Lua's compilers do:
/// `let a17 = 17 * 2 + 3.5 - 3 / 2` keeps one literal instead of nine nodes, so a long script
/// of such lines holds a fifth of the tree and evaluates one node a line.
///
/// Only `+ - * /` on int and float literals fold, and only where the result is certain to be
/// what evaluation gives and nothing can fail: ints stay exact 64-bit ints (an overflow, which
/// would make a big int, is left to evaluation), floats are finite IEEE results of operands
/// that are exact doubles, and division by zero is left to raise its error where it is. The
/// folded literal covers the whole expression's range; it is one evaluation step.
enum ConstantFolding {
    /// The literal `left op right` computes, covering `range`, or nil to keep the operation.
    /// Asked before the operation's node is made, so a folded one is never allocated.
    static func folded(_ op: BinaryOperator, _ left: Expr, _ right: Expr, range: SourceRange) -> Expr? {
        if case .integer(let a, _) = left, case .integer(let b, _) = right {
            let (result, overflow): (Int64, Bool)
            switch op {
            case .add: (result, overflow) = a.addingReportingOverflow(b)
            case .subtract: (result, overflow) = a.subtractingReportingOverflow(b)
            case .multiply: (result, overflow) = a.multipliedReportingOverflow(by: b)
            case .divide: return floating(op, exactDouble(left), exactDouble(right), range)
            default: return nil
            }
            return overflow ? nil : .integer(result, range)
        }
        return floating(op, exactDouble(left), exactDouble(right), range)
    }

    private static func floating(_ op: BinaryOperator, _ x: Double?, _ y: Double?, _ range: SourceRange) -> Expr? {
        guard let x, let y else { return nil }
        let result: Double
        switch op {
        case .add: result = x + y
        case .subtract: result = x - y
        case .multiply: result = x * y
        case .divide:
            guard y != 0 else { return nil }
            result = x / y
        default: return nil
        }
        return result.isFinite ? .number(result, range) : nil
    }

    /// The literal's value when it is a finite double exactly: a float, or an int of at most
    /// 53 bits (so int-by-int division is the correctly rounded quotient Python gives).
    private static func exactDouble(_ expr: Expr) -> Double? {
        switch expr {
        case .number(let value, _): value.isFinite ? value : nil
        case .integer(let value, _): value.magnitude <= 1 << 53 ? Double(value) : nil
        default: nil
        }
    }
}
