/// A lexical token: its kind and where it is. Its text is read from the source when needed.
struct Token: Sendable, Equatable {
    var kind: TokenKind
    var range: SourceRange
}

/// Every kind of token in conv.
enum TokenKind: Sendable, Equatable, Hashable {
    // Literals and names.
    case number(Double)
    case string(String)
    case identifier

    // Keywords.
    case kwLet, kwFn, kwImport, kwFrom, kwAs, kwTrue, kwFalse, kwNone
    case kwAnd, kwOr, kwNot, kwExplain

    // Brackets and separators.
    case leftParen, rightParen, leftBracket, rightBracket
    case comma, semicolon, newline, dot, colon, equal

    // Operators.
    case plus, minus, star, slash, slashSlash, percent, starStar
    case equalEqual, bangEqual, less, lessEqual, greater, greaterEqual

    /// A character or literal the lexer could not read; its diagnostic was already reported.
    case invalid
    /// The end of the source.
    case eof

    /// The keyword spelled `text`, if any. Python's capitalised constants are accepted so that
    /// pasted PyTorch code reads as it is.
    static func keyword(_ text: String) -> TokenKind? {
        switch text {
        case "let": .kwLet
        case "fn": .kwFn
        case "import": .kwImport
        case "from": .kwFrom
        case "as": .kwAs
        case "true", "True": .kwTrue
        case "false", "False": .kwFalse
        case "none", "None": .kwNone
        case "and": .kwAnd
        case "or": .kwOr
        case "not": .kwNot
        case "explain": .kwExplain
        default: nil
        }
    }

    /// The language's keywords, for completion and help.
    static let keywordSpellings = ["let", "fn", "import", "from", "as", "true", "false", "none",
                                   "and", "or", "not", "explain"]

    /// How the token reads in an error message.
    var spelling: String {
        switch self {
        case .number: "a number"
        case .string: "a string"
        case .identifier: "a name"
        case .kwLet: "'let'"
        case .kwFn: "'fn'"
        case .kwImport: "'import'"
        case .kwFrom: "'from'"
        case .kwAs: "'as'"
        case .kwTrue: "'true'"
        case .kwFalse: "'false'"
        case .kwNone: "'none'"
        case .kwAnd: "'and'"
        case .kwOr: "'or'"
        case .kwNot: "'not'"
        case .kwExplain: "'explain'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .comma: "','"
        case .semicolon: "';'"
        case .newline: "end of line"
        case .dot: "'.'"
        case .colon: "':'"
        case .equal: "'='"
        case .plus: "'+'"
        case .minus: "'-'"
        case .star: "'*'"
        case .slash: "'/'"
        case .slashSlash: "'//'"
        case .percent: "'%'"
        case .starStar: "'**'"
        case .equalEqual: "'=='"
        case .bangEqual: "'!='"
        case .less: "'<'"
        case .lessEqual: "'<='"
        case .greater: "'>'"
        case .greaterEqual: "'>='"
        case .invalid: "an invalid character"
        case .eof: "end of input"
        }
    }
}
