import Foundation

/// `CosineAnnealingLR`: the rate follows half a cosine from the base rate down to `etaMin` over
/// `tMax` epochs (and back up after), in PyTorch's recursive form.
public struct CosineAnnealingSchedule: LearningRateSchedule {
    public let tMax: Int
    public let etaMin: Double

    public init(tMax: Int, etaMin: Double) { (self.tMax, self.etaMin) = (tMax, etaMin) }

    public func rates(at epoch: Int, current: [Double], base: [Double], initial: Bool) throws(AutogradError) -> [Double] {
        if initial { return current }
        guard tMax != 0 else { throw .invalidArgument("integer modulo by zero") }
        let t = Double(tMax), e = Double(epoch)
        // Python's `%` takes the sign of the divisor.
        let period = 2 * tMax, offset = epoch - 1 - tMax
        if ((offset % period) + period) % period == 0 {
            return zip(current, base).map { lr, baseLR in lr + (baseLR - etaMin) * (1 - cos(Double.pi / t)) / 2 }
        }
        let ratio = (1 + cos(Double.pi * e / t)) / (1 + cos(Double.pi * (e - 1) / t))
        return current.map { ratio * ($0 - etaMin) + etaMin }
    }
}
