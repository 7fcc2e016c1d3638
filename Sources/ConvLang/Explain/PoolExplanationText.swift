/// Lays a ``PoolExplanation`` out as text, in the order conv's explanation uses: settings and
/// output length (with ceil mode's rule in words), the padded input, one step per output
/// element with its window drawn under the input, then what was never used.
struct PoolExplanationText {
    let explanation: PoolExplanation
    let all: Bool
    let shapeOnly: Bool
    /// One width for every drawn cell, so columns line up across rows and steps.
    private let width: Int

    init(_ explanation: PoolExplanation, all: Bool = false, shapeOnly: Bool = false) {
        self.explanation = explanation
        self.all = all
        self.shapeOnly = shapeOnly
        var widest = 3  // "max", the mark under the winning value
        for c in explanation.rows.indices {
            for position in 0..<explanation.drawnLength {
                widest = Swift.max(widest, Self.cell(explanation, c, position).count)
            }
        }
        width = widest + 2
    }

    private typealias N = ExplanationNumbers
    private var e: PoolExplanation { explanation }

    func render() -> String {
        var lines = heading + [""] + lengthSection
        if shapeOnly { return lines.joined(separator: "\n") + "\n" }
        lines += [""] + inputSection
        for c in visibleIndices(e.channels, head: StepLayout.headChannels, tail: 1, all: all) {
            guard let c else {
                lines += ["", ExplanationHeading.elidedChannels(
                    "channels", head: StepLayout.headChannels, count: e.channels, computed: "pooled")]
                continue
            }
            lines += [""] + stepsSection(channel: c)
        }
        lines += [""] + unusedSection
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Settings and length

    private var heading: [String] {
        let p = e.parameters
        var lines = ["explain \(e.callee): " + operand]
        var settings = ["L=\(e.inputLength) (input length)", "k=\(e.kernelSize) (window size)",
                        "s=\(e.stride) (stride\(p.stride == nil ? ", k by default" : ""))", "p=\(e.padding) (padding)"]
        if e.kind == .max { settings.append("d=\(e.dilation) (dilation)") }
        settings.append("ceil_mode=\(p.ceilMode)")
        if e.kind == .average { settings.append("count_include_pad=\(p.countIncludePad)") }
        lines.append("settings: " + settings.joined(separator: ", "))
        lines.append(e.kind == .max ? "each output element is the largest value in its window"
                                    : "each output element is the mean of its window")
        if let batchLine = ExplanationHeading.batchLine(e.batch, computed: "pooled") { lines.append(batchLine) }
        if e.channels > 1 {
            lines.append("\(N.count(e.channels, "channel")): each channel is pooled on its own, so there are \(e.channels) output channels")
        }
        return lines
    }

    private var operand: String {
        e.channels == 1 && e.batch == 1 && (all || e.inputLength <= 16) ? "x = " + N.list(e.rows[0]) : "x of shape \(e.inputShape)"
    }

    private var lengthSection: [String] {
        let formula = e.lengthFormula
        var lines = ["output length:", "  " + formula.symbolic, "  " + formula.substituted]
        if let sentence = ceilSentence { lines.append("  " + sentence) }
        return lines
    }

    /// PyTorch's ceil-mode rule, in words, when ceil_mode is on.
    private var ceilSentence: String? {
        guard e.parameters.ceilMode, let rounded = e.roundedLength else { return nil }
        var floor = e.lengthFormula
        floor.ceilMode = false
        let floorLength = floor.value ?? rounded
        let lastStart = (rounded - 1) * e.stride
        if e.droppedLastWindow {
            return "ceil_mode rounds up, but a last window must start inside the input or the left padding: window \(rounded) "
                + "would start at position \(lastStart) ≥ L + p = \(e.inputLength + e.padding), in the right padding, "
                + "so it is dropped and L_out = \(e.outputLength)"
        }
        guard rounded > floorLength else {
            return "ceil_mode changes nothing here: floor gives \(floorLength) too"
        }
        let hang = lastStart + e.windows.span - e.paddedLength
        let hangs = hang > 0 ? ", and hangs \(N.count(hang, "position")) past the end; what lies past the end does not count" : ""
        return "ceil_mode rounds up (floor would give \(floorLength)): the last window starts at position \(lastStart), "
            + "inside the \(lastStart < e.padding + e.inputLength ? "input" : "padding")\(hangs)"
    }

    // MARK: - The padded input

    private var inputSection: [String] {
        var lines = ["the input as the window sees it" + paddingSentence + ":"]
        let columns = Columns(count: e.drawnLength, widest: StepLayout.widestRow, all: all)
        lines.append("  " + StepLayout.label("position") + columns.render(width: width) { "\($0)" })
        lines.append("  " + StepLayout.label("x index") + columns.render(width: width) { position in
            if case .input(let index) = e.slot(position) { return "\(index)" }
            return "–"
        })
        for c in visibleIndices(e.channels, head: StepLayout.headChannels, tail: 1, all: all) {
            guard let c else { lines.append("  …"); continue }
            let name = e.channels == 1 ? "value" : "c\(c) value"
            lines.append("  " + StepLayout.label(name) + columns.render(width: width) { cell(c, $0) })
        }
        let past = e.drawnLength - e.paddedLength
        if past > 0 {
            lines.append("  (\(N.count(past, "position")) past the end, drawn ·, where only the last ceil-mode window reaches; nothing is there)")
        }
        return lines
    }

    private var paddingSentence: String {
        guard e.padding > 0 else { return " (no padding)" }
        let what = e.kind == .max ? "\(e.padding) −inf on each side, so it never wins" : "\(N.count(e.padding, "zero")) on each side"
        return " (padding: \(what); drawn in ( ), it is not part of the input)"
    }

    private func cell(_ channel: Int, _ position: Int) -> String { Self.cell(e, channel, position) }

    private static func cell(_ e: PoolExplanation, _ channel: Int, _ position: Int) -> String {
        guard let value = e.value(channel: channel, position) else { return "·" }
        let text = N.number(value)
        return e.slot(position) == .padding ? "(\(text))" : text
    }

    // MARK: - Steps

    private func stepsSection(channel c: Int) -> [String] {
        var lines: [String] = []
        if e.channels > 1 { lines.append("channel \(c):") }
        lines.append("steps (one per output element):")
        for i in visibleIndices(e.outputLength, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all) {
            guard let i else { lines.append(StepLayout.hiddenSteps(total: e.outputLength)); continue }
            lines += step(i, channel: c)
        }
        return lines
    }

    /// The window's values that count: everything inside the padded row.
    private func counted(step i: Int, channel c: Int) -> [(position: Int, value: Double)] {
        e.window(step: i).compactMap { position in e.value(channel: c, position).map { (position, $0) } }
    }

    private func step(_ i: Int, channel c: Int) -> [String] {
        let values = counted(step: i, channel: c).map(\.value)
        let terms = visibleIndices(values.count, head: StepLayout.headTaps, tail: 2, all: all).map { $0.map { N.number(values[$0]) } ?? "…" }
        let result = N.number(e.outputs[c][i])
        var lines: [String]
        switch e.kind {
        case .max:
            lines = ["  step \(i + 1): max(\(terms.joined(separator: ", "))) = \(result)"]
        case .average:
            let divisor = e.divisor(step: i)
            let sum = terms.count == 1 ? terms[0] : "(" + Self.signedSum(terms) + ")"
            lines = ["  step \(i + 1): \(sum) / \(divisor.value) = \(result)", "    " + divisorSentence(divisor, step: i)]
        }
        var cover = StepLayout.coverSentence(mover: "window", step: i, window: e.window(step: i), stride: e.stride,
                                             dilation: e.dilation, all: all)
        let past = e.window(step: i).filter { $0 >= e.paddedLength }
        if !past.isEmpty {
            cover += "; \(past.count == 1 ? "position \(past[0]) is" : "positions \(N.series(past.map { "\($0)" })) are") past the end and "
                + "\(past.count == 1 ? "does" : "do") not count (ceil_mode)"
        }
        lines.append("    " + cover)
        lines += drawing(step: i, channel: c).map { "      " + $0 }
        return lines
    }

    /// `0 + 2 − 3`: a negative term after the first is subtracted rather than added.
    static func signedSum(_ terms: [String]) -> String {
        var text = terms.first ?? ""
        for term in terms.dropFirst() {
            text += term.hasPrefix("−") ? " − " + term.dropFirst() : " + " + term
        }
        return text
    }

    private func divisorSentence(_ divisor: PoolExplanation.Divisor, step i: Int) -> String {
        let k = e.kernelSize
        let hasPadding = e.window(step: i).contains { e.slot($0) == .padding }
        if e.parameters.countIncludePad {
            if divisor.value == k {
                return hasPadding ? "divided by k=\(k), the whole window, padding included (count_include_pad=true)"
                                  : "divided by k=\(k), the window size"
            }
            return "divided by \(divisor.value), not k=\(k): the window hangs past the padding (ceil_mode), and only its "
                + "\(N.count(divisor.value, "position")) up to the end of the padding count"
        }
        if divisor.value == k { return "divided by k=\(k), the window size: all of it is input" }
        return "divided by \(divisor.value), the input values in the window (count_include_pad=false: "
            + (divisor.windowInPadding < k ? "neither the padding nor positions past the end count)" : "the padding does not count)")
    }

    /// The input row with `^` under each covered position (`max` under the winner).
    private func drawing(step i: Int, channel c: Int) -> [String] {
        let window = e.window(step: i)
        var marks = Dictionary(uniqueKeysWithValues: window.map { ($0, "^") })
        if e.kind == .max, let winner = counted(step: i, channel: c).first(where: { $0.value == e.outputs[c][i] || $0.value.isNaN }) {
            marks[winner.position] = "max"
        }
        let rows = [(label: "", cell: { (position: Int) in cell(c, position) })]
        return StepLayout.drawing(rows: rows, count: e.drawnLength, marks: marks, window: window, width: width, all: all)
    }

    // MARK: - Never used

    private var unusedSection: [String] {
        let unused = e.windows.unused
        guard !unused.isEmpty else { return ["never used: nothing; every position is covered by at least one window"] }
        var lines = ["never used:"]
        for item in visibleIndices(unused.count, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all) {
            guard let item else { lines.append("  …"); continue }
            lines.append("  " + unusedSentence(unused[item]))
        }
        return lines
    }

    private func unusedSentence(_ unused: SlidingWindows.Unused) -> String {
        let position = unused.position
        let what: String
        switch e.slot(position) {
        case .input(let index):
            what = e.channels == 1 ? "x[\(index)] = \(N.number(e.rows[0][index]))" : "x[:, \(index)]"
        default:
            what = "the padding (\(N.number(e.paddingValue))) at position \(position)"
        }
        var reason = e.windows.unusedReason(unused.reason, mover: "window")
        if unused.reason == .pastLastWindow, e.droppedLastWindow {
            reason = "the window moves \(N.count(e.stride, "slot")) and the next window would start in the right padding, "
                + "which PyTorch does not allow even with ceil_mode"
        } else if e.coveredInCeilMode(position) {
            reason += " (ceil_mode=true would keep a last window over it)"
        }
        return "\(what) is never covered: " + reason
    }
}
