import ConvNumerics

/// `explain fc(x)` for a `Linear` layer: `y = x·Wᵀ + b` over the last dimension, each output
/// element as its sum of products with the numbers put in; many rows, outputs or features show
/// their first and last ones.
struct LinearExplanation {
    let layer: String
    let x: Tensor, weight: Tensor, bias: Tensor?, y: Tensor
    let all: Bool

    private typealias N = ExplanationNumbers

    func render() -> String {
        let inFeatures = weight.shape.count == 2 ? weight.shape[1] : 0
        let outFeatures = weight.shape.first ?? 0
        guard inFeatures > 0, x.shape.last == inFeatures else { return "explain \(layer): y = x·Wᵀ + b\n" }
        let rows = x.count / inFeatures
        let (xs, ws, ys, bs) = (x.scalars, weight.scalars, y.scalars, bias?.scalars)
        var lines = ["explain \(layer): y = x·Wᵀ" + (bias == nil ? "" : " + b") + " over the last dimension, "
                     + "x of shape \(x.shape) → y of shape \(y.shape)",
                     "each output is a row of x times a row of W: y[n, i] = Σ_j x[n, j]·W[i, j]" + (bias == nil ? "" : " + b[i]")]
        for n in visibleIndices(rows, head: 2, tail: 1, all: all) {
            guard let n else { lines.append("  …"); continue }
            for i in visibleIndices(outFeatures, head: StepLayout.headChannels, tail: 1, all: all) {
                guard let i else { lines.append("  …"); continue }
                let name = "y" + GradientSum.index(n * outFeatures + i, shape: y.shape, compact: false)
                lines.append(GradientSum.line(name, count: inFeatures + (bs == nil ? 0 : 1), all: all, value: ys[n * outFeatures + i]) { j in
                    guard j < inFeatures else { return ("b[\(i)]", N.term(bs?[i] ?? 0)) }
                    return ("x" + GradientSum.index(n * inFeatures + j, shape: x.shape, compact: false) + "·W[\(i), \(j)]",
                            N.term(xs[n * inFeatures + j]) + "·" + N.term(ws[i * inFeatures + j]))
                })
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
