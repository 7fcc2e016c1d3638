/// The output-length formula `L_out = ⌊(L + left + right − d·(k−1) − 1) / s⌋ + 1`, written
/// out with its numbers, as `explain`, `lengths` and the size refusals show it.
struct LengthFormula: Sendable, Equatable {
    var inputLength: Int
    var left: Int
    var right: Int
    var kernelSize: Int
    var stride: Int
    var dilation: Int
    /// Round up instead of down, as pooling's `ceil_mode=true` does.
    var ceilMode = false

    private var rounding: String { ceilMode ? "ceil" : "floor" }

    /// The formula in symbols; symmetric padding is written `2·p`, as PyTorch's docs write it.
    var symbolic: String {
        let padding = left == right ? "2·p" : "p_left + p_right"
        return "L_out = \(rounding)((L + \(padding) − d·(k−1) − 1) / s) + 1"
    }

    /// `L_out = floor((3 + 2·1 − 1·(2−1) − 1) / 2) + 1 = 2`.
    var substituted: String {
        written(input: "\(inputLength)") + " = " + (value.map(String.init) ?? "(too large to compute)")
    }

    /// The numbers put in, with `input` standing for L and `output` for L_out (a model's shape
    /// walk writes `L1 = floor((L0 + 2·1 − 1·(3−1) − 1) / 1) + 1`).
    func written(input: String, output: String = "L_out") -> String {
        let padding = left == right ? "2·\(left)" : "\(left) + \(right)"
        return "\(output) = \(rounding)((\(input) + \(padding) − \(dilation)·(\(kernelSize)−1) − 1) / \(stride)) + 1"
    }

    /// The formula's value with floor (or ceil) division, so it can be 0 or negative when the
    /// kernel does not fit; `nil` when the arithmetic overflows or the stride is not positive.
    var value: Int? {
        guard stride > 0,
              case (let padded, false) = inputLength.addingReportingOverflow(left),
              case (let total, false) = padded.addingReportingOverflow(right),
              case (let reach, false) = dilation.multipliedReportingOverflow(by: kernelSize - 1),
              case (let shortened, false) = total.subtractingReportingOverflow(reach),
              case (let numerator, false) = shortened.subtractingReportingOverflow(1)
        else { return nil }
        let quotient = numerator / stride
        let inexact = numerator % stride != 0
        if ceilMode { return (numerator > 0 && inexact ? quotient + 1 : quotient) + 1 }
        let floored = numerator < 0 && inexact ? quotient - 1 : quotient
        return floored + 1
    }
}
