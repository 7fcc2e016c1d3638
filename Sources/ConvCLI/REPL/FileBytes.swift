#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small POSIX file helpers for the history file, kept apart so `HistoryFile` reads as policy.
enum FileBytes {
    /// The outcome of reading a whole file.
    enum ReadResult {
        case missing
        case failed(String)
        case read([UInt8])
    }

    /// Reads at most `limit` bytes of the regular file at `path`.
    static func contents(of path: String, limit: Int) -> ReadResult {
        // Non-blocking, so that opening a FIFO nobody writes to returns at once (and is then
        // refused as not a regular file) instead of waiting for a writer for ever; reads of a
        // regular file are not affected.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { return errno == ENOENT ? .missing : .failed(lastError()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failed(lastError()) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failed("not a regular file") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < limit {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return .failed(lastError()) }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        return .read(bytes)
    }

    /// Creates (or truncates) `path` with `mode`, writes `bytes`, and flushes them to the disk.
    static func writeDurably(_ bytes: [UInt8], to path: String, mode: mode_t) throws(HistoryFileError) {
        // Non-blocking for the same reason: a FIFO with no reader fails at once (ENXIO).
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, mode)
        guard fd >= 0 else { throw HistoryFileError(path: path, reason: lastError()) }
        // The umask may have narrowed the mode at creation, and an old temporary file may be wider.
        let ok = fchmod(fd, mode) == 0 && writeAll(bytes, to: fd) && fsync(fd) == 0
        let reason = ok ? "" : lastError()
        close(fd)
        guard ok else {
            unlink(path)
            throw HistoryFileError(path: path, reason: reason)
        }
    }

    /// Flushes a rename in `directory` to the disk; failure only weakens durability, so it is ignored.
    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// `write` until every byte is out, retrying after signals.
    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
    }

    /// The text for the current `errno`.
    static func lastError() -> String { String(cString: strerror(errno)) }
}
