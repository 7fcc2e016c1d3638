import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one request for input produced.
public enum LineInput: Sendable, Equatable {
    /// A line, without its trailing newline. Text recalled from history may contain newlines.
    case line(String)
    /// The user pressed Ctrl-C at the prompt: discard the current line or block.
    case interrupt
    /// End of input (Ctrl-D on an empty line, or the end of a pipe).
    case endOfInput
}

/// Where the REPL gets its lines: a line editor on a terminal, plain standard input otherwise,
/// or a script of inputs in tests.
public protocol LineReader: AnyObject {
    /// Shows `prompt` (if this reader shows prompts) and waits for one line.
    func readLine(prompt: String) -> LineInput
    /// Records a complete entry (possibly several lines joined by newlines) in the history.
    func addHistory(_ entry: String)
}

/// Reads standard input without editing or history: the reader for pipes and files (no prompt),
/// and for terminals the line editor cannot drive, such as `TERM=dumb` (with a prompt).
public final class PlainLineReader: LineReader {
    private let showsPrompt: Bool
    /// Bytes read from standard input but not yet returned as lines.
    private var buffered: [UInt8] = []
    private var reachedEnd = false

    /// Creates the reader; non-interactive input gets no prompt, so piped output stays clean.
    public init(showsPrompt: Bool = false) {
        self.showsPrompt = showsPrompt
    }

    /// Writes the prompt (without its escape sequences) if asked to, then reads one line.
    /// With a prompt (an interactive dumb terminal) a read cut short by Ctrl-C gives `.interrupt`.
    public func readLine(prompt: String) -> LineInput {
        if showsPrompt {
            print(TerminalStyle.removingPromptEscapes(prompt), terminator: "")
            fflush(cel_stdout())
        }
        while true {
            if let line = nextBufferedLine() { return .line(line) }
            if reachedEnd { return endOfInput() }
            // The standard library's line reader retries an interrupted read forever (the error
            // sticks to the stream), so Ctrl-C would hang it; plain read(2) reports it.
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR {
                guard showsPrompt else { continue }
                buffered = []
                print("")
                fflush(cel_stdout())
                return .interrupt
            }
            if count <= 0 {
                reachedEnd = true
            } else {
                buffered += chunk[..<count]
            }
        }
    }

    /// End of input; after a prompt the line is ended, so the shell's prompt starts on a fresh line.
    private func endOfInput() -> LineInput {
        if showsPrompt {
            print("")
            fflush(cel_stdout())
        }
        return .endOfInput
    }

    /// The next complete line without its line break; at the end of input, what is left.
    private func nextBufferedLine() -> String? {
        if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
            var line = buffered[..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            buffered.removeSubrange(...newline)
            return String(decoding: line, as: UTF8.self)
        }
        guard reachedEnd else { return nil }
        if buffered.isEmpty { return nil }
        defer { buffered = [] }
        return String(decoding: buffered, as: UTF8.self)
    }

    /// Does nothing: history is never written when input is not edited.
    public func addHistory(_ entry: String) {}
}

/// A reader that replays a fixed list of inputs and records what the REPL asked for.
/// Meant for tests of the REPL loop.
public final class ScriptedLineReader: LineReader {
    /// The inputs not yet consumed.
    public private(set) var remaining: [LineInput]
    /// Every prompt passed to `readLine`, in order.
    public private(set) var prompts: [String] = []
    /// Every entry passed to `addHistory`, in order.
    public private(set) var history: [String] = []

    /// Replays `inputs`, then reports end of input.
    public init(_ inputs: [LineInput]) {
        remaining = inputs
    }

    /// Replays `lines` as `.line` inputs, then reports end of input.
    public convenience init(lines: [String]) {
        self.init(lines.map(LineInput.line))
    }

    /// Records `prompt` and returns the next scripted input.
    public func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return remaining.isEmpty ? .endOfInput : remaining.removeFirst()
    }

    /// Records `entry`.
    public func addHistory(_ entry: String) {
        history.append(entry)
    }
}

/// Chooses the reader for this process's standard input.
public enum LineReaders {
    /// The line editor when standard input and output are both terminals (and the terminal is not
    /// `dumb`), a prompting plain reader on a dumb terminal, otherwise a silent plain reader.
    /// `isInteractive` tells the REPL whether to show a banner, colour and catch Ctrl-C.
    public static func standard(
        environment: [String: String],
        completer: Completer?,
        warn: @escaping (String) -> Void
    ) -> (reader: any LineReader, isInteractive: Bool) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return (PlainLineReader(), false) }
        guard environment["TERM"] != "dumb" else { return (PlainLineReader(showsPrompt: true), true) }
        let configuration = EditLineConfiguration(environment: environment, completer: completer, warn: warn)
        guard let editor = EditLineReader(configuration: configuration) else {
            return (PlainLineReader(showsPrompt: true), true)
        }
        return (editor, true)
    }
}
