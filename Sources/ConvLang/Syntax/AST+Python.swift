/// The tree nodes of Python's statements and expressions that need more than an enum case.

// MARK: - Assignment targets

/// What an assignment, a `for` loop, a comprehension, `with ... as` or `del` binds or removes.
indirect enum Target: Sendable {
    case name(String, SourceRange)
    /// `OBJECT.NAME`.
    case member(object: Expr, name: String, nameRange: SourceRange, SourceRange)
    /// `BASE[SUBSCRIPTS]`, e.g. `x[:, 0]`.
    case index(base: Expr, subscripts: [Subscript], SourceRange)
    /// `a, b` or `(a, b)`; at most one item is `.starred`.
    case tuple([Target], SourceRange)
    /// `[a, b]`; at most one item is `.starred`.
    case list([Target], SourceRange)
    /// `*rest` inside a tuple or list target: takes every item the others leave.
    case starred(Target, SourceRange)

    var range: SourceRange {
        switch self {
        case .name(_, let r), .member(_, _, _, let r), .index(_, _, let r), .tuple(_, let r), .list(_, let r),
             .starred(_, let r):
            r
        }
    }
}

// MARK: - Imports

/// `import a.b as c, d` or `from a.b import x as y, z`: does nothing when run; records which
/// modules a program asks for.
struct ImportLine: Sendable {
    /// A dotted name with an optional `as` name.
    struct Item: Sendable {
        /// `torch.nn`, `x`, or `*` for a star import; a relative module keeps its dots (`..utils`).
        var name: String
        var alias: String?
        var range: SourceRange
    }

    /// The modules named: each one of `import a, b`, or the one of `from a import x`.
    var modules: [Item]
    /// For `from ... import`: what it imports from the module; empty for `import`.
    var names: [Item]
    var range: SourceRange
}

// MARK: - Functions and classes

/// One parameter of a `def` or a `lambda`. Annotations are parsed and dropped.
struct FunctionParameter: Sendable {
    enum Kind: Sendable, Equatable {
        /// Before a `/`: positional only.
        case positionalOnly
        /// Positional or named.
        case positional
        /// `*args`.
        case variadic
        /// After `*` or `*args`: named only.
        case keywordOnly
        /// `**kwargs`.
        case variadicKeywords
    }

    var name: String
    var range: SourceRange
    var kind: Kind
    var defaultValue: Expr?
}

/// `@EXPR` before a `def` or `class`.
struct Decorator: Sendable {
    /// The decorators conv knows.
    enum Known: String, Sendable {
        case staticmethod, classmethod, property
    }

    var expression: Expr
    /// From the `@` to the end of the expression.
    var range: SourceRange

    /// Which known decorator this is; nil for any other, which the evaluator refuses with
    /// ``UnsupportedSyntax/decorator(_:)``.
    var known: Known? {
        guard case .name(let name, _) = expression else { return nil }
        return Known(rawValue: name)
    }
}

/// `def NAME(PARAMS) [-> T]: BLOCK`; the return annotation is parsed and dropped.
struct FunctionDefinition: Sendable {
    var name: String
    var nameRange: SourceRange
    var parameters: [FunctionParameter]
    var body: [Stmt]
    var decorators: [Decorator]
    /// From the first decorator (or `def`) to the end of the body.
    var range: SourceRange
}

/// `class NAME[(BASES)]: BLOCK`. Bases are call arguments, so `metaclass=...` is a named one.
struct ClassDefinition: Sendable {
    var name: String
    var nameRange: SourceRange
    var bases: [Argument]
    var body: [Stmt]
    var decorators: [Decorator]
    var range: SourceRange
}

// MARK: - Compound statements

/// One `if` or `elif` with its block.
struct ConditionalBranch: Sendable {
    var condition: Expr
    var body: [Stmt]
    /// From the keyword to the end of the block.
    var range: SourceRange
}

/// `if ... elif ... else ...`: the branches in order (the `if` first), then the `else` block.
struct IfStatement: Sendable {
    var branches: [ConditionalBranch]
    var orElse: [Stmt]?
    var range: SourceRange
}

/// `for TARGET in ITERABLE: BODY [else: ORELSE]`.
struct ForStatement: Sendable {
    var target: Target
    var iterable: Expr
    var body: [Stmt]
    /// Runs when the loop ends without `break`.
    var orElse: [Stmt]?
    var range: SourceRange
}

/// `while CONDITION: BODY [else: ORELSE]`.
struct WhileStatement: Sendable {
    var condition: Expr
    var body: [Stmt]
    var orElse: [Stmt]?
    var range: SourceRange
}

/// `with CONTEXT [as TARGET], ...: BODY`.
struct WithStatement: Sendable {
    struct Item: Sendable {
        var context: Expr
        var target: Target?
    }

    var items: [Item]
    var body: [Stmt]
    var range: SourceRange
}

/// `try: BODY` with its handlers, `else` and `finally` blocks (handlers or `finally`, or both).
struct TryStatement: Sendable {
    /// `except [TYPE [as NAME]]: BODY`.
    struct Handler: Sendable {
        var type: Expr?
        var name: Name?
        var body: [Stmt]
        var range: SourceRange
    }

    var body: [Stmt]
    var handlers: [Handler]
    var orElse: [Stmt]?
    var finally: [Stmt]?
    var range: SourceRange
}

// MARK: - Displays and comprehensions

/// One item of a dict display: `key: value`, or `**mapping` (key nil).
struct DictItem: Sendable {
    var key: Expr?
    var value: Expr
}

/// `[ELEMENT for ... if ...]` and its set, dict and generator forms.
struct Comprehension: Sendable {
    enum Kind: Sendable {
        case list, set, generator
        /// `{KEY: VALUE for ...}`: the element is the key.
        case dict(value: Expr)
    }

    /// One `for TARGET in ITERABLE` or `if CONDITION`, in the order written.
    enum Clause: Sendable {
        case `for`(target: Target, iterable: Expr, range: SourceRange)
        case `if`(Expr)
    }

    var kind: Kind
    var element: Expr
    /// Always starts with a `for`.
    var clauses: [Clause]
    var range: SourceRange
}

// MARK: - f-strings

/// One piece of an f-string: literal text or a replacement field.
enum FStringPart: Sendable {
    case literal(String, SourceRange)
    case field(FStringField)
}

/// `{EXPR[=][!CONVERSION][:SPEC]}`.
struct FStringField: Sendable {
    /// `!r`, `!s`, `!a`.
    enum Conversion: String, Sendable {
        case repr = "r", str = "s", ascii = "a"
    }

    var expression: Expr
    /// With `=`: the expression's text and the `=` exactly as written (spaces kept), which
    /// Python shows before the value; the value is then shown with `repr` unless a conversion
    /// or a format spec is given.
    var debugText: String?
    var conversion: Conversion?
    /// The format spec after `:`, as parts: text and nested fields (`{v:{w}.{p}f}`); nil without `:`.
    var formatSpec: [FStringPart]?
    /// From `{` to `}`.
    var range: SourceRange
}
