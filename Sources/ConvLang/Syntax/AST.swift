/// A statement of a conv program.
indirect enum Stmt: Sendable {
    /// `let NAME = EXPR` or `NAME = EXPR`.
    case assign(name: String, nameRange: SourceRange, value: Expr, range: SourceRange)
    /// `A, B = EXPR`: unpacks a tuple, or a tensor along its first axis, into several names.
    case assignMany(targets: [AssignmentTarget], value: Expr, range: SourceRange)
    /// `OBJECT.MEMBER = EXPR`, e.g. `m.weight = [[[0.5, -1]]]`.
    case assignMember(object: Expr, member: String, memberRange: SourceRange, value: Expr, range: SourceRange)
    /// `fn NAME(PARAMS) = EXPR`.
    case function(FunctionDeclaration)
    /// An expression whose value is displayed unless it is none.
    case expression(Expr)
    /// `import ...` / `from ... import ...`: accepted so pasted PyTorch code runs; does nothing.
    case importLine(range: SourceRange)

    var range: SourceRange {
        switch self {
        case .assign(_, _, _, let range), .assignMany(_, _, let range), .assignMember(_, _, _, _, let range),
             .importLine(let range): range
        case .function(let declaration): declaration.range
        case .expression(let expr): expr.range
        }
    }
}

/// One name on the left of `a, b = ...`.
struct AssignmentTarget: Sendable {
    var name: String
    var range: SourceRange
}

/// `fn NAME(PARAMS) = BODY`.
struct FunctionDeclaration: Sendable {
    struct Parameter: Sendable {
        var name: String
        var range: SourceRange
        var defaultValue: Expr?
    }
    var name: String
    var nameRange: SourceRange
    var parameters: [Parameter]
    var body: Expr
    var range: SourceRange
}

/// One argument of a call: positional, or `name=value`.
struct Argument: Sendable {
    var label: String?
    var labelRange: SourceRange?
    var value: Expr

    var range: SourceRange { labelRange.map { $0.union(value.range) } ?? value.range }
}

/// One item between the brackets of an index: an expression or a slice `start:stop:step`.
enum Subscript: Sendable {
    case index(Expr)
    case slice(start: Expr?, stop: Expr?, step: Expr?, range: SourceRange)

    var range: SourceRange {
        switch self {
        case .index(let expr): expr.range
        case .slice(_, _, _, let range): range
        }
    }
}

enum UnaryOperator: String, Sendable {
    case negate = "-", plus = "+", not = "not"
}

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", remainder = "%"
    case power = "**"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and = "and", or = "or"
    case matrixMultiply = "@"
    case bitAnd = "&", bitOr = "|", bitXor = "^", shiftLeft = "<<", shiftRight = ">>"
}

/// An expression; every case carries the source range it was parsed from.
indirect enum Expr: Sendable {
    case number(Double, SourceRange)
    case string(String, SourceRange)
    case bool(Bool, SourceRange)
    case none(SourceRange)
    case name(String, SourceRange)
    /// `[a, b, c]`: a tensor; nested lists make higher ranks.
    case list([Expr], SourceRange)
    /// `a, b` or `(a, b)` or `(a,)`.
    case tuple([Expr], SourceRange)
    case unary(UnaryOperator, Expr, SourceRange)
    case binary(BinaryOperator, Expr, Expr, operatorRange: SourceRange, SourceRange)
    case call(callee: Expr, arguments: [Argument], SourceRange)
    case index(Expr, [Subscript], SourceRange)
    case member(Expr, name: String, nameRange: SourceRange, SourceRange)
    /// `explain TARGET`, `explain shape TARGET` or `explain(TARGET, all=true, svg="f.svg")`:
    /// evaluates the conv or layer call `target`, shows how it computes, and gives its value.
    /// `explain shape` arrives as the option `shape=true`.
    case explain(target: Expr, options: [Argument], SourceRange)

    var range: SourceRange {
        switch self {
        case .number(_, let r), .string(_, let r), .bool(_, let r), .none(let r), .name(_, let r),
             .list(_, let r), .tuple(_, let r), .unary(_, _, let r), .binary(_, _, _, _, let r),
             .call(_, _, let r), .index(_, _, let r), .member(_, _, _, let r), .explain(_, _, let r):
            r
        }
    }
}
