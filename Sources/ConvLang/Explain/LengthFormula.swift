/// The output-length formula `L_out = ⌊(L + left + right − d·(k−1) − 1) / s⌋ + 1`, written
/// out with its numbers, as `explain`, `lengths` and the size refusals show it.
struct LengthFormula: Sendable, Equatable {
    var inputLength: Int
    var left: Int
    var right: Int
    var kernelSize: Int
    var stride: Int
    var dilation: Int

    /// The formula in symbols; symmetric padding is written `2·p`, as PyTorch's docs write it.
    var symbolic: String {
        let padding = left == right ? "2·p" : "p_left + p_right"
        return "L_out = floor((L + \(padding) − d·(k−1) − 1) / s) + 1"
    }

    /// `L_out = floor((3 + 2·1 − 1·(2−1) − 1) / 2) + 1 = 2`.
    var substituted: String {
        let padding = left == right ? "2·\(left)" : "\(left) + \(right)"
        let result = value.map(String.init) ?? "(too large to compute)"
        return "L_out = floor((\(inputLength) + \(padding) − \(dilation)·(\(kernelSize)−1) − 1) / \(stride)) + 1 = \(result)"
    }

    /// The formula's value with floor division (so it can be 0 or negative when the kernel does
    /// not fit), or `nil` when the arithmetic overflows or the stride is not positive.
    var value: Int? {
        guard stride > 0,
              case (let padded, false) = inputLength.addingReportingOverflow(left),
              case (let total, false) = padded.addingReportingOverflow(right),
              case (let reach, false) = dilation.multipliedReportingOverflow(by: kernelSize - 1),
              case (let shortened, false) = total.subtractingReportingOverflow(reach),
              case (let numerator, false) = shortened.subtractingReportingOverflow(1)
        else { return nil }
        let quotient = numerator / stride
        let floored = numerator < 0 && numerator % stride != 0 ? quotient - 1 : quotient
        return floored + 1
    }
}
