/// Medians of repeated timings.
enum Timing {
    /// Runs `body` once to warm up, then `runs` times; the median in milliseconds.
    static func medianMilliseconds(runs: Int, _ body: () throws -> Void) rethrows -> Double {
        try body()
        var samples: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            try body()
            samples.append(milliseconds(ContinuousClock.now - start))
        }
        return median(samples)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1e3 + Double(attoseconds) * 1e-15
    }

    static func median(_ samples: [Double]) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// The machine's load, printed beside the table: whole-process timings (W4–W9) move with it.
enum LoadAverage {
    /// "load average 1.2 0.9 0.7" (1, 5 and 15 minutes) from /proc/loadavg, or a note that it is unknown.
    static func text() -> String {
        guard let line = ChildProcess.lines(ofFile: "/proc/loadavg").first else { return "load average unknown" }
        return "load average " + line.split(separator: " ").prefix(3).joined(separator: " ")
    }
}
