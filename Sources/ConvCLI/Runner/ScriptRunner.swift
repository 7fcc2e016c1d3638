import ConvLang

/// Runs one script through the embedding API and writes what it shows.
///
/// Values go to standard output (as text, or with `--json` one record per line, docs/json.md);
/// diagnostics are rendered once, here, to standard error, and with `--json` are also records
/// on standard output.
struct ScriptRunner {
    var json = false
    var checkOnly = false
    var seed: UInt64?
    var limits = Limits()
    /// `--explain`: every convolution explains itself before its value.
    var explainCalls = false
    /// `--explain --svg DIR`: where the figures go.
    var explainFigureDirectory: String?
    /// `--allow DIR`: more folders load, save and svg= may use.
    var allowedFolders: [String] = []
    /// `--display`: how tensors are shown (by default PyTorch's printout once the program
    /// imports `torch`, conv's before and without it).
    var display = DisplayChoice.auto

    let output = OutputStream.standardOutput
    let errors = OutputStream.standardError

    /// Runs `text` named `name`; returns the exit status.
    func run(_ text: String, name: String, scriptPath: String? = nil) -> ExitStatus {
        let interpreter = makeInterpreter(scriptPath: scriptPath)
        defer { output.flush(); errors.flush() }
        if checkOnly {
            let diagnostics = interpreter.check(text, name: name)
            report(diagnostics)
            return ExitStatus(diagnostics: diagnostics)
        }
        let program = interpreter.parse(text, name: name)
        let result = interpreter.run(program)
        // The process ends right after the script; freeing a large program and its bindings one
        // object at a time would only delay the exit (by a fifth for a 100,000-line script).
        ProcessLifetime.keep(interpreter, program)
        output.flush()
        report(result.diagnostics)
        return ExitStatus(diagnostics: result.diagnostics)
    }

    func makeInterpreter(scriptPath: String? = nil) -> Interpreter {
        let json = self.json
        let output = self.output
        // load/save reach the current folder, the script's folder, the --allow folders and
        // --svg's folder; relative paths start at the script's folder. The figure folder is made
        // absolute so it still means what it meant on the command line.
        let scriptFolder = DirectoryFileAccess.folder(ofScript: scriptPath)
        let figureFolder = explainFigureDirectory.map { DirectoryFileAccess.canonicalPath($0) ?? $0 }
        let granted = [".", scriptFolder] + allowedFolders + (figureFolder.map { [$0] } ?? [])
        let files = DirectoryFileAccess(granting: granted, base: scriptFolder)
        var configuration = Interpreter.Configuration(seed: seed, limits: limits, fileAccess: files)
        configuration.explainCalls = explainCalls
        // A script shows what its lines compute, but not the module or tensor that a call made
        // for its effect hands back (`m.eval()`, `w.add_(1)`), which a PyTorch script never prints.
        configuration.showsResultsOfCallsForEffect = false
        configuration.explainFigureDirectory = figureFolder
        display.apply(to: &configuration)
        guard json else {
            let layout = OutputLayout(fileDescriptor: 1)
            return Interpreter(configuration: configuration) { event in output.writeLine(layout.text(of: event)) }
        }
        // Records carry explanations and plots with their drawings.
        configuration.figuresAsEvents = true
        return Interpreter(recording: configuration) { record in output.writeLine(record.json) }
    }

    func report(_ diagnostics: [Diagnostic]) {
        // Most runs have nothing to report; reading the environment for colour is then skipped.
        guard !diagnostics.isEmpty else { return }
        if json {
            for diagnostic in diagnostics { output.writeLine(OutputRecord.diagnostic(diagnostic).json) }
            output.flush()
        }
        let colored = TerminalStyle.shouldColor(isTerminal: errors.isATerminal, environment: ProcessEnvironment.variables)
        for diagnostic in diagnostics { errors.writeLine(diagnostic.rendered(colored: colored)) }
    }
}

/// Objects the command keeps until the process exits, which reclaims their memory at once.
enum ProcessLifetime {
    private final class Kept<T> {
        let value: T
        init(_ value: T) { self.value = value }
    }

    static func keep<each T>(_ values: repeat each T) {
        repeat _ = Unmanaged.passRetained(Kept(each values))
    }
}
