/// Python's `range`: lazy, so `for i in range(10**7)` holds three integers, not ten million.
public struct PythonRange: Sendable, Equatable {
    public let start: Int
    public let stop: Int
    public let step: Int

    /// How many integers it yields (0 when it is empty), computed without overflow.
    public var count: Int {
        let (span, overflow) = step > 0 ? stop.subtractingReportingOverflow(start) : start.subtractingReportingOverflow(stop)
        let magnitude = step > 0 ? step : (step == Int.min ? Int.max : -step)
        guard !overflow else { return Int.max }
        guard span > 0 else { return 0 }
        return (span - 1) / magnitude + 1
    }

    /// The `index`-th integer, for `0 ≤ index < count`.
    func element(at index: Int) -> Int { start &+ index &* step }

    /// `range(0, 5)` or `range(0, 10, 2)`, as Python shows it.
    var description: String { step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))" }
}
