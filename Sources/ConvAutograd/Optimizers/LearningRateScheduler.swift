/// One of PyTorch's epoch-based learning-rate schedules: the rates `get_lr()` computes for an
/// epoch. Most are written in PyTorch's recursive (chainable) form, from the groups' current
/// rates, so changes made to the rates in between carry on and the floats match PyTorch's.
public protocol LearningRateSchedule: Sendable {
    /// The groups' rates at `epoch`, from their `current` rates and the `base` rates
    /// (`initial_lr`); `initial` is true for the step a scheduler takes when it is made.
    func rates(at epoch: Int, current: [Double], base: [Double], initial: Bool) throws(AutogradError) -> [Double]
    /// The first momentum (SGD's `momentum`, Adam's `beta1`) each group takes at `epoch`, for
    /// the schedules that cycle it; nil leaves the momenta alone.
    func momenta(at epoch: Int) -> [Double]?
}

extension LearningRateSchedule {
    public func momenta(at epoch: Int) -> [Double]? { nil }
}

/// A scheduler: a schedule attached to an optimizer. Made, it takes PyTorch's initial step
/// (epoch 0); each `step()` advances one epoch and writes the new rates into the optimizer.
public final class LearningRateScheduler {
    private let optimizer: any LearningRateAdjustable
    /// The schedule; settable, since a `LambdaLR`'s factors come from the program at each step.
    public var schedule: any LearningRateSchedule
    /// The epoch count (`last_epoch`): 0 after construction.
    public private(set) var lastEpoch = -1
    /// The rates the schedule starts from (`base_lrs`, each group's `initial_lr`).
    public let initialRates: [Double]
    /// The rates the last step set (`get_last_lr()`).
    public private(set) var lastRates: [Double] = []

    /// Attaches a schedule to an optimizer whose groups start from `baseRates` (their
    /// `initial_lr`; the current rates when nil) and takes the initial step.
    public init(_ optimizer: any LearningRateAdjustable, schedule: any LearningRateSchedule, baseRates: [Double]? = nil) throws(AutogradError) {
        self.optimizer = optimizer
        self.schedule = schedule
        initialRates = baseRates ?? optimizer.learningRates
        try advance(initial: true)
    }

    /// Advances one epoch (`scheduler.step()`).
    public func step() throws(AutogradError) {
        try advance(initial: false)
    }

    private func advance(initial: Bool) throws(AutogradError) {
        lastEpoch += 1
        let rates = try schedule.rates(at: lastEpoch, current: optimizer.learningRates, base: initialRates, initial: initial)
        if let momenta = schedule.momenta(at: lastEpoch) { optimizer.momenta = momenta.map { Optional($0) } }
        optimizer.learningRates = rates
        lastRates = rates
    }
}
