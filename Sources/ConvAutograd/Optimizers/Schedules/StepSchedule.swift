/// `StepLR`: multiply by `gamma` every `stepSize` epochs.
public struct StepSchedule: LearningRateSchedule {
    public let stepSize: Int
    public let gamma: Double

    /// Refuses a step size PyTorch's arithmetic cannot use.
    public init(stepSize: Int, gamma: Double) throws(AutogradError) {
        guard stepSize > 0 else { throw .invalidArgument("step_size must be a positive integer, got \(stepSize)") }
        (self.stepSize, self.gamma) = (stepSize, gamma)
    }

    public func rates(at epoch: Int, current: [Double], base: [Double], initial: Bool) -> [Double] {
        epoch == 0 || epoch % stepSize != 0 ? current : current.map { $0 * gamma }
    }
}

/// `ExponentialLR`: multiply by `gamma` every epoch.
public struct ExponentialSchedule: LearningRateSchedule {
    public let gamma: Double

    public init(gamma: Double) { self.gamma = gamma }

    public func rates(at epoch: Int, current: [Double], base: [Double], initial: Bool) -> [Double] {
        epoch == 0 ? current : current.map { $0 * gamma }
    }
}
