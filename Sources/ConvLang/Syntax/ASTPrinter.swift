/// The tree as s-expressions, one line per statement, so that tests assert on its shape:
/// `let x = 1 + 2 * 3` is `(let x (+ 1 (* 2 3)))`, `for i in r: s += i` is
/// `(for i r ((+= s i)))`. Blocks are parenthesised lists of statements.
enum ASTPrinter {
    static func render(_ statements: [Stmt]) -> String {
        statements.map(render).joined(separator: " ")
    }

    static func render(_ statement: Stmt) -> String {
        switch statement {
        case .assign(let name, _, let value, _): "(let \(name) \(render(value)))"
        case .assignMany(let targets, let value, _): "(let (\(targets.map(\.name).joined(separator: " "))) \(render(value)))"
        case .assignMember(let object, let member, _, let value, _): "(set \(render(object)) \(member) \(render(value)))"
        case .function(let f):
            "(fn \(f.name) " + f.parameters.map { p in p.defaultValue.map { "\(p.name)=\(render($0))" } ?? p.name }.joined(separator: " ")
                + " \(render(f.body)))"
        case .expression(let e): render(e)
        case .importLine(let line): render(line)
        case .assignment(let targets, let value, _): list("assign", targets.map(render) + [render(value)])
        case .augmentedAssign(let target, let op, _, let value, _): "(\(op.rawValue)= \(render(target)) \(render(value)))"
        case .annotatedAssign(let target, let annotation, let value, _):
            list("annotate", [render(target), render(annotation)] + optional(value))
        case .functionDefinition(let f):
            list("def", f.decorators.map(render) + [f.name, render(f.parameters), block(f.body)])
        case .classDefinition(let c):
            list("class", c.decorators.map(render) + [c.name, "(" + c.bases.map(render).joined(separator: " ") + ")", block(c.body)])
        case .returnStatement(let value, _): list("return", optional(value))
        case .ifStatement(let s):
            list("if", s.branches.map { "(\(render($0.condition)) \(block($0.body)))" } + elseBlock(s.orElse))
        case .forStatement(let s): list("for", [render(s.target), render(s.iterable), block(s.body)] + elseBlock(s.orElse))
        case .whileStatement(let s): list("while", [render(s.condition), block(s.body)] + elseBlock(s.orElse))
        case .breakStatement: "(break)"
        case .continueStatement: "(continue)"
        case .passStatement: "(pass)"
        case .assertStatement(let condition, let message, _): list("assert", [render(condition)] + optional(message))
        case .globalStatement(let names, _): list("global", names.map(\.name))
        case .nonlocalStatement(let names, _): list("nonlocal", names.map(\.name))
        case .deleteStatement(let targets, _): list("del", targets.map(render))
        case .withStatement(let s):
            list("with", s.items.map { item in item.target.map { "(as \(render(item.context)) \(render($0)))" } ?? render(item.context) }
                + [block(s.body)])
        case .tryStatement(let s): render(s)
        case .raiseStatement(let exception, let cause, _): list("raise", optional(exception) + optional(cause))
        case .yieldStatement(let value, let delegates, _): list(delegates ? "yield-from" : "yield", optional(value))
        }
    }

    static func render(_ expr: Expr) -> String {
        switch expr {
        case .number(let x, _): ValueFormatter.format(x)
        case .integer(let n, _): String(n)
        case .bigInteger(let n, _): IntegerText.display(n)
        case .string(let s, _): "\"\(s)\""
        case .fstring(let parts, _): list("f", parts.map(render))
        case .bool(let b, _): b ? "true" : "false"
        case .none: "none"
        case .ellipsis: "..."
        case .name(let n, _): n
        case .list(let items, _): list("list", items.map(render))
        case .tuple(let items, _): list("tuple", items.map(render))
        case .dict(let items, _): list("dict", items.map { item in item.key.map { "(\(render($0)) \(render(item.value)))" } ?? "**" + render(item.value) })
        case .set(let items, _): list("set-of", items.map(render))
        case .comprehension(let c): render(c)
        case .starred(let e, _): "*" + render(e)
        case .doubleStarred(let e, _): "**" + render(e)
        case .unary(let op, let e, _): "(\(op.rawValue) \(render(e)))"
        case .binary(let op, let l, let r, _, _): "(\(op.rawValue) \(render(l)) \(render(r)))"
        case .conditional(let condition, let then, let otherwise, _): "(ifexp \(render(condition)) \(render(then)) \(render(otherwise)))"
        case .lambda(let parameters, let body, _): "(lambda \(render(parameters)) \(render(body)))"
        case .call(let callee, let args, _): list("call", [render(callee)] + args.map(render))
        case .index(let base, let subs, _): list("index", [render(base)] + subs.map(render))
        case .member(let object, let name, _, _): "(. \(render(object)) \(name))"
        case .explain(let target, let options, _):
            "(explain \(render(target))" + options.map { " \($0.label ?? "")=\(render($0.value))" }.joined() + ")"
        }
    }

    static func render(_ target: Target) -> String {
        switch target {
        case .name(let name, _): name
        case .member(let object, let name, _, _): "(. \(render(object)) \(name))"
        case .index(let base, let subs, _): list("index", [render(base)] + subs.map(render))
        case .tuple(let items, _): list("tuple", items.map(render))
        case .list(let items, _): list("list", items.map(render))
        case .starred(let inner, _): "*" + render(inner)
        }
    }

    // MARK: - Parts

    private static func render(_ argument: Argument) -> String {
        (argument.label.map { "\($0)=" } ?? "") + render(argument.value)
    }

    private static func render(_ item: Subscript) -> String {
        switch item {
        case .index(let e): render(e)
        case .slice(let a, let b, let c, _): "(slice \(a.map(render) ?? "_") \(b.map(render) ?? "_") \(c.map(render) ?? "_"))"
        }
    }

    /// Parameters as Python writes them: `(a / b=1 *args c **kw)`, with `/` after the
    /// positional-only ones and a bare `*` before keyword-only ones that follow no `*args`.
    private static func render(_ parameters: [FunctionParameter]) -> String {
        var words: [String] = []
        for (index, p) in parameters.enumerated() {
            let before = index > 0 ? parameters[index - 1].kind : nil
            if p.kind == .keywordOnly, before != .keywordOnly, before != .variadic { words.append("*") }
            let prefix = p.kind == .variadic ? "*" : (p.kind == .variadicKeywords ? "**" : "")
            words.append(prefix + p.name + (p.defaultValue.map { "=" + render($0) } ?? ""))
            if p.kind == .positionalOnly, index == parameters.count - 1 || parameters[index + 1].kind != .positionalOnly {
                words.append("/")
            }
        }
        return "(" + words.joined(separator: " ") + ")"
    }

    private static func render(_ decorator: Decorator) -> String { "@" + render(decorator.expression) }

    private static func render(_ line: ImportLine) -> String {
        let item = { (item: ImportLine.Item) in item.name + (item.alias.map { " as \($0)" } ?? "") }
        if line.names.isEmpty { return list("import", line.modules.map(item)) }
        return list("from", line.modules.map(item) + ["import"] + line.names.map(item))
    }

    private static func render(_ statement: TryStatement) -> String {
        let handlers = statement.handlers.map { handler in
            list("except", optional(handler.type) + (handler.name.map { ["as", $0.name] } ?? []) + [block(handler.body)])
        }
        let finally = statement.finally.map { ["(finally \(block($0)))"] } ?? []
        return list("try", [block(statement.body)] + handlers + elseBlock(statement.orElse) + finally)
    }

    private static func render(_ comprehension: Comprehension) -> String {
        let head: [String] = switch comprehension.kind {
        case .list: ["listcomp", render(comprehension.element)]
        case .set: ["setcomp", render(comprehension.element)]
        case .generator: ["gen", render(comprehension.element)]
        case .dict(let value): ["dictcomp", render(comprehension.element), render(value)]
        }
        let clauses = comprehension.clauses.map { clause in
            switch clause {
            case .for(let target, let iterable, _): "(for \(render(target)) \(render(iterable)))"
            case .if(let condition): "(if \(render(condition)))"
            }
        }
        return list(head[0], Array(head.dropFirst()) + clauses)
    }

    private static func render(_ part: FStringPart) -> String {
        switch part {
        case .literal(let text, _): "\"\(text)\""
        case .field(let field):
            "{" + render(field.expression) + (field.debugText.map { " =\"\($0)\"" } ?? "")
                + (field.conversion.map { " !\($0.rawValue)" } ?? "")
                + (field.formatSpec.map { " :" + $0.map(render).joined(separator: " ") } ?? "") + "}"
        }
    }

    private static func block(_ statements: [Stmt]) -> String { "(" + render(statements) + ")" }

    private static func elseBlock(_ statements: [Stmt]?) -> [String] { statements.map { ["(else \(block($0)))"] } ?? [] }

    private static func optional(_ expr: Expr?) -> [String] { expr.map { [render($0)] } ?? [] }

    private static func list(_ head: String, _ items: [String]) -> String {
        "(" + ([head] + items).joined(separator: " ") + ")"
    }
}
