import Glibc

/// Python's `time` module, as training loops use it to time their epochs: `time()`,
/// `perf_counter()`, `monotonic()`, `process_time()` (seconds as floats), their `_ns` forms
/// (ints), and `sleep(seconds)`, which wakes for an interrupt or the run's time limit as the
/// evaluator's own loops do.
///
/// The clocks are the host's, read through the C library: what a program computes from them
/// differs from run to run, as in Python.
enum TimeModule {
    static let all: [Builtin] = [
        clock("time", CLOCK_REALTIME, "seconds since the Epoch"),
        clock("perf_counter", CLOCK_MONOTONIC, "a performance counter, in seconds"),
        clock("monotonic", CLOCK_MONOTONIC, "a clock that never goes back, in seconds"),
        clock("process_time", CLOCK_PROCESS_CPUTIME_ID, "the process's processor time, in seconds"),
        nanoseconds("time_ns", CLOCK_REALTIME, "nanoseconds since the Epoch"),
        nanoseconds("perf_counter_ns", CLOCK_MONOTONIC, "a performance counter, in nanoseconds"),
        nanoseconds("monotonic_ns", CLOCK_MONOTONIC, "a clock that never goes back, in nanoseconds"),
        sleep,
    ]

    private static func function(
        _ name: String, _ parameters: [Builtin.Parameter], _ summary: String,
        _ body: @escaping @Sendable (inout BuiltinCall) throws(RuntimeError) -> Value
    ) -> Builtin {
        PythonConversions.python("time.\(name)", parameters, summary, "time.\(name)()\n\n\(summary.prefix(1).uppercased() + summary.dropFirst()), as Python's.",
                                 aliases: ["time.\(name)"], body)
    }

    /// The clock's reading: seconds and nanoseconds.
    private static func read(_ clock: clockid_t) -> timespec {
        var now = timespec()
        clock_gettime(clock, &now)
        return now
    }

    private static func clock(_ name: String, _ id: clockid_t, _ summary: String) -> Builtin {
        function(name, [], summary) { _ throws(RuntimeError) in
            let now = read(id)
            return .number(Double(now.tv_sec) + Double(now.tv_nsec) / 1e9)
        }
    }

    private static func nanoseconds(_ name: String, _ id: clockid_t, _ summary: String) -> Builtin {
        function(name, [], summary) { _ throws(RuntimeError) in
            let now = read(id)
            let (product, overflow) = Int(now.tv_sec).multipliedReportingOverflow(by: 1_000_000_000)
            let (total, carry) = product.addingReportingOverflow(Int(now.tv_nsec))
            // Past the year 2262 the count leaves Int's range; a float keeps its magnitude.
            guard !overflow, !carry else { return .number(Double(now.tv_sec) * 1e9 + Double(now.tv_nsec)) }
            return .int(total)
        }
    }

    /// `time.sleep(seconds)`, in slices of at most 50 ms so that an interrupt or the time limit
    /// ends it as promptly as they end a loop.
    static let sleep = function("sleep", [.required("secs")], "waits for secs seconds") { call throws(RuntimeError) in
        let seconds = try call.number("secs")
        guard !seconds.isNaN else { throw call.error("Invalid value NaN (not a number)", at: "secs", raising: .valueError) }
        guard seconds >= 0 else { throw call.error("sleep length must be non-negative", at: "secs", raising: .valueError) }
        let start = read(CLOCK_MONOTONIC)
        let startSeconds = Double(start.tv_sec) + Double(start.tv_nsec) / 1e9
        while true {
            try call.context.checkInterrupt(at: call.range)
            let now = read(CLOCK_MONOTONIC)
            let left = seconds - (Double(now.tv_sec) + Double(now.tv_nsec) / 1e9 - startSeconds)
            if left <= 0 { return .none }
            let slice = Swift.min(left, 0.05)
            var request = timespec(tv_sec: Int(slice), tv_nsec: Int((slice - slice.rounded(.down)) * 1e9))
            _ = nanosleep(&request, nil)
        }
    }
}
