import ConvAutograd
import ConvNumerics

/// `explain bn(x)` for a `BatchNorm1d` or `LayerNorm`: per group (a channel over the batch, or
/// a row of the normalised dimensions) the mean and variance with their numbers (or the
/// running statistics in evaluation), the normalised values `x̂ = (x − mean)/√(var + eps)`,
/// then the affine `y = γ·x̂ + β`.
struct NormalizationExplanation {
    let layer: String
    let record: NormalizationRecord
    let y: Tensor
    /// For a batch norm in training: the momentum its running statistics move by (`nil`: a
    /// cumulative average), or nothing when it keeps none.
    let runningUpdate: String?
    let all: Bool

    private typealias N = ExplanationNumbers

    private var isBatchNorm: Bool { if case .channels = record.layout { true } else { false } }

    func render() -> String {
        let (xs, ys) = (record.input.scalars, y.scalars)
        let (means, variances) = (record.mean.scalars, record.variance.scalars)
        let noun = isBatchNorm ? "channel" : "row"
        var groups = [[Int]](repeating: [], count: means.count)
        for i in xs.indices where record.group(of: i) < groups.count { groups[record.group(of: i)].append(i) }
        let source = record.usesInputStatistics
            ? (isBatchNorm ? "training, so each channel is normalised by the batch's own mean and (biased) variance"
                           : "each row is normalised by its own mean and (biased) variance")
            : "evaluation, so each channel is normalised by the running statistics"
        var lines = ["explain \(layer): \(source); eps = \(N.number(record.eps))",
                     "x̂ = (x − mean)/√(var + eps), then y = " + affineText]
        for group in visibleIndices(groups.count, head: StepLayout.headChannels, tail: 1, all: all) {
            guard let group else { lines.append("  …"); continue }
            let members = groups[group]
            let values = members.map { xs[$0] }
            lines.append("  \(noun) \(group): x = " + BackwardValues.list(values, all: all))
            let (mean, variance) = (means[group], variances[group])
            if record.usesInputStatistics {
                let count = members.count
                lines.append("    mean = (" + elided(values.map(N.term), separator: " + ") + ")/\(count) = " + N.number(mean))
                lines.append("    var = (" + elided(values.map { "(\(N.number($0)) − \(N.term(mean)))²" }, separator: " + ")
                             + ")/\(count) = " + N.number(variance))
            } else {
                lines.append("    running_mean = \(N.number(mean)), running_var = \(N.number(variance))")
            }
            let deviation = (variance + record.eps).squareRoot()
            lines.append("    x̂ = (x − \(N.term(mean)))/√(\(N.number(variance)) + \(N.number(record.eps))) = (x − \(N.term(mean)))/\(N.number(deviation)) = "
                         + BackwardValues.list(values.map { ($0 - mean) / deviation }, all: all))
            lines.append("    y = " + affineNumbers(members) + " = " + BackwardValues.list(members.map { ys[$0] }, all: all))
        }
        if let runningUpdate { lines.append(runningUpdate) }
        return lines.joined(separator: "\n") + "\n"
    }

    private var affineText: String {
        (record.weight == nil ? "x̂" : "γ·x̂") + (record.bias == nil ? "" : " + β")
            + (record.weight == nil && record.bias == nil ? " (no affine weights)" : "")
    }

    /// `2·x̂ + 0.5` for a channel (one γ and β), or `γ·x̂ + β` with γ and β listed for a row.
    private func affineNumbers(_ members: [Int]) -> String {
        let (gamma, beta) = (record.weight?.scalars, record.bias?.scalars)
        guard gamma != nil || beta != nil else { return "x̂" }
        if isBatchNorm, let first = members.first {
            let a = record.affine(of: first)
            return (gamma.map { N.term($0[a]) + "·x̂" } ?? "x̂") + (beta.map { " + " + N.term($0[a]) } ?? "")
        }
        let given = [gamma.map { "γ = " + BackwardValues.list($0, all: all) }, beta.map { "β = " + BackwardValues.list($0, all: all) }]
        return affineText + " (" + given.compactMap { $0 }.joined(separator: ", ") + ")"
    }

    private func elided(_ items: [String], separator: String) -> String {
        AdaptivePoolExplanation.elided(items, all: all, separator: separator)
    }

    /// Each group's mean and biased variance of `x` under `layout`, as the forward computes
    /// them from the input (in Double; the explanation shows 8 digits).
    static func statistics(of x: Tensor, layout: NormalizationRecord.Layout, groups: Int) -> (mean: Tensor, variance: Tensor) {
        let probe = NormalizationRecord(layout: layout, input: x, weight: nil, bias: nil, mean: x, variance: x, eps: 0,
                                        usesInputStatistics: true)
        let values = x.scalars
        var sums = [Double](repeating: 0, count: groups), counts = [Int](repeating: 0, count: groups)
        for i in values.indices where probe.group(of: i) < groups {
            sums[probe.group(of: i)] += values[i]
            counts[probe.group(of: i)] += 1
        }
        let means = zip(sums, counts).map { $1 == 0 ? Double.nan : $0 / Double($1) }
        var squares = [Double](repeating: 0, count: groups)
        for i in values.indices where probe.group(of: i) < groups {
            let d = values[i] - means[probe.group(of: i)]
            squares[probe.group(of: i)] += d * d
        }
        let variances = zip(squares, counts).map { $1 == 0 ? Double.nan : $0 / Double($1) }
        return (Tensor(means), Tensor(variances))
    }
}
