import ConvAutograd
import ConvNumerics

/// The backward step of `F.linear` / `nn.Linear`, `y = x·Wᵀ + b` over the rows of `x`: each
/// weight's gradient is the sum over the rows of `g·x` (`∂L/∂W = gᵀ·x`), the bias's the sum of
/// `g`, and the input's `g·W`, every element as its sum with numbers; long sums, rows and
/// features show their first and last ones.
struct LinearBackwardText {
    private let step: BackwardStep
    private let title: String
    private let sources: BackwardSources
    private let all: Bool
    private let x: Tensor, weight: Tensor, hasBias: Bool
    /// Rows of `x` (every dimension but the last), features in and out.
    private let rows: Int, inFeatures: Int, outFeatures: Int
    private let g: [Double], xs: [Double], ws: [Double]

    private typealias N = ExplanationNumbers

    init?(_ step: BackwardStep, title: String, sources: BackwardSources, all: Bool) {
        guard case .linear(let input, let weight, let bias)? = step.record, weight.rank == 2,
              let features = input.shape.last, features == weight.shape[1], features > 0 else { return nil }
        (self.step, self.title, self.sources, self.all) = (step, title, sources, all)
        (x, self.weight, hasBias) = (input, weight, bias != nil)
        (inFeatures, outFeatures) = (features, weight.shape[0])
        rows = input.count / features
        (g, xs, ws) = (step.upstream.scalars, input.scalars, weight.scalars)
        guard g.count == rows * outFeatures else { return nil }
    }

    func render() -> [String] {
        heading + [""] + upstream + [""] + weightSection + biasSection + [""] + inputSection
    }

    private var heading: [String] {
        let operands = [sources.describe(0, role: "x"), sources.describe(1, role: "W")] + (hasBias ? [sources.describe(2, role: "b")] : [])
        let rowText = x.rank == 1 ? "one row" : N.count(rows, "row")
        return ["\(title): a linear layer y = x·Wᵀ" + (hasBias ? " + b" : "") + " (" + operands.joined(separator: ", ") + ")",
                "x of shape \(x.shape) (\(rowText) of \(N.count(inFeatures, "feature"))) → y of shape \(step.upstream.shape); "
                    + "each y[n, i] = Σ_j x[n, j]·W[i, j]" + (hasBias ? " + b[i]" : "")]
    }

    private var upstream: [String] {
        var lines = ["upstream gradient g = ∂L/∂y, one row per row of x:"]
        for n in visibleIndices(rows, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all) {
            guard let n else { lines.append("  …"); continue }
            let row = Array(g[(n * outFeatures)..<((n + 1) * outFeatures)])
            lines.append("  g" + (x.rank == 1 ? "" : rowIndex(n)) + " = " + BackwardValues.list(row, all: all))
        }
        return lines
    }

    // MARK: - Weight and bias

    private var weightSection: [String] {
        guard let gradient = gradient(1) else { return ["weight gradient: \(sources.describe(1, role: "W")) needs no gradient (it does not require grad)"] }
        var lines = ["weight gradient: W[i, j] multiplied x[n, j] into y[n, i] for every row n, so ∂L/∂W[i, j] = Σ_n g[n, i]·x[n, j] (∂L/∂W = gᵀ·x)"]
        for i in visibleIndices(outFeatures, head: StepLayout.headChannels, tail: 1, all: all) {
            guard let i else { lines.append("  …"); continue }
            for j in visibleIndices(inFeatures, head: StepLayout.headTaps, tail: 1, all: all) {
                guard let j else { lines.append("  …"); continue }
                lines.append(GradientSum.line("∂L/∂W[\(i), \(j)]", count: rows, all: all, value: gradient[i * inFeatures + j]) { n in
                    (gName(n, i) + "·" + xName(n, j), N.term(g[n * outFeatures + i]) + "·" + N.term(xs[n * inFeatures + j]))
                })
            }
        }
        return lines
    }

    private var biasSection: [String] {
        guard hasBias else { return [] }
        guard let gradient = gradient(2) else { return ["bias gradient: \(sources.describe(2, role: "b")) needs no gradient (it does not require grad)"] }
        var lines = ["bias gradient: b[i] was added to y[n, i] for every row n, so ∂L/∂b[i] = Σ_n g[n, i]"]
        for i in visibleIndices(outFeatures, head: StepLayout.headChannels, tail: 1, all: all) {
            guard let i else { lines.append("  …"); continue }
            lines.append(GradientSum.line("∂L/∂b[\(i)]", count: rows, all: all, value: gradient[i]) { n in
                (gName(n, i), N.term(g[n * outFeatures + i]))
            })
        }
        return lines
    }

    // MARK: - Input

    private var inputSection: [String] {
        guard let gradient = gradient(0) else { return ["input gradient: \(sources.describe(0, role: "x")) needs no gradient (it does not require grad)"] }
        var lines = ["input gradient: x[n, j] reached every y[n, i] through W[i, j], so ∂L/∂x[n, j] = Σ_i g[n, i]·W[i, j] (∂L/∂x = g·W)"]
        for n in visibleIndices(rows, head: 2, tail: 1, all: all) {
            guard let n else { lines.append("  …"); continue }
            for j in visibleIndices(inFeatures, head: StepLayout.headTaps, tail: 1, all: all) {
                guard let j else { lines.append("  …"); continue }
                lines.append(GradientSum.line("∂L/∂" + xName(n, j), count: outFeatures, all: all, value: gradient[n * inFeatures + j]) { i in
                    (gName(n, i) + "·W[\(i), \(j)]", N.term(g[n * outFeatures + i]) + "·" + N.term(ws[i * inFeatures + j]))
                })
            }
        }
        return lines
    }

    // MARK: - Names

    private func gradient(_ index: Int) -> [Double]? {
        index < step.gradients.count ? step.gradients[index]?.scalars : nil
    }

    /// `[0]` or `[1, 2]`: row `n` of `x` by its leading indices.
    private func rowIndex(_ n: Int) -> String {
        GradientSum.index(n, shape: Array(x.shape.dropLast()), compact: false)
    }

    private func xName(_ n: Int, _ j: Int) -> String {
        "x" + GradientSum.index(n * inFeatures + j, shape: x.shape, compact: false)
    }

    private func gName(_ n: Int, _ i: Int) -> String {
        "g" + GradientSum.index(n * outFeatures + i, shape: step.upstream.shape, compact: false)
    }
}
