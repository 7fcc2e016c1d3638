/// Lays a ``TransposeExplanation`` out as text: settings and the output-length formula, the
/// scatter (each `x[i]` spreads `x[i]·w[j]` to position `i·s + j·d` of the full output), the
/// crop by `p` and `output_padding`, then each output element as the sum of what lands on it.
struct TransposeExplanationText {
    let explanation: TransposeExplanation
    let all: Bool
    let shapeOnly: Bool
    private let width: Int

    init(_ explanation: TransposeExplanation, all: Bool = false, shapeOnly: Bool = false) {
        self.explanation = explanation
        self.all = all
        self.shapeOnly = shapeOnly
        var widest = "\(Swift.max(explanation.fullLength, explanation.outputLength))".count
        for o in 0..<Swift.min(explanation.outChannels, StepLayout.headChannels) {
            for c in explanation.inputChannels(ofOutput: o) {
                for i in 0..<explanation.inputLength {
                    for landing in explanation.scatter(channel: c, index: i, output: o) {
                        widest = Swift.max(widest, ExplanationNumbers.number(landing.contribution.value * landing.contribution.weight).count)
                    }
                }
            }
        }
        width = widest + 2
    }

    private typealias N = ExplanationNumbers
    private var e: TransposeExplanation { explanation }

    func render() -> String {
        var lines = heading + [""] + lengthSection
        if shapeOnly { return lines.joined(separator: "\n") + "\n" }
        for o in visibleIndices(e.outChannels, head: StepLayout.headChannels, tail: 1, all: all) {
            guard let o else {
                lines += ["", ExplanationHeading.elidedChannels(
                    "output channels", head: StepLayout.headChannels, count: e.outChannels, computed: "computed")]
                continue
            }
            if e.outChannels > 1 {
                let over = channelsText(Array(e.inputChannels(ofOutput: o)))
                lines += ["", "output channel \(o): gathers from \(over)" + (e.bias.map { ", b[\(o)] = " + N.number($0[o]) } ?? "")]
            }
            lines += [""] + scatterSection(output: o) + [""] + cropSection + [""] + outputSection(output: o)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func channelsText(_ channels: [Int]) -> String {
        channels.count == 1 ? "input channel \(channels[0])" : "input channels \(channels[0])–\(channels[channels.count - 1])"
    }

    // MARK: - Settings and length

    private var heading: [String] {
        var lines = ["explain \(e.callee): " + operands]
        lines.append("settings: " + ["L=\(e.inputLength) (input length)", "k=\(e.kernelSize) (kernel size)", "s=\(e.stride) (stride)",
                                     "p=\(e.padding) (padding)", "output_padding=\(e.outputPadding)", "d=\(e.dilation) (dilation)",
                                     "g=\(e.groups) (groups)"].joined(separator: ", "))
        if let batchLine = ExplanationHeading.batchLine(e.batch, computed: "computed") { lines.append(batchLine) }
        if let channelsLine = ExplanationHeading.channelsLine(
            inChannels: e.inChannels, outChannels: e.outChannels, groups: e.groups,
            inChannelsPerGroup: e.inChannelsPerGroup, sums: "gathers from") { lines.append(channelsLine) }
        return lines
    }

    private var operands: String {
        let single = e.inChannels == 1 && e.outChannels == 1 && e.batch == 1
        let input = single && (all || e.inputLength <= 16) ? "x = " + N.list(e.inputs[0]) : "x of shape \(e.inputShape)"
        let weight = single ? "w = " + N.list(e.weights[0][0]) : "w of shape [\(e.inChannels), \(e.outChannelsPerGroup), \(e.kernelSize)]"
        return ExplanationHeading.operands(input: input, weight: weight, bias: e.bias)
    }

    private var lengthSection: [String] {
        ["output length:", "  L_out = (L−1)·s − 2·p + d·(k−1) + output_padding + 1",
         "  L_out = (\(e.inputLength)−1)·\(e.stride) − 2·\(e.padding) + \(e.dilation)·(\(e.kernelSize)−1) + \(e.outputPadding) + 1 = \(e.outputLength)"]
    }

    // MARK: - Scatter

    private func scatterSection(output o: Int) -> [String] {
        let channels = Array(e.inputChannels(ofOutput: o))
        var lines = ["scatter: each x[i] spreads x[i]·w[j] to position i·s + j·d of the full output, which has "
            + "(L−1)·s + d·(k−1) + 1 = (\(e.inputLength)−1)·\(e.stride) + \(e.dilation)·(\(e.kernelSize)−1) + 1 = \(N.count(e.fullLength, "position")):"]
        var rows: [(label: String, cell: (Int) -> String)] = []
        for c in channels.prefix(StepLayout.headChannels) {
            for i in visibleIndices(e.inputLength, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all) {
                let name = channels.count > 1 ? "c\(c) " : ""
                guard let i else { lines.append("  \(name)…"); rows.append((label: "…", cell: { _ in "" })); continue }
                let landings = e.scatter(channel: c, index: i, output: o)
                let shown = visibleIndices(landings.count, head: StepLayout.headTaps, tail: 2, all: all).map { j -> String in
                    guard let j else { return "…" }
                    let item = landings[j].contribution
                    let place = j == 0 ? "position \(landings[j].position)" : "\(landings[j].position)"
                    return "\(N.term(item.value))·\(N.term(item.weight)) = \(N.number(item.value * item.weight)) to \(place)"
                }
                lines.append("  \(name)x[\(i)] = \(N.number(e.inputs[c][i])) spreads " + shown.joined(separator: ", "))
                let byPosition = Dictionary(landings.map { ($0.position, N.number($0.contribution.value * $0.contribution.weight)) },
                                            uniquingKeysWith: { first, _ in first })
                rows.append((label: "\(name)x[\(i)]", cell: { byPosition[$0] ?? "" }))
            }
        }
        guard all || e.fullLength <= StepLayout.widestRow else { return lines }
        lines.append("  " + StepLayout.label("position") + Columns(count: e.fullLength, widest: e.fullLength, all: true).render(width: width) { "\($0)" })
        let columns = Columns(count: e.fullLength, widest: e.fullLength, all: true)
        lines += rows.map { ("  " + StepLayout.label($0.label) + columns.render(width: width, $0.cell)).trimmingTrailingSpaces }
        return lines
    }

    // MARK: - Crop

    private var cropSection: [String] {
        let right = e.padding - e.outputPadding
        var sentence = "crop: out[i] = full[i + \(e.padding)]" + (e.bias == nil ? "" : " + b") + "; "
        sentence += e.padding == 0 ? "p=0 cuts nothing on the left" : "p=\(e.padding) cuts \(N.count(e.padding, "position")) on the left"
        if e.outputPadding == 0 {
            sentence += e.padding == 0 ? " or the right" : " and \(e.padding) on the right"
        } else if right >= 0 {
            sentence += " and p − output_padding = \(e.padding) − \(e.outputPadding) = \(right) on the right "
                + "(output_padding=\(e.outputPadding) keeps \(N.count(e.outputPadding, "position")) that p would cut)"
        } else {
            sentence += ", and output_padding=\(e.outputPadding) adds \(N.count(-right, "position")) past the full output on the right, "
                + "where nothing lands (only the bias)"
        }
        var lines = [sentence]
        let count = Swift.max(e.fullLength, e.padding + e.outputLength)
        guard all || count <= StepLayout.widestRow else { return lines }
        let columns = Columns(count: count, widest: count, all: true)
        lines.append("  " + StepLayout.label("position") + columns.render(width: width) { "\($0)" })
        lines.append(("  " + StepLayout.label("out index") + columns.render(width: width) { position in
            let index = position - e.padding
            return index >= 0 && index < e.outputLength ? "\(index)" : "–"
        }).trimmingTrailingSpaces)
        return lines
    }

    // MARK: - Output elements

    private func outputSection(output o: Int) -> [String] {
        var lines = ["output (each element the sum of what lands on its position" + (e.bias == nil ? "" : ", plus the bias") + "):"]
        let channels = Array(e.inputChannels(ofOutput: o))
        for i in visibleIndices(e.outputLength, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all) {
            guard let i else { lines.append(StepLayout.hiddenSteps(total: e.outputLength)); continue }
            lines += element(i, output: o, channels: channels)
        }
        return lines
    }

    private func products(_ items: [TransposeExplanation.Contribution]) -> String {
        guard !items.isEmpty else { return "0" }
        return visibleIndices(items.count, head: StepLayout.headTaps, tail: 2, all: all).map { index in
            index.map { N.term(items[$0].value) + "·" + N.term(items[$0].weight) } ?? "…"
        }.joined(separator: " + ")
    }

    private func element(_ i: Int, output o: Int, channels: [Int]) -> [String] {
        let q = i + e.padding
        let contributions = e.contributions(output: o, fullPosition: q)
        let result = N.number(e.outputs[o][i])
        let biasSymbol = e.bias == nil ? "" : " + b"
        let biasTerm = e.bias.map { " + " + N.term($0[o]) } ?? ""
        let head = "  out[\(i)] = full[\(q)]\(biasSymbol)"
        let nothing = contributions.isEmpty
            ? (q >= e.fullLength ? "   (past the full output: nothing lands here)" : "   (nothing lands here)") : ""
        // With nothing landing and no bias, `= 0 = 0` would say nothing twice.
        if contributions.isEmpty, e.bias == nil { return ["\(head) = \(result)\(nothing)"] }
        guard channels.count > 1 else {
            return ["\(head) = \(products(contributions))\(biasTerm) = \(result)\(nothing)"]
        }
        let subtotals = channels.map { c in contributions.filter { $0.channel == c } }
        let sums = subtotals.map { N.term($0.reduce(0) { $0 + $1.value * $1.weight }) }.joined(separator: " + ")
        var lines = ["\(head) = \(channels.map { "c\($0)" }.joined(separator: " + "))\(biasSymbol) = \(sums)\(biasTerm) = \(result)\(nothing)"]
        for (c, items) in zip(channels, subtotals).prefix(StepLayout.headChannels) where !items.isEmpty {
            lines.append("    c\(c): \(products(items)) = \(N.number(items.reduce(0) { $0 + $1.value * $1.weight }))")
        }
        return lines
    }
}
