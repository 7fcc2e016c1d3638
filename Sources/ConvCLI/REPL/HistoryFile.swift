#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The history file on disk: read leniently at start-up, rewritten whole and atomically after
/// each entry.
public struct HistoryFile: Sendable, Equatable {
    /// The file's path.
    public let path: String
    /// The largest number of entries written or read.
    public let limit: Int

    /// A history file at `path`; nothing is touched until `load` or `save`.
    public init(path: String, limit: Int = HistoryList.defaultLimit) {
        self.path = path
        self.limit = limit
    }

    /// The file named by the environment (see `HistoryLocation.resolve`), or nil when disabled.
    public init?(environment: [String: String], limit: Int = HistoryList.defaultLimit) {
        guard let path = HistoryLocation.resolve(environment: environment) else { return nil }
        self.init(path: path, limit: limit)
    }

    /// The saved entries, oldest first. A missing file is an empty history. A file that cannot be
    /// read or is damaged never fails: what could be read is returned, with a warning to show.
    public func load() -> (entries: [String], warning: String?) {
        let bytes: [UInt8]
        switch FileBytes.contents(of: path, limit: HistoryCodec.maximumSize + 1) {
        case .missing: return ([], nil)
        case .failed(let reason): return ([], "warning: cannot read history file \(path): \(reason)")
        case .read(let contents): bytes = contents
        }
        let decoded = HistoryCodec.decode(bytes)
        let entries = HistoryList(decoded.entries, limit: limit).entries
        let warning = decoded.problem.map { "warning: history file \(path) ignored in part or whole: \($0)" }
        return (entries, warning)
    }

    /// Replaces the file with `entries` (the newest `limit` of them). The text goes to a temporary
    /// file in the same directory, is flushed to disk, then renamed over the old file, so a crash
    /// leaves either the old or the new history, never half of one. Missing directories are
    /// created with mode 0700; the file gets mode 0600.
    public func save(_ entries: [String]) throws(HistoryFileError) {
        let kept = HistoryList(entries, limit: limit).entries
        let directory = Self.directory(of: path)
        try Self.makeDirectories(directory)
        let temporary = "\(directory)/.\(Self.fileName(of: path)).\(getpid()).tmp"
        try FileBytes.writeDurably(Array(HistoryCodec.encode(kept).utf8), to: temporary, mode: 0o600)
        guard rename(temporary, path) == 0 else {
            let error = HistoryFileError(path: path, reason: FileBytes.lastError())
            unlink(temporary)
            throw error
        }
        FileBytes.syncDirectory(directory)
    }

    /// The directory part of `path` ("." for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of `path`.
    static func fileName(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    /// `mkdir -p` with `mode` (0700 by default: history is private) for each directory created
    /// here (existing ones are left alone).
    static func makeDirectories(_ directory: String, mode: mode_t = 0o700) throws(HistoryFileError) {
        var current = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            current += "/" + component
            if mkdir(current, mode) != 0 && errno != EEXIST {
                throw HistoryFileError(path: current, reason: FileBytes.lastError())
            }
        }
    }
}

/// Saving the history failed; the session goes on without it.
public struct HistoryFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path that could not be written.
    public var path: String
    /// The system's explanation.
    public var reason: String

    /// A one-line message for the user.
    public var description: String { "warning: cannot save history to \(path): \(reason)" }
}
