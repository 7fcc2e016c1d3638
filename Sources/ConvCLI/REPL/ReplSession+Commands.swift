import ConvLang

extension ReplSession {
    /// Carries out a command line.
    func perform(_ command: ReplCommand) {
        switch command {
        case .help(let topic): showHelp(topic)
        case .vars: showVariables()
        case .type(let expression): showType(of: expression)
        case .load(let path): load(ScriptPath.expand(path, environment: settings.environment))
        case .save(let path, let overwrite):
            save(to: ScriptPath.expand(path, environment: settings.environment), overwrite: overwrite)
        case .reset:
            resetSession()
            output.write("session reset: every name is forgotten")
        case .explain(let setting):
            if let setting { interpreter.explainCalls = setting }
            output.write(interpreter.explainCalls
                ? "explain is on: every convolution shows how it computes before its value"
                : "explain is off")
        case .quit: requestQuit()
        case .missingArgument(let usage): reportError("missing argument: \(usage)")
        case .unknown(let word):
            reportError("unknown command '\(word)'", notes: ["commands: " + ReplCommand.table.map(\.name).joined(separator: " ")])
        }
    }

    // MARK: Help

    /// `:help` gives the session's commands and keys; `:help NAME` the help of a builtin, a topic
    /// or a name, and of the command of that name after it (`:help explain` shows the feature,
    /// then the `:explain` switch).
    private func showHelp(_ topic: String?) {
        guard let topic else {
            showLong(Self.sessionHelp)
            return
        }
        let name = topic.hasPrefix(":") ? String(topic.dropFirst()) : topic
        var pages: [String] = []
        if !topic.hasPrefix(":") {
            if let text = interpreter.helpText(for: topic) {
                pages.append(text)
            } else if let value = interpreter.value(of: topic) {
                pages.append(describe(topic, value))
            }
        }
        if let entry = ReplCommand.table.first(where: { $0.name == ":" + name }) {
            pages.append("The session command \(entry.usage): \(entry.summary).")
        }
        guard !pages.isEmpty else {
            reportError("no help for '\(topic)'", notes: [":help lists the commands, help() the builtins by topic"])
            return
        }
        showLong(pages.joined(separator: "\n\n"))
    }

    /// What `:help` shows: the session's commands and keys, and where the language's help is.
    static var sessionHelp: String {
        let width = (ReplCommand.table.map(\.usage.count).max() ?? 0) + 3
        let commands = ReplCommand.table.map { entry in
            "  " + entry.usage + String(repeating: " ", count: width - entry.usage.count) + entry.summary
        }
        return """
        The interactive session

          An entry may span lines: it continues while a bracket is open or a line ends with an
          operator or a comma. `let x = ...` confirms the name's type and shape (x: tensor[3]);
          _ holds the last value shown. An error never loses a binding.

        Commands (unique prefixes work, :t x):
        \(commands.joined(separator: "\n"))

        Keys: Tab completes names, members (m.we), named arguments (conv(x, s=) and file names
        (:load, load("...")); Up/Down walk the history, by the typed prefix when there is one;
        Ctrl-R searches it (Ctrl-C or Ctrl-G cancels); Ctrl-C (or Ctrl-\\) discards the entry
        being typed or stops a running one; Ctrl-Z suspends (fg comes back); Ctrl-D on an empty
        line leaves.

        help() lists the builtins by topic; help(conv) or :help conv explains one.
        """
    }

    // MARK: Names and types

    /// `:vars`: every binding but `_`, with its type and shape.
    private func showVariables() {
        let named = interpreter.bindings.filter { $0.name != "_" }
        guard !named.isEmpty else {
            output.write("no names yet: let x = [2, 3, 4] makes one")
            return
        }
        output.write(named.map { describe($0.name, $0.value) }.joined(separator: "\n"))
    }

    /// `x: tensor[3]`; a function defined under this name shows its signature, `fn f(a, n=…)`.
    func describe(_ name: String, _ value: Value) -> String {
        if case .function(let function) = value, function.name == name { return "fn \(function.signature)" }
        return "\(name): \(value.typeDescription)"
    }

    /// `:type EXPR`: evaluates one expression without showing its value, then shows its type.
    private func showType(of expression: String) {
        guard let statements = Interpreter.entryStatements(expression) else {
            report(interpreter.check(expression, name: "<:type>"))
            return
        }
        guard statements.count == 1, statements.first?.kind == .expression else {
            reportError(":type takes one expression, as in :type conv(x, [1, 1])")
            return
        }
        guard let result = runEvaluation(expression, name: "<:type>", showsOutput: false) else { return }
        guard result.succeeded else {
            report(result.diagnostics)
            return
        }
        output.write(result.lastValue?.typeDescription ?? "none")
    }

    // MARK: Scripts

    /// The real path of `path` if the session's folders include it; otherwise reports why not.
    /// `:load` and `:save` follow the interpreter's own rules (`load`, `save`, `svg=`), so
    /// `conv --allow DIR` opens a folder to all of them at once.
    private func resolve(_ path: String) -> String? {
        guard let files = settings.configuration.fileAccess as? DirectoryFileAccess else {
            reportError("this session cannot reach files")
            return nil
        }
        do {
            return try files.resolve(path)
        } catch let refusal as OutsideGrantedFolders {
            reportError(refusal.description, notes: ["conv --allow DIR lets the session use another folder"])
        } catch {
            reportError("\(error)")
        }
        return nil
    }

    /// `:load FILE`: runs the script in this session; its values show as in a script.
    private func load(_ path: String) {
        guard let resolved = resolve(path) else { return }
        let text: String
        do {
            text = try SourceReader.read(path: resolved)
        } catch {
            reportError(error.description)
            return
        }
        guard let result = runEvaluation(text, name: path) else { return }
        let ranUpTo = result.diagnostics.first?.range.start ?? Int.max
        let names = Self.boundNames(in: text, ranUpTo: ranUpTo)
        if let value = result.lastValue { interpreter.bind("_", to: value) }
        guard result.succeeded else {
            report(result.diagnostics)
            return
        }
        appendToTranscript(text)
        output.write(names.isEmpty ? "loaded \(path)" : "loaded \(path): " + names.joined(separator: ", "))
    }

    /// The names a program's statements before `ranUpTo` bound, each once, in order.
    private static func boundNames(in text: String, ranUpTo: Int) -> [String] {
        var names: [String] = []
        for statement in Interpreter.entryStatements(text) ?? [] where statement.end <= ranUpTo {
            switch statement.kind {
            case .assignment(let name), .function(let name):
                if !names.contains(name) { names.append(name) }
            case .memberAssignment, .expression, .importLine:
                break
            }
        }
        return names
    }

    /// `:save FILE`: writes every entry that ran without an error, one after another. An
    /// existing file is replaced only by `:save! FILE`.
    private func save(to path: String, overwrite: Bool) {
        guard !transcript.isEmpty else {
            reportError("nothing to save yet: no entry has run without an error")
            return
        }
        guard let resolved = resolve(path) else { return }
        if !overwrite, ScriptFile.exists(resolved) {
            reportError("\(path) exists; :save! \(path) replaces it")
            return
        }
        let text = transcript.joined(separator: "\n") + "\n"
        do {
            try ScriptFile.write(text, to: resolved)
            let count = transcript.count
            output.write("saved \(count) \(count == 1 ? "entry" : "entries") to \(path)")
        } catch {
            reportError("cannot save to \(path): \(error.reason)")
        }
    }
}
