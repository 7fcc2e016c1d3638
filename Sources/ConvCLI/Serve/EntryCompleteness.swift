import ConvLang

/// Whether code is ready to run (`is_complete`): a notebook's console and an editor ask before
/// sending a line, as the REPL decides whether to show its continuation prompt.
enum EntryCompleteness: Equatable {
    /// It runs as it is.
    case complete
    /// It stops early (an open bracket or triple-quoted string, a trailing operator or comma);
    /// the next line may start with `indent`.
    case incomplete(indent: String)
    /// It has a syntax error that more lines cannot fix.
    case invalid

    /// How complete `code` is, as the interpreter's parser tells; a session command is complete.
    static func of(_ code: String) -> EntryCompleteness {
        let trimmed = code.trimmingSpaces
        if trimmed.isEmpty || (!trimmed.contains("\n") && ReplCommand.parse(trimmed) != nil) { return .complete }
        switch Interpreter.completeness(of: code) {
        case .complete: return .complete
        case .invalid: return .invalid
        case .incomplete(.insideString): return .incomplete(indent: "")
        case .incomplete: return .incomplete(indent: indent(after: code))
        }
    }

    /// The last line's own indentation, and four spaces more after an opening bracket or a `:`.
    static func indent(after code: String) -> String {
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lastLine = lines.last { !$0.trimmingSpaces.isEmpty } ?? ""
        let leading = String(lastLine.prefix { $0 == " " || $0 == "\t" })
        let opens = ["(", "[", "{", ":"].contains { lastLine.trimmingSpaces.hasSuffix($0) }
        return opens ? leading + "    " : leading
    }
}
