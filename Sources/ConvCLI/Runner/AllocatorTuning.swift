import CConvKernels

/// How the C library's allocator treats the memory a program frees.
///
/// A training loop allocates and frees the same tensors every step. With glibc's defaults the
/// arena gives its free top back to the kernel whenever it passes 128 KiB (the evaluator runs
/// on a thread of its own, whose arena is trimmed with `madvise`), so the next step faults the
/// same pages in again: a quarter of a small training step went to page faults. Keeping up to
/// 64 MiB of freed memory and serving blocks up to 32 MiB (the most glibc's own adaptive
/// threshold reaches) from the heap ends that churn; larger blocks still go back on free.
enum AllocatorTuning {
    /// Applies the thresholds once, before any program runs. Elsewhere than glibc, nothing.
    static func keepFreedMemory() {
        conv_keep_freed_memory(64 << 20, 32 << 20)
    }
}
