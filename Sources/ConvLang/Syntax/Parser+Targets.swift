/// Targets: what `=`, `for`, `with ... as` and `del` bind or remove. As in Python, a target is
/// parsed as an expression and then checked and turned into a ``Target``.
extension Parser {
    /// What a target is for, which decides the forms allowed and the wording of errors.
    enum TargetUse: Equatable {
        case assignment, deletion, annotation, loop
        case augmented(BinaryOperator)
    }

    /// targets -> target { "," target } [ "," ]      (a `for` loop's or comprehension's variables)
    /// target -> [ "*" ] bitor        (stops before `in`, which the loop needs)
    mutating func parseTargetList() throws(ParseFailure) -> Target {
        let first = try parseTargetItem()
        guard check(.comma) else { return try target(from: first, for: .loop) }
        var items = [first]
        while match(.comma), !check(.kwIn), !check(.equal) {
            items.append(try parseTargetItem())
        }
        return try target(from: .tuple(items, items[0].range.union(previous.range)), for: .loop)
    }

    /// The one target of `with ... as TARGET`.
    mutating func parseTarget() throws(ParseFailure) -> Target {
        try target(from: try parseTargetItem(), for: .assignment)
    }

    private mutating func parseTargetItem() throws(ParseFailure) -> Expr {
        guard check(.star) else { return try parseBinary(minimumPower: Power.comparison) }
        let star = advance()
        let operand = try parseBinary(minimumPower: Power.comparison)
        return .starred(operand, star.range.union(operand.range))
    }

    /// Checks that `expr` can be bound (or deleted) and gives its target; the error points at
    /// the part that cannot.
    mutating func target(from expr: Expr, for use: TargetUse) throws(ParseFailure) -> Target {
        switch expr {
        case .name(let name, let range):
            return .name(name, range)
        case .member(let object, let name, let nameRange, let range):
            return .member(object: object, name: name, nameRange: nameRange, range)
        case .index(let base, let subscripts, let range):
            return .index(base: base, subscripts: subscripts, range)
        case .tuple(let items, let range) where use.allowsSeveral:
            return .tuple(try targets(from: items, for: use), range)
        case .list(let items, let range) where use.allowsSeveral:
            return .list(try targets(from: items, for: use), range)
        case .starred(_, let range) where use.allowsSeveral:
            throw report("a starred target must be inside a tuple or list", at: range, notes: ["write: *rest, = xs"])
        default:
            throw report(cannotBind(use), at: expr.range, notes: [targetHint(use)])
        }
    }

    /// The items of a tuple or list target; at most one may be starred.
    private mutating func targets(from items: [Expr], for use: TargetUse) throws(ParseFailure) -> [Target] {
        var targets: [Target] = []
        var starred: SourceRange?
        for item in items {
            guard case .starred(let inner, let range) = item, use != .deletion else {
                targets.append(try target(from: item, for: use))
                continue
            }
            if starred != nil { throw report("only one starred target may appear in an assignment", at: range) }
            starred = range
            targets.append(.starred(try target(from: inner, for: use), range))
        }
        return targets
    }

    private func cannotBind(_ use: TargetUse) -> String {
        switch use {
        case .deletion: "cannot delete this expression"
        case .augmented(let op): "cannot use '\(op.rawValue)=' on this expression"
        case .annotation: "cannot annotate this expression"
        case .assignment, .loop: "cannot assign to this expression"
        }
    }

    private func targetHint(_ use: TargetUse) -> String {
        switch use {
        case .augmented, .annotation:
            "it needs one name, an item x[i] or an attribute m.weight"
        case .assignment, .loop, .deletion:
            "a target is a name, an item x[i], an attribute m.weight, or several in a tuple: a, b = ...; '==' compares"
        }
    }
}

extension Parser.TargetUse {
    /// Whether a tuple or list of targets is allowed.
    var allowsSeveral: Bool {
        switch self {
        case .assignment, .deletion, .loop: true
        case .annotation, .augmented: false
        }
    }
}
