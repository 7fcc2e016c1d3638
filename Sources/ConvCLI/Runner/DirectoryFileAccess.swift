import ConvLang
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// File access confined to granted folders: what `load` and `save` may reach from the command
/// line.
///
/// A relative path starts at `base` (the script's folder, or the current folder for `-e` and
/// standard input). The path's folder is resolved with `realpath`, and so is the file itself
/// when it is a symbolic link, so a path that leaves every granted folder through `..` or a
/// symbolic link is refused rather than followed.
public struct DirectoryFileAccess: FileAccess {
    /// Where relative paths start, resolved.
    public let base: String
    /// The folders files may live under, resolved; folders that do not exist are left out.
    public let grantedDirectories: [String]

    /// Files larger than this are refused rather than read into memory.
    static let maximumBytes = 1 << 31

    /// Grants `directories` and takes relative paths from `base` (both may be relative to the
    /// current folder). A folder named twice (the current folder and the script's, say) is
    /// granted once.
    public init(granting directories: [String], base: String) {
        var unique: [String] = []
        for folder in directories.compactMap(Self.canonicalPath) where !unique.contains(folder) { unique.append(folder) }
        self.grantedDirectories = unique
        self.base = Self.canonicalPath(base) ?? base
    }

    /// The folder holding the script at `scriptPath`, or the current folder.
    public static func folder(ofScript scriptPath: String?) -> String {
        guard let scriptPath, let slash = scriptPath.lastIndex(of: "/") else { return "." }
        let folder = String(scriptPath[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    public func read(_ path: String) throws -> [UInt8] {
        let resolved = try resolve(path)
        // Without blocking, so that opening a FIFO nobody writes to cannot hang the program;
        // anything but a regular file is then refused.
        let descriptor = open(resolved, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw failure(path) }
        defer { close(descriptor) }
        try requireRegularFile(descriptor, path)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            bytes += chunk[0..<count]
            if bytes.count > Self.maximumBytes { throw FileAccessError("'\(path)' is larger than 2 GiB") }
        }
    }

    public func write(_ path: String, _ bytes: [UInt8]) throws {
        let resolved = try resolve(path)
        let descriptor = open(resolved, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0o644)
        guard descriptor >= 0 else { throw failure(path) }
        do {
            try requireRegularFile(descriptor, path)
        } catch {
            close(descriptor)
            throw error
        }
        // Truncated only now that it is known to be a regular file.
        guard ftruncate(descriptor, 0) == 0 else {
            let error = failure(path)
            close(descriptor)
            throw error
        }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { writeBytes(descriptor, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                let error = failure(path)
                close(descriptor)
                throw error
            }
            offset += count
        }
        guard close(descriptor) == 0 else { throw failure(path) }
    }

    /// The real path `path` names, after checking it stays inside a granted folder.
    public func resolve(_ path: String) throws -> String {
        guard !path.isEmpty else { throw FileAccessError("the file name is empty") }
        guard !path.utf8.contains(0) else { throw FileAccessError("the file name contains a NUL character") }
        let absolute = path.hasPrefix("/") ? path : (base == "/" ? "/" : base + "/") + path
        guard let slash = absolute.lastIndex(of: "/") else { throw FileAccessError("'\(path)' is not a file name") }
        let name = String(absolute[absolute.index(after: slash)...])
        guard !name.isEmpty, name != ".", name != ".." else { throw FileAccessError("'\(path)' names a folder, not a file") }
        let folderPart = String(absolute[..<slash])
        guard let folder = Self.canonicalPath(folderPart.isEmpty ? "/" : folderPart) else {
            throw FileAccessError("the folder of '\(path)' does not exist")
        }
        var target = (folder == "/" ? "" : folder) + "/" + name
        if Self.isSymbolicLink(target) {
            // Follow the link only to check where it goes; the open itself will not follow.
            guard let linked = Self.canonicalPath(target) else {
                throw FileAccessError("'\(path)' is a symbolic link to a missing file")
            }
            target = linked
        }
        guard grantedDirectories.contains(where: { Self.isInside(target, $0) }) else {
            throw OutsideGrantedFolders(path: path, granted: grantedDirectories)
        }
        return target
    }

    /// Refuses folders, FIFOs, devices and sockets: reading one could block forever or never end.
    private func requireRegularFile(_ descriptor: Int32, _ path: String) throws {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(path) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw FileAccessError("'\(path)' is a folder, not a file")
        default: throw FileAccessError("'\(path)' is not a regular file (a pipe, device or socket)")
        }
    }

    /// Whether `path` is `folder` itself or below it.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder + "/")
    }

    static func canonicalPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFLNK
    }

    private func failure(_ path: String) -> FileAccessError {
        let reason = strerror(errno).map { String(cString: $0).lowercased() } ?? "error \(errno)"
        return FileAccessError("'\(path)': \(reason)")
    }
}

/// A path that resolves outside every granted folder; its own type, so a front end can add
/// advice (`conv --allow DIR`) without reading the message.
public struct OutsideGrantedFolders: Error, Sendable, CustomStringConvertible {
    /// The path as the program wrote it.
    public let path: String
    /// Every folder that was granted, each once.
    public let granted: [String]

    public var description: String {
        "'\(path)' is outside the folders this program may use (" + granted.joined(separator: ", ") + ")"
    }
}

/// The C library's `read` and `write`, under names the methods above do not hide.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

private func writeBytes(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

/// Folders named on the command line (`--allow DIR`, `--svg DIR`), checked before anything runs.
enum FolderCheck {
    /// Whether anything is at `path`.
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    /// Whether `path` is a folder (following links).
    static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// `mkdir -p path`; an error when it cannot be made or something else is in the way.
    static func make(_ path: String) throws(HistoryFileError) {
        try HistoryFile.makeDirectories(path, mode: 0o755)
        guard isFolder(path) else { throw HistoryFileError(path: path, reason: "it is not a folder") }
    }
}
