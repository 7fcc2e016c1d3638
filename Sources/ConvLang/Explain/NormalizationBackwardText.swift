import ConvAutograd
import ConvNumerics

/// The backward step of a batch norm or a layer norm, `y = γ·x̂ + β` with `x̂ = (x − mean) /
/// √(var + eps)` per group (a channel over the batch; a row of the normalised dimensions): the
/// statistics and `x̂` of each group, `γ`'s gradient as the sum of `g·x̂` and `β`'s as the sum of
/// `g` over the elements each scaled, then the input's gradient by its formula, with the
/// numbers of one element, and every element's value.
struct NormalizationBackwardText {
    private let step: BackwardStep
    private let record: NormalizationRecord
    private let title: String
    private let sources: BackwardSources
    private let all: Bool
    private let xs: [Double], g: [Double], xhat: [Double], deviations: [Double]
    /// The flat elements of each group, and those each affine entry scales.
    private let members: [[Int]], scaled: [[Int]]

    private typealias N = ExplanationNumbers

    init?(_ step: BackwardStep, title: String, sources: BackwardSources, all: Bool) {
        guard case .normalization(let record)? = step.record, step.upstream.count == record.input.count else { return nil }
        (self.step, self.record, self.title, self.sources, self.all) = (step, record, title, sources, all)
        xs = record.input.scalars
        g = step.upstream.scalars
        let means = record.mean.scalars
        deviations = record.variance.scalars.map { ($0 + record.eps).squareRoot() }
        var members = [[Int]](repeating: [], count: means.count)
        var scaled = [[Int]](repeating: [], count: (record.weight ?? record.bias)?.count ?? 0)
        var xhat = [Double](repeating: 0, count: xs.count)
        for i in xs.indices {
            let group = record.group(of: i)
            guard group < means.count else { return nil }
            members[group].append(i)
            let a = record.affine(of: i)
            if a < scaled.count { scaled[a].append(i) }
            xhat[i] = (xs[i] - means[group]) / deviations[group]
        }
        (self.members, self.scaled, self.xhat) = (members, scaled, xhat)
    }

    private var isBatchNorm: Bool { if case .channels = record.layout { true } else { false } }
    private var groupNoun: String { isBatchNorm ? "channel" : "row" }

    func render() -> [String] {
        heading + [""] + statistics + [""] + upstream + [""] + affineSection(weight: true) + affineSection(weight: false)
            + [""] + inputSection
    }

    // MARK: - Forward

    private var heading: [String] {
        let operands = [sources.describe(0, role: "x")] + (record.weight == nil ? [] : [sources.describe(1, role: "γ")])
            + (record.bias == nil ? [] : [sources.describe(record.weight == nil ? 1 : 2, role: "β")])
        let affine = (record.weight == nil ? "" : "γ·") + "x̂" + (record.bias == nil ? "" : " + β")
        let size = members.first?.count ?? 0
        let over = isBatchNorm ? "one mean and variance per channel, over the batch" + (record.input.rank == 3 ? " and the length" : "")
            : "one mean and variance per row of the last " + (layerRank == 1 ? "dimension" : "\(layerRank) dimensions")
        return ["\(title): a \(isBatchNorm ? "batch" : "layer") norm y = \(affine) with x̂ = (x − mean)/√(var + eps) ("
                    + operands.joined(separator: ", ") + ")",
                "\(over): \(N.count(size, "value")) each, eps = \(N.number(record.eps))"]
    }

    /// The dimensions a layer norm normalises over: those whose extents multiply to a group's size.
    private var layerRank: Int {
        guard case .rows(let size) = record.layout else { return 1 }
        var product = 1, rank = 0
        for extent in record.input.shape.reversed() where product < size {
            product *= extent
            rank += 1
        }
        return Swift.max(rank, 1)
    }

    private var statistics: [String] {
        let source = record.usesInputStatistics
            ? "the input's own statistics (biased variance), so the input's gradient flows through them too:"
            : "the running statistics (evaluation mode): constants, so the input's gradient is ĝ/√(var + eps) alone:"
        var lines = ["normalised by " + source]
        let (mean, variance) = (record.mean.scalars, record.variance.scalars)
        for group in visibleIndices(members.count, head: StepLayout.headChannels, tail: 1, all: all) {
            guard let group else { lines.append("  …"); continue }
            lines.append("  \(groupNoun) \(group): mean = \(N.number(mean[group])), var = \(N.number(variance[group])), "
                         + "√(var + eps) = \(N.number(deviations[group])); x̂ = " + BackwardValues.list(members[group].map { xhat[$0] }, all: all))
        }
        return lines
    }

    private var upstream: [String] {
        ["upstream gradient g = ∂L/∂y = " + BackwardValues.summary(step.upstream, all: all)]
    }

    // MARK: - γ and β

    private func affineSection(weight: Bool) -> [String] {
        let symbol = weight ? "γ" : "β"
        let index = weight ? 1 : (record.weight == nil ? 1 : 2)
        guard let shape = (weight ? record.weight : record.bias)?.shape else { return [] }
        guard index < step.gradients.count, let gradient = step.gradients[index]?.scalars else {
            return ["\(symbol) gradient: \(sources.describe(index, role: symbol)) needs no gradient (it does not require grad)"]
        }
        let each = isBatchNorm ? "every element of its channel" : "the same position of every row"
        var lines = [weight ? "γ gradient: γ[k] scaled x̂ of \(each), so ∂L/∂γ[k] = Σ g·x̂ over them"
                            : "β gradient: β[k] was added to \(each), so ∂L/∂β[k] = Σ g over them"]
        for a in visibleIndices(scaled.count, head: StepLayout.headChannels, tail: 1, all: all) {
            guard let a else { lines.append("  …"); continue }
            let elements = scaled[a]
            let name = "∂L/∂\(symbol)" + GradientSum.index(a, shape: shape, compact: false)
            lines.append(GradientSum.line(name, count: elements.count, all: all, value: gradient[a]) { k in
                let i = elements[k]
                return weight ? (gName(i) + "·x̂" + at(i), N.term(g[i]) + "·" + N.term(xhat[i])) : (gName(i), N.term(g[i]))
            })
        }
        return lines
    }

    // MARK: - Input

    private var inputSection: [String] {
        guard let gradient = step.gradients.first??.scalars, let first = members.first?.first else {
            return ["input gradient: \(sources.describe(0, role: "x")) needs no gradient (it does not require grad)"]
        }
        let group = record.group(of: first)
        let elements = members[group]
        let gamma = record.weight?.scalars
        let ghat = { (i: Int) -> Double in g[i] * (gamma?[record.affine(of: i)] ?? 1) }
        let ghatText = gamma == nil ? "ĝ = g" : "ĝ = g·γ"
        let sigma = N.number(deviations[group])
        guard record.usesInputStatistics else {
            return ["input gradient: with \(ghatText), ∂L/∂x = ĝ/√(var + eps)",
                    "  ∂L/∂x\(at(first)) = \(N.term(ghat(first)))/\(sigma) = \(N.number(gradient[first]))",
                    "  every element: ∂L/∂x = " + BackwardValues.summary(step.gradients[0] ?? step.upstream, all: all)]
        }
        let count = Double(elements.count)
        let meanGhat = elements.reduce(0) { $0 + ghat($1) } / count
        let meanGhatXhat = elements.reduce(0) { $0 + ghat($1) * xhat[$1] } / count
        return ["input gradient: with \(ghatText) and means over the element's \(groupNoun) (m = \(elements.count)), "
                    + "∂L/∂x = (ĝ − mean(ĝ) − x̂·mean(ĝ·x̂))/√(var + eps)",
                "  for x\(at(first)) (\(groupNoun) \(group)): ĝ = \(N.number(ghat(first))), x̂ = \(N.number(xhat[first])), "
                    + "mean(ĝ) = \(N.number(meanGhat)), mean(ĝ·x̂) = \(N.number(meanGhatXhat))",
                "  ∂L/∂x\(at(first)) = (\(N.number(ghat(first))) − \(N.term(meanGhat)) − \(N.term(xhat[first]))·\(N.term(meanGhatXhat)))"
                    + "/\(sigma) = \(N.number(gradient[first]))",
                "  every element: ∂L/∂x = " + BackwardValues.summary(step.gradients[0] ?? step.upstream, all: all)]
    }

    // MARK: - Names

    private func at(_ i: Int) -> String { GradientSum.index(i, shape: record.input.shape, compact: false) }
    private func gName(_ i: Int) -> String { "g" + at(i) }
}
