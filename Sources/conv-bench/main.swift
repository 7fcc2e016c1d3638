import ConvNumerics
import Glibc

// `conv-bench`: runs the benchmark workloads W1–W5 and W1f–W3f (W1–W3 in float32) from a
// release build, the same workloads in NumPy, SciPy and PyTorch when python3 has them, a
// training loop (W6) beside PyTorch eager, the evaluator's loops and calls (W7–W9) beside
// CPython and Lua 5.4 (and the corr1d loop, W8, beside CPython + PyTorch), and prints one table. Not a test: it asserts nothing.
//
//   conv-bench [--runs N] [--conv PATH] [--peers PATH] [--python PATH] [--only W2f,W3f,W4,…]
//   conv-bench --child W1|W2|W3|W1f|W2f|W3f|idle     (internal: one run, for the peak-memory measurement)

let options = BenchOptions(CommandLine.arguments.dropFirst())
if let child = options.child {
    exit(BenchRunner.runChild(child) ? 0 : 1)
}
BenchRunner(options: options).run()
