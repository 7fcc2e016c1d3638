/// What the text before a cursor is inside of, read by the real lexer: for completion, which
/// offers nothing inside a string or a comment and offers a call's named arguments inside it.
public struct CursorContext: Sendable, Equatable {
    /// An open call `f(` around the cursor, as far as it was typed.
    public struct OpenCall: Sendable, Equatable {
        /// The dotted name called, e.g. `conv` or `nn.Conv1d`.
        public var callee: String
        /// The names given as `name=` directly inside the call.
        public var givenNames: Set<String>
        /// How many arguments were finished (commas directly inside the call).
        public var finishedArguments: Int

        /// Creates a description of an open call.
        public init(callee: String, givenNames: Set<String> = [], finishedArguments: Int = 0) {
            self.callee = callee
            self.givenNames = givenNames
            self.finishedArguments = finishedArguments
        }
    }

    /// Whether the cursor is inside a string or a comment.
    public var isInStringOrComment: Bool
    /// The innermost open bracket, if it is a call's parenthesis.
    public var innermostCall: OpenCall?
}

extension Interpreter {
    /// What `textBeforeCursor` ends inside of: a string or comment, and the innermost open call.
    public static func cursorContext(before textBeforeCursor: String) -> CursorContext {
        let source = SourceFile(name: "<input>", text: textBeforeCursor)
        let (tokens, _, _, end) = Lexer.scan(source)
        var frames: [CursorContext.OpenCall?] = []
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .leftParen:
                let callee = calleeName(tokens, before: index, in: source)
                frames.append(callee.isEmpty ? nil : CursorContext.OpenCall(callee: callee, givenNames: [], finishedArguments: 0))
            case .leftBracket, .leftBrace:
                frames.append(nil)
            case .rightParen, .rightBracket, .rightBrace:
                if !frames.isEmpty { frames.removeLast() }
            case .comma:
                if let last = frames.indices.last { frames[last]?.finishedArguments += 1 }
            case .equal:
                // `name=` right after `(` or `,` of the innermost call names an argument.
                guard index >= 2, tokens[index - 1].kind == .identifier, let last = frames.indices.last,
                      [.leftParen, .comma].contains(tokens[index - 2].kind) else { continue }
                frames[last]?.givenNames.insert(source.text(of: tokens[index - 1].range))
            default:
                continue
            }
        }
        return CursorContext(isInStringOrComment: end.isInComment || end.openString != nil,
                             innermostCall: frames.last ?? nil)
    }

    /// The dotted name (`nn.Conv1d`) whose last part is the token before `index`, or "".
    private static func calleeName(_ tokens: [Token], before index: Int, in source: SourceFile) -> String {
        var parts: [String] = []
        var position = index - 1
        while position >= 0, tokens[position].kind == .identifier {
            parts.append(source.text(of: tokens[position].range))
            guard position >= 2, tokens[position - 1].kind == .dot else { break }
            position -= 2
        }
        return parts.reversed().joined(separator: ".")
    }
}
