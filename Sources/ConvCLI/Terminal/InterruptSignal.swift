import CEditLine
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C for the REPL session.
///
/// At the prompt, Ctrl-C must only abandon the current line, so SIGINT gets a handler that does
/// nothing visible and does not restart interrupted reads: the line editor's read fails, and the
/// reader reports `.interrupt`. Ctrl-\ (SIGQUIT) gets the same handler: a core dump would end
/// the session and lose every binding, and whoever presses it wants what runs to stop, which
/// Ctrl-C's path already does. While an evaluation runs (between `arm()` and `disarm()`, or inside
/// `whileEvaluating`), the same Ctrl-C calls `onInterrupt` on a watcher thread, where the REPL
/// raises the interpreter's interrupt flag.
///
/// `conv --serve` uses it too, so that SIGINT from its client stops the running request and
/// never the session.
///
/// Only one instance may exist at a time; the handler has a single wake-up slot.
/// Do not use it for scripts: there Ctrl-C should end the process as usual.
public final class InterruptSignal: Sendable {
    private let state: WatchState
    private let writeEnd: Int32

    /// Installs the handler and starts the watcher; nil if the system refuses either.
    public init?(onInterrupt: @escaping @Sendable () -> Void) {
        var fds: [Int32] = [-1, -1]
        guard cel_make_wakeup_pipe(&fds) == 0 else { return nil }
        state = WatchState(onInterrupt: onInterrupt)
        writeEnd = fds[1]
        cel_set_sigint_wakeup_fd(fds[1])
        guard Self.installHandler() else {
            cel_set_sigint_wakeup_fd(-1)
            close(fds[0])
            close(fds[1])
            return nil
        }
        Self.startWatcher(readEnd: fds[0], state: state)
    }

    deinit {
        // Unhook the handler first, so it never writes to a closed (or reused) descriptor; the
        // watcher then reads end-of-file and exits.
        cel_set_sigint_wakeup_fd(-1)
        close(writeEnd)
    }

    /// From now on a Ctrl-C calls `onInterrupt`. Each arming starts a new evaluation number, which
    /// the handler writes as its wake-up byte: a Ctrl-C is forwarded only while the evaluation
    /// it was sent during still runs, however late the watcher reads it.
    public func arm() {
        let previous = state.evaluation.load(ordering: .sequentiallyConsistent)
        let next = previous % 255 + 1
        state.evaluation.store(next, ordering: .sequentiallyConsistent)
        cel_set_evaluation(Int32(next))
    }

    /// From now on a Ctrl-C is left to the line editor again.
    public func disarm() {
        cel_set_evaluation(0)
        state.evaluation.store(state.evaluation.load(ordering: .sequentiallyConsistent) | 0x100, ordering: .sequentiallyConsistent)
    }

    /// Runs `body` (an evaluation) with Ctrl-C armed.
    @discardableResult
    public func whileEvaluating<T>(_ body: () throws -> T) rethrows -> T {
        arm()
        defer { disarm() }
        return try body()
    }

    /// Installs the process's SIGINT handler (idempotent). The line editor calls this too, so that
    /// Ctrl-C at a prompt never kills the process even without an `InterruptSignal`.
    static func installHandler() -> Bool {
        cel_install_sigint() == 0
    }

    /// Reads wake-up bytes until the pipe closes and forwards those that arrive while armed, on
    /// a thread of its own (plain POSIX threads keep Foundation, and its start-up cost, out).
    private static func startWatcher(readEnd: Int32, state: WatchState) {
        let watcher = Unmanaged.passRetained(Watcher(readEnd: readEnd, state: state))
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        guard pthread_create(&thread, nil, watcherEntry, watcher.toOpaque()) == 0 else {
            watcher.release()
            return
        }
        #if canImport(Darwin)
        if let thread { pthread_detach(thread) }
        #else
        pthread_detach(thread)
        #endif
    }
}

/// The watcher thread's work: wait for wake-up bytes and call back while armed.
private final class Watcher: Sendable {
    let readEnd: Int32
    let state: WatchState

    init(readEnd: Int32, state: WatchState) {
        self.readEnd = readEnd
        self.state = state
    }

    func run() {
        // The watcher must not be where the kernel delivers the terminal's signals: the prompt
        // relies on the main thread's wait being interrupted.
        _ = cel_block_terminal_signals_in_this_thread()
        var byte: UInt8 = 0
        while true {
            let count = read(readEnd, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            // Forwarded only for the evaluation running now (a byte of 0 came while idle).
            if byte != 0, Int(byte) == state.evaluation.load(ordering: .sequentiallyConsistent) { state.onInterrupt() }
        }
        close(readEnd)
    }
}

/// The thread entry point: takes ownership of the retained `Watcher` and runs it.
#if canImport(Darwin)
private func watcherEntry(_ argument: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
    Unmanaged<Watcher>.fromOpaque(argument).takeRetainedValue().run()
    return nil
}
#else
private func watcherEntry(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let argument else { return nil }
    Unmanaged<Watcher>.fromOpaque(argument).takeRetainedValue().run()
    return nil
}
#endif

/// What the watcher thread shares with its `InterruptSignal`.
private final class WatchState: Sendable {
    /// The running evaluation's number (1 to 255); with 0x100 added while none runs, so the
    /// next one's number still follows from it.
    let evaluation = Atomic<Int>(0x100)
    let onInterrupt: @Sendable () -> Void

    init(onInterrupt: @escaping @Sendable () -> Void) {
        self.onInterrupt = onInterrupt
    }
}
