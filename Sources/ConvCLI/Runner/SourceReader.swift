#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads script files and standard input, and says clearly why one cannot be read.
enum SourceReader {
    /// Why a script could not be read.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Scripts larger than this are refused rather than read into memory.
    static let maximumBytes = 64 * 1024 * 1024

    /// The text of the file at `path`.
    static func read(path: String) throws(Failure) -> String {
        // Opening a FIFO blocks until something writes to it; without blocking, a FIFO nobody
        // writes to reads as empty instead of hanging. Reads below block again, as `cat` does.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { throw Failure(description: "cannot read '\(path)': \(systemError())") }
        defer { close(descriptor) }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw Failure(description: "cannot read '\(path)': it is a directory")
        }
        if (status.st_mode & S_IFMT) == S_IFREG, status.st_size > maximumBytes {
            throw tooLarge("'\(path)'")
        }
        return try decode(try readAll(descriptor, what: "'\(path)'"), what: "'\(path)'")
    }

    /// Everything on standard input.
    static func readStandardInput() throws(Failure) -> String {
        try decode(try readAll(0, what: "standard input"), what: "standard input")
    }

    private static func readAll(_ descriptor: Int32, what: String) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "cannot read \(what): \(systemError())")
            }
            // A NUL byte means binary data: stop at once (/dev/zero never ends).
            if containsNUL(chunk, count: count) { throw Failure(description: "\(what) is a binary file, not a conv script") }
            bytes += chunk[0..<count]
            if bytes.count > maximumBytes { throw tooLarge(what) }
        }
        return bytes
    }

    /// UTF-8 text without NUL bytes; anything else is not a conv script.
    private static func decode(_ bytes: [UInt8], what: String) throws(Failure) -> String {
        if containsNUL(bytes, count: bytes.count) { throw Failure(description: "\(what) is a binary file, not a conv script") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Failure(description: "\(what) is not valid UTF-8 text")
        }
        // A byte-order mark at the start is not part of the program.
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    /// Whether the first `count` bytes hold a NUL; the C library's search, as a generic
    /// `contains` is slow enough unoptimised to dominate reading a large script.
    private static func containsNUL(_ bytes: [UInt8], count: Int) -> Bool {
        bytes.withUnsafeBytes { buffer in buffer.baseAddress.map { memchr($0, 0, min(count, buffer.count)) != nil } ?? false }
    }

    private static func tooLarge(_ what: String) -> Failure {
        Failure(description: "\(what) is larger than \(maximumBytes / (1024 * 1024)) MiB; is it really a conv script?")
    }

    private static func systemError() -> String {
        guard let message = strerror(errno) else { return "error \(errno)" }
        return String(cString: message).lowercased()
    }
}

/// The C library's `read`, under a name that our `read(path:)` does not hide.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
