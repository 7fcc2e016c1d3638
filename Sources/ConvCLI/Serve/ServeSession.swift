import ConvLang

/// `conv --serve`: a session over standard input and output that editors, notebooks and other
/// programs drive with one JSON request per line, answered in turn (docs/serve.md).
///
/// It is the interactive session without the terminal: one `ReplSession` evaluates the code
/// (so `:vars`, `:type x` and `_` work as at the prompt), but what programs show arrives as
/// records (docs/json.md) with explanations and plots drawn inline, and `let` is not confirmed.
/// `interrupt` requests are seen by a reader thread the moment they arrive, and so is SIGINT.
final class ServeSession {
    /// The protocol's version, in the `ready` line; raised when a change would break a client.
    static let protocolVersion = 1

    private let repl: ReplSession
    private let writer: ServeWriter
    private var executionCount = 0

    init(configuration: Interpreter.Configuration, version: String) {
        var configuration = configuration
        configuration.figuresAsEvents = true
        configuration.showsPlotsAtEndOfRun = true
        var settings = ReplSettings(version: version, configuration: configuration, environment: ProcessEnvironment.variables)
        settings.confirmsBindings = false
        let writer = ServeWriter()
        var output = ReplOutput(write: writer.commandOutput, writeError: { _ in })
        output.records = writer.record
        output.commandError = writer.commandError
        self.repl = ReplSession(settings: settings, output: output)
        self.writer = writer
    }

    /// Answers requests until `shutdown`, `:quit` or the end of standard input.
    static func run(configuration: Interpreter.Configuration, version: String) -> ExitStatus {
        let session = ServeSession(configuration: configuration, version: version)
        let interrupt = session.repl.interpreter.interrupt
        let ctrlC = InterruptSignal { interrupt.raise() }
        if let ctrlC { session.repl.aroundEvaluation = { body in ctrlC.whileEvaluating(body) } }
        let reader = RequestReader { interrupt.raise() }
        session.writer.send(JSONEncoding.object([
            ("kind", JSONEncoding.string("ready")), ("version", JSONEncoding.string(version)),
            ("protocol", String(protocolVersion)), ("language", JSONEncoding.string("conv")),
        ]))
        return withExtendedLifetime(ctrlC) {
            while let request = reader.next() {
                if !session.answer(request) { break }
            }
            return .success
        }
    }

    /// Answers one request; false when the session should end.
    func answer(_ request: Result<ServeRequest, ServeRequestError>) -> Bool {
        let decoded: ServeRequest
        switch request {
        case .failure(let error):
            writer.begin(id: error.id ?? "null")
            writer.reply("error", status: "error", [("message", JSONEncoding.string(error.message))])
            return true
        case .success(let value): decoded = value
        }
        writer.begin(id: decoded.idJSON)
        guard let kind = decoded.kind else {
            writer.reply("error", status: "error", [("message", JSONEncoding.string("unknown request type \"\(decoded.type)\""))])
            return true
        }
        let code = decoded.code ?? ""
        switch kind {
        case .execute: return execute(code)
        case .complete: complete(code, cursor: decoded.cursor)
        case .inspect: inspect(code, cursor: decoded.cursor)
        case .isComplete: isComplete(code)
        case .interrupt: writer.reply("interrupt")  // the reader raised the flag as it read the line
        case .reset:
            repl.resetSession()
            writer.reply("reset")
        case .shutdown:
            writer.reply("shutdown")
            return false
        }
        return true
    }

    /// Runs a cell: a `:command` on one line, or code; its records, then the reply with the count.
    private func execute(_ code: String) -> Bool {
        executionCount += 1
        let trimmed = code.trimmingSpaces
        if !trimmed.contains("\n"), let command = ReplCommand.parse(trimmed) {
            repl.perform(command)
        } else if !trimmed.isEmpty {
            repl.evaluate(code)
        }
        writer.reply("execute", status: writer.reportedError ? "error" : "ok", [("execution_count", String(executionCount))])
        return !repl.quitRequested
    }

    /// The completions at the cursor, with the range of code they replace.
    private func complete(_ code: String, cursor: Int?) {
        let end = CodePoints.clamp(cursor, in: code)
        let reply = repl.complete(code, cursor: CodePoints.utf8Offset(of: end, in: code))
        let candidates = reply.candidates
        // A sole candidate is inserted whole (`conv(`, `s=`); from a list, named arguments keep their `=`.
        let matches = candidates.count == 1
            ? [candidates[0].description]
            : candidates.map { $0.suffix == "=" ? $0.description : $0.text }
        writer.reply("complete", [
            ("matches", "[" + matches.map(JSONEncoding.string).joined(separator: ",") + "]"),
            ("cursor_start", String(CodePoints.index(ofUTF8Offset: reply.replaceFrom, in: code))),
            ("cursor_end", String(end)),
        ])
    }

    /// The help for the name under the cursor, as `help(name)` shows it.
    private func inspect(_ code: String, cursor: Int?) {
        let name = HelpLookup.name(in: code, at: CodePoints.clamp(cursor, in: code))
        let text = name.flatMap { HelpLookup.help(for: $0, in: repl.interpreter) }
        writer.reply("inspect", [
            ("found", text == nil ? "false" : "true"),
            ("name", name.map(JSONEncoding.string) ?? "null"),
            ("text", text.map(JSONEncoding.string) ?? "null"),
        ])
    }

    /// Whether the code is ready to run, needs more lines, or cannot run.
    private func isComplete(_ code: String) {
        switch EntryCompleteness.of(code) {
        case .complete: writer.reply("is_complete", [("completeness", JSONEncoding.string("complete"))])
        case .incomplete(let indent):
            writer.reply("is_complete", [("completeness", JSONEncoding.string("incomplete")), ("indent", JSONEncoding.string(indent))])
        case .invalid: writer.reply("is_complete", [("completeness", JSONEncoding.string("invalid"))])
        }
    }
}
