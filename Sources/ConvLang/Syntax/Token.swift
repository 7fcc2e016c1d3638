/// A lexical token: its kind and where it is. Its text is read from the source when needed.
///
/// A token is a plain value (no reference inside), so the parser copies and compares it without
/// reference counting: the decoded value of a string or a big integer is kept beside the tokens,
/// by where the token starts (``LiteralValue``).
struct Token: Sendable, Equatable {
    var kind: TokenKind
    var range: SourceRange
}

/// The decoded value of a `.string`, `.fstringMiddle` or `.bigInteger` token, kept by the
/// lexer beside its tokens under the offset where the token starts.
enum LiteralValue: Sendable, Equatable {
    case text(String)
    case bigInteger(BigInteger)
}

/// Every kind of token in conv.
enum TokenKind: Sendable, Equatable, Hashable {
    // Literals and names.
    /// An integer literal (`7`, `0x1f`, `0o17`, `0b101`, `1_000`), exact.
    case integer(Int64)
    /// An integer literal beyond 64 bits (`2_000_000_000_000_000_000_000`, `0xffff_ffff_ffff_ffff_f`);
    /// its value is a ``LiteralValue``.
    case bigInteger
    /// A float literal (`2.`, `.5`, `1e-3`, `7.0`).
    case float(Double)
    /// A string literal; its text, escapes decoded, is a ``LiteralValue``. Adjacent ones are
    /// joined by the parser.
    case string
    case identifier

    // f-strings: `f"a{x!r:>{w}}b"` is FSTRING_START, FSTRING_MIDDLE("a"), "{", x, "!", r, ":",
    // FSTRING_MIDDLE(">"), "{", w, "}", "}", FSTRING_MIDDLE("b"), FSTRING_END. The expressions
    // inside are ordinary tokens at their place in the source.
    /// The prefix and opening quote(s) of an f-string.
    case fstringStart
    /// Literal text of an f-string or of a format spec; the text, escapes and `{{` `}}` decoded,
    /// is a ``LiteralValue``.
    case fstringMiddle
    /// The closing quote(s) of an f-string.
    case fstringEnd

    // Layout: the end of a logical line, and the start and end of an indented block.
    case newline, indent, dedent

    // Keywords of the short language.
    case kwLet, kwFn, kwExplain
    // Python's keywords.
    case kwImport, kwFrom, kwAs, kwTrue, kwFalse, kwNone, kwAnd, kwOr, kwNot
    case kwDef, kwReturn, kwIf, kwElif, kwElse, kwFor, kwIn, kwWhile, kwBreak, kwContinue, kwPass
    case kwClass, kwLambda, kwGlobal, kwNonlocal, kwDel, kwWith, kwTry, kwExcept, kwFinally, kwRaise
    case kwAssert, kwIs, kwYield, kwAsync, kwAwait

    // Brackets and separators.
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, semicolon, dot, ellipsis, colon, equal, arrow, at
    /// `:=`, which conv refuses with a clear message.
    case colonEqual
    /// `!` before an f-string conversion (`{x!r}`); elsewhere `!` alone is not a token.
    case bang

    // Operators.
    case plus, minus, star, slash, slashSlash, percent, starStar
    case ampersand, pipe, caret, tilde, lessLess, greaterGreater
    case equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
    /// `+=`, `//=`, `@=`, ...: the operator the assignment applies.
    case augmentedAssign(BinaryOperator)

    /// A character or literal the lexer could not read; its diagnostic was already reported.
    case invalid
    /// The end of the source.
    case eof

    /// Every keyword with its spelling, in one table: the look-up, completion and error messages
    /// all read it. Python's capitalised constants are accepted so that pasted PyTorch code
    /// reads as it is. (`match`, `case` and `type` are soft keywords in Python: names here.)
    private static let keywordTable: [(spelling: String, kind: TokenKind)] = [
        ("let", .kwLet), ("fn", .kwFn), ("explain", .kwExplain),
        ("import", .kwImport), ("from", .kwFrom), ("as", .kwAs),
        ("true", .kwTrue), ("false", .kwFalse), ("none", .kwNone),
        ("True", .kwTrue), ("False", .kwFalse), ("None", .kwNone),
        ("and", .kwAnd), ("or", .kwOr), ("not", .kwNot),
        ("def", .kwDef), ("return", .kwReturn), ("if", .kwIf), ("elif", .kwElif), ("else", .kwElse),
        ("for", .kwFor), ("in", .kwIn), ("while", .kwWhile), ("break", .kwBreak), ("continue", .kwContinue),
        ("pass", .kwPass), ("class", .kwClass), ("lambda", .kwLambda), ("global", .kwGlobal),
        ("nonlocal", .kwNonlocal), ("del", .kwDel), ("with", .kwWith), ("try", .kwTry), ("except", .kwExcept),
        ("finally", .kwFinally), ("raise", .kwRaise), ("assert", .kwAssert), ("is", .kwIs),
        ("yield", .kwYield), ("async", .kwAsync), ("await", .kwAwait),
    ]

    /// The longest keyword, in bytes; longer names need no look-up. Spellings are packed into
    /// 64 bits, so no keyword may be longer (a test checks).
    static let longestKeyword = 8

    /// A spelling of at most 8 bytes packed into one integer, the key of ``keywordSlots``.
    private static func packed(_ bytes: some Collection<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The slot of a packed spelling in ``keywordSlots``: a multiplicative hash, then the next
    /// slots in turn.
    private static func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 57) }

    /// An open-addressing table of the keywords by packed spelling (128 slots, a third full):
    /// the lexer asks once per name, so the look-up makes no string and hashes nothing.
    private static let keywordSlots: [(key: UInt64, kind: TokenKind?)] = {
        var slots = [(key: UInt64, kind: TokenKind?)](repeating: (0, nil), count: 128)
        for entry in keywordTable {
            let key = packed(entry.spelling.utf8)
            var position = slot(key)
            while slots[position].kind != nil { position = (position + 1) & 127 }
            slots[position] = (key, entry.kind)
        }
        return slots
    }()

    /// The keyword spelled by `bytes`, if any.
    static func keyword(_ bytes: ArraySlice<UInt8>) -> TokenKind? {
        guard bytes.count <= longestKeyword else { return nil }
        let key = packed(bytes)
        var position = slot(key)
        while true {
            let entry = keywordSlots[position]
            guard let kind = entry.kind else { return nil }
            if entry.key == key { return kind }
            position = (position + 1) & 127
        }
    }

    /// The keyword spelled `text`, if any.
    static func keyword(_ text: String) -> TokenKind? { keyword(ArraySlice(text.utf8)) }

    /// The language's keywords, for completion and help (lower-case spellings only).
    static let keywordSpellings = keywordTable.map(\.spelling).filter { $0.first?.isLowercase == true }

    /// Whether this is a keyword, so that a message can say it cannot be a name.
    var isKeyword: Bool { Self.keywordTable.contains { $0.kind == self } }

    /// How the token reads in an error message.
    var spelling: String {
        if let keyword = Self.keywordTable.first(where: { $0.kind == self }) { return "'\(keyword.spelling)'" }
        return switch self {
        case .integer, .bigInteger, .float: "a number"
        case .string, .fstringStart, .fstringMiddle, .fstringEnd: "a string"
        case .identifier: "a name"
        case .newline: "end of line"
        case .indent: "an indented block"
        case .dedent: "the end of the indented block"
        case .augmentedAssign(let op): "'\(op.rawValue)='"
        case .invalid: "an invalid character"
        case .eof: "end of input"
        default: "'\(punctuationText)'"
        }
    }

    /// The text of a punctuation or operator token.
    private var punctuationText: String {
        switch self {
        case .leftParen: "("
        case .rightParen: ")"
        case .leftBracket: "["
        case .rightBracket: "]"
        case .leftBrace: "{"
        case .rightBrace: "}"
        case .comma: ","
        case .semicolon: ";"
        case .dot: "."
        case .ellipsis: "..."
        case .colon: ":"
        case .equal: "="
        case .arrow: "->"
        case .at: "@"
        case .colonEqual: ":="
        case .bang: "!"
        case .plus: "+"
        case .minus: "-"
        case .star: "*"
        case .slash: "/"
        case .slashSlash: "//"
        case .percent: "%"
        case .starStar: "**"
        case .ampersand: "&"
        case .pipe: "|"
        case .caret: "^"
        case .tilde: "~"
        case .lessLess: "<<"
        case .greaterGreater: ">>"
        case .equalEqual: "=="
        case .bangEqual: "!="
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        default: "?"
        }
    }
}
