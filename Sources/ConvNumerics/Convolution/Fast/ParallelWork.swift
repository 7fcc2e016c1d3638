import CConvKernels
import Dispatch

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
    /// several. Each worker takes units `worker, worker + workers, …` of the caller's work.
    static func run(workers: Int, _ body: @Sendable (Int) -> Void) {
        if workers <= 1 {
            body(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: body)
        }
    }
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
