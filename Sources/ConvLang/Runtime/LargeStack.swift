#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs work on a thread with a large stack and waits for it.
///
/// The parser bounds how deeply expressions nest and the evaluator bounds how deeply calls
/// recurse; a generous stack turns those bounds into guarantees, whatever stack the host's
/// calling thread has. Only address space is reserved: pages are touched only when used.
enum LargeStack {
    static let size = 512 * 1024 * 1024

    /// Runs `task.execute()` on a fresh thread with a large stack, or on the calling thread if
    /// no thread can be made, and returns when it has finished.
    static func run(_ task: LargeStackTask) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, size)
        let retained = Unmanaged.passRetained(task)
        defer { retained.release() }
        #if canImport(Darwin)
        var thread: pthread_t?
        guard pthread_create(&thread, &attributes, largeStackEntry, retained.toOpaque()) == 0, let thread else {
            task.execute()
            return
        }
        #else
        var thread = pthread_t()
        guard pthread_create(&thread, &attributes, largeStackEntry, retained.toOpaque()) == 0 else {
            task.execute()
            return
        }
        #endif
        pthread_join(thread, nil)
    }
}

/// Work handed to ``LargeStack``. The caller blocks in `pthread_join` until the thread ends, so
/// the caller and the thread never touch the task at the same time.
class LargeStackTask: @unchecked Sendable {
    func execute() {}
}

/// The thread's entry point: runs the task passed as the argument.
#if canImport(Darwin)
private func largeStackEntry(_ argument: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
    Unmanaged<LargeStackTask>.fromOpaque(argument).takeUnretainedValue().execute()
    return nil
}
#else
private func largeStackEntry(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let argument else { return nil }
    Unmanaged<LargeStackTask>.fromOpaque(argument).takeUnretainedValue().execute()
    return nil
}
#endif
