import Synchronization

/// A flag that another thread raises to stop a long computation.
///
/// Kernels poll it between rows or blocks of work and stop with an error when it is raised, so
/// a host (or the REPL's Ctrl-C handler) can cancel an evaluation without killing the process.
/// Polling costs one relaxed atomic load.
public final class InterruptFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    /// Asks the computation that polls this flag to stop. Safe from any thread or a signal-driven task.
    public func raise() { raised.store(true, ordering: .relaxed) }

    /// Lowers the flag, ready for the next computation.
    public func reset() { raised.store(false, ordering: .relaxed) }

    /// Whether someone asked to stop.
    public var isRaised: Bool { raised.load(ordering: .relaxed) }
}
