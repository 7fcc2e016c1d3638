#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A body that can stop part-way and be resumed later: what a Python generator's body runs on.
///
/// The evaluator walks the tree with Swift's own recursion, so a body suspended at a `yield`
/// must keep its stack of Swift frames somewhere: it runs on a thread of its own. Control is
/// handed over strictly (the resumer waits while the body runs, the body waits while it is
/// suspended), so only one side ever runs and the evaluator's state, shared by both, is never
/// touched by two threads at once. The hand-off goes through a mutex and a condition, which
/// orders each side's writes before the other side's reads.
///
/// The thread is made by the first ``resume(_:)`` (a generator never started needs none), and
/// ends when the body does: by finishing, failing, or unwinding after ``Request/close``.
final class Coroutine: @unchecked Sendable {
    /// What the resumer asks of a suspended body.
    enum Request: Sendable { case resume, close }

    /// How the body handed control back.
    enum Reply: @unchecked Sendable {
        case yielded(Value)
        case finished
        case failed(RuntimeError)
    }

    enum State { case fresh, suspended, running, finished }

    /// The thread's stack: an eighth of the run's (``LargeStack``); the evaluator's depth
    /// budget on it is cut by the same factor (``Evaluator/generatorDepthBase``).
    static let stackSize = LargeStack.size / 8

    /// Only read and written by the side in control.
    private(set) var state = State.fresh
    /// Run on the coroutine's thread by the first resume; dropped when the body ends, so that
    /// nothing it captured outlives the body.
    private var body: ((Coroutine) -> Reply)?

    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Guarded by `lock`: the message waiting for the other side.
    private var request: Request?
    private var reply: Reply?
    private var thread: pthread_t?

    /// `body` runs on the coroutine's thread; it calls ``suspend(_:)`` to hand out a value and
    /// returns its last reply (``Reply/finished`` or ``Reply/failed(_:)``).
    init(body: @escaping (Coroutine) -> Reply) {
        self.body = body
        pthread_mutex_init(lock, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(lock)
        changed.deallocate()
        lock.deallocate()
    }

    /// Runs the body until it yields, finishes or fails (for `.close`, until it has unwound), and
    /// returns how it stopped. A coroutine never started is finished by `.close` without running;
    /// nil when no thread could be made to start it (it is then finished).
    func resume(_ message: Request) -> Reply? {
        switch state {
        case .finished, .running: return .finished
        case .fresh:
            if message == .close {
                finish()
                return .finished
            }
            state = .running
            guard startThread() else {
                finish()
                return nil
            }
        case .suspended:
            state = .running
        }
        pthread_mutex_lock(lock)
        request = message
        pthread_cond_broadcast(changed)
        while reply == nil { pthread_cond_wait(changed, lock) }
        let answer = reply ?? .finished
        reply = nil
        pthread_mutex_unlock(lock)
        switch answer {
        case .yielded: state = .suspended
        case .finished, .failed: finish()
        }
        return answer
    }

    /// Called by the body, on the coroutine's thread: hands `value` to the resumer and waits
    /// to be resumed; returns what it was resumed with.
    func suspend(_ value: Value) -> Request {
        pthread_mutex_lock(lock)
        reply = .yielded(value)
        pthread_cond_broadcast(changed)
        let message = awaitRequest()
        pthread_mutex_unlock(lock)
        return message
    }

    /// Waits (holding `lock`) for the resumer's next message and takes it.
    private func awaitRequest() -> Request {
        while request == nil { pthread_cond_wait(changed, lock) }
        let message = request ?? .close
        request = nil
        return message
    }

    /// The thread's whole life: wait for the first resume, run the body, hand back its end.
    fileprivate func runOnThread() {
        pthread_mutex_lock(lock)
        _ = awaitRequest()
        pthread_mutex_unlock(lock)
        let last = body?(self) ?? .finished
        pthread_mutex_lock(lock)
        reply = last
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(lock)
    }

    private func startThread() -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, Self.stackSize)
        let retained = Unmanaged.passRetained(self)
        #if canImport(Darwin)
        var made: pthread_t?
        guard pthread_create(&made, &attributes, coroutineEntry, retained.toOpaque()) == 0, let made else {
            retained.release()
            return false
        }
        #else
        var made = pthread_t()
        guard pthread_create(&made, &attributes, coroutineEntry, retained.toOpaque()) == 0 else {
            retained.release()
            return false
        }
        #endif
        thread = made
        return true
    }

    /// The body has ended: its thread (which has handed back its last reply) is joined.
    private func finish() {
        state = .finished
        body = nil
        if let thread {
            pthread_join(thread, nil)
            self.thread = nil
        }
    }
}

/// The coroutine thread's entry point: runs the coroutine passed (retained) as the argument.
#if canImport(Darwin)
private func coroutineEntry(_ argument: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
    let coroutine = Unmanaged<Coroutine>.fromOpaque(argument).takeRetainedValue()
    coroutine.runOnThread()
    return nil
}
#else
private func coroutineEntry(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let argument else { return nil }
    let coroutine = Unmanaged<Coroutine>.fromOpaque(argument).takeRetainedValue()
    coroutine.runOnThread()
    return nil
}
#endif
