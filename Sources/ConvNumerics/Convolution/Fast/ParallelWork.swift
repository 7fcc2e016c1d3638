import CConvKernels
import Dispatch
import Synchronization

/// Runs a kernel's independent units of work on every core when there is enough of it.
enum ParallelWork {
    /// Multiply-adds below which one core finishes before a second would have started.
    static let minimumParallelWork = 2_000_000.0

    /// How many workers to use for `work` multiply-adds split into `units` units.
    static func workerCount(work: Double, units: Int) -> Int {
        guard work >= minimumParallelWork else { return 1 }
        return max(1, min(Int(conv_kernels_processor_count()), units))
    }

    /// Calls `body(worker)` for each worker in `0..<workers`, concurrently when there are
    /// several. Each worker takes its units of the caller's work from a ``WorkQueue``, or its
    /// fixed share (units `worker, worker + workers, …`).
    static func run(workers: Int, _ body: @Sendable (Int) -> Void) {
        if workers <= 1 {
            body(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: body)
        }
    }
}

/// Units of work handed out in runs of consecutive units to whichever worker asks next.
///
/// A fixed share per worker finishes when the slowest worker does: on a shared machine one
/// worker is often descheduled for milliseconds while the other idles at the end (W2 in float32
/// at load 5 on 2 cores: 13 ms wall for 5.3 ms of processor time). Taken from a queue, the work
/// goes to whoever runs. Runs of consecutive units keep the multiply's prefetch of the next
/// tile useful; eight runs per worker bound the imbalance at an eighth of a worker's share.
final class WorkQueue: Sendable {
    private let next = Atomic<Int>(0)
    let units: Int
    let run: Int

    init(units: Int, workers: Int) {
        self.units = units
        run = max(1, units / max(1, workers * 8))
    }

    /// Calls `body(unit)` for each unit this worker takes, in increasing order within each run,
    /// until none is left or `body` returns false.
    func forEachUnit(_ body: (Int) -> Bool) {
        forEachUnit { unit, _ in body(unit) }
    }

    /// ``forEachUnit(_:)`` telling `body` also the unit this worker takes after `unit` (nil when
    /// none is left), so that it can fetch that unit's memory meanwhile. The next run is taken
    /// when this run's last unit starts, one unit earlier than it would otherwise be.
    func forEachUnit(_ body: (_ unit: Int, _ following: Int?) -> Bool) {
        var first = take()
        while first < units {
            let end = min(first + run, units)
            var nextRun = units
            for unit in first..<end {
                let following: Int?
                if unit + 1 < end {
                    following = unit + 1
                } else {
                    nextRun = take()
                    following = nextRun < units ? nextRun : nil
                }
                if !body(unit, following) { return }
            }
            first = nextRun
        }
    }

    /// The first unit of a run nobody has taken (`units` or more when none is left).
    private func take() -> Int { next.wrappingAdd(run, ordering: .relaxed).oldValue }
}

/// The storage one convolution reads and writes, shared by its workers.
///
/// Unchecked: the pointers stay valid for the whole call (the arrays behind them are pinned by
/// `withUnsafeBufferPointer`), inputs are only read, and workers write disjoint parts of `output`.
struct KernelOperands<Scalar: ConvolutionScalar>: @unchecked Sendable {
    let input: UnsafePointer<Scalar>
    let weight: UnsafePointer<Scalar>
    let output: UnsafeMutablePointer<Scalar>
}

/// Read-only tables a kernel prepares once (packed weights, twiddle factors) for all its workers.
struct SharedTable<Scalar: ConvolutionScalar>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Scalar>

    init(count: Int) { base = .allocate(capacity: count) }

    func deallocate() { base.deallocate() }
}
