#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File names for Tab where a path is typed: after `:load` and `:save`, and inside the string
/// argument of `load(`, `save(` and `svg=`.
///
/// Only the last part of the path is completed: `data/si` offers `signal.csv` from `data/`.
/// Folders get a `/` so Tab can go on into them. Hidden entries are offered once the typed part
/// starts with a dot. Relative paths start at `base` (the session's folder), `~/` at `home`.
public struct FileNameCompletion: Sendable, Equatable {
    /// Where relative paths start.
    public var base: String
    /// What `~` stands for; nil leaves `~/` unexpanded.
    public var home: String?

    /// The most names one Tab lists; a folder with more is cut short, in sorted order.
    static let limit = 1000

    /// Completes from `base` and `home`.
    public init(base: String = ".", home: String? = nil) {
        self.base = base
        self.home = home
    }

    /// The names that may follow `typed` (a path as typed, without quotes), and the UTF-8 offset
    /// in `typed` where the completed part starts.
    public func complete(_ typed: String) -> (from: Int, candidates: [CompletionCandidate]) {
        let slash = typed.lastIndex(of: "/")
        let folderPart = slash.map { String(typed[...$0]) } ?? ""
        let prefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let from = folderPart.utf8.count
        let showsHidden = prefix.hasPrefix(".")
        let entries = Self.entries(of: folder(for: folderPart)).filter { entry in
            entry.name.hasPrefix(prefix) && (showsHidden || !entry.name.hasPrefix("."))
        }
        let candidates = entries.map { CompletionCandidate($0.name, suffix: $0.isFolder ? "/" : "") }
        return (from, Array(candidates.sorted().prefix(Self.limit)))
    }

    /// The folder the typed folder part names.
    private func folder(for folderPart: String) -> String {
        if folderPart.isEmpty { return base }
        if folderPart.hasPrefix("/") { return folderPart }
        if folderPart.hasPrefix("~/"), let home, !home.isEmpty { return home + "/" + folderPart.dropFirst(2) }
        return base + "/" + folderPart
    }

    /// The entries of `folder` but `.` and `..`; none when it cannot be read.
    private static func entries(of folder: String) -> [(name: String, isFolder: Bool)] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        // readdir's records are only as long as their name (d_reclen), so the name is read through a
        // pointer up to its NUL: copying the whole d_name array would read past a short record.
        guard let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name) else { return [] }
        var found: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(directory) {
            let name = String(cString: UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self))
            guard name != ".", name != ".." else { continue }
            found.append((name, FolderCheck.isFolder(folder + "/" + name)))
        }
        return found
    }
}
