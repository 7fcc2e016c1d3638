import ConvLang
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `conv` with no argument on a terminal: a `ReplSession` wired to the process's terminal.
enum InteractiveSession {
    /// Runs the session on standard input and output until the user leaves; returns the exit status.
    static func run(configuration: Interpreter.Configuration, version: String) -> ExitStatus {
        let environment = ProcessEnvironment.variables
        var output = standardOutput()
        // The reader needs the completer before the session exists (the session's settings depend
        // on whether the reader is interactive), so the completer finds the session through a box.
        let box = SessionBox()
        let (reader, isInteractive) = LineReaders.standard(
            environment: environment,
            completer: { buffer, cursor in box.session?.complete(buffer, cursor: cursor) ?? (cursor, []) },
            warn: output.writeError
        )
        // Long help through a pager, on a terminal only.
        if isInteractive, let pager = Pager.standard(environment: environment) {
            let write = output.write
            output.page = { text in pager.show(text, write: write) }
        }
        var settings = ReplSettings(
            version: version,
            showsBanner: isInteractive,
            promptStyle: TerminalStyle(fileDescriptor: STDOUT_FILENO, environment: environment),
            errorStyle: TerminalStyle(fileDescriptor: STDERR_FILENO, environment: environment),
            configuration: configuration,
            environment: environment
        )
        settings.layout = OutputLayout(fileDescriptor: STDOUT_FILENO)
        let session = ReplSession(settings: settings, output: output)
        box.session = session
        // Ctrl-C during an evaluation raises the interpreter's flag; only on a terminal, where
        // Ctrl-C must never end the session.
        let interrupt = session.interpreter.interrupt
        let ctrlC = isInteractive ? InterruptSignal { interrupt.raise() } : nil
        if let ctrlC {
            session.aroundEvaluation = { body in ctrlC.whileEvaluating(body) }
        }
        return withExtendedLifetime(ctrlC) { session.run(reader: reader) }
    }

    /// Lines to standard output and standard error, each written out at once. Standard output is
    /// flushed before an error so the two appear in the order they happened.
    private static func standardOutput() -> ReplOutput {
        let out = OutputStream.standardOutput
        let errors = OutputStream.standardError
        return ReplOutput(
            write: { text in
                out.writeLine(text)
                out.flush()
            },
            writeError: { text in
                out.flush()
                errors.writeLine(text)
                errors.flush()
            }
        )
    }
}

/// Lets the completer reach the session created after it.
private final class SessionBox {
    weak var session: ReplSession?
}
