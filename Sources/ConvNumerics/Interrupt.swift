import Synchronization

/// A flag that another thread raises to stop a long computation.
///
/// Kernels poll it between rows or blocks of work and stop with an error when it is raised, so
/// a host (or the REPL's Ctrl-C handler) can cancel an evaluation without killing the process.
/// Polling costs one relaxed atomic load.
public final class InterruptFlag: Sendable {
    private let raised = Atomic<Bool>(false)
    /// When the flag counts as raised by itself: nanoseconds after `origin`, `Int64.max` for never.
    /// A deadline lets a time limit stop a long kernel without a watchdog thread.
    private let deadlineNanoseconds = Atomic<Int64>(.max)
    private let origin = ContinuousClock.now

    public init() {}

    /// Asks the computation that polls this flag to stop. Safe from any thread or a signal-driven task.
    public func raise() { raised.store(true, ordering: .relaxed) }

    /// Lowers the flag and clears its deadline, ready for the next computation.
    public func reset() {
        raised.store(false, ordering: .relaxed)
        deadlineNanoseconds.store(.max, ordering: .relaxed)
    }

    /// Makes the flag count as raised once `duration` has passed from now; `nil` clears the deadline.
    /// Polling then also reads the clock, which costs far less than the rows it is polled between.
    public func raise(after duration: Duration?) {
        guard let duration else { return deadlineNanoseconds.store(.max, ordering: .relaxed) }
        let deadline = InterruptFlag.nanoseconds(in: origin.duration(to: .now))
            .addingReportingOverflow(InterruptFlag.nanoseconds(in: max(duration, .zero)))
        deadlineNanoseconds.store(deadline.overflow ? .max : deadline.partialValue, ordering: .relaxed)
    }

    /// Whether someone asked to stop, or the deadline has passed.
    public var isRaised: Bool { raised.load(ordering: .relaxed) || deadlineHasPassed }

    /// Whether a deadline was set and has passed (a time limit rather than a request to stop).
    public var deadlineHasPassed: Bool {
        let deadline = deadlineNanoseconds.load(ordering: .relaxed)
        return deadline != .max && InterruptFlag.nanoseconds(in: origin.duration(to: .now)) >= deadline
    }

    /// A non-negative duration in whole nanoseconds, saturating at `Int64.max - 1` (so a huge
    /// limit never traps and never reads as "no deadline").
    private static func nanoseconds(in duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let whole = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let total = whole.partialValue.addingReportingOverflow(attoseconds / 1_000_000_000)
        guard !whole.overflow, !total.overflow else { return seconds < 0 ? 0 : .max - 1 }
        return min(max(total.partialValue, 0), .max - 1)
    }
}
