/// The refusals of what conv parses but does not evaluate yet: Python's statements and the
/// expressions that came with them. Each names the construct and points at it, e.g. "'for'
/// loops are not evaluated by conv yet". A construct leaves these tables when the evaluator
/// learns it.
extension RuntimeError {
    static func notEvaluatedYet(_ statement: Stmt) -> RuntimeError {
        let subject = switch statement {
        case .assign, .assignMany, .assignMember, .function, .expression, .importLine, .nonlocalStatement, .deleteStatement, .classDefinition,
             .tryStatement, .raiseStatement, .yieldStatement:
            "these statements"
        case .assignment: "assignments to items, nested or starred targets, and chained assignments"
        case .augmentedAssign(_, let op, _, _, _): "augmented assignments ('\(op.rawValue)=')"
        case .annotatedAssign: "annotated assignments"
        case .functionDefinition: "'def' functions"
        case .returnStatement: "'return' statements"
        case .ifStatement: "'if' statements"
        case .forStatement: "'for' loops"
        case .whileStatement: "'while' loops"
        case .breakStatement: "'break' statements"
        case .continueStatement: "'continue' statements"
        case .passStatement: "'pass' statements"
        case .assertStatement: "'assert' statements"
        case .globalStatement: "'global' declarations"
        case .withStatement: "'with' statements"
        }
        return RuntimeError(UnsupportedSyntax.notEvaluatedYet(subject), at: statement.range)
    }

    static func notEvaluatedYet(_ expr: Expr) -> RuntimeError {
        let subject = switch expr {
        case .ellipsis: "'...' (Ellipsis)"
        case .starred: "starred expressions ('*xs') outside calls"
        case .doubleStarred: "'**' unpacking"
        default: "these expressions"
        }
        let isSingular = if case .ellipsis = expr { true } else { false }
        return RuntimeError(UnsupportedSyntax.notEvaluatedYet(subject, isSingular: isSingular), at: expr.range)
    }

    /// For the operators that came with Python's syntax (`@`, `&`, `|`, `^`, `<<`, `>>`, `~`),
    /// nil for the others.
    static func notEvaluatedYet(operator spelling: String, at range: SourceRange) -> RuntimeError? {
        guard ["@", "&", "|", "^", "<<", ">>", "~"].contains(spelling) else { return nil }
        return RuntimeError(UnsupportedSyntax.notEvaluatedYet("the '\(spelling)' operator", isSingular: true), at: range)
    }
}
