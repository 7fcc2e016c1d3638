/// `ReduceLROnPlateau`: multiplies the rates by `factor` once a metric has not improved for more
/// than `patience` steps, then waits `cooldown` steps; PyTorch's arithmetic and tests, step for step.
public final class PlateauScheduler {
    public enum Mode: String, Sendable { case min, max }
    public enum ThresholdMode: String, Sendable { case rel, abs }

    private let optimizer: any LearningRateAdjustable
    public let mode: Mode
    public let factor: Double
    public let patience: Int
    public let threshold: Double
    public let thresholdMode: ThresholdMode
    public let cooldown: Int
    public let minRates: [Double]
    public let eps: Double
    /// The best metric so far (`best`).
    public private(set) var best: Double
    /// Steps since the metric last improved (`num_bad_epochs`).
    public private(set) var badEpochs = 0
    public private(set) var cooldownCounter = 0
    public private(set) var lastEpoch = 0
    /// The rates after the last step (`get_last_lr()`).
    public private(set) var lastRates: [Double]

    public init(_ optimizer: any LearningRateAdjustable, mode: Mode, factor: Double, patience: Int, threshold: Double,
                thresholdMode: ThresholdMode, cooldown: Int, minRates: [Double], eps: Double) throws(AutogradError) {
        guard factor < 1.0 else { throw .invalidArgument("Factor should be < 1.0.") }
        let groups = optimizer.learningRates.count
        guard minRates.count == groups else { throw .invalidArgument("expected \(groups) min_lrs, got \(minRates.count)") }
        self.optimizer = optimizer
        (self.mode, self.factor, self.patience, self.threshold) = (mode, factor, patience, threshold)
        (self.thresholdMode, self.cooldown, self.minRates, self.eps) = (thresholdMode, cooldown, minRates, eps)
        best = mode == .min ? .infinity : -.infinity
        lastRates = optimizer.learningRates
    }

    /// One step with this epoch's metric (`scheduler.step(metrics)`).
    public func step(_ metric: Double) {
        lastEpoch += 1
        if isBetter(metric) {
            best = metric
            badEpochs = 0
        } else {
            badEpochs += 1
        }
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            badEpochs = 0
        }
        if badEpochs > patience {
            optimizer.learningRates = zip(optimizer.learningRates, minRates).map { old, minimum in
                let new = Swift.max(old * factor, minimum)
                return old - new > eps ? new : old
            }
            cooldownCounter = cooldown
            badEpochs = 0
        }
        lastRates = optimizer.learningRates
    }

    private func isBetter(_ a: Double) -> Bool {
        switch (mode, thresholdMode) {
        case (.min, .rel): a < best * (1.0 - threshold)
        case (.min, .abs): a < best - threshold
        case (.max, .rel): a > best * (threshold + 1.0)
        case (.max, .abs): a > best + threshold
        }
    }
}
