/// Draws a ``TransposeExplanation`` in the style of the step figures, over the positions of the
/// full output: the scatter (one row per input element, its products `x[i]·w[j]` placed at
/// `i·s + j·d`), the sums of what lands on each position, then the output: the full output
/// with `padding` cropped from both ends (hatched), `output_padding` extending it on the right,
/// and the bias added. Only output channel 0 is drawn, with the input channels of its group.
struct TransposeExplanationSVG {
    let explanation: TransposeExplanation
    let options: FigureOptions
    private let figure: StepFigure

    init(_ explanation: TransposeExplanation, options: FigureOptions = FigureOptions()) {
        self.explanation = explanation
        self.options = options
        let e = explanation
        let channels = Array(e.inputChannels(ofOutput: 0).prefix(StepLayout.headChannels))
        let products = channels.flatMap { c in
            (0..<e.inputLength).flatMap { i in e.scatter(channel: c, index: i, output: 0).map { $0.contribution.value * $0.contribution.weight } }
        }
        let sums = (0..<Swift.max(e.fullLength, e.padding + e.outputLength)).map { Self.sum(e.contributions(output: 0, fullPosition: $0)) }
        let labels = channels.flatMap { c in
            (0..<e.inputLength).map { Self.rowLabel(e, channel: c, index: $0, digits: options.digits) }
        }
        figure = StepFigure(values: sums, kernelValues: products, outputs: e.outputs[0],
                            labels: labels + ["position", "sum", "output", "out index"], digits: options.digits)
    }

    private typealias N = ExplanationNumbers
    private typealias F = StepFigure
    private var e: TransposeExplanation { explanation }
    private var all: Bool { options.all }
    private var channels: [Int] { Array(e.inputChannels(ofOutput: 0).prefix(StepLayout.headChannels)) }
    /// Every position drawn: the full output, and past it what `output_padding` keeps.
    private var length: Int { Swift.max(e.fullLength, e.padding + e.outputLength) }
    private static let rowHeight = F.cellHeight + F.rowGap

    func render() -> String {
        let rows = visibleIndices(e.inputLength, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all)
        let columns = columns(rows: rows.compactMap { $0 }, outputs: [])
        var svg = SVGDocument(width: 640, height: 0)
        F.defineMarkers(&svg)
        F.drawTitle(&svg, title, subtitle: subtitle)
        let top = F.margin + 64
        let scatterEnd = drawScatter(&svg, rows: rows, columns: columns, top: top)
        let outputTop = drawSums(&svg, columns: columns, top: scatterEnd + 6) + F.rowGap
        drawOutputRow(&svg, columns: columns, top: outputTop)
        var y = outputTop + F.cellHeight + 14
        figure.drawIndexRow(&svg, "out index", columns.map { $0.map { isKept($0) ? "\($0 - e.padding)" : "–" } ?? "…" }, y: y)
        y += 32
        svg.text(cropSentence, x: F.margin, y: y, size: 13, anchor: .start, color: "#333", className: "crop-note")
        F.drawLegend(&svg, items: legend, y: y + 34)
        svg.fit(margin: F.margin)
        return svg.render()
    }

    /// The same figure animated, one output element per frame: the products that land on its
    /// position are outlined, and the output cell fills in with their sum (see ``StepAnimation``).
    func renderAnimated() -> String {
        let animation = StepAnimation(figure: figure, steps: e.outputLength, frames: options.animatedSteps(of: e.outputLength))
        let rows = visibleIndices(e.inputLength, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all)
        let columns = columns(rows: rows.compactMap { $0 }, outputs: Array(0..<animation.frames))
        let column = { (k: Int) in columns.firstIndex(of: k + e.padding) ?? 0 }
        let shownRows = channels.flatMap { c in rows.map { (c, $0) } }
        return animation.render(StepAnimation.Drawing(
            title: title, subtitle: subtitle,
            drawStatic: { svg, top in drawScatter(&svg, rows: rows, columns: columns, top: top) },
            drawWindow: { svg, k, top in
                var y = top
                for (c, i) in shownRows {
                    guard let i else { y += 28; continue }
                    if e.scatter(channel: c, index: i, output: 0).contains(where: { $0.position == k + e.padding }) {
                        svg.rect(x: figure.x(ofColumn: column(k)) + 1, y: y, width: figure.cell - 2, height: F.cellHeight,
                                 fill: "none", stroke: F.coverColor, strokeWidth: 3, className: "cover")
                    }
                    y += Self.rowHeight
                }
            },
            windowBottom: { k, top in
                (figure.x(ofColumn: column(k)) + figure.cell / 2, top + scatterHeight(rows) - F.rowGap)
            },
            output: { e.outputs[0][$0] },
            outputColumn: column,
            sum: { (elementSum($0, exact: false), elementSum($0, exact: true)) },
            legend: legend))
    }

    /// The positions drawn: all of them, or for long rows those the shown rows reach, the
    /// animated outputs' positions and the ends, where the crop is.
    private func columns(rows: [Int], outputs: [Int]) -> [Int?] {
        var wanted = Set(0...Swift.min(e.padding + 1, length - 1)).union((length - 1 - e.padding - 1)..<length)
        for c in channels {
            for i in rows { wanted.formUnion(F.neighbourhood(of: e.scatter(channel: c, index: i, output: 0).map(\.position))) }
        }
        wanted.formUnion(outputs.map { $0 + e.padding })
        return F.columns(wanted: wanted, length: length, all: all)
    }

    private var title: String {
        var settings = "L=\(e.inputLength), k=\(e.kernelSize), s=\(e.stride), p=\(e.padding)"
        if e.outputPadding != 0 { settings += ", output_padding=\(e.outputPadding)" }
        if e.dilation != 1 { settings += ", d=\(e.dilation)" }
        if e.groups != 1 { settings += ", g=\(e.groups)" }
        return "\(e.callee): \(settings)  →  L_out = \(e.outputLength)"
    }

    private var subtitle: String {
        var subtitle = "L_out = (\(e.inputLength)−1)·\(e.stride) − 2·\(e.padding) + \(e.dilation)·(\(e.kernelSize)−1) + "
            + "\(e.outputPadding) + 1 = \(e.outputLength)"
        if e.outChannels > 1 || e.batch > 1 { subtitle += "   (drawn: output channel 0" + (e.batch > 1 ? " of item 0)" : ")") }
        return subtitle
    }

    private var legend: [(String, String, String, Bool)] {
        [("x[i]·w[j], placed at i·s + j·d", F.kernelFill, F.kernelStroke, false), ("sum of what lands", F.inputFill, F.inputStroke, false),
         ("cropped by padding", "url(#hatch)", F.paddingStroke, true), F.outputSwatch]
    }

    private static func rowLabel(_ e: TransposeExplanation, channel c: Int, index i: Int, digits: Int) -> String {
        (e.inChannels > 1 ? "c\(c) " : "") + "x[\(i)] = " + ExplanationNumbers.rounded(e.inputs[c][i], digits: digits)
    }

    private func scatterHeight(_ rows: [Int?]) -> Double {
        Double(channels.count) * rows.reduce(0) { $0 + ($1 == nil ? 28 : Self.rowHeight) }
    }

    /// The positions row and one row per shown input element with its products; returns where they end.
    private func drawScatter(_ svg: inout SVGDocument, rows: [Int?], columns: [Int?], top: Double) -> Double {
        figure.drawPositions(&svg, columns: columns, y: top - 14)
        var y = top
        for c in channels {
            for i in rows {
                guard let i else {
                    let hidden = e.inputLength - StepLayout.headSteps - StepLayout.tailSteps
                    svg.text("… \(N.count(hidden, "more input")) …", x: F.margin, y: y + 10, anchor: .start, color: F.paddingInk)
                    y += 28
                    continue
                }
                drawScatterRow(&svg, channel: c, index: i, columns: columns, y: y)
                y += Self.rowHeight
            }
        }
        return y
    }

    private func drawScatterRow(_ svg: inout SVGDocument, channel c: Int, index i: Int, columns: [Int?], y: Double) {
        svg.group(tooltip: "x[\(i)] = " + N.exact(e.inputs[c][i])) { svg in
            svg.text(Self.rowLabel(e, channel: c, index: i, digits: options.digits), x: F.margin, y: y + F.cellHeight / 2,
                     size: 13, anchor: .start, className: "scatter-label")
        }
        let landings = e.scatter(channel: c, index: i, output: 0)
        let tapColumns = landings.compactMap { landing in columns.firstIndex(of: landing.position) }
        figure.drawKernelJoins(&svg, columns: tapColumns, y: y, dashed: e.dilation > 1)
        for landing in landings {
            guard let index = columns.firstIndex(of: landing.position) else { continue }
            let item = landing.contribution
            let tooltip = "x[\(i)]·w[\(item.tap)] = \(N.exact(item.value))·\(N.exact(item.weight)) = "
                + "\(N.exact(item.value * item.weight)), to position \(landing.position)"
            figure.drawKernelCell(&svg, weight: item.value * item.weight, name: "w\(item.tap)", tooltip: tooltip,
                                  x: figure.x(ofColumn: index), y: y)
        }
    }

    /// The row of sums, one per position of the full output; returns where it ends.
    private func drawSums(_ svg: inout SVGDocument, columns: [Int?], top: Double) -> Double {
        figure.drawRowLabel(&svg, "sum", y: top)
        for (index, position) in columns.enumerated() {
            let cellX = figure.x(ofColumn: index)
            guard let position else { figure.drawElision(&svg, x: cellX, y: top); continue }
            let contributions = e.contributions(output: 0, fullPosition: position)
            let pastFull = position >= e.fullLength
            let tooltip = pastFull
                ? "position \(position): past the full output, added by output_padding; nothing lands here"
                : "full[\(position)] = " + (contributions.isEmpty ? "0 (nothing lands here)"
                    : terms(contributions) { N.exact($0.value) + "·" + N.exact($0.weight) } + " = " + N.exact(Self.sum(contributions)))
            svg.group(className: "cell", tooltip: tooltip) { svg in
                svg.rect(x: cellX + 1, y: top, width: figure.cell - 2, height: F.cellHeight, fill: F.inputFill,
                         stroke: F.inputStroke, strokeWidth: 1.2, dashed: pastFull, className: "sum-cell")
                svg.text(figure.value(Self.sum(contributions)), x: cellX + figure.cell / 2, y: top + F.cellHeight / 2,
                         size: F.valueSize, color: contributions.isEmpty ? F.paddingInk : F.inkColor)
            }
        }
        return top + F.cellHeight
    }

    /// The output under the positions it keeps; the cropped ones hatched.
    private func drawOutputRow(_ svg: inout SVGDocument, columns: [Int?], top: Double) {
        figure.drawRowLabel(&svg, e.bias == nil ? "output" : "output (+ b)", y: top)
        for (index, position) in columns.enumerated() {
            let cellX = figure.x(ofColumn: index)
            guard let position else { figure.drawElision(&svg, x: cellX, y: top); continue }
            guard isKept(position) else {
                svg.group(className: "cell", tooltip: "position \(position) is cropped: padding p=\(e.padding) cuts "
                          + "\(N.count(e.padding, "position")) from each end of the full output") { svg in
                    svg.rect(x: cellX + 1, y: top, width: figure.cell - 2, height: F.cellHeight, fill: "url(#hatch)",
                             stroke: F.paddingStroke, strokeWidth: 1.2, dashed: true, className: "cropped-cell")
                }
                continue
            }
            figure.drawOutputCell(&svg, step: position - e.padding, output: e.outputs[0][position - e.padding], x: cellX, y: top)
        }
    }

    private func isKept(_ position: Int) -> Bool {
        position >= e.padding && position < e.padding + e.outputLength
    }

    /// What the crop does, in one sentence.
    private var cropSentence: String {
        let right = e.padding - e.outputPadding
        var sentence = "out[i] = full[i + \(e.padding)]" + (e.bias.map { " + b (b = " + figure.value($0[0]) + ")" } ?? "") + ": "
        sentence += e.padding == 0 ? "p=0 crops nothing on the left" : "p=\(e.padding) crops \(N.count(e.padding, "position")) on the left"
        if e.outputPadding == 0 {
            sentence += e.padding == 0 ? " or the right" : " and \(e.padding) on the right"
        } else if right >= 0 {
            sentence += " and \(right) on the right (output_padding=\(e.outputPadding) keeps \(N.count(e.outputPadding, "position")))"
        } else {
            sentence += "; output_padding=\(e.outputPadding) adds \(N.count(-right, "position")) past the full output, where nothing lands"
        }
        return sentence
    }

    /// `out[1] = 4 + 1.5 + 0.1 = 5.6`: what lands on output element `k`'s position, and the bias.
    private func elementSum(_ k: Int, exact: Bool) -> String {
        let format = { (x: Double) in exact ? N.exact(x) : figure.term(x) }
        let contributions = e.contributions(output: 0, fullPosition: k + e.padding)
        var sum = contributions.isEmpty ? "0" : terms(contributions) { format($0.value * $0.weight) }
        if let bias = e.bias { sum += " + " + format(bias[0]) }
        return "out[\(k)] = " + sum + " = " + (exact ? N.exact(e.outputs[0][k]) : figure.value(e.outputs[0][k]))
    }

    /// The contributions written with `format`, joined by `+`; long lists elided in the middle.
    private func terms(_ contributions: [TransposeExplanation.Contribution],
                       _ format: (TransposeExplanation.Contribution) -> String) -> String {
        visibleIndices(contributions.count, head: StepLayout.headTaps, tail: 2, all: all)
            .map { $0.map { format(contributions[$0]) } ?? "…" }.joined(separator: " + ")
    }

    private static func sum(_ contributions: [TransposeExplanation.Contribution]) -> Double {
        contributions.reduce(0) { $0 + $1.value * $1.weight }
    }
}
