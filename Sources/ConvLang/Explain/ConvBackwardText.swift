import ConvNumerics

/// Lays a ``ConvBackwardExplanation`` out as text: the settings, the upstream gradient, the
/// input as the kernel saw it, then each weight's gradient as the sum of upstream-gradient ×
/// input products over the positions that weight touched, the bias's as the sum of the
/// upstream gradient, and the input's as the upstream gradient scattered back through the
/// kernel (a transposed convolution of g with w).
struct ConvBackwardText {
    let e: ConvBackwardExplanation
    let title: String
    let sources: BackwardSources
    let all: Bool

    init(_ explanation: ConvBackwardExplanation, title: String, sources: BackwardSources, all: Bool) {
        (e, self.title, self.sources, self.all) = (explanation, title, sources, all)
    }

    private typealias N = ExplanationNumbers
    private var geometry: ConvExplanation { e.geometry }

    func render() -> [String] {
        heading + [""] + upstreamSection + [""] + inputSection + [""] + weightSection + biasSection + [""] + inputGradientSection
    }

    // MARK: - Heading

    private var heading: [String] {
        // With a padding mode the conv read a padded copy; x is what that copy was made from.
        let input = e.paddingStep.map {
            BackwardSources(step: $0, recorder: sources.recorder, names: sources.names).describe(0, role: "x")
        } ?? sources.describe(0, role: "x")
        let operands = [input, sources.describe(1, role: "w")]
            + (geometry.bias == nil ? [] : [sources.describe(2, role: "b")])
        var settings = "L=\(e.inputLength), k=\(e.kernelSize), s=\(geometry.stride), p=\(paddingText), d=\(geometry.dilation), g=\(e.groups)"
        if geometry.paddingMode != .zeros { settings += ", mode=\"\(geometry.paddingMode.rawValue)\"" }
        var lines = ["\(title): a convolution y = conv1d(" + operands.joined(separator: ", ") + ")",
                     "settings: \(settings) → L_out = \(e.outputLength)"]
        if e.batch > 1 {
            lines.append("a batch of \(e.batch) items: the weight and bias gradients sum over every item; the input gradient is shown for item 0")
        }
        if let channels = ExplanationHeading.channelsLine(inChannels: e.inChannels, outChannels: e.outChannels, groups: e.groups,
                                                         inChannelsPerGroup: e.inChannelsPerGroup, sums: "sums over") {
            lines.append(channels)
        }
        return lines
    }

    private var paddingText: String {
        geometry.left == geometry.right ? "\(geometry.left)" : "(\(geometry.left), \(geometry.right))"
    }

    // MARK: - Upstream and input

    private var upstreamSection: [String] {
        var lines = ["upstream gradient g = ∂L/∂y, one per output position:"]
        for n in visibleIndices(e.batch, head: 2, tail: 1, all: all) {
            guard let n else { lines.append("  …"); continue }
            for o in visibleIndices(e.outChannels, head: StepLayout.headChannels, tail: 1, all: all) {
                guard let o else { lines.append("  …"); continue }
                let name = indexParts(n: n, o: o).isEmpty ? "g" : "g" + index(indexParts(n: n, o: o))
                lines.append("  \(name) = " + row(e.upstream[n][o]))
            }
        }
        return lines
    }

    private var inputSection: [String] {
        let sentence = geometry.left > 0 || geometry.right > 0 ? " (padding drawn in ( ); it is not part of the input)" : ""
        var lines = ["the input as the kernel saw it" + (e.batch > 1 ? ", item 0" : "") + sentence + ":"]
        let columns = Columns(count: geometry.paddedLength, widest: StepLayout.widestRow, all: all)
        let width = (0..<geometry.paddedLength).reduce(3) { widest, p in
            (0..<Swift.min(e.inChannels, StepLayout.headChannels)).reduce(widest) { Swift.max($0, cell($1, p).count + 2) }
        }
        lines.append("  " + StepLayout.label("position") + columns.render(width: width) { "\($0)" })
        lines.append("  " + StepLayout.label("x index") + columns.render(width: width) { p in
            guard let source = geometry.padded[0][p].sourceIndex else { return "–" }
            return geometry.isPadding(p) ? "(\(source))" : "\(source)"
        })
        for c in visibleIndices(e.inChannels, head: StepLayout.headChannels, tail: 1, all: all) {
            guard let c else { lines.append("  …"); continue }
            lines.append("  " + StepLayout.label(e.inChannels == 1 ? "value" : "c\(c) value") + columns.render(width: width) { cell(c, $0) })
        }
        return lines
    }

    /// Item 0's value at padded position `p`, padding in parentheses.
    private func cell(_ c: Int, _ p: Int) -> String {
        let text = N.number(geometry.padded[c][p].value)
        return geometry.isPadding(p) ? "(\(text))" : text
    }

    // MARK: - Weight and bias

    private var weightSection: [String] {
        guard let gradient = e.weightGradient else {
            return ["weight gradient: \(sources.describe(1, role: "w")) needs no gradient (it does not require grad)"]
        }
        var lines = ["weight gradient: tap j of the kernel met xpad[i·s + j·d] at every output i, so "
                     + weightName(o: nil, c: nil, j: nil) + " = Σ_i g_i·xpad[i·s + j·d]" + (e.batch > 1 ? ", summed over the items" : "")]
        // Channels × channels × taps lines grow fast: fewer of each than the forward shows.
        for o in visibleIndices(e.outChannels, head: 2, tail: 1, all: all) {
            guard let o else { lines.append("  …"); continue }
            let first = e.inputChannels(ofOutput: o).lowerBound
            for c in visibleIndices(e.inChannelsPerGroup, head: 2, tail: 1, all: all) {
                guard let c else { lines.append("  …"); continue }
                for j in visibleIndices(e.kernelSize, head: StepLayout.headTaps, tail: 1, all: all) {
                    guard let j else { lines.append("  …"); continue }
                    lines += weightLines(o: o, local: c, channel: first + c, tap: j, value: gradient[o][c][j])
                }
            }
        }
        return lines
    }

    private func weightLines(o: Int, local: Int, channel c: Int, tap j: Int, value: Double) -> [String] {
        let name = weightName(o: o, c: local, j: j)
        guard e.batch > 1 else {
            let (symbols, numbers, _) = weightSum(n: 0, o: o, c: c, j: j)
            return ["  \(name) = \(symbols) = \(numbers) = \(N.number(value))"]
        }
        let items = visibleIndices(e.batch, head: 2, tail: 1, all: all)
        let subtotals = items.map { $0.map { weightSum(n: $0, o: o, c: c, j: j).total } }
        let names = items.map { $0.map { "item \($0)" } ?? "…" }.joined(separator: " + ")
        let numbers = subtotals.map { $0.map(N.term) ?? "…" }.joined(separator: " + ")
        var lines = ["  \(name) = \(names) = \(numbers) = \(N.number(value))"]
        for n in items {
            guard let n else { continue }
            let (symbols, products, total) = weightSum(n: n, o: o, c: c, j: j)
            lines.append("    item \(n): \(symbols) = \(products) = \(N.number(total))")
        }
        return lines
    }

    /// `g0·(0) + g1·x[1]`, `(−1.9)·0 + (−3.4)·3` and their sum, for item `n`.
    private func weightSum(n: Int, o: Int, c: Int, j: Int) -> (String, String, total: Double) {
        let terms = e.weightTerms(item: n, output: o, channel: c, tap: j)
        var symbols: [String] = [], numbers: [String] = []
        for index in visibleIndices(terms.count, head: StepLayout.headTaps, tail: 2, all: all) {
            guard let index else { symbols.append("…"); numbers.append("…"); continue }
            let term = terms[index]
            symbols.append(gName(n: n, o: o, i: term.i) + "·" + xName(n: n, c: c, position: term.position))
            numbers.append(N.term(term.g) + "·" + N.term(term.x))
        }
        return (symbols.joined(separator: " + "), numbers.joined(separator: " + "), terms.reduce(0) { $0 + $1.g * $1.x })
    }

    private var biasSection: [String] {
        guard geometry.bias != nil else { return [] }
        guard let gradient = e.biasGradient else {
            return ["bias gradient: \(sources.describe(2, role: "b")) needs no gradient (it does not require grad)"]
        }
        var lines = ["bias gradient: b[o] was added to every output of its channel, so ∂L/∂b[o] = Σ_i g_i" + (e.batch > 1 ? " over every item" : "")]
        for o in visibleIndices(e.outChannels, head: StepLayout.headChannels, tail: 1, all: all) {
            guard let o else { lines.append("  …"); continue }
            var symbols: [String] = [], numbers: [String] = []
            let count = e.batch * e.outputLength
            for index in visibleIndices(count, head: StepLayout.headTaps, tail: 2, all: all) {
                guard let index else { symbols.append("…"); numbers.append("…"); continue }
                let (n, i) = index.quotientAndRemainder(dividingBy: e.outputLength)
                symbols.append(gName(n: n, o: o, i: i))
                numbers.append(N.term(e.upstream[n][o][i]))
            }
            let name = e.outChannels == 1 ? "∂L/∂b" : "∂L/∂b[\(o)]"
            lines.append("  \(name) = " + symbols.joined(separator: " + ") + " = " + numbers.joined(separator: " + ")
                         + " = " + N.number(gradient[o]))
        }
        return lines
    }

    // MARK: - Input

    private var inputGradientSection: [String] {
        guard let gradient = e.inputGradient else {
            return ["input gradient: \(sources.describe(0, role: "x")) needs no gradient (it does not require grad)"]
        }
        var lines = ["input gradient: the transposed convolution of g with w (stride \(geometry.stride)): output i sends g_i·w[j] back "
                     + "to the position i·s + j·d that tap j read, and each x[t] sums what reached it"
                     + (e.batch > 1 ? " (item 0; every other item the same way with its own g)" : "")]
        for c in visibleIndices(e.inChannels, head: StepLayout.headChannels, tail: 1, all: all) {
            guard let c else { lines.append("  …"); continue }
            let shares = e.shares(item: 0, channel: c)
            for t in visibleIndices(e.inputLength, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all) {
                guard let t else { lines.append("  …"); continue }
                lines += inputLines(channel: c, element: t, shares: shares, value: gradient[0][c][t])
            }
            lines += droppedLines(channel: c, shares: shares)
        }
        return lines
    }

    private func inputLines(channel c: Int, element t: Int, shares: [[ConvBackwardExplanation.Share]], value: Double) -> [String] {
        let positions = (0..<geometry.paddedLength).filter { geometry.padded[c][$0].sourceIndex == t }
        let reaching = positions.flatMap { shares[$0] }
        let name = "∂L/∂" + xSymbol(n: 0, c: c, t: t)
        guard !reaching.isEmpty else {
            let reason = geometry.windows.unused.first { $0.position == t + geometry.left }
                .map { ": " + geometry.windows.unusedReason($0.reason, mover: "kernel") } ?? ""
            return ["  \(name) = \(N.number(value)): no tap read \(xSymbol(n: 0, c: c, t: t))\(reason)"]
        }
        var symbols: [String] = [], numbers: [String] = []
        for index in visibleIndices(reaching.count, head: StepLayout.headTaps, tail: 2, all: all) {
            guard let index else { symbols.append("…"); numbers.append("…"); continue }
            let share = reaching[index]
            symbols.append(gName(n: 0, o: share.output, i: share.step) + "·" + wName(o: share.output, c: c, j: share.tap))
            numbers.append(N.term(share.g) + "·" + N.term(share.w))
        }
        var lines = ["  \(name) = " + symbols.joined(separator: " + ") + " = " + numbers.joined(separator: " + ") + " = " + N.number(value)]
        let copies = positions.filter { geometry.isPadding($0) && !shares[$0].isEmpty }
        if !copies.isEmpty {
            lines.append("    (with the shares of the padding " + (copies.count == 1 ? "copy at position " : "copies at positions ")
                         + N.series(copies.map(String.init)) + ", which copied \(xSymbol(n: 0, c: c, t: t)))")
        }
        return lines
    }

    /// The zero padding's shares, which no input element receives.
    private func droppedLines(channel c: Int, shares: [[ConvBackwardExplanation.Share]]) -> [String] {
        let zeros = (0..<geometry.paddedLength).filter { geometry.isPadding($0) && geometry.padded[c][$0].sourceIndex == nil }
        guard !zeros.isEmpty else { return [] }
        let described = zeros.prefix(StepLayout.headChannels).map { p -> String in
            let got = shares[p]
            guard !got.isEmpty else { return "position \(p) gets nothing" }
            let terms = got.prefix(StepLayout.headTaps).map { gName(n: 0, o: $0.output, i: $0.step) + "·" + wName(o: $0.output, c: c, j: $0.tap) }
            return "position \(p) gets " + terms.joined(separator: " + ") + (got.count > StepLayout.headTaps ? " + …" : "")
        }
        let more = zeros.count > StepLayout.headChannels ? ", …" : ""
        return ["  the zero padding is not part of the input, so its shares are dropped: " + described.joined(separator: "; ") + more]
    }

    // MARK: - Names

    private func indexParts(n: Int, o: Int) -> [Int] {
        (e.batch > 1 ? [n] : []) + (e.outChannels > 1 ? [o] : [])
    }

    private func index(_ parts: [Int]) -> String { "[" + parts.map(String.init).joined(separator: ", ") + "]" }

    /// `g1`, or `g[0, 2, 1]` with a batch or several output channels.
    private func gName(n: Int, o: Int, i: Int) -> String {
        let parts = indexParts(n: n, o: o)
        return parts.isEmpty ? "g\(i)" : "g" + index(parts + [i])
    }

    /// `x[2]`, `x[0, 1, 2]`: an input element.
    private func xSymbol(n: Int, c: Int, t: Int) -> String {
        "x" + index((e.batch > 1 ? [n] : []) + (e.inChannels > 1 ? [c] : []) + [t])
    }

    /// The value tap read at padded `position`: the input element, `(0)` for zero padding, or
    /// `(x[1])` for a padding copy.
    private func xName(n: Int, c: Int, position p: Int) -> String {
        let row = n == 0 ? geometry.padded[c] : e.padded(item: n, channel: c)
        guard p < row.count, let source = row[p].sourceIndex else { return "(0)" }
        let symbol = xSymbol(n: n, c: c, t: source)
        return geometry.isPadding(p) ? "(\(symbol))" : symbol
    }

    private var weightIsSingle: Bool { e.outChannels == 1 && e.inChannelsPerGroup == 1 }

    /// `w1`, or `w[o, c, j]` (c within the group of o).
    private func wName(o: Int, c: Int, j: Int) -> String {
        weightIsSingle ? "w\(j)" : "w[\(o), \(c - e.inputChannels(ofOutput: o).lowerBound), \(j)]"
    }

    /// `∂L/∂w[1]`, `∂L/∂w[0, 1, 2]`, or the general `∂L/∂w[j]` / `∂L/∂w[o, c, j]`.
    private func weightName(o: Int?, c: Int?, j: Int?) -> String {
        let tap = j.map(String.init) ?? "j"
        if weightIsSingle { return "∂L/∂w[\(tap)]" }
        return "∂L/∂w[\(o.map(String.init) ?? "o"), \(c.map(String.init) ?? "c"), \(tap)]"
    }

    private func row(_ values: [Double]) -> String {
        let shown = visibleIndices(values.count, head: BackwardValues.headElements, tail: BackwardValues.tailElements, all: all)
        return "[" + shown.map { $0.map { N.number(values[$0]) } ?? "…" }.joined(separator: ", ") + "]"
    }
}
