/// A problem found in a program: a value with a message and the source range it points at.
///
/// Nothing in the library prints a diagnostic; the front ends render it once, at the edge, with
/// ``rendered(colored:)``.
public struct Diagnostic: Sendable, Error, CustomStringConvertible {
    /// How bad it is.
    public enum Severity: String, Sendable { case error, warning, note }

    public var severity: Severity
    /// What kind of outcome this is: decide by it, not by the message's wording.
    public var kind: Kind
    /// One sentence, lower case, no trailing period.
    public var message: String
    /// What the caret points at.
    public var range: SourceRange
    /// The program the range belongs to.
    public var source: SourceFile
    /// Extra lines shown after the caret (hints, the formula with numbers, valid choices).
    public var notes: [String]
    /// True when the program merely ended too early (an open bracket or string, a trailing
    /// operator): the REPL then asks for another line instead of reporting an error.
    public var isUnexpectedEnd: Bool

    /// Creates a diagnostic; the lexer and parser report ``Kind/syntax``, the default.
    public init(
        _ severity: Severity = .error, kind: Kind = .syntax, message: String, range: SourceRange, source: SourceFile,
        notes: [String] = [], isUnexpectedEnd: Bool = false
    ) {
        self.severity = severity
        self.kind = kind
        self.message = message
        self.range = range
        self.source = source
        self.notes = notes
        self.isUnexpectedEnd = isUnexpectedEnd
    }

    /// Where the range starts.
    public var location: SourceLocation { source.location(of: range.start) }

    /// `file:line:col: error: message`.
    public var description: String { "\(source.name):\(location): \(severity.rawValue): \(message)" }

    /// The full text a person reads: the headline, the source line with its number, a caret
    /// under the range, and the notes. With `colored`, ANSI colours mark the severity and caret.
    public func rendered(colored: Bool = false) -> String {
        let style = DiagnosticStyle(colored: colored)
        let start = location
        let lineText = source.lineText(start.line)
        let gutter = String(start.line)
        let pad = String(repeating: " ", count: gutter.count)
        var lines = [
            style.bold("\(source.name):\(start): ") + style.severity(severity) + style.bold(message),
            " \(gutter) | \(lineText)",
            " \(pad) | " + style.caret(caretLine(lineText: lineText, startColumn: start.column)),
        ]
        lines += notes.map { " \(pad) = " + $0 }
        return lines.joined(separator: "\n")
    }

    /// Spaces up to the column, then `^` and `~` under the rest of the range on that line.
    private func caretLine(lineText: String, startColumn: Int) -> String {
        let end = source.location(of: range.end)
        let lineLength = lineText.count
        let width: Int
        if end.line == location.line {
            width = Swift.max(1, end.column - startColumn)
        } else {
            width = Swift.max(1, lineLength - startColumn + 1)
        }
        // Tabs in the line keep their width so the caret stays under the right character.
        let prefix = lineText.prefix(startColumn - 1).map { $0 == "\t" ? "\t" : " " }.joined()
        return prefix + "^" + String(repeating: "~", count: width - 1)
    }
}

/// ANSI styling for diagnostics, or none.
struct DiagnosticStyle {
    let colored: Bool

    func bold(_ text: String) -> String { colored ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

    func severity(_ severity: Diagnostic.Severity) -> String {
        let label = severity.rawValue + ": "
        guard colored else { return label }
        let code = severity == .error ? "31" : (severity == .warning ? "35" : "36")
        return "\u{1B}[1;\(code)m\(label)\u{1B}[0m"
    }

    func caret(_ text: String) -> String { colored ? "\u{1B}[1;32m\(text)\u{1B}[0m" : text }
}
