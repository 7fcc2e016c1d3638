import Foundation

/// A value guarded by a pthread mutex (`NSLock`), for the tests' shared results.
///
/// `Synchronization.Mutex` takes its lock through futex calls inside the Swift runtime, which
/// is not built with the thread sanitizer: under `make test-tsan` the sanitizer never sees the
/// lock, and reports the accesses it guards as races when two threads meet there. The
/// sanitizer intercepts pthread mutexes, so it sees this lock and what it orders.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
