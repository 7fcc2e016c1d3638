/// A REPL command: a line starting with `:`, or one of the bare words `help`, `exit`, `quit`.
enum ReplCommand: Equatable {
    case help(topic: String?)
    case vars
    case type(expression: String)
    case load(path: String)
    /// `:save FILE` refuses to replace an existing file; `:save! FILE` replaces it.
    case save(path: String, overwrite: Bool)
    case reset
    /// `:explain on` / `:explain off`; nil shows the current setting.
    case explain(Bool?)
    case quit
    /// A known command given without its required argument.
    case missingArgument(usage: String)
    case unknown(String)

    /// One command's name, argument and one-line description, for `:help` and error messages.
    struct Entry {
        let name: String
        let argument: String
        let summary: String

        /// `:load FILE`.
        var usage: String { argument.isEmpty ? name : name + " " + argument }
    }

    /// Every command in the order `:help` lists them.
    static let table: [Entry] = [
        Entry(name: ":help", argument: "[NAME]", summary: "this text, or the help of a builtin or topic (:help conv, :help explain)"),
        Entry(name: ":vars", argument: "", summary: "the session's names with their types and shapes"),
        Entry(name: ":type", argument: "EXPR", summary: "the type and shape of EXPR, without showing its value"),
        Entry(name: ":load", argument: "FILE", summary: "run a script in this session"),
        Entry(name: ":save", argument: "FILE", summary: "write this session's successful entries as a script (:save! replaces FILE)"),
        Entry(name: ":reset", argument: "", summary: "forget every name"),
        Entry(name: ":explain", argument: "on|off", summary: "explain every convolution step by step before its value"),
        Entry(name: ":quit", argument: "", summary: "leave (also :q, exit, quit, Ctrl-D)"),
    ]

    /// The command names Tab offers at the start of a line.
    static var completionNames: [String] { table.map(\.name) + [":q"] }

    /// The commands whose argument Tab completes as a file name.
    static let fileCommandNames = [":load", ":save"]

    /// Other spellings people type out of habit.
    private static let aliases = [":q": ":quit", ":exit": ":quit", ":?": ":help"]

    /// Bare words that act as commands when they are the whole line, as in Python's REPL.
    private static let bareWords = ["help": ":help", "exit": ":quit", "quit": ":quit", "exit()": ":quit", "quit()": ":quit"]

    /// The command in `line` (already trimmed), or nil when the line is conv code.
    static func parse(_ line: String) -> ReplCommand? {
        if let name = bareWords[line] { return make(name, argument: "") }
        guard line.hasPrefix(":") else { return nil }
        let typed = String(line.prefix { $0 != " " && $0 != "\t" })
        let argument = String(line.dropFirst(typed.count)).trimmingSpaces
        // A trailing `!` forces the command, as in vi; only :save has something to force.
        let forced = typed.count > 2 && typed.hasSuffix("!")
        let word = forced ? String(typed.dropLast()) : typed
        guard let name = resolve(word), !forced || name == ":save" else { return .unknown(typed) }
        if name == ":save", !argument.isEmpty { return .save(path: argument, overwrite: forced) }
        return make(name, argument: argument)
    }

    /// The full command name for `word`: itself, an alias, or the one command it is a prefix of
    /// (`:t` is `:type`, as in ghci).
    private static func resolve(_ word: String) -> String? {
        if let alias = aliases[word] { return alias }
        let matches = table.map(\.name).filter { $0.hasPrefix(word) }
        if matches.contains(word) { return word }
        return word.count > 1 && matches.count == 1 ? matches[0] : nil
    }

    private static func make(_ name: String, argument: String) -> ReplCommand {
        switch name {
        case ":help": return .help(topic: argument.isEmpty ? nil : argument)
        case ":vars": return .vars
        case ":reset": return .reset
        case ":quit": return .quit
        case ":type": return argument.isEmpty ? .missingArgument(usage: ":type EXPR") : .type(expression: argument)
        case ":load": return argument.isEmpty ? .missingArgument(usage: ":load FILE") : .load(path: argument)
        case ":save": return argument.isEmpty ? .missingArgument(usage: ":save FILE") : .save(path: argument, overwrite: false)
        case ":explain":
            switch argument {
            case "": return .explain(nil)
            case "on": return .explain(true)
            case "off": return .explain(false)
            default: return .missingArgument(usage: ":explain on|off")
            }
        default: return .unknown(name)
        }
    }
}
