/// `LambdaLR`: each group's base rate times a factor the program's function gave for the epoch
/// (the language calls the function and hands the factors in before each step).
public struct LambdaSchedule: LearningRateSchedule {
    public let factors: [Double]

    public init(factors: [Double]) { self.factors = factors }

    public func rates(at epoch: Int, current: [Double], base: [Double], initial: Bool) -> [Double] {
        zip(base, factors).map { $0 * $1 }
    }
}
