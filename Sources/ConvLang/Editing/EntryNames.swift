/// The names an unfinished entry binds, read by the real lexer: what Tab should offer inside a
/// `def` or `class` that is still being typed, before anything in it has run.
public struct EntryNames: Sendable, Equatable {
    /// Names the entry binds so far, in order of first appearance: parameters, assignment and
    /// `for` targets, `as` names, functions and classes it defines.
    public var locals: [String] = []
    /// Attributes assigned through `self` (`self.conv1 = ...`) and methods of a class being
    /// defined (`def forward(self, x):`), offered after `self.`.
    public var selfMembers: [String] = []

    /// Creates an empty list of names.
    public init(locals: [String] = [], selfMembers: [String] = []) {
        self.locals = locals
        self.selfMembers = selfMembers
    }
}

extension Interpreter {
    /// The names bound by `text`, an entry that may stop anywhere (an open block, an open call).
    ///
    /// A token scan rather than a parse, because the entry does not parse yet; it looks for the
    /// binding forms only, so a name merely read is never offered as a local.
    public static func entryNames(in text: String) -> EntryNames {
        let source = SourceFile(name: "<input>", text: text)
        var scan = EntryNameScan(tokens: Lexer.scan(source).tokens, source: source)
        scan.run()
        return scan.names
    }
}

/// One pass over an entry's tokens, tracking bracket depth and the start of each statement.
private struct EntryNameScan {
    let tokens: [Token]
    let source: SourceFile
    var names = EntryNames()
    private var depth = 0
    /// The innermost open `def` parameter list's depth, while inside one.
    private var parameterListDepth: Int?
    private var classDepth = 0

    init(tokens: [Token], source: SourceFile) {
        self.tokens = tokens
        self.source = source
    }

    mutating func run() {
        for index in tokens.indices {
            let kind = tokens[index].kind
            switch kind {
            case .leftParen, .leftBracket, .leftBrace:
                depth += 1
            case .rightParen, .rightBracket, .rightBrace:
                if depth == parameterListDepth { parameterListDepth = nil }
                depth = max(depth - 1, 0)
            case .kwDef:
                definition(at: index)
            case .kwClass:
                if let name = identifier(at: index + 1) { bindLocal(name) }
                classDepth += 1
            case .kwFor:
                forTargets(after: index)
            case .kwAs:
                if let name = identifier(at: index + 1) { bindLocal(name) }
            case .identifier:
                identifierToken(at: index)
            default:
                continue
            }
        }
    }

    /// `def name(a, b=1, *args, **kw)`: the name, then each parameter; inside a class, a method
    /// whose first parameter is `self` is a member of `self` too.
    private mutating func definition(at index: Int) {
        guard let name = identifier(at: index + 1) else { return }
        bindLocal(name)
        guard index + 2 < tokens.count, tokens[index + 2].kind == .leftParen else { return }
        parameterListDepth = depth + 1
        if classDepth > 0, identifier(at: index + 3) == "self", !name.hasPrefix("__") {
            bindMember(name)
        }
    }

    /// `for a, (b, c) in ...`: every name between `for` and `in`.
    private mutating func forTargets(after index: Int) {
        var position = index + 1
        while position < tokens.count, tokens[position].kind != .kwIn, tokens[position].kind != .newline {
            if tokens[position].kind == .identifier { bindLocal(text(at: position)) }
            position += 1
        }
    }

    private mutating func identifierToken(at index: Int) {
        let next = index + 1 < tokens.count ? tokens[index + 1].kind : .eof
        let previous = index > 0 ? tokens[index - 1].kind : .newline
        if let listDepth = parameterListDepth, depth == listDepth {
            // A parameter: right after `(`, `,`, `*` or `**` of the list.
            if [.leftParen, .comma, .star, .starStar].contains(previous) { bindLocal(text(at: index)) }
            return
        }
        // `self.name = ...` (also `+=`) at the top level of a statement.
        if text(at: index) == "self", next == .dot, depth == 0, let member = identifier(at: index + 2),
           index + 3 < tokens.count, Self.isAssignment(tokens[index + 3].kind) {
            bindMember(member)
            return
        }
        // `name = ...`, `a, b = ...`, `name += ...`: an identifier that starts a statement or
        // follows a comma of a top-level target list, with an assignment later on the line.
        guard depth == 0, [.newline, .indent, .dedent, .comma, .semicolon].contains(previous) else { return }
        if Self.isAssignment(next) || (next == .comma && assignmentFollows(index + 1)) {
            bindLocal(text(at: index))
        }
    }

    /// Whether a top-level `=` comes before the end of the line from `index` on.
    private func assignmentFollows(_ index: Int) -> Bool {
        var position = index
        var level = 0
        while position < tokens.count {
            switch tokens[position].kind {
            case .newline, .semicolon, .eof: return false
            case .leftParen, .leftBracket, .leftBrace: level += 1
            case .rightParen, .rightBracket, .rightBrace: level -= 1
            case .equal where level == 0: return true
            default: break
            }
            position += 1
        }
        return false
    }

    private static func isAssignment(_ kind: TokenKind) -> Bool {
        if case .augmentedAssign = kind { return true }
        return kind == .equal
    }

    private func identifier(at index: Int) -> String? {
        guard index < tokens.count, tokens[index].kind == .identifier else { return nil }
        return text(at: index)
    }

    private func text(at index: Int) -> String { source.text(of: tokens[index].range) }

    private mutating func bindLocal(_ name: String) {
        if !names.locals.contains(name) { names.locals.append(name) }
    }

    private mutating func bindMember(_ name: String) {
        if !names.selfMembers.contains(name) { names.selfMembers.append(name) }
    }
}
