import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Long text on a terminal goes through a pager, as `man` and `git` do: `$PAGER` (run by the
/// shell, so it may carry options), else `less -R` when it is installed. An empty `$PAGER`
/// turns paging off. Text that fits the screen is written as it is, and nothing is ever paged
/// when standard output is not a terminal.
struct Pager {
    /// The shell command that pages.
    let command: String

    /// The pager for this process, or nil when standard output is not a terminal or there is none.
    static func standard(environment: [String: String]) -> Pager? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        return choose(environment: environment, lessIsInstalled: isInstalled("less", path: environment["PATH"]))
    }

    /// The choice, apart from the terminal: `$PAGER`, else `less -R` when installed, else none.
    static func choose(environment: [String: String], lessIsInstalled: Bool) -> Pager? {
        if let chosen = environment["PAGER"] {
            return chosen.trimmingSpaces.isEmpty ? nil : Pager(command: chosen)
        }
        return lessIsInstalled ? Pager(command: "less -R") : nil
    }

    /// Whether `text` needs a pager on a screen of `rows` lines (one stays for the prompt).
    static func isLong(_ text: String, rows: Int) -> Bool {
        rows > 0 && text.split(separator: "\n", omittingEmptySubsequences: false).count >= rows - 1
    }

    /// Shows `text` through the pager when it is taller than the terminal, else with `write`;
    /// `write` also takes over when the pager cannot be started.
    func show(_ text: String, write: (String) -> Void) {
        var rows: Int32 = 0, columns: Int32 = 0
        cel_window_size(STDOUT_FILENO, &rows, &columns)
        if Self.isLong(text, rows: Int(rows)), run(text + "\n") { return }
        write(text)
    }

    /// Runs the pager with `text` on its standard input and waits for it; false if it never started.
    private func run(_ text: String) -> Bool {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return false }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        guard let pid = spawn(stdin: readEnd, closing: writeEnd) else {
            close(readEnd)
            close(writeEnd)
            return false
        }
        close(readEnd)
        // A pager quit before the end (q in less) closes the pipe: stop writing, do not die.
        let previous = signal(SIGPIPE, SIG_IGN)
        writeAll(Array(text.utf8), to: writeEnd)
        close(writeEnd)
        signal(SIGPIPE, previous)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return true
    }

    /// `/bin/sh -c COMMAND` with `stdin` as its standard input.
    private func spawn(stdin: Int32, closing other: Int32) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, other)
        let words: [String] = ["sh", "-c", command]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { (word: String) in strdup(word) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/bin/sh", &actions, nil, arguments, environ)
        return result == 0 ? pid : nil
    }

    private func writeAll(_ bytes: [UInt8], to fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + offset }, bytes.count - offset) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
            offset += count
        }
    }

    /// Whether an executable `name` is on `path` (a colon-separated list of folders).
    static func isInstalled(_ name: String, path: String?) -> Bool {
        (path ?? "/usr/bin:/bin").split(separator: ":").contains { folder in
            access(String(folder) + "/" + name, X_OK) == 0
        }
    }
}
