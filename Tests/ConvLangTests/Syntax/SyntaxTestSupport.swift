@testable import ConvLang

/// Helpers shared by the syntax suites.
enum Syntax {
    static func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(SourceFile(name: "t", text: text)).tokens.map(\.kind)
    }

    /// Every lexical diagnostic as "line:column message".
    static func errors(_ text: String) -> [String] {
        Lexer.tokenize(SourceFile(name: "t", text: text)).diagnostics.map { "\($0.location) \($0.message)" }
    }

    /// The first lexical diagnostic, whole.
    static func firstError(_ text: String) -> Diagnostic? {
        Lexer.tokenize(SourceFile(name: "t", text: text)).diagnostics.first
    }
}
