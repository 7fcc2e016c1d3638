import Foundation

/// `OneCycleLR`: the rate rises from `max_lr / div_factor` to `max_lr` over the first
/// `pct_start` of the steps, then falls to `initial / final_div_factor` (three phases when
/// `three_phase`), each phase annealed by a cosine or linearly; the first momentum cycles the
/// other way when `cycleMomentum`.
public struct OneCycleSchedule: LearningRateSchedule {
    /// Per group: the rate at the start, the peak and the end.
    public struct Rates: Sendable {
        public let initial: Double, max: Double, min: Double

        public init(initial: Double, max: Double, min: Double) { (self.initial, self.max, self.min) = (initial, max, min) }
    }

    private enum Level { case initial, max, min }
    private struct Phase { let endStep: Double; let start: Level; let end: Level; let momentumStart: Bool; let momentumEnd: Bool }

    public let totalSteps: Int
    public let groups: [Rates]
    /// Per group (max, base) momentum, or nil when momentum is not cycled.
    public let momentumRange: [(max: Double, base: Double)]?
    public let cosine: Bool
    private let phases: [Phase]

    public init(totalSteps: Int, groups: [Rates], pctStart: Double, cosine: Bool, threePhase: Bool,
                momentumRange: [(max: Double, base: Double)]?) {
        (self.totalSteps, self.groups, self.cosine, self.momentumRange) = (totalSteps, groups, cosine, momentumRange)
        let total = Double(totalSteps)
        // Momentum levels: true is the max momentum, false the base one.
        phases = threePhase
            ? [Phase(endStep: pctStart * total - 1, start: .initial, end: .max, momentumStart: true, momentumEnd: false),
               Phase(endStep: 2 * pctStart * total - 2, start: .max, end: .initial, momentumStart: false, momentumEnd: true),
               Phase(endStep: total - 1, start: .initial, end: .min, momentumStart: true, momentumEnd: true)]
            : [Phase(endStep: pctStart * total - 1, start: .initial, end: .max, momentumStart: true, momentumEnd: false),
               Phase(endStep: total - 1, start: .max, end: .min, momentumStart: false, momentumEnd: true)]
    }

    public func rates(at epoch: Int, current: [Double], base: [Double], initial: Bool) throws(AutogradError) -> [Double] {
        guard epoch <= totalSteps else {
            throw .invalidArgument("Tried to step \(epoch) times. The specified number of total steps is \(totalSteps)")
        }
        return groups.map { group in
            let (phase, pct) = locate(epoch)
            return anneal(level(phase.start, group), level(phase.end, group), pct)
        }
    }

    public func momenta(at epoch: Int) -> [Double]? {
        guard let momentumRange else { return nil }
        let (phase, pct) = locate(epoch)
        return momentumRange.map { range in
            anneal(phase.momentumStart ? range.max : range.base, phase.momentumEnd ? range.max : range.base, pct)
        }
    }

    /// The phase `step` falls in and how far through it.
    private func locate(_ step: Int) -> (Phase, Double) {
        var start = 0.0
        for (index, phase) in phases.enumerated() {
            if Double(step) <= phase.endStep || index == phases.count - 1 {
                return (phase, (Double(step) - start) / (phase.endStep - start))
            }
            start = phase.endStep
        }
        return (phases[phases.count - 1], 1)
    }

    private func level(_ level: Level, _ group: Rates) -> Double {
        switch level {
        case .initial: group.initial
        case .max: group.max
        case .min: group.min
        }
    }

    private func anneal(_ start: Double, _ end: Double, _ pct: Double) -> Double {
        cosine ? end + (start - end) / 2.0 * (cos(Double.pi * pct) + 1) : (end - start) * pct + start
    }
}
