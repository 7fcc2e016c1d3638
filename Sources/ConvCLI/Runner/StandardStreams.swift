#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered writer on a file descriptor: the front ends' only way to write to stdout and
/// stderr. It flushes when the buffer fills, on ``flush()``, and after each line when the
/// descriptor is a terminal, so interactive output appears at once.
final class OutputStream: @unchecked Sendable {
    // Writes happen from whichever thread evaluates, but never from two threads at once: the
    // front end waits for each evaluation before it writes again.
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let isTerminal: Bool

    static let standardOutput = OutputStream(descriptor: 1)
    static let standardError = OutputStream(descriptor: 2)

    init(descriptor: Int32) {
        self.descriptor = descriptor
        self.isTerminal = isatty(descriptor) == 1
        buffer.reserveCapacity(1 << 16)
    }

    /// Whether this stream is a terminal.
    var isATerminal: Bool { isTerminal }

    /// Appends `text`.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 || (isTerminal && buffer.last == UInt8(ascii: "\n")) { flush() }
    }

    /// Appends `text` and a newline.
    func writeLine(_ text: String) { write(text + "\n") }

    /// Writes out everything buffered, retrying after interrupted or partial writes.
    func flush() {
        var offset = 0
        buffer.withUnsafeBytes { bytes in
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = Glibc_write(descriptor, base + offset, bytes.count - offset)
                if written > 0 { offset += written } else if written < 0, errno == EINTR { continue } else { break }
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The C `write` call under a name that does not clash with our own `write` methods.
@inline(__always)
private func Glibc_write(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, pointer, count)
}
