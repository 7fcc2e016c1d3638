#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Paths typed after `:load` and `:save`.
enum ScriptPath {
    /// `path` with surrounding quotes removed and a leading `~/` replaced by `$HOME/`, as a
    /// shell would, since people type paths there as they would at a shell prompt.
    static func expand(_ path: String, environment: [String: String]) -> String {
        var path = path
        if path.count >= 2, let first = path.first, first == "\"" || first == "'", path.last == first {
            path = String(path.dropFirst().dropLast())
        }
        if path == "~" || path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty {
            path = home + path.dropFirst()
        }
        return path
    }
}

/// Writes a script for `:save`.
enum ScriptFile {
    /// Whether anything (a file, a folder, a link) is at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Replaces `path` with `text` through a temporary file and a rename, so an existing script
    /// is never left half-written. The file gets mode 0644 (before the umask).
    static func write(_ text: String, to path: String) throws(HistoryFileError) {
        let directory = HistoryFile.directory(of: path)
        let temporary = "\(directory)/.\(HistoryFile.fileName(of: path)).\(getpid()).tmp"
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw HistoryFileError(path: path, reason: "it is a directory")
        }
        try FileBytes.writeDurably(Array(text.utf8), to: temporary, mode: 0o644 & ~currentUmask())
        guard rename(temporary, path) == 0 else {
            let error = HistoryFileError(path: path, reason: FileBytes.lastError())
            unlink(temporary)
            throw error
        }
    }

    /// The process's umask (reading it means setting it, so it is put back at once).
    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }
}
