/// A statement of a conv program: the short language's forms and Python's statements.
///
/// The first six cases are the short language's (and the simplest Python assignments, which
/// parse to them exactly as before); the rest are Python's. `Stmt.range` covers the whole
/// statement, its block included.
indirect enum Stmt: Sendable {
    /// `let NAME = EXPR` or `NAME = EXPR`.
    case assign(name: String, nameRange: SourceRange, value: Expr, range: SourceRange)
    /// `A, B = EXPR` (names only): unpacks a tuple, or a tensor along its first axis.
    case assignMany(targets: [AssignmentTarget], value: Expr, range: SourceRange)
    /// `OBJECT.MEMBER = EXPR`, e.g. `m.weight = [[[0.5, -1]]]`.
    case assignMember(object: Expr, member: String, memberRange: SourceRange, value: Expr, range: SourceRange)
    /// `fn NAME(PARAMS) = EXPR`.
    case function(FunctionDeclaration)
    /// An expression whose value is displayed unless it is none.
    case expression(Expr)
    /// `import ...` / `from ... import ...`: does nothing; the modules it names are recorded.
    case importLine(ImportLine)

    /// Any other assignment: `x[i] = v`, `a, *rest = v`, `[a, (b, c)] = v`, and chained
    /// `a = b = v` (several targets, assigned left to right, all the one value).
    case assignment(targets: [Target], value: Expr, range: SourceRange)
    /// `TARGET op= EXPR`; `target` is a name, attribute or subscript.
    case augmentedAssign(target: Target, op: BinaryOperator, operatorRange: SourceRange, value: Expr, range: SourceRange)
    /// `TARGET: ANNOTATION [= EXPR]`; the annotation is parsed, conv ignores it.
    case annotatedAssign(target: Target, annotation: Expr, value: Expr?, range: SourceRange)
    /// `def NAME(PARAMS) [-> T]: BLOCK`, with its decorators.
    case functionDefinition(FunctionDefinition)
    /// `class NAME(BASES): BLOCK`, with its decorators.
    case classDefinition(ClassDefinition)
    /// `return [EXPR]` (only inside a `def`).
    case returnStatement(value: Expr?, range: SourceRange)
    /// `if C: ... elif C: ... else: ...`.
    case ifStatement(IfStatement)
    /// `for TARGET in EXPR: ... [else: ...]`.
    case forStatement(ForStatement)
    /// `while C: ... [else: ...]`.
    case whileStatement(WhileStatement)
    /// `break` (only inside a loop).
    case breakStatement(range: SourceRange)
    /// `continue` (only inside a loop).
    case continueStatement(range: SourceRange)
    /// `pass`.
    case passStatement(range: SourceRange)
    /// `assert CONDITION [, MESSAGE]`. (A statement that is exactly `assert(...)` stays a call
    /// of the builtin `assert`, as before.)
    case assertStatement(condition: Expr, message: Expr?, range: SourceRange)
    /// `global NAME, ...`.
    case globalStatement(names: [Name], range: SourceRange)
    /// `nonlocal NAME, ...` (only inside a `def`).
    case nonlocalStatement(names: [Name], range: SourceRange)
    /// `del TARGET, ...`.
    case deleteStatement(targets: [Target], range: SourceRange)
    /// `with EXPR [as TARGET], ...: BLOCK`.
    case withStatement(WithStatement)
    /// `try: ... except ...: ... else: ... finally: ...`.
    case tryStatement(TryStatement)
    /// `raise [EXPR [from EXPR]]`.
    case raiseStatement(exception: Expr?, cause: Expr?, range: SourceRange)
    /// `yield [EXPRS]` or (with `delegates`) `yield from EXPR`, as a statement of its own, only
    /// inside a `def`: it makes the function a generator. (`x = yield v` is refused.)
    case yieldStatement(value: Expr?, delegates: Bool, range: SourceRange)

    /// Whether this is `let NAME = EXPR` rather than `NAME = EXPR`: the one assignment whose
    /// statement starts before its name (at `let`).
    var isLetBinding: Bool {
        guard case .assign(_, let nameRange, _, let range) = self else { return false }
        return range.start < nameRange.start
    }

    var range: SourceRange {
        switch self {
        case .assign(_, _, _, let range), .assignMany(_, _, let range), .assignMember(_, _, _, _, let range),
             .assignment(_, _, let range), .augmentedAssign(_, _, _, _, let range), .annotatedAssign(_, _, _, let range),
             .returnStatement(_, let range), .breakStatement(let range), .continueStatement(let range),
             .passStatement(let range), .assertStatement(_, _, let range), .globalStatement(_, let range),
             .nonlocalStatement(_, let range), .deleteStatement(_, let range), .raiseStatement(_, _, let range),
             .yieldStatement(_, _, let range):
            range
        case .function(let declaration): declaration.range
        case .expression(let expr): expr.range
        case .importLine(let line): line.range
        case .functionDefinition(let definition): definition.range
        case .classDefinition(let definition): definition.range
        case .ifStatement(let statement): statement.range
        case .forStatement(let statement): statement.range
        case .whileStatement(let statement): statement.range
        case .withStatement(let statement): statement.range
        case .tryStatement(let statement): statement.range
        }
    }
}

/// One name on the left of `a, b = ...`.
struct AssignmentTarget: Sendable {
    var name: String
    var range: SourceRange
}

/// A name as written, with where.
struct Name: Sendable {
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

/// One argument of a call: positional, or `name=value`. `*xs` and `**kw` arrive as a
/// positional argument whose value is `.starred` or `.doubleStarred`.
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
    /// `~x`.
    case invert = "~"
}

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", remainder = "%"
    case power = "**"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and = "and", or = "or"
    case matrixMultiply = "@"
    case bitAnd = "&", bitOr = "|", bitXor = "^", shiftLeft = "<<", shiftRight = ">>"
    case `is` = "is", isNot = "is not", `in` = "in", notIn = "not in"
}

/// An expression; every case carries the source range it was parsed from.
///
/// Only the cases that hold an expression are boxed: a literal or a name is made without an
/// allocation, so folding `17 * 2 + 3.5 - 3 / 2` to one literal (``ConstantFolding``) allocates
/// nothing for the nine operands and partial results on the way.
enum Expr: Sendable {
    /// A float literal (`2.`, `0.5`, `1e-3`).
    case number(Double, SourceRange)
    /// An integer literal (`7`, `0x1f`), exact.
    case integer(Int64, SourceRange)
    /// An integer literal beyond 64 bits.
    case bigInteger(BigInteger, SourceRange)
    /// A string literal (adjacent literals already joined).
    case string(String, SourceRange)
    /// An f-string (with any adjacent plain literals joined in as text parts).
    case fstring([FStringPart], SourceRange)
    case bool(Bool, SourceRange)
    case none(SourceRange)
    /// `...`.
    case ellipsis(SourceRange)
    case name(String, SourceRange)
    /// `[a, b, c]`: a tensor; nested lists make higher ranks.
    case list([Expr], SourceRange)
    /// `a, b` or `(a, b)` or `(a,)`.
    case tuple([Expr], SourceRange)
    /// `{k: v, **d}`.
    case dict([DictItem], SourceRange)
    /// `{a, b}`.
    case set([Expr], SourceRange)
    /// `[x for x in xs if c]`, `{...}` and `(...)` forms and generator arguments `sum(x for x in xs)`.
    indirect case comprehension(Comprehension)
    /// `*xs` in a display, a call or a target list.
    indirect case starred(Expr, SourceRange)
    /// `**kw` in a call.
    indirect case doubleStarred(Expr, SourceRange)
    indirect case unary(UnaryOperator, Expr, SourceRange)
    indirect case binary(BinaryOperator, Expr, Expr, operatorRange: SourceRange, SourceRange)
    /// `THEN if CONDITION else OTHERWISE`.
    indirect case conditional(condition: Expr, then: Expr, otherwise: Expr, SourceRange)
    /// `lambda PARAMS: BODY`.
    indirect case lambda(parameters: [FunctionParameter], body: Expr, SourceRange)
    indirect case call(callee: Expr, arguments: [Argument], SourceRange)
    indirect case index(Expr, [Subscript], SourceRange)
    indirect case member(Expr, name: String, nameRange: SourceRange, SourceRange)
    /// `explain TARGET`, `explain shape TARGET` or `explain(TARGET, all=true, svg="f.svg")`:
    /// evaluates the conv or layer call `target`, shows how it computes, and gives its value.
    /// `explain shape` arrives as the option `shape=true`.
    indirect case explain(target: Expr, options: [Argument], SourceRange)

    var range: SourceRange {
        switch self {
        case .number(_, let r), .integer(_, let r), .bigInteger(_, let r), .string(_, let r), .fstring(_, let r), .bool(_, let r), .none(let r),
             .ellipsis(let r), .name(_, let r), .list(_, let r), .tuple(_, let r), .dict(_, let r), .set(_, let r),
             .starred(_, let r), .doubleStarred(_, let r), .unary(_, _, let r), .binary(_, _, _, _, let r),
             .conditional(_, _, _, let r), .lambda(_, _, let r), .call(_, _, let r), .index(_, _, let r),
             .member(_, _, _, let r), .explain(_, _, let r):
            r
        case .comprehension(let comprehension): comprehension.range
        }
    }
}
