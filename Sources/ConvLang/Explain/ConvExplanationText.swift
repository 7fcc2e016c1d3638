import ConvNumerics

/// Lays a ``ConvExplanation`` out as text, in the order of docs/explain.md's walkthrough: settings and output
/// length, the padded input, one step per output element with a drawing of the kernel under
/// the input, then what was never used.
struct ConvExplanationText {
    let explanation: ConvExplanation
    /// Every step, channel and position, instead of the first and last few.
    let all: Bool
    /// Only the settings and the output length (`explain shape ...`).
    let shapeOnly: Bool
    /// One width for every drawn cell, so the columns line up across rows and steps.
    private let width: Int

    init(_ explanation: ConvExplanation, all: Bool = false, shapeOnly: Bool = false) {
        self.explanation = explanation
        self.all = all
        self.shapeOnly = shapeOnly
        var widest = "w\(explanation.kernelSize - 1)".count
        for (c, row) in explanation.padded.enumerated() {
            for position in row.indices {
                widest = Swift.max(widest, Self.cell(explanation, c, position).count)
            }
        }
        width = widest + 2
    }

    /// Steps shown at the start and end of a long explanation.
    static let headSteps = StepLayout.headSteps, tailSteps = StepLayout.tailSteps
    /// Output channels, taps and padded positions shown before eliding the middle.
    static let headChannels = StepLayout.headChannels, headTaps = StepLayout.headTaps, widestRow = StepLayout.widestRow

    private typealias N = ExplanationNumbers
    private var e: ConvExplanation { explanation }

    func render() -> String {
        var lines = heading + [""] + lengthSection
        if shapeOnly { return lines.joined(separator: "\n") + "\n" }
        lines += [""] + inputSection
        for o in visibleIndices(e.outChannels, head: Self.headChannels, tail: 1, all: all) {
            guard let o else {
                lines += ["", ExplanationHeading.elidedChannels(
                    "output channels", head: Self.headChannels, count: e.outChannels, computed: "computed")]
                continue
            }
            lines += [""] + stepsSection(output: o)
        }
        lines += [""] + unusedSection
        // A blank line before the value that follows, so explanations in a long run stand apart.
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Settings

    private var heading: [String] {
        var lines = ["explain \(e.callee): " + operands]
        var settings = ["L=\(e.inputLength) (input length)", "k=\(e.kernelSize) (kernel size)", "s=\(e.stride) (stride)",
                        "p=\(paddingText) (padding)", "d=\(e.dilation) (dilation)", "g=\(e.groups) (groups)"]
        if e.paddingMode != .zeros { settings.append("mode=\"\(e.paddingMode.rawValue)\"") }
        lines.append("settings: " + settings.joined(separator: ", "))
        if let batchLine = ExplanationHeading.batchLine(e.batch, computed: "computed") { lines.append(batchLine) }
        if let channelsLine = ExplanationHeading.channelsLine(
            inChannels: e.inChannels, outChannels: e.outChannels, groups: e.groups,
            inChannelsPerGroup: e.inChannelsPerGroup, sums: "sums over") { lines.append(channelsLine) }
        return lines
    }

    private var operands: String {
        let single = e.inChannels == 1 && e.outChannels == 1 && e.batch == 1
        let values = e.padded[0][e.left..<(e.left + e.inputLength)].map(\.value)
        let input = single && (all || values.count <= 16) ? "x = " + N.list(values) : "x of shape \(e.inputShape)"
        let weight = single ? "w = " + N.list(e.weights[0][0]) : "w of shape [\(e.outChannels), \(e.inChannelsPerGroup), \(e.kernelSize)]"
        return ExplanationHeading.operands(input: input, weight: weight, bias: e.bias)
    }

    private var paddingText: String {
        let resolved = e.left == e.right ? "\(e.left)" : "(\(e.left), \(e.right))"
        switch e.padding {
        case .explicit: return resolved
        case .valid: return "\"valid\" = \(resolved)"
        case .same: return "\"same\" = \(resolved)"
        case .causal: return "\"causal\" = \(resolved)"
        case .full: return "\"full\" = \(resolved)"
        }
    }

    private var lengthSection: [String] {
        ["output length:", "  " + e.lengthFormula.symbolic, "  " + e.lengthFormula.substituted]
    }

    // MARK: - The padded input

    private var inputSection: [String] {
        var lines = ["the input as the kernel sees it" + paddingSentence + ":"]
        let columns = Columns(count: e.paddedLength, widest: Self.widestRow, all: all)
        lines.append("  " + label("position") + columns.render(width: width) { "\($0)" })
        lines.append("  " + label("x index") + columns.render(width: width) { position in
            guard let source = e.padded[0][position].sourceIndex else { return "–" }
            return position < e.left || position >= e.left + e.inputLength ? "(\(source))" : "\(source)"
        })
        for c in visibleIndices(e.inChannels, head: Self.headChannels, tail: 1, all: all) {
            guard let c else { lines.append("  …"); continue }
            let name = e.inChannels == 1 ? "value" : "c\(c) value"
            lines.append("  " + label(name) + columns.render(width: width) { cell(c, $0) })
        }
        return lines
    }

    private var paddingSentence: String {
        guard e.left > 0 || e.right > 0 else { return " (no padding)" }
        let sides: String
        switch e.paddingMode {
        case .zeros:
            sides = e.left == e.right ? "\(N.count(e.left, "zero")) on each side"
                : "\(N.count(e.left, "zero")) on the left, \(N.count(e.right, "zero")) on the right"
        default:
            let how = switch e.paddingMode {
            case .reflect: "the input mirrored about its end values"
            case .replicate: "the end values repeated"
            default: "the input wrapped around from the other end"
            }
            sides = (e.left == e.right ? "\(e.left) on each side" : "\(e.left) on the left, \(e.right) on the right") + ", " + how
        }
        let copies = e.paddingMode == .zeros ? "" : "; the x index row says which input value each copies"
        return " (padding: \(sides); drawn in ( ), it is not part of the input\(copies))"
    }

    /// The value at a padded position; padding is written in parentheses.
    private func cell(_ channel: Int, _ position: Int) -> String {
        Self.cell(e, channel, position)
    }

    private static func cell(_ e: ConvExplanation, _ channel: Int, _ position: Int) -> String {
        let text = N.number(e.padded[channel][position].value)
        return e.isPadding(position) ? "(\(text))" : text
    }

    private func isPadding(_ position: Int) -> Bool { e.isPadding(position) }

    private func label(_ text: String) -> String { StepLayout.label(text) }

    // MARK: - Steps

    private func stepsSection(output o: Int) -> [String] {
        var lines: [String] = []
        let channels = Array(e.inputChannels(ofOutput: o))
        if e.outChannels > 1 || e.inChannels > 1 {
            let over = channels.count == 1 ? "input channel \(channels[0])" : "input channels \(channels[0])–\(channels[channels.count - 1])"
            let bias = e.bias.map { ", b[\(o)] = " + N.number($0[o]) } ?? ""
            lines.append("output channel \(o): weights w[\(o)] over \(over)\(bias)")
        }
        lines.append("steps (one per output element):")
        for i in visibleIndices(e.outputLength, head: Self.headSteps, tail: Self.tailSteps, all: all) {
            guard let i else {
                lines.append(StepLayout.hiddenSteps(total: e.outputLength))
                continue
            }
            lines += step(i, output: o, channels: channels)
        }
        return lines
    }

    private func step(_ i: Int, output o: Int, channels: [Int]) -> [String] {
        var lines: [String] = []
        let result = N.number(e.outputs[o][i])
        let biasSymbol = e.bias == nil ? "" : " + b"
        let biasTerm = e.bias.map { " + " + N.term($0[o]) } ?? ""
        if channels.count == 1 {
            let (symbols, numbers) = productTexts(output: o, channel: channels[0], step: i)
            lines.append("  step \(i + 1): \(symbols)\(biasSymbol) = \(numbers)\(biasTerm) = \(result)")
        } else {
            let names = channels.map { "c\($0)" }.joined(separator: " + ")
            let subtotals = channels.map { c in
                N.term(e.products(output: o, channel: c, step: i).reduce(0) { $0 + $1.weight * $1.value })
            }.joined(separator: " + ")
            lines.append("  step \(i + 1): \(names)\(biasSymbol) = \(subtotals)\(biasTerm) = \(result)")
            for c in channels {
                let (symbols, numbers) = productTexts(output: o, channel: c, step: i)
                let subtotal = N.number(e.products(output: o, channel: c, step: i).reduce(0) { $0 + $1.weight * $1.value })
                lines.append("    c\(c): \(symbols) = \(numbers) = \(subtotal)")
            }
        }
        lines.append("    " + coverSentence(step: i))
        lines += drawing(step: i, channels: channels).map { "      " + $0 }
        return lines
    }

    /// `w0·3 + w1·4` and `0.5·3 + (−1)·4`, long kernels elided in the middle.
    private func productTexts(output o: Int, channel c: Int, step i: Int) -> (String, String) {
        let products = e.products(output: o, channel: c, step: i)
        var symbols: [String] = []
        var numbers: [String] = []
        for j in visibleIndices(products.count, head: Self.headTaps, tail: 2, all: all) {
            guard let j else { symbols.append("…"); numbers.append("…"); continue }
            symbols.append("w\(j)·" + N.term(products[j].value))
            numbers.append(N.term(products[j].weight) + "·" + N.term(products[j].value))
        }
        return (symbols.joined(separator: " + "), numbers.joined(separator: " + "))
    }

    private func coverSentence(step i: Int) -> String {
        StepLayout.coverSentence(mover: "kernel", step: i, window: e.window(step: i), stride: e.stride,
                                 dilation: e.dilation, all: all)
    }

    /// The input rows with the kernel's taps written under the positions they cover.
    private func drawing(step i: Int, channels: [Int]) -> [String] {
        let window = e.window(step: i)
        let rows = channels.map { c in (label: channels.count > 1 ? "c\(c)" : "", cell: { cell(c, $0) }) }
        let marks = Dictionary(uniqueKeysWithValues: window.enumerated().map { ($1, "w\($0)") })
        return StepLayout.drawing(rows: rows, count: e.paddedLength, marks: marks, window: window, width: width, all: all)
    }

    // MARK: - Never used

    private var unusedSection: [String] {
        let unused = e.unused
        guard !unused.isEmpty else { return ["never used: nothing; every position is covered by at least one step"] }
        var lines = ["never used:"]
        for item in visibleIndices(unused.count, head: Self.headSteps, tail: Self.tailSteps, all: all) {
            guard let item else { lines.append("  …"); continue }
            lines.append("  " + unusedSentence(unused[item]))
        }
        return lines
    }

    private func unusedSentence(_ unused: ConvExplanation.Unused) -> String {
        let position = unused.position
        let sample = e.padded[0][position]
        let what: String
        if isPadding(position) {
            let copy = sample.sourceIndex.map { ", a copy of x[\($0)]" } ?? ""
            what = "the padding (\(N.number(sample.value))\(copy)) at position \(position)"
        } else {
            let index = position - e.left
            what = e.inChannels == 1 ? "x[\(index)] = \(N.number(sample.value))" : "x[:, \(index)]"
        }
        return "\(what) is never covered: " + e.windows.unusedReason(unused.reason, mover: "kernel")
    }
}

/// The padded positions a drawing shows: all of them, or (for long rows) the start and end,
/// or a stretch around the kernel, with `…` for what is left out.
struct Columns {
    /// Positions in order; `nil` is an elision.
    let positions: [Int?]

    init(count: Int, widest: Int, all: Bool, focus: (first: Int, last: Int)? = nil) {
        guard !all, count > widest else { positions = Array(0..<count); return }
        guard let focus else {
            positions = visibleIndices(count, head: widest - 4, tail: 3, all: false)
            return
        }
        let start = Swift.max(0, focus.first - 3)
        let end = Swift.min(count, Swift.max(focus.last + 4, start + 8))
        positions = (start > 0 ? [nil] : []) + Array(start..<end).map(Optional.some) + (end < count ? [nil] : [])
    }

    /// One line: each position's text right-aligned in `width` columns.
    func render(width: Int, _ text: (Int) -> String) -> String {
        positions.map { position in
            let content = position.map(text) ?? "…"
            return String(repeating: " ", count: Swift.max(0, width - content.count)) + content
        }.joined()
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
