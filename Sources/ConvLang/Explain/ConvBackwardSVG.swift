/// Draws the backward step of a convolution as the forward figure draws its steps: for each
/// weight tap j, the padded input with the positions that tap read outlined, the upstream
/// gradient g_i under each of them, and an arrow to ∂L/∂w[j] with its sum of products written
/// out; then g summed into ∂L/∂b; then ∂L/∂x under the input positions, with the zero padding's
/// shares dropped. Values are rounded to `digits=`; each cell's tooltip holds the exact value.
///
/// Only output channel 0 and the first input channel of its group are drawn, for item 0.
struct ConvBackwardSVG {
    let explanation: ConvBackwardExplanation
    let options: FigureOptions
    private let figure: StepFigure

    private typealias N = ExplanationNumbers
    private typealias F = StepFigure
    private var e: ConvBackwardExplanation { explanation }
    private var geometry: ConvExplanation { e.geometry }
    /// The input channel drawn: the first of output channel 0's group.
    private var channel: Int { e.inputChannels(ofOutput: 0).lowerBound }

    static let upstreamFill = "#e4ecfb", upstreamStroke = "#3c64b4", upstreamInk = "#2b4a86"

    init(_ explanation: ConvBackwardExplanation, options: FigureOptions = FigureOptions()) {
        (self.explanation, self.options) = (explanation, options)
        let c = explanation.inputChannels(ofOutput: 0).lowerBound
        figure = StepFigure(
            values: explanation.geometry.padded[c].map(\.value),
            kernelValues: explanation.upstream[0][0],
            outputs: (explanation.weightGradient?[0][0] ?? []) + (explanation.inputGradient?[0][c] ?? [])
                + (explanation.biasGradient.map { [$0[0]] } ?? []),
            labels: ["∂L/∂w[\(explanation.kernelSize - 1)]", "position", "∂L/∂x", "∂L/∂b", "g = ∂L/∂y"],
            digits: options.digits)
    }

    /// A figure with only a title, for a pass with no convolution to draw.
    static func empty(title: String) -> String {
        var svg = SVGDocument(width: 320, height: 0)
        StepFigure.drawTitle(&svg, title, subtitle: "explain draws the backward step of a convolution")
        svg.fit(margin: StepFigure.margin)
        return svg.render()
    }

    func render() -> String {
        let taps = visibleIndices(e.kernelSize, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: options.all)
        let columns = self.columns
        let outputX = figure.outputX(columns: columns.count)
        var top = F.margin + 64
        var svg = SVGDocument(width: 560, height: 0)
        F.defineMarkers(&svg)
        F.drawTitle(&svg, title, subtitle: subtitle)
        figure.drawPositions(&svg, columns: columns, y: top - 14)
        if e.weightGradient != nil {
            for tap in taps {
                guard let tap else {
                    svg.text("… \(N.count(e.kernelSize - StepLayout.headSteps - StepLayout.tailSteps, "more tap")) …",
                             x: F.margin, y: top + 10, anchor: .start, color: F.paddingInk)
                    top += 40
                    continue
                }
                drawTap(&svg, tap: tap, columns: columns, top: top, outputX: outputX)
                top += 2 * F.cellHeight + F.rowGap + F.stepGap
            }
        }
        if let bias = e.biasGradient {
            drawBias(&svg, value: bias[0], top: top, outputX: outputX)
            top += F.cellHeight + F.stepGap + 18
        }
        if let input = e.inputGradient {
            drawInputGradient(&svg, values: input[0][channel], columns: columns, top: top + 10)
            top += F.cellHeight + 10
        }
        F.drawLegend(&svg, items: legend, y: top + 44)
        svg.fit(margin: F.margin)
        return svg.render()
    }

    private var title: String {
        "backward of conv1d: \(geometry.settingsText)  →  L_out = \(e.outputLength)"
    }

    private var subtitle: String {
        var text = "∂L/∂w[j] = Σ_i g_i·xpad[i·s + j·d];  ∂L/∂b = Σ_i g_i;  ∂L/∂x = conv_transpose1d(g, w)"
        if e.outChannels > 1 || e.inChannels > 1 || e.batch > 1 {
            text += "   (drawn: output channel 0, input channel \(channel)" + (e.batch > 1 ? ", item 0)" : ")")
        }
        return text
    }

    private var legend: [(String, String, String, Bool)] {
        [F.inputSwatch, F.paddingSwatch, ("upstream gradient g", Self.upstreamFill, Self.upstreamStroke, false),
         ("gradient", F.outputFill, F.outputStroke, false)]
    }

    /// The padded positions drawn: all, or for long rows the stretches around the first windows.
    private var columns: [Int?] {
        let steps = visibleIndices(e.outputLength, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: options.all)
        let wanted = steps.compactMap { $0 }.reduce(into: Set<Int>()) { $0.formUnion(F.neighbourhood(of: geometry.window(step: $1))) }
        return F.columns(wanted: wanted, length: geometry.paddedLength, all: options.all)
    }

    // MARK: - Weight taps

    private func drawTap(_ svg: inout SVGDocument, tap j: Int, columns: [Int?], top: Double, outputX: Double) {
        let read = Dictionary(uniqueKeysWithValues: (0..<e.outputLength).map { (e.position(step: $0, tap: j), $0) })
        figure.drawRowLabel(&svg, weightName(j), y: top, className: "step-label")
        drawInputRow(&svg, columns: columns, covered: Set(read.keys), y: top)
        let gY = top + F.cellHeight + F.rowGap
        var lastColumn = 0
        for (index, position) in columns.enumerated() {
            guard let position, let i = read[position] else { continue }
            drawUpstreamCell(&svg, step: i, x: figure.x(ofColumn: index), y: gY)
            lastColumn = index
        }
        let start = (x: figure.x(ofColumn: lastColumn) + figure.cell - 3, y: gY + F.cellHeight / 2)
        let value = e.weightGradient?[0][0][j] ?? 0
        figure.drawStepResult(&svg, step: j, output: value, sum: weightSum(j, exact: false), exactSum: weightSum(j, exact: true),
                              from: [start], outputX: outputX, y: top + (F.cellHeight + F.rowGap) / 2, name: weightName(j))
    }

    private func weightName(_ j: Int) -> String {
        e.outChannels == 1 && e.inChannelsPerGroup == 1 ? "∂L/∂w[\(j)]" : "∂L/∂w[0, 0, \(j)]"
    }

    /// `1·0 + (−1)·3 = −3` for item 0 (`+ …` for the other items of a batch), rounded or exact.
    private func weightSum(_ j: Int, exact: Bool) -> String {
        let term = { (x: Double) in exact ? N.exact(x) : figure.term(x) }
        let terms = e.weightTerms(item: 0, output: 0, channel: channel, tap: j)
        var parts: [String] = []
        for index in visibleIndices(terms.count, head: StepLayout.headTaps, tail: 2, all: options.all) {
            guard let index else { parts.append("…"); continue }
            parts.append(term(terms[index].g) + "·" + term(terms[index].x))
        }
        if e.batch > 1 { parts.append("(other items)") }
        let value = e.weightGradient?[0][0][j] ?? 0
        return parts.joined(separator: " + ") + " = " + (exact ? N.exact(value) : figure.value(value))
    }

    private func drawInputRow(_ svg: inout SVGDocument, columns: [Int?], covered: Set<Int>, y: Double) {
        for (index, position) in columns.enumerated() {
            let cellX = figure.x(ofColumn: index)
            guard let position else { figure.drawElision(&svg, x: cellX, y: y); continue }
            let sample = geometry.padded[channel][position]
            let tooltip = geometry.isPadding(position)
                ? "padding at position \(position)" + (sample.sourceIndex.map { ": copies x[\($0)]" } ?? "") + " = \(N.exact(sample.value))"
                : "x[\(position - geometry.left)] = \(N.exact(sample.value))"
            figure.drawInputCell(&svg, geometry.isPadding(position) ? .padding : .input, value: sample.value, tooltip: tooltip,
                                 x: cellX, y: y, covered: covered.contains(position))
        }
    }

    /// An upstream gradient g_i: its rounded value over its name.
    private func drawUpstreamCell(_ svg: inout SVGDocument, step i: Int, x cellX: Double, y: Double) {
        let g = e.upstream[0][0][i]
        svg.group(className: "cell", tooltip: "g\(i) = ∂L/∂y[\(i)] = \(N.exact(g))") { svg in
            svg.rect(x: cellX + 3, y: y, width: figure.cell - 6, height: F.cellHeight, fill: Self.upstreamFill,
                     stroke: Self.upstreamStroke, strokeWidth: 1.5, radius: 4, className: "upstream-cell")
            svg.text(figure.value(g), x: cellX + figure.cell / 2, y: y + F.cellHeight / 2 - 5, size: F.kernelSize)
            svg.text("g\(i)", x: cellX + figure.cell / 2, y: y + F.cellHeight / 2 + 9, size: 10, color: Self.upstreamInk)
        }
    }

    // MARK: - Bias and input

    private func drawBias(_ svg: inout SVGDocument, value: Double, top: Double, outputX: Double) {
        let name = e.outChannels == 1 ? "∂L/∂b" : "∂L/∂b[0]"
        figure.drawRowLabel(&svg, name, y: top + 9, className: "step-label")
        let shown = visibleIndices(e.outputLength, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: options.all)
        for (index, i) in shown.enumerated() {
            let cellX = figure.x(ofColumn: index)
            guard let i else { figure.drawElision(&svg, x: cellX, y: top + 9); continue }
            drawUpstreamCell(&svg, step: i, x: cellX, y: top + 9)
        }
        let start = (x: figure.x(ofColumn: shown.count - 1) + figure.cell - 3, y: top + 9 + F.cellHeight / 2)
        let terms = { (exact: Bool) -> String in
            let parts = shown.map { $0.map { exact ? N.exact(e.upstream[0][0][$0]) : figure.term(e.upstream[0][0][$0]) } ?? "…" }
            return parts.joined(separator: " + ") + (e.batch > 1 ? " + (other items)" : "") + " = "
                + (exact ? N.exact(value) : figure.value(value))
        }
        figure.drawStepResult(&svg, step: 0, output: value, sum: terms(false), exactSum: terms(true), from: [start],
                              outputX: outputX, y: top + 9, name: name)
    }

    /// ∂L/∂x under the input positions; the zero padding's cells stay hatched: its shares are dropped.
    private func drawInputGradient(_ svg: inout SVGDocument, values: [Double], columns: [Int?], top: Double) {
        figure.drawRowLabel(&svg, "∂L/∂x", y: top, className: "step-label")
        for (index, position) in columns.enumerated() {
            let cellX = figure.x(ofColumn: index)
            guard let position else { figure.drawElision(&svg, x: cellX, y: top); continue }
            guard !geometry.isPadding(position) else {
                figure.drawInputCell(&svg, .padding, value: nil, tooltip: "padding at position \(position): not part of the input; "
                                     + (geometry.padded[channel][position].sourceIndex == nil ? "its shares are dropped" : "its shares go to the element it copies"),
                                     x: cellX, y: top, covered: false)
                continue
            }
            let t = position - geometry.left
            figure.drawOutputCell(&svg, step: t, output: values[t], x: cellX, y: top, name: "∂L/∂x[\(t)]")
        }
    }
}
