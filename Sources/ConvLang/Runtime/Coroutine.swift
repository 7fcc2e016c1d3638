#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A body that can stop part-way and be resumed later: what a Python generator's body runs on.
///
/// The evaluator walks the tree with Swift's own recursion, so a body suspended at a `yield`
/// must keep its stack of Swift frames somewhere: it runs on a thread of its own. Control is
/// handed over strictly (the resumer waits while the body runs, the body waits while it is
/// suspended), so only one side ever runs and the evaluator's state, shared by both, is never
/// touched by two threads at once. The hand-off is an atomic turn, stored with release and
/// loaded with acquire, which orders each side's writes before the other side's reads; the
/// waiting side watches it briefly, yielding its core (a generator's next item is often ready
/// within microseconds, and waking a blocked thread costs tens of them), then blocks on a
/// condition.
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
    /// Whose turn it is: ``resumerTurn`` or ``bodyTurn``. The side whose turn it is owns
    /// `request` and `reply`.
    private let turn = Atomic<Int>(resumerTurn)
    private static let resumerTurn = 0, bodyTurn = 1
    /// How many times a waiting side reads the turn (yielding the core between reads) before
    /// it blocks.
    private static let spins = 100
    /// The resumer's message, written before it hands the turn to the body.
    private var request = Request.resume
    /// The body's message, written before it hands the turn back.
    private var reply = Reply.finished
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
        request = message
        hand(to: Self.bodyTurn)
        wait(for: Self.resumerTurn)
        let answer = reply
        reply = .finished
        switch answer {
        case .yielded: state = .suspended
        case .finished, .failed: finish()
        }
        return answer
    }

    /// Called by the body, on the coroutine's thread: hands `value` to the resumer and waits
    /// to be resumed; returns what it was resumed with.
    func suspend(_ value: Value) -> Request {
        reply = .yielded(value)
        hand(to: Self.resumerTurn)
        wait(for: Self.bodyTurn)
        return request
    }

    /// Gives the turn to the other side and wakes it if it blocked. (Broadcast under the lock
    /// after the store: a side that checks the turn under the lock before blocking cannot miss it.)
    private func hand(to side: Int) {
        turn.store(side, ordering: .releasing)
        pthread_mutex_lock(lock)
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(lock)
    }

    /// Returns once it is `side`'s turn.
    private func wait(for side: Int) {
        for _ in 0..<Self.spins {
            if turn.load(ordering: .acquiring) == side { return }
            // Gives the core to the other side when both share one (more threads than cores).
            sched_yield()
        }
        pthread_mutex_lock(lock)
        while turn.load(ordering: .acquiring) != side { pthread_cond_wait(changed, lock) }
        pthread_mutex_unlock(lock)
    }

    /// The thread's whole life: wait for the first resume, run the body, hand back its end.
    fileprivate func runOnThread() {
        wait(for: Self.bodyTurn)
        reply = body?(self) ?? .finished
        hand(to: Self.resumerTurn)
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
