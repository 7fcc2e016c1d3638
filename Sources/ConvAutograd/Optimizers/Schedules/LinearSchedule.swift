/// `LinearLR`: the rate's factor goes linearly from `startFactor` to `endFactor` over
/// `totalIters` epochs, in PyTorch's recursive form.
public struct LinearSchedule: LearningRateSchedule {
    public let startFactor: Double
    public let endFactor: Double
    public let totalIters: Int

    /// Refuses the factors PyTorch refuses, in its words.
    public init(startFactor: Double, endFactor: Double, totalIters: Int) throws(AutogradError) {
        guard startFactor <= 1, startFactor > 0 else {
            throw .invalidArgument("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
        }
        guard endFactor <= 1, endFactor >= 0 else { throw .invalidArgument("Ending multiplicative factor expected to be between 0 and 1.") }
        (self.startFactor, self.endFactor, self.totalIters) = (startFactor, endFactor, totalIters)
    }

    public func rates(at epoch: Int, current: [Double], base: [Double], initial: Bool) throws(AutogradError) -> [Double] {
        if epoch == 0 { return current.map { $0 * startFactor } }
        if initial || epoch > totalIters { return current }
        let denominator = Double(totalIters) * startFactor + Double(epoch - 1) * (endFactor - startFactor)
        guard denominator != 0 else { throw .invalidArgument("float division by zero") }
        let factor = 1.0 + (endFactor - startFactor) / denominator
        return current.map { $0 * factor }
    }
}
