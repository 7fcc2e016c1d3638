/// Draws a ``PoolExplanation`` in the style of conv's step figures: for each step, the padded
/// input (padding hatched), the window outlined over the positions it covers with a bracket
/// under them (dashed with dilation, `max` under the winner), an arrow from the bracket to the
/// output cell and the arithmetic written out; then the output row. Only channel 0 of item 0
/// is drawn.
struct PoolExplanationSVG {
    let explanation: PoolExplanation
    let options: FigureOptions
    private let figure: StepFigure

    init(_ explanation: PoolExplanation, options: FigureOptions = FigureOptions()) {
        self.explanation = explanation
        self.options = options
        let drawn = (0..<explanation.drawnLength).compactMap { explanation.value(channel: 0, $0) }
        figure = StepFigure(values: drawn, kernelValues: [], outputs: explanation.outputs[0],
                            labels: ["step \(explanation.outputLength)", "position", "output", "input"], digits: options.digits)
    }

    private typealias N = ExplanationNumbers
    private typealias F = StepFigure
    private var e: PoolExplanation { explanation }
    private var all: Bool { options.all }
    private static let bracketHeight = 24.0

    func render() -> String {
        let steps = visibleIndices(e.outputLength, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all)
        let columns = columns(for: steps.compactMap { $0 })
        let stepHeight = F.cellHeight + Self.bracketHeight
        let outputX = figure.outputX(columns: columns.count)
        var top = F.margin + 64
        var svg = SVGDocument(width: 640, height: 0)
        F.defineMarkers(&svg)
        F.drawTitle(&svg, title, subtitle: subtitle)
        figure.drawPositions(&svg, columns: columns, y: top - 14)
        for step in steps {
            guard let step else {
                F.drawHiddenSteps(&svg, count: e.outputLength - StepLayout.headSteps - StepLayout.tailSteps, y: top)
                top += 40
                continue
            }
            drawStep(&svg, step: step, columns: columns, top: top, outputX: outputX)
            top += stepHeight + F.stepGap
        }
        figure.drawOutputRow(&svg, outputs: steps.map { $0.map { ($0, e.outputs[0][$0]) } }, top: top + 10)
        F.drawLegend(&svg, items: legend, y: top + F.cellHeight + 44)
        svg.fit(margin: F.margin)
        return svg.render()
    }

    /// The same figure animated: the window jumps from step to step over the input and each
    /// output fills in as it is computed (see ``StepAnimation``).
    func renderAnimated() -> String {
        let animation = StepAnimation(figure: figure, steps: e.outputLength, frames: options.animatedSteps(of: e.outputLength))
        let columns = columns(for: Array(0..<animation.frames))
        return animation.render(StepAnimation.Drawing(
            title: title, subtitle: subtitle,
            drawStatic: { svg, top in
                figure.drawPositions(&svg, columns: columns, y: top - 14)
                figure.drawRowLabel(&svg, "input", y: top)
                drawInputRow(&svg, columns: columns, covered: [], y: top)
                return top + F.cellHeight + Self.bracketHeight
            },
            drawWindow: { svg, step, top in
                let window = e.window(step: step)
                for index in columns.indices where columns[index].map(window.contains) ?? false {
                    figure.drawCover(&svg, x: figure.x(ofColumn: index), y: top)
                }
                drawBracket(&svg, step: step, columns: columns, y: top + F.cellHeight + 8)
            },
            windowBottom: { step, top in
                let window = e.window(step: step)
                let drawn = columns.indices.filter { columns[$0].map(window.contains) ?? false }
                // Under the bracket's label (`max`, `mean`), which ends above the bracket row's bottom.
                let middle = (drawn.first ?? 0) + (drawn.last ?? 0) + 1
                return (figure.x(ofColumn: 0) + Double(middle) * figure.cell / 2, top + F.cellHeight + Self.bracketHeight)
            },
            output: { e.outputs[0][$0] },
            sum: { (sumText(step: $0, exact: false), sumText(step: $0, exact: true)) },
            legend: legend))
    }

    /// The drawn positions: all of them, or for long rows the stretches the given windows cover.
    private func columns(for steps: [Int]) -> [Int?] {
        let wanted = steps.reduce(into: Set<Int>()) { $0.formUnion(F.neighbourhood(of: e.window(step: $1))) }
        return F.columns(wanted: wanted, length: e.drawnLength, all: all)
    }

    private var title: String {
        let p = e.parameters
        var settings = "L=\(e.inputLength), k=\(e.kernelSize), s=\(e.stride), p=\(e.padding)"
        if e.dilation != 1 { settings += ", d=\(e.dilation)" }
        if p.ceilMode { settings += ", ceil_mode" }
        if e.kind == .average, !p.countIncludePad { settings += ", count_include_pad=false" }
        return "\(e.callee): \(settings)  →  L_out = \(e.outputLength)"
    }

    private var subtitle: String {
        var subtitle = e.lengthFormula.substituted
        if e.channels > 1 || e.batch > 1 { subtitle += "   (drawn: channel 0" + (e.batch > 1 ? " of item 0)" : ")") }
        return subtitle
    }

    private var legend: [(String, String, String, Bool)] {
        let paddingLabel = e.kind == .max ? "padding (−inf, never wins)" : "padding (0)"
        return [F.inputSwatch, (paddingLabel, "url(#hatch)", F.paddingStroke, true), ("window", "none", F.coverColor, false),
                F.outputSwatch]
    }

    private func drawStep(_ svg: inout SVGDocument, step: Int, columns: [Int?], top: Double, outputX: Double) {
        figure.drawRowLabel(&svg, "step \(step + 1)", y: top, className: "step-label")
        drawInputRow(&svg, columns: columns, covered: Set(e.window(step: step)), y: top)
        let bracketY = top + F.cellHeight + 8
        let end = drawBracket(&svg, step: step, columns: columns, y: bracketY)
        figure.drawStepResult(&svg, step: step, output: e.outputs[0][step], sum: sumText(step: step, exact: false),
                              exactSum: sumText(step: step, exact: true), from: [(end, bracketY)], outputX: outputX, y: top)
    }

    private func drawInputRow(_ svg: inout SVGDocument, columns: [Int?], covered: Set<Int>, y: Double) {
        for (index, position) in columns.enumerated() {
            let cellX = figure.x(ofColumn: index)
            guard let position else { figure.drawElision(&svg, x: cellX, y: y); continue }
            let (kind, tooltip): (F.CellKind, String) = switch e.slot(position) {
            case .input(let i): (.input, "x[\(i)] = " + N.exact(e.rows[0][i]))
            case .padding: (.padding, "padding at position \(position): " + N.exact(e.paddingValue))
            case .pastEnd: (.pastEnd, "position \(position) is past the end: the last window hangs over it (ceil mode)")
            }
            figure.drawInputCell(&svg, kind, value: e.value(channel: 0, position), tooltip: tooltip, x: cellX, y: y,
                                 covered: covered.contains(position))
        }
    }

    /// A bracket under the window joining its taps, with `max` under the winning value (or
    /// `mean` under the middle of an average's window). Returns the bracket's right end.
    @discardableResult
    private func drawBracket(_ svg: inout SVGDocument, step: Int, columns: [Int?], y: Double) -> Double {
        let window = e.window(step: step)
        let tapColumns = columns.indices.filter { columns[$0].map(window.contains) ?? false }
        guard let first = tapColumns.first, let last = tapColumns.last else { return figure.x(ofColumn: 0) }
        let center = { (index: Int) in figure.x(ofColumn: index) + figure.cell / 2 }
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
                svg.text("max", x: center(index), y: y + 10, size: 11, color: F.kernelInk, bold: true, className: "winner")
            }
        case .average:
            svg.text("mean", x: (center(first) + center(last)) / 2, y: y + 10, size: 11, color: F.kernelInk, bold: true)
        }
        return center(last)
    }

    /// `max(3, 4) = 4` or `(0 + 2) / 2 = 1`, as the text explanation writes it, with the
    /// figure's rounding, or exact for the tooltip.
    private func sumText(step: Int, exact: Bool) -> String {
        let format = { (x: Double) in exact ? N.exact(x) : figure.value(x) }
        let values = e.window(step: step).compactMap { e.value(channel: 0, $0) }
        let terms = visibleIndices(values.count, head: StepLayout.headTaps, tail: 2, all: all).map { $0.map { format(values[$0]) } ?? "…" }
        let result = format(e.outputs[0][step])
        switch e.kind {
        case .max:
            return "max(\(terms.joined(separator: ", "))) = \(result)"
        case .average:
            let sum = terms.count == 1 ? terms[0] : "(" + PoolExplanationText.signedSum(terms) + ")"
            return "\(sum) / \(e.divisor(step: step).value) = \(result)"
        }
    }
}
