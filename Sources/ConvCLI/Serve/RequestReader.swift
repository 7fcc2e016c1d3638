import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads `conv --serve` requests from standard input on a thread of its own, so that an
/// `interrupt` request reaches the execution that is running: the reader calls `onInterrupt`
/// the moment it reads one, then queues it like any other request to be answered in turn.
final class RequestReader: Sendable {
    private let queue = Mutex<[Result<ServeRequest, ServeRequestError>?]>([])
    private let available = DispatchSemaphore(value: 0)
    private let onInterrupt: @Sendable () -> Void

    /// Starts reading; `onInterrupt` runs on the reader's thread.
    init(onInterrupt: @escaping @Sendable () -> Void) {
        self.onInterrupt = onInterrupt
        DispatchQueue.global().async { [self] in readLines() }
    }

    /// The next request, waiting for it; nil once standard input has ended.
    func next() -> Result<ServeRequest, ServeRequestError>? {
        available.wait()
        return queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    private func readLines() {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            // Ctrl-C's handler does not restart reads; the read simply goes on.
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            pending.append(contentsOf: buffer[..<count])
            var start = 0
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                deliver(pending[start..<newline])
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty { deliver(pending[...]) }
        push(nil)
    }

    /// Queues one line; blank lines are skipped.
    private func deliver(_ bytes: ArraySlice<UInt8>) {
        let line = String(decoding: bytes, as: UTF8.self)
        guard !line.trimmingSpaces.isEmpty else { return }
        let request = ServeRequest.decode(line)
        if case .success(let decoded) = request, decoded.kind == .interrupt { onInterrupt() }
        push(request)
    }

    private func push(_ item: Result<ServeRequest, ServeRequestError>?) {
        queue.withLock { $0.append(item) }
        available.signal()
    }
}
