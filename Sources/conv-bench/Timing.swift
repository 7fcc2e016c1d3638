import Glibc

/// Medians of repeated timings.
enum Timing {
    /// Runs `body` once to warm up, then `runs` times; the medians in milliseconds of the wall
    /// time and of the processor time of every thread of this process (which other programs
    /// on a loaded machine do not inflate, while the wall time waits for them).
    static func medians(runs: Int, _ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        try body()
        var wall: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let cpuStart = processorMilliseconds()
            try body()
            cpu.append(processorMilliseconds() - cpuStart)
            wall.append(milliseconds(ContinuousClock.now - start))
        }
        return (median(wall), median(cpu))
    }

    /// User and system time of the whole process so far.
    static func processorMilliseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1e3 + Double(time.tv_nsec) * 1e-6
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

