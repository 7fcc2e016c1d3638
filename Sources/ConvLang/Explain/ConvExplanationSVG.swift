/// Draws a ``ConvExplanation`` as a figure like docs/walkthrough-*.png: for each step, the padded
/// input (padding hatched, with a dashed border), the kernel's weights under the positions it
/// covers, an arrow from the kernel to the output cell it makes, and the sum written out; then
/// the output. Values are rounded to `digits=` significant digits, exact in each cell's tooltip.
///
/// Only output channel 0 is drawn, with the input channels of its group.
struct ConvExplanationSVG {
    let explanation: ConvExplanation
    let options: FigureOptions
    private let figure: StepFigure

    init(_ explanation: ConvExplanation, options: FigureOptions = FigureOptions()) {
        self.explanation = explanation
        self.options = options
        let channels = explanation.inputChannels(ofOutput: 0).prefix(StepLayout.headChannels)
        let local = channels.map { $0 - explanation.inputChannels(ofOutput: 0).lowerBound }
        figure = StepFigure(
            values: channels.flatMap { explanation.padded[$0].map(\.value) },
            kernelValues: local.flatMap { explanation.weights[0][$0] },
            outputs: explanation.outputs[0],
            labels: ["step \(explanation.outputLength)", "position", "output", "kernel", "input"],
            channelLabels: channels.count > 1 ? channels.map { "c\($0)" } : [],
            digits: options.digits)
    }

    private typealias N = ExplanationNumbers
    private typealias F = StepFigure
    private var e: ConvExplanation { explanation }
    private var all: Bool { options.all }
    private var channels: [Int] { Array(e.inputChannels(ofOutput: 0).prefix(StepLayout.headChannels)) }
    /// One channel's input row and kernel row.
    private static let channelHeight = 2 * F.cellHeight + 2 * F.rowGap

    func render() -> String {
        let steps = visibleIndices(e.outputLength, head: StepLayout.headSteps, tail: StepLayout.tailSteps, all: all)
        let columns = columns(for: steps.compactMap { $0 })
        let stepHeight = Double(channels.count) * Self.channelHeight
        let outputX = figure.outputX(columns: columns.count)
        var top = F.margin + 64
        var svg = SVGDocument(width: 560, height: 0)
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

    /// The same figure animated: the kernel jumps from window to window over the input and each
    /// output fills in as it is computed (see ``StepAnimation``).
    func renderAnimated() -> String {
        let animation = StepAnimation(figure: figure, steps: e.outputLength, frames: options.animatedSteps(of: e.outputLength))
        let columns = columns(for: Array(0..<animation.frames))
        let single = channels.count == 1
        return animation.render(StepAnimation.Drawing(
            title: title, subtitle: subtitle,
            drawStatic: { svg, top in
                figure.drawPositions(&svg, columns: columns, y: top - 14)
                for (row, c) in channels.enumerated() {
                    let y = top + Double(row) * Self.channelHeight
                    figure.drawRowLabel(&svg, single ? "input" : "input c\(c)", y: y)
                    figure.drawRowLabel(&svg, single ? "kernel" : "kernel c\(c)", y: y + F.cellHeight + F.rowGap)
                    drawInputRow(&svg, channel: c, columns: columns, covered: [], y: y)
                }
                return top + Double(channels.count) * Self.channelHeight - F.rowGap
            },
            drawWindow: { svg, step, top in
                let window = e.window(step: step)
                for (row, c) in channels.enumerated() {
                    let y = top + Double(row) * Self.channelHeight
                    for index in columns.indices where columns[index].map(window.contains) ?? false {
                        figure.drawCover(&svg, x: figure.x(ofColumn: index), y: y)
                    }
                    drawKernelRow(&svg, channel: c, window: window, columns: columns, y: y + F.cellHeight + F.rowGap)
                }
            },
            windowBottom: { step, top in
                let window = e.window(step: step)
                let drawn = columns.indices.filter { columns[$0].map(window.contains) ?? false }
                let middle = ((drawn.first ?? 0) + (drawn.last ?? 0) + 1)
                return (figure.x(ofColumn: 0) + Double(middle) * figure.cell / 2,
                        top + Double(channels.count) * Self.channelHeight - F.rowGap)
            },
            output: { e.outputs[0][$0] },
            sum: { (sumText(step: $0, exact: false), sumText(step: $0, exact: true)) },
            legend: legend))
    }

    /// The padded positions drawn: all, or for long rows the stretches the given steps cover.
    private func columns(for steps: [Int]) -> [Int?] {
        let wanted = steps.reduce(into: Set<Int>()) { $0.formUnion(F.neighbourhood(of: e.window(step: $1))) }
        return F.columns(wanted: wanted, length: e.paddedLength, all: all)
    }

    private var title: String {
        "\(e.callee): \(e.settingsText)  →  L_out = \(e.outputLength)"
    }

    private var subtitle: String {
        var subtitle = e.lengthFormula.substituted
        if e.outChannels > 1 || e.batch > 1 { subtitle += "   (drawn: output channel 0" + (e.batch > 1 ? " of item 0)" : ")") }
        return subtitle
    }

    private var legend: [(String, String, String, Bool)] {
        [F.inputSwatch, F.paddingSwatch, F.kernelSwatch, F.outputSwatch]
    }

    private func drawStep(_ svg: inout SVGDocument, step: Int, columns: [Int?], top: Double, outputX: Double) {
        let window = e.window(step: step)
        var starts: [(x: Double, y: Double)] = []
        figure.drawRowLabel(&svg, "step \(step + 1)", y: top, className: "step-label")
        for (row, c) in channels.enumerated() {
            let y = top + Double(row) * Self.channelHeight
            if channels.count > 1 { figure.drawChannelLabel(&svg, "c\(c)", y: y) }
            drawInputRow(&svg, channel: c, columns: columns, covered: Set(window), y: y)
            let kernelY = y + F.cellHeight + F.rowGap
            let lastTap = drawKernelRow(&svg, channel: c, window: window, columns: columns, y: kernelY)
            starts.append((figure.x(ofColumn: lastTap) + figure.cell - 3, kernelY + F.cellHeight / 2))
        }
        let blockHeight = Double(channels.count) * Self.channelHeight - F.rowGap
        figure.drawStepResult(&svg, step: step, output: e.outputs[0][step], sum: sumText(step: step, exact: false),
                              exactSum: sumText(step: step, exact: true), from: starts, outputX: outputX,
                              y: top + blockHeight / 2 - F.cellHeight / 2)
    }

    private func drawInputRow(_ svg: inout SVGDocument, channel c: Int, columns: [Int?], covered: Set<Int>, y: Double) {
        for (index, position) in columns.enumerated() {
            let cellX = figure.x(ofColumn: index)
            guard let position else { figure.drawElision(&svg, x: cellX, y: y); continue }
            figure.drawInputCell(&svg, e.isPadding(position) ? .padding : .input, value: e.padded[c][position].value,
                                 tooltip: tooltip(channel: c, position: position), x: cellX, y: y,
                                 covered: covered.contains(position))
        }
    }

    /// `x[1] = 0.30742281675338745`, or what a padding position holds and where it comes from.
    private func tooltip(channel c: Int, position: Int) -> String {
        let sample = e.padded[c][position]
        let name = e.inChannels > 1 ? "x[\(c)]" : "x"
        let exact = N.exact(sample.value)
        guard e.isPadding(position) else { return "\(name)[\(position - e.left)] = \(exact)" }
        guard let source = sample.sourceIndex else { return "padding at position \(position): \(exact)" }
        return "padding at position \(position) (\(e.paddingMode.rawValue)): copies \(name)[\(source)] = \(exact)"
    }

    /// The kernel's taps under the positions they cover; returns the column of the last tap drawn.
    @discardableResult
    private func drawKernelRow(_ svg: inout SVGDocument, channel c: Int, window: [Int], columns: [Int?], y: Double) -> Int {
        let local = c - e.inputChannels(ofOutput: 0).lowerBound
        let taps = Dictionary(uniqueKeysWithValues: window.enumerated().map { ($1, $0) })
        let tapColumns = columns.indices.filter { columns[$0].map { taps[$0] != nil } ?? false }
        figure.drawKernelJoins(&svg, columns: tapColumns, y: y, dashed: e.dilation > 1)
        for index in tapColumns {
            guard let position = columns[index], let tap = taps[position] else { continue }
            let weight = e.weights[0][local][tap]
            let name = e.inChannels > 1 || e.outChannels > 1 ? "w[0][\(local)][\(tap)]" : "w[\(tap)]"
            figure.drawKernelCell(&svg, weight: weight, name: "w\(tap)", tooltip: "\(name) = \(N.exact(weight))",
                                  x: figure.x(ofColumn: index), y: y)
        }
        return tapColumns.last ?? 0
    }

    /// `0.5·0 + (−1)·2 + 0.1 = −1.9` for output channel 0 (summed over its group's channels),
    /// rounded to the figure's digits, or with every value exact for the tooltip.
    private func sumText(step: Int, exact: Bool) -> String {
        let term = { (x: Double) in exact ? N.exact(x) : figure.term(x) }
        var terms: [String] = []
        for c in e.inputChannels(ofOutput: 0) {
            let products = e.products(output: 0, channel: c, step: step)
            for j in visibleIndices(products.count, head: StepLayout.headTaps, tail: 2, all: all) {
                guard let j else { terms.append("…"); continue }
                terms.append(term(products[j].weight) + "·" + term(products[j].value))
            }
            if terms.count > 12, !all { terms.append("…"); break }
        }
        if let bias = e.bias { terms.append(term(bias[0])) }
        let result = exact ? N.exact(e.outputs[0][step]) : figure.value(e.outputs[0][step])
        return terms.joined(separator: " + ") + " = " + result
    }
}

extension ConvExplanation {
    /// The settings a figure's title names: `L=3, k=2, s=2, p=1`, then dilation, groups and the
    /// padding mode where they are not the defaults.
    var settingsText: String {
        var settings = "L=\(inputLength), k=\(kernelSize), s=\(stride), p=\(left == right ? "\(left)" : "(\(left), \(right))")"
        if dilation != 1 { settings += ", d=\(dilation)" }
        if groups != 1 { settings += ", g=\(groups)" }
        if paddingMode != .zeros { settings += ", mode=\(paddingMode.rawValue)" }
        return settings
    }
}
