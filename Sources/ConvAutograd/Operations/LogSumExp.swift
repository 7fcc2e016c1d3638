import Foundation
import ConvNumerics

extension Variable {
    /// `log Σ exp(x)` along `dims` (`LogsumexpBackward0`), computed as PyTorch computes it: each
    /// group's largest value is taken out first (`m + log Σ exp(x − m)`, with an infinite `m`
    /// taken as 0), so that large inputs do not overflow. The gradient is `g · exp(x − result)`,
    /// the softmax of each group.
    public func logsumexp(dims: [Int], keepDimensions: Bool = false) throws(AutogradError) -> Variable {
        let dtype = try floatingDType(data, operation: "logsumexp")
        let layout = try ReductionGroups(shape: shape, dims: dims.isEmpty ? Array(shape.indices) : dims, keepDimensions: keepDimensions)
        let x = data.converted(to: .float64).scalars
        let values = layout.groups.map { group -> Double in
            var largest = -Double.infinity
            for offset in group {
                if x[offset].isNaN { return .nan }
                largest = Swift.max(largest, x[offset])
            }
            let shift = largest.isInfinite ? 0 : largest
            return Foundation.log(group.reduce(0) { $0 + Foundation.exp(x[$1] - shift) }) + shift
        }
        let out = try layout.output(values, dtype: dtype)
        // The backward reads the result as it was rounded to the dtype, as PyTorch's does.
        let rounded = out.converted(to: .float64).scalars
        return .record("LogsumexpBackward0", out, inputs: [self]) { g throws(AutogradError) in
            try layout.inputGradient(g, dtype: dtype) { index, group, upstream, grad in
                for offset in group { grad[offset] = upstream * Foundation.exp(x[offset] - rounded[index]) }
            }
        }
    }
}
