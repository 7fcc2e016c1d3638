/// PyTorch's learning-rate schedulers (`StepLR`, `ExponentialLR`), in their chainable form:
/// each `step()` multiplies the optimizer's current rates, so changes made to them in between
/// carry on, as in PyTorch.
public final class LearningRateScheduler {
    /// How the rates change at each epoch.
    public enum Schedule: Sendable {
        /// Multiply by `gamma` every `stepSize` epochs (`StepLR`).
        case step(stepSize: Int, gamma: Double)
        /// Multiply by `gamma` every epoch (`ExponentialLR`).
        case exponential(gamma: Double)
    }

    private let optimizer: any LearningRateAdjustable
    private let schedule: Schedule
    /// The epoch count (`last_epoch`): 0 after construction.
    public private(set) var lastEpoch = 0
    /// The rates the optimizer started with (`initial_lr` of each group).
    public let initialRates: [Double]

    /// Attaches a schedule to an optimizer.
    public init(_ optimizer: any LearningRateAdjustable, schedule: Schedule) throws(AutogradError) {
        if case .step(let stepSize, _) = schedule, stepSize <= 0 {
            throw .invalidArgument("step_size must be a positive integer, got \(stepSize)")
        }
        self.optimizer = optimizer
        self.schedule = schedule
        initialRates = optimizer.learningRates
    }

    /// Advances one epoch (`scheduler.step()`).
    public func step() {
        lastEpoch += 1
        let factor: Double = switch schedule {
        case .step(let stepSize, let gamma): lastEpoch % stepSize == 0 ? gamma : 1
        case .exponential(let gamma): gamma
        }
        if factor != 1 { optimizer.learningRates = optimizer.learningRates.map { $0 * factor } }
    }

    /// The rates now (`get_last_lr()`).
    public var lastRates: [Double] { optimizer.learningRates }
}
