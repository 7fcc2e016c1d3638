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
    /// current folder).
    public init(granting directories: [String], base: String) {
        self.grantedDirectories = directories.compactMap(Self.canonicalPath)
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
            throw FileAccessError("'\(path)' is outside the folders this program may use ("
                                  + grantedDirectories.joined(separator: ", ") + ")")
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

/// The C library's `read` and `write`, under names the methods above do not hide.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

private func writeBytes(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
