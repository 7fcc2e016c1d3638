import ConvLang

/// Where a REPL session writes: one call per line of text (the text may hold line breaks, never a
/// trailing one). Standard output and standard error in the `conv` command; arrays in tests.
public struct ReplOutput {
    /// Values, confirmations and command output.
    public var write: (String) -> Void
    /// Diagnostics and command errors.
    public var writeError: (String) -> Void
    /// Long help (`help(...)`, `:help`); when set it may go through a pager, otherwise to `write`.
    public var page: ((String) -> Void)?
    /// When set, what programs show and their diagnostics arrive here as records instead of
    /// text (`conv --serve`); confirmations and command output still go to `write`.
    public var records: ((OutputRecord) -> Void)?
    /// When set, a command's error (its message and notes) arrives here instead of `writeError`.
    public var commandError: ((_ message: String, _ notes: [String]) -> Void)?

    /// Creates the pair.
    public init(write: @escaping (String) -> Void, writeError: @escaping (String) -> Void) {
        self.write = write
        self.writeError = writeError
    }
}

/// How a REPL session looks and behaves.
public struct ReplSettings {
    /// The version the banner shows.
    public var version: String
    /// Whether to greet with the one-line banner (only on a terminal).
    public var showsBanner: Bool
    /// Colours the prompts.
    public var promptStyle: TerminalStyle
    /// Colours the diagnostics and error labels.
    public var errorStyle: TerminalStyle
    /// The interpreter's seed and limits.
    public var configuration: Interpreter.Configuration
    /// The environment, for `~` in `:load` and `:save` paths.
    public var environment: [String: String]
    /// How values and explanations fit the output; nil shows them as the library writes them.
    public var layout: OutputLayout?
    /// Whether `let x = ...` confirms the name's type and shape (`x: tensor[3]`).
    public var confirmsBindings = true

    /// Plain settings: no banner, no colour, default interpreter.
    public init(
        version: String,
        showsBanner: Bool = false,
        promptStyle: TerminalStyle = TerminalStyle(usesColor: false),
        errorStyle: TerminalStyle = TerminalStyle(usesColor: false),
        configuration: Interpreter.Configuration = .init(),
        environment: [String: String] = [:]
    ) {
        self.version = version
        self.showsBanner = showsBanner
        self.promptStyle = promptStyle
        self.errorStyle = errorStyle
        self.configuration = configuration
        self.environment = environment
    }
}

/// The interactive session: reads entries from a `LineReader`, evaluates each with one
/// `Interpreter`, and shows values, confirmations, errors and command output.
///
/// An entry is one or more lines: while the text only stops early (an open bracket or string, a
/// trailing operator or comma) the session asks for more with the continuation prompt. Each
/// complete entry is one history entry and its own source, named `<repl:N>`, so a caret points
/// into what was just typed. Nothing here touches the terminal: input comes from the reader,
/// output goes to `ReplOutput`, and evaluation runs inside `aroundEvaluation` (where the
/// `conv` command arms Ctrl-C).
public final class ReplSession {
    /// The primary prompt, without colour.
    public static let primaryPrompt = "conv> "
    /// The prompt while an entry continues, as wide as the primary one.
    public static let continuationPrompt = "...> "

    /// The evaluator; its bindings are the session's.
    public let interpreter: Interpreter
    let settings: ReplSettings
    let output: ReplOutput
    /// Wraps every evaluation; the `conv` command arms Ctrl-C here.
    public var aroundEvaluation: (() -> Void) -> Void = { $0() }

    /// The lines of an unfinished entry, joined as they continue ("" when none is open).
    public private(set) var pendingBlock = ""
    /// What joins the next line to the unfinished entry (see ``Interpreter/Continuation``).
    private var pendingJoiner = "\n"
    /// Entries that ran without an error, in order, for `:save`.
    public private(set) var transcript: [String] = []
    /// How many entries have been evaluated; names the next source `<repl:N+1>`.
    private(set) var entryCount = 0
    /// Set by `:quit`; ends the loop.
    private(set) var quitRequested = false

    /// A session with a fresh interpreter whose values go to `output`.
    public init(settings: ReplSettings, output: ReplOutput) {
        self.settings = settings
        self.output = output
        let box = EchoSwitch()
        // A generator made in one entry goes on in the next, as in Python's interactive session.
        var configuration = settings.configuration
        configuration.generatorsOutliveRuns = true
        if let records = output.records {
            self.interpreter = Interpreter(recording: configuration) { record in
                if box.isOn { records(record) }
            }
        } else {
            self.interpreter = Interpreter(configuration: configuration) { event in
                guard box.isOn else { return }
                let text = settings.layout?.text(of: event) ?? event.text
                if box.captured != nil { box.captured?.append(text) } else { output.write(text) }
            }
        }
        self.echoSwitch = box
    }

    /// Lets `:type` evaluate without showing what the expression prints.
    private let echoSwitch: EchoSwitch

    /// Reads and evaluates entries until end of input or `:quit`; returns the exit status.
    @discardableResult
    public func run(reader: any LineReader) -> ExitStatus {
        if settings.showsBanner {
            output.write("conv \(settings.version) — type :help for help, :quit to leave")
        }
        while !quitRequested {
            let prompt = pendingBlock.isEmpty ? Self.primaryPrompt : Self.continuationPrompt
            switch reader.readLine(prompt: settings.promptStyle.prompt(prompt)) {
            case .endOfInput:
                return .success
            case .interrupt:
                pendingBlock = ""
            case .line(let line):
                accept(line, reader: reader)
            }
        }
        return .success
    }

    /// Handles one line: a command, the start or continuation of an entry, or its end.
    func accept(_ line: String, reader: any LineReader) {
        if pendingBlock.isEmpty {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty { return }
            if let command = ReplCommand.parse(trimmed) {
                reader.addHistory(trimmed)
                perform(command)
                return
            }
        }
        let block = pendingBlock.isEmpty ? line : pendingBlock + pendingJoiner + line
        // The language's own lexer and parser decide: an entry that merely stops early goes on
        // (inside brackets and triple-quoted strings with a line break, after a trailing operator
        // or comma on the same line); a complete or hopeless one runs, and reports its errors.
        if case .incomplete(let continuation) = Interpreter.completeness(of: block) {
            pendingBlock = block
            pendingJoiner = continuation.joiner
            return
        }
        pendingBlock = ""
        reader.addHistory(block)
        evaluate(block)
    }

    /// Runs one complete entry, then confirms what it bound and shows any error. What a call to
    /// `help` shows goes to the pager, when there is one.
    func evaluate(_ entry: String) {
        entryCount += 1
        let name = "<repl:\(entryCount)>"
        let pages = output.page != nil && isHelpCall(entry)
        if pages { echoSwitch.captured = [] }
        let ran = runEvaluation(entry, name: name)
        if pages, let shown = echoSwitch.captured {
            echoSwitch.captured = nil
            if !shown.isEmpty { showLong(shown.joined(separator: "\n")) }
        }
        guard let result = ran else { return }
        if settings.confirmsBindings {
            confirmBindings(in: entry, ranUpTo: result.diagnostics.first?.range.start ?? Int.max)
        }
        if let value = result.lastValue { interpreter.bind("_", to: value) }
        if result.succeeded {
            transcript.append(entry)
        } else {
            report(result.diagnostics)
        }
    }

    /// Runs `text` inside `aroundEvaluation`, with its output shown or not. After Ctrl-C stopped
    /// the run, ends the line first: the terminal echoed `^C` where the cursor was.
    func runEvaluation(_ text: String, name: String, showsOutput: Bool = true) -> Interpreter.RunResult? {
        var result: Interpreter.RunResult?
        aroundEvaluation {
            echoSwitch.isOn = showsOutput
            defer { echoSwitch.isOn = true }
            result = interpreter.run(text, name: name)
        }
        if result?.diagnostics.contains(where: { $0.kind == .interrupted }) == true, output.records == nil { output.writeError("") }
        return result
    }

    /// `x: tensor[3]` for each name an entry's statements bound before `ranUpTo` (a byte offset),
    /// once per name, in the order the names were first bound.
    private func confirmBindings(in entry: String, ranUpTo: Int) {
        var confirmed: Set<String> = []
        for statement in Interpreter.entryStatements(entry) ?? [] where statement.end <= ranUpTo {
            switch statement.kind {
            case .assignment(let name), .memberAssignment(let name, _), .function(let name):
                guard confirmed.insert(name).inserted, let value = interpreter.value(of: name) else { continue }
                output.write(describe(name, value))
            case .expression, .importLine:
                break
            }
        }
    }

    /// Renders diagnostics with the entry's line and a caret.
    func report(_ diagnostics: [Diagnostic]) {
        if let records = output.records {
            for diagnostic in diagnostics { records(.diagnostic(diagnostic)) }
            return
        }
        for diagnostic in diagnostics {
            output.writeError(diagnostic.rendered(colored: settings.errorStyle.usesColor))
        }
    }

    /// Shows a one-line error, e.g. for a command that cannot run.
    func reportError(_ message: String, notes: [String] = []) {
        if let commandError = output.commandError { return commandError(message, notes) }
        let lines = [settings.errorStyle.error("error:") + " " + message] + notes.map { "  " + $0 }
        output.writeError(lines.joined(separator: "\n"))
    }

    /// Long text: through the pager when the front end has one.
    func showLong(_ text: String) {
        if let page = output.page { page(text) } else { output.write(text) }
    }

    /// Whether `entry` is one call to the builtin `help`, whose text may be long.
    private func isHelpCall(_ entry: String) -> Bool {
        let text = entry.trimmingSpaces
        return text.hasPrefix("help(") && text.hasSuffix(")") && interpreter.value(of: "help") == nil
            && Interpreter.entryStatements(text)?.count == 1
    }

    /// Ends the loop after the current line.
    func requestQuit() { quitRequested = true }

    /// Forgets every binding and the transcript.
    func resetSession() {
        interpreter.reset()
        transcript = []
        pendingBlock = ""
    }

    /// Records text that ran successfully outside an entry (a loaded script) for `:save`.
    func appendToTranscript(_ text: String) { transcript.append(text) }
}

/// Whether evaluation output is shown; shared with the interpreter's output closure.
private final class EchoSwitch {
    var isOn = true
    /// While set, output is collected here instead of shown (help, for the pager).
    var captured: [String]?
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
