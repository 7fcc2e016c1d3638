import ConvNumerics

/// `MultiStepLR`: multiply by `gamma` at each milestone epoch (by `gamma ** k` where a
/// milestone is listed k times).
public struct MultiStepSchedule: LearningRateSchedule {
    /// How many times each milestone was given (PyTorch's `Counter(milestones)`).
    public let milestones: [Int: Int]
    public let gamma: Double

    public init(milestones: [Int], gamma: Double) {
        self.milestones = milestones.reduce(into: [:]) { $0[$1, default: 0] += 1 }
        self.gamma = gamma
    }

    public func rates(at epoch: Int, current: [Double], base: [Double], initial: Bool) -> [Double] {
        guard let count = milestones[epoch] else { return current }
        let factor = Double.power(gamma, Double(count))
        return current.map { $0 * factor }
    }
}
