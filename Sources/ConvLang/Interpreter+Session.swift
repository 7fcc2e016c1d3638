/// What an interactive host (the REPL) needs beyond running programs: what an entry binds, and
/// the words Tab may offer.
extension Interpreter {
    /// One top-level statement of an entry, as a REPL reports it.
    public struct EntryStatement: Sendable, Equatable {
        /// What the statement does.
        public enum Kind: Sendable, Equatable {
            /// `let NAME = ...` or `NAME = ...`.
            case assignment(name: String)
            /// `NAME.MEMBER = ...`: the layer bound to `name` changes.
            case memberAssignment(name: String, member: String)
            /// `fn NAME(...) = ...`.
            case function(name: String)
            /// An expression statement: its value is shown.
            case expression
            /// An import line, which does nothing.
            case importLine
        }

        /// What the statement does.
        public var kind: Kind
        /// The UTF-8 offset just past the statement: a runtime error that starts at or after it
        /// means the statement ran.
        public var end: Int
    }

    /// The top-level statements of `text`, or nil when it has syntax errors.
    public static func entryStatements(_ text: String) -> [EntryStatement]? {
        let (statements, diagnostics) = Parser.parse(SourceFile(name: "<input>", text: text))
        guard diagnostics.isEmpty else { return nil }
        return statements.flatMap { statement in kinds(of: statement).map { EntryStatement(kind: $0, end: statement.range.end) } }
    }

    /// What a statement does; `a, b = ...` binds each of its names.
    private static func kinds(of statement: Stmt) -> [EntryStatement.Kind] {
        if case .assignMany(let targets, _, _) = statement { return targets.map { .assignment(name: $0.name) } }
        return [kind(of: statement)]
    }

    private static func kind(of statement: Stmt) -> EntryStatement.Kind {
        switch statement {
        case .assign(let name, _, _, _): .assignment(name: name)
        case .assignMany: .expression
        case .assignMember(let object, let member, _, _, _):
            if case .name(let name, _) = object { .memberAssignment(name: name, member: member) } else { .expression }
        case .function(let declaration): .function(name: declaration.name)
        case .expression: .expression
        case .importLine: .importLine
        // Python's statements are not evaluated yet, so they bind nothing a session could confirm.
        case .assignment, .augmentedAssign, .annotatedAssign, .functionDefinition, .classDefinition, .returnStatement,
             .ifStatement, .forStatement, .whileStatement, .breakStatement, .continueStatement, .passStatement,
             .assertStatement, .globalStatement, .nonlocalStatement, .deleteStatement, .withStatement, .tryStatement,
             .raiseStatement, .yieldStatement:
            .expression
        }
    }

    /// The language's keywords (`let`, `fn`, `true`, ...), for completion.
    public static var keywords: [String] { TokenKind.keywordSpellings }

    /// One parameter of a function as completion sees it.
    public struct ParameterSpelling: Sendable, Equatable {
        /// Every name it may be given by, the short one first (`s`, `stride`); empty for a
        /// variadic parameter, which cannot be named.
        public var spellings: [String]
        /// Whether a positional argument can fill it.
        public var isPositional: Bool
        /// Whether it takes every remaining positional argument.
        public var isVariadic: Bool

        /// Creates a description.
        public init(spellings: [String], isPositional: Bool = true, isVariadic: Bool = false) {
            self.spellings = spellings
            self.isPositional = isPositional
            self.isVariadic = isVariadic
        }
    }

    /// Every builtin callable by each name it answers to, including the dotted PyTorch names
    /// (`F.conv1d`, `torch.nn.functional.conv1d`, `nn.Conv1d`), with its parameters in order.
    public static var builtinParameters: [String: [ParameterSpelling]] {
        var table: [String: [ParameterSpelling]] = [:]
        for (name, builtin) in BuiltinLibrary.byName { table[name] = spellings(of: builtin) }
        for (alias, namespace) in BuiltinLibrary.namespaceNames {
            addNamespace(namespace, spelledAs: alias, to: &table)
            if alias != namespace { addNamespace(namespace, spelledAs: namespace, to: &table) }
        }
        return table
    }

    static func spellings(of builtin: Builtin) -> [ParameterSpelling] {
        builtin.parameters.map { parameter in
            if parameter.isVariadic { return ParameterSpelling(spellings: [], isPositional: true, isVariadic: true) }
            if parameter.collectsNames { return ParameterSpelling(spellings: [], isPositional: false) }
            return ParameterSpelling(spellings: parameter.spellings, isPositional: !parameter.isNamedOnly)
        }
    }

    /// Adds `spelling.member` for every builtin in `namespace` and, recursively, its subnamespaces.
    private static func addNamespace(
        _ namespace: String, spelledAs spelling: String, to table: inout [String: [ParameterSpelling]]
    ) {
        for (member, target) in BuiltinLibrary.namespaces[namespace] ?? [:] {
            if let builtin = BuiltinLibrary.builtin(named: target) { table[spelling + "." + member] = spellings(of: builtin) }
        }
        // The members only torch's constructors have (torch.as_tensor, torch.set_default_dtype, ...).
        for member in namespace == "torch" ? TorchConstructors.extraNames : [] {
            if case .function(let function)? = TorchConstructors.member(member, of: namespace), case .builtin(let builtin) = function.kind {
                table[spelling + "." + member] = spellings(of: builtin)
            }
        }
        // NumPy's functions (np.array, np.linspace, ...) and torch.from_numpy.
        for member in NumPyLibrary.extraNames(of: namespace) {
            if case .function(let function)? = NumPyLibrary.member(member, of: namespace), case .builtin(let builtin) = function.kind {
                table[spelling + "." + member] = spellings(of: builtin)
            }
        }
        for (member, child) in BuiltinLibrary.subnamespaces[namespace] ?? [:] {
            addNamespace(child, spelledAs: spelling + "." + member, to: &table)
        }
    }

    /// The builtin constants (`pi`), for completion; modules complete as the prefixes of dotted function names.
    public static var builtinConstantNames: [String] { BuiltinLibrary.constants.keys.sorted() }
}

extension Value {
    /// The names that may follow `value.`: a tensor's members and methods, a layer's settings,
    /// weight and bias, a module's builtins. Empty for other values.
    public var memberNames: [String] {
        switch self {
        case .tensor: TensorMethods.names
        case .layer(let layer): layer.module.memberNames
        case .namespace(let namespace): BuiltinLibrary.memberNames(of: namespace)
        default: []
        }
    }
}
