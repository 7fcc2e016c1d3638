@testable import ConvLang

/// Helpers shared by the syntax suites: token kinds, s-expression trees, and errors with
/// where they point.
enum Syntax {
    static func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(SourceFile(name: "t", text: text)).tokens.map(\.kind)
    }

    /// The decoded texts of the string and f-string text tokens, in order.
    static func texts(_ text: String) -> [String] {
        let (tokens, _, literals) = Lexer.tokenize(SourceFile(name: "t", text: text))
        return tokens.compactMap { token in
            guard token.kind == .string || token.kind == .fstringMiddle, case .text(let text)? = literals[token.range.start] else { return nil }
            return text
        }
    }

    /// The program as s-expressions, or "error: ..." with every message.
    static func tree(_ text: String) -> String {
        let (statements, diagnostics) = Parser.parse(SourceFile(name: "t", text: text))
        guard diagnostics.isEmpty else { return "error: " + diagnostics.map(\.message).joined(separator: "; ") }
        return ASTPrinter.render(statements)
    }

    /// Every diagnostic as "line:column message".
    static func errors(_ text: String) -> [String] {
        Parser.parse(SourceFile(name: "t", text: text)).diagnostics.map { "\($0.location) \($0.message)" }
    }

    /// The first diagnostic, whole.
    static func firstError(_ text: String) -> Diagnostic? {
        Parser.parse(SourceFile(name: "t", text: text)).diagnostics.first
    }

    /// The statements of a program that must parse.
    static func statements(_ text: String) -> (SourceFile, [Stmt]) {
        let source = SourceFile(name: "t", text: text)
        return (source, Parser.parse(source).statements)
    }

    /// How a session would continue `text`, nil when it is complete or invalid.
    static func continuation(_ text: String) -> Interpreter.Continuation? {
        if case .incomplete(let continuation) = Interpreter.completeness(of: text) { return continuation }
        return nil
    }

    static func isComplete(_ text: String) -> Bool {
        if case .complete = Interpreter.completeness(of: text) { return true }
        return false
    }

    static func isInvalid(_ text: String) -> Bool {
        if case .invalid = Interpreter.completeness(of: text) { return true }
        return false
    }

    /// "line:column-line:column" of a range.
    static func span(_ range: SourceRange, in source: SourceFile) -> String {
        "\(source.location(of: range.start))-\(source.location(of: range.end))"
    }
}
