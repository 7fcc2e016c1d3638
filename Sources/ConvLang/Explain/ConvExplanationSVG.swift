/// Draws a ``ConvExplanation`` as a figure like docs/walkthrough-*.png: for each step, the padded
/// input (padding hatched, with a dashed border), the kernel's weights under the positions it
/// covers, an arrow to the output cell it makes, and the sum written out; then the output.
///
/// Only output channel 0 is drawn, with the input channels of its group.
struct ConvExplanationSVG {
    let explanation: ConvExplanation
    let all: Bool

    init(_ explanation: ConvExplanation, all: Bool = false) {
        self.explanation = explanation
        self.all = all
    }

    private typealias N = ExplanationNumbers
    private typealias F = StepFigure
    private var e: ConvExplanation { explanation }

    func render() -> String {
        let columns = Self.columns(for: e, all: all)
        let steps = visibleIndices(e.outputLength, head: ConvExplanationText.headSteps, tail: ConvExplanationText.tailSteps, all: all)
        let channels = Array(e.inputChannels(ofOutput: 0).prefix(ConvExplanationText.headChannels))
        let stepHeight = Double(channels.count) * (2 * F.cellHeight + 2 * F.rowGap)
        let gridWidth = Double(columns.count) * F.cell
        let outputX = F.margin + F.labelWidth + gridWidth + F.outputGap
        let width = outputX + F.cell + 20 + Double(longestSum(steps: steps)) * 7.6 + F.margin
        var top = F.margin + 64
        let height = top + Double(steps.count) * (stepHeight + F.stepGap) + 2 * F.cellHeight + 80
        var svg = SVGDocument(width: Swift.max(width, 560), height: height)
        F.defineMarkers(&svg)
        drawTitle(&svg)
        F.drawPositions(&svg, columns: columns, y: top - 14)
        for step in steps {
            guard let step else {
                F.drawHiddenSteps(&svg, count: e.outputLength - ConvExplanationText.headSteps - ConvExplanationText.tailSteps, y: top)
                top += 40
                continue
            }
            drawStep(&svg, step: step, channels: channels, columns: columns, top: top, outputX: outputX, gridEnd: x(ofColumn: columns.count))
            top += stepHeight + F.stepGap
        }
        drawOutputRow(&svg, top: top + 10)
        drawLegend(&svg, y: top + F.cellHeight + 44)
        svg.height = top + F.cellHeight + 70
        return svg.render()
    }

    /// The padded positions drawn: all, or for long rows the stretches the shown steps cover.
    static func columns(for e: ConvExplanation, all: Bool) -> [Int?] {
        guard !all, e.paddedLength > ConvExplanationText.widestRow else { return Array(0..<e.paddedLength) }
        var wanted = Set<Int>()
        let steps = visibleIndices(e.outputLength, head: ConvExplanationText.headSteps, tail: ConvExplanationText.tailSteps, all: false)
        for step in steps.compactMap({ $0 }) {
            let window = e.window(step: step)
            let first = Swift.max(0, window[0] - 1)
            let last = Swift.min(e.paddedLength - 1, window[window.count - 1] + 1)
            // A long dilated kernel: its taps and their neighbours only.
            if last - first > ConvExplanationText.widestRow {
                for position in window { wanted.formUnion([position - 1, position, position + 1].filter { $0 >= 0 && $0 < e.paddedLength }) }
            } else {
                wanted.formUnion(first...last)
            }
        }
        var result: [Int?] = []
        for position in wanted.sorted() {
            if let previous = result.last ?? nil, position > previous + 1 { result.append(nil) }
            if result.isEmpty, position > 0 { result.append(nil) }
            result.append(position)
        }
        if let last = result.last ?? nil, last < e.paddedLength - 1 { result.append(nil) }
        return result
    }

    private func drawTitle(_ svg: inout SVGDocument) {
        var settings = "L=\(e.inputLength), k=\(e.kernelSize), s=\(e.stride), p=\(e.left == e.right ? "\(e.left)" : "(\(e.left), \(e.right))")"
        if e.dilation != 1 { settings += ", d=\(e.dilation)" }
        if e.groups != 1 { settings += ", g=\(e.groups)" }
        if e.paddingMode != .zeros { settings += ", mode=\(e.paddingMode.rawValue)" }
        var subtitle = e.lengthFormula.substituted
        if e.outChannels > 1 || e.batch > 1 { subtitle += "   (drawn: output channel 0" + (e.batch > 1 ? " of item 0)" : ")") }
        F.drawTitle(&svg, "\(e.callee): \(settings)  →  L_out = \(e.outputLength)", subtitle: subtitle)
    }

    private func x(ofColumn index: Int) -> Double { F.x(ofColumn: index) }

    private func drawStep(
        _ svg: inout SVGDocument, step: Int, channels: [Int], columns: [Int?], top: Double, outputX: Double, gridEnd: Double
    ) {
        let window = e.window(step: step)
        let taps = Dictionary(uniqueKeysWithValues: window.enumerated().map { ($1, $0) })
        var y = top
        svg.text("step \(step + 1)", x: F.margin, y: y + F.cellHeight / 2, size: 14, anchor: .start, bold: true, className: "step-label")
        for c in channels {
            if channels.count > 1 {
                svg.text("c\(c)", x: x(ofColumn: 0) - 8, y: y + F.cellHeight / 2, size: 12, anchor: .end, color: "#555")
            }
            drawInputRow(&svg, channel: c, columns: columns, covered: Set(window), y: y)
            drawKernelRow(&svg, channel: c, taps: taps, columns: columns, window: window, y: y + F.cellHeight + F.rowGap)
            y += 2 * F.cellHeight + 2 * F.rowGap
        }
        // The arrow from the kernel to the output cell it makes.
        let outputY = top + (y - top - F.rowGap) / 2 - F.cellHeight / 2
        F.drawStepResult(&svg, step: step, value: N.number(e.outputs[0][step]), sum: sumText(step: step),
                                  arrowFrom: gridEnd, outputX: outputX, y: outputY)
    }

    private func drawInputRow(_ svg: inout SVGDocument, channel c: Int, columns: [Int?], covered: Set<Int>, y: Double) {
        for (index, position) in columns.enumerated() {
            let cellX = x(ofColumn: index)
            guard let position else { F.drawElision(&svg, x: cellX, y: y); continue }
            F.drawInputCell(&svg, e.isPadding(position) ? .padding : .input, text: N.number(e.padded[c][position].value),
                                     x: cellX, y: y, covered: covered.contains(position))
        }
    }

    private func drawKernelRow(
        _ svg: inout SVGDocument, channel c: Int, taps: [Int: Int], columns: [Int?], window: [Int], y: Double
    ) {
        let local = c - e.inputChannels(ofOutput: 0).lowerBound
        let tapColumns = columns.indices.filter { columns[$0].map { taps[$0] != nil } ?? false }
        // A line joining the taps shows the kernel is one piece, with dilation gaps inside it.
        if let first = tapColumns.first, let last = tapColumns.last, last > first {
            svg.line(x1: x(ofColumn: first) + F.cell / 2, y1: y + F.cellHeight / 2, x2: x(ofColumn: last) + F.cell / 2,
                     y2: y + F.cellHeight / 2, stroke: F.kernelStroke, width: 2, dashed: e.dilation > 1)
        }
        for index in tapColumns {
            guard let position = columns[index], let tap = taps[position] else { continue }
            let cellX = x(ofColumn: index)
            svg.rect(x: cellX + 3, y: y, width: F.cell - 6, height: F.cellHeight, fill: F.kernelFill,
                     stroke: F.kernelStroke, strokeWidth: 1.5, radius: 4, className: "kernel-cell")
            svg.text(N.number(e.weights[0][local][tap]), x: cellX + F.cell / 2, y: y + F.cellHeight / 2 - 5, size: 13)
            svg.text("w\(tap)", x: cellX + F.cell / 2, y: y + F.cellHeight / 2 + 9, size: 10, color: "#8a5a1f")
        }
    }

    /// `0.5·0 + (−1)·2 + 0.1 = −1.9`, for output channel 0 (summed over its group's channels).
    private func sumText(step: Int) -> String {
        var terms: [String] = []
        for c in e.inputChannels(ofOutput: 0) {
            let products = e.products(output: 0, channel: c, step: step)
            for j in visibleIndices(products.count, head: ConvExplanationText.headTaps, tail: 2, all: all) {
                guard let j else { terms.append("…"); continue }
                terms.append(N.term(products[j].weight) + "·" + N.term(products[j].value))
            }
            if terms.count > 12, !all { terms.append("…"); break }
        }
        if let bias = e.bias { terms.append(N.term(bias[0])) }
        return terms.joined(separator: " + ") + " = " + N.number(e.outputs[0][step])
    }

    private func longestSum(steps: [Int?]) -> Int {
        steps.compactMap { $0 }.map { sumText(step: $0).count }.max() ?? 0
    }

    private func drawOutputRow(_ svg: inout SVGDocument, top: Double) {
        let shown = visibleIndices(e.outputLength, head: ConvExplanationText.headSteps, tail: ConvExplanationText.tailSteps, all: all)
        F.drawOutputRow(&svg, values: shown.map { $0.map { N.number(e.outputs[0][$0]) } }, top: top)
    }

    private func drawLegend(_ svg: inout SVGDocument, y: Double) {
        F.drawLegend(&svg, items: [
            F.inputSwatch, F.paddingSwatch,
            ("kernel weights", F.kernelFill, F.kernelStroke, false), F.outputSwatch,
        ], y: y)
    }
}
