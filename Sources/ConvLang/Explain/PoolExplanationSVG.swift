/// Draws a ``PoolExplanation`` in the style of conv's step figures: for each step, the padded
/// input (padding hatched), the window outlined over the positions it covers with a bracket
/// under them (dashed with dilation, `max` under the winner), an arrow to the output cell and
/// the arithmetic written out; then the output row. Only channel 0 of item 0 is drawn.
struct PoolExplanationSVG {
    let explanation: PoolExplanation
    let all: Bool

    init(_ explanation: PoolExplanation, all: Bool = false) {
        self.explanation = explanation
        self.all = all
    }

    private typealias N = ExplanationNumbers
    private typealias F = StepFigure
    private var e: PoolExplanation { explanation }
    private static let bracketHeight = 24.0

    func render() -> String {
        let columns = self.columns
        let steps = visibleIndices(e.outputLength, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all)
        let stepHeight = F.cellHeight + Self.bracketHeight
        let outputX = F.margin + F.labelWidth + Double(columns.count) * F.cell + F.outputGap
        let longest = steps.compactMap { $0 }.map { sumText(step: $0).count }.max() ?? 0
        let width = outputX + F.cell + 20 + Double(longest) * 7.6 + F.margin
        var top = F.margin + 64
        var svg = SVGDocument(width: Swift.max(width, 640), height: 0)
        F.defineMarkers(&svg)
        drawTitle(&svg)
        F.drawPositions(&svg, columns: columns, y: top - 14)
        for step in steps {
            guard let step else {
                F.drawHiddenSteps(&svg, count: e.outputLength - StepLayout.headSteps - StepLayout.tailSteps, y: top)
                top += 40
                continue
            }
            drawStep(&svg, step: step, columns: columns, top: top, outputX: outputX)
            top += stepHeight + F.stepGap
        }
        let shown = steps.map { $0.map { N.number(e.outputs[0][$0]) } }
        F.drawOutputRow(&svg, values: shown, top: top + 10)
        let paddingLabel = e.kind == .max ? "padding (−inf, never wins)" : "padding (0)"
        F.drawLegend(&svg, items: [
            F.inputSwatch, (paddingLabel, "url(#hatch)", F.paddingStroke, true),
            ("window", "none", F.coverColor, false), F.outputSwatch,
        ], y: top + F.cellHeight + 44)
        svg.height = top + F.cellHeight + 70
        return svg.render()
    }

    /// The drawn positions: all of them, or for long rows the stretches the shown windows cover.
    private var columns: [Int?] {
        guard !all, e.drawnLength > StepLayout.widestRow else { return Array(0..<e.drawnLength) }
        var wanted = Set<Int>()
        for step in visibleIndices(e.outputLength, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: false).compactMap({ $0 }) {
            for position in e.window(step: step) {
                wanted.formUnion([position - 1, position, position + 1].filter { $0 >= 0 && $0 < e.drawnLength })
            }
        }
        var result: [Int?] = []
        for position in wanted.sorted() {
            if result.isEmpty, position > 0 { result.append(nil) }
            if let previous = result.last ?? nil, position > previous + 1 { result.append(nil) }
            result.append(position)
        }
        if let last = result.last ?? nil, last < e.drawnLength - 1 { result.append(nil) }
        return result
    }

    private func drawTitle(_ svg: inout SVGDocument) {
        let p = e.parameters
        var settings = "L=\(e.inputLength), k=\(e.kernelSize), s=\(e.stride), p=\(e.padding)"
        if e.dilation != 1 { settings += ", d=\(e.dilation)" }
        if p.ceilMode { settings += ", ceil_mode" }
        if e.kind == .average, !p.countIncludePad { settings += ", count_include_pad=false" }
        var subtitle = e.lengthFormula.substituted
        if e.channels > 1 || e.batch > 1 { subtitle += "   (drawn: channel 0" + (e.batch > 1 ? " of item 0)" : ")") }
        F.drawTitle(&svg, "\(e.callee): \(settings)  →  L_out = \(e.outputLength)", subtitle: subtitle)
    }

    private func drawStep(_ svg: inout SVGDocument, step: Int, columns: [Int?], top: Double, outputX: Double) {
        let window = e.window(step: step)
        let covered = Set(window)
        svg.text("step \(step + 1)", x: F.margin, y: top + F.cellHeight / 2, size: 14, anchor: .start, bold: true, className: "step-label")
        for (index, position) in columns.enumerated() {
            let cellX = F.x(ofColumn: index)
            guard let position else { F.drawElision(&svg, x: cellX, y: top); continue }
            let kind: F.CellKind = switch e.slot(position) {
            case .input: .input
            case .padding: .padding
            case .pastEnd: .pastEnd
            }
            F.drawInputCell(&svg, kind, text: e.value(channel: 0, position).map(N.number) ?? "", x: cellX, y: top,
                            covered: covered.contains(position))
        }
        drawBracket(&svg, step: step, columns: columns, y: top + F.cellHeight + 8)
        F.drawStepResult(&svg, step: step, value: N.number(e.outputs[0][step]), sum: sumText(step: step),
                         arrowFrom: F.x(ofColumn: columns.count), outputX: outputX, y: top)
    }

    /// A bracket under the window joining its taps, with `max` under the winning value (or
    /// `mean` under the middle of an average's window).
    private func drawBracket(_ svg: inout SVGDocument, step: Int, columns: [Int?], y: Double) {
        let window = e.window(step: step)
        let tapColumns = columns.indices.filter { columns[$0].map(window.contains) ?? false }
        guard let first = tapColumns.first, let last = tapColumns.last else { return }
        let center = { (index: Int) in F.x(ofColumn: index) + F.cell / 2 }
        svg.line(x1: center(first), y1: y, x2: center(last), y2: y, stroke: F.kernelStroke, width: 2, dashed: e.dilation > 1)
        for index in tapColumns {
            svg.line(x1: center(index), y1: y - 6, x2: center(index), y2: y, stroke: F.kernelStroke, width: 2)
        }
        switch e.kind {
        case .max:
            let winner = window.first { position in
                guard let value = e.value(channel: 0, position) else { return false }
                return value == e.outputs[0][step] || value.isNaN
            }
            if let winner, let index = columns.firstIndex(of: winner) {
                svg.text("max", x: center(index), y: y + 10, size: 11, color: "#8a5a1f", bold: true, className: "winner")
            }
        case .average:
            svg.text("mean", x: (center(first) + center(last)) / 2, y: y + 10, size: 11, color: "#8a5a1f", bold: true)
        }
    }

    /// `max(3, 4) = 4` or `(0 + 2) / 2 = 1`, as the text explanation writes it.
    private func sumText(step: Int) -> String {
        let values = e.window(step: step).compactMap { e.value(channel: 0, $0) }
        let terms = visibleIndices(values.count, head: StepLayout.headTaps, tail: 2, all: all).map { $0.map { N.number(values[$0]) } ?? "…" }
        let result = N.number(e.outputs[0][step])
        switch e.kind {
        case .max:
            return "max(\(terms.joined(separator: ", "))) = \(result)"
        case .average:
            let sum = terms.count == 1 ? terms[0] : "(" + PoolExplanationText.signedSum(terms) + ")"
            return "\(sum) / \(e.divisor(step: step).value) = \(result)"
        }
    }
}
