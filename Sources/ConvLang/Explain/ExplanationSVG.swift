/// Draws a ``ConvExplanation`` as a figure like the walkthrough's: for each step, the padded
/// input (padding hatched, with a dashed border), the kernel's weights under the positions it
/// covers, an arrow to the output cell it makes, and the sum written out; then the output.
///
/// Only output channel 0 is drawn, with the input channels of its group.
struct ExplanationSVG {
    let explanation: ConvExplanation
    let all: Bool

    init(_ explanation: ConvExplanation, all: Bool = false) {
        self.explanation = explanation
        self.all = all
    }

    private typealias N = ExplanationNumbers
    private var e: ConvExplanation { explanation }

    // Geometry, in SVG units.
    private static let cell = 46.0, cellHeight = 34.0, margin = 20.0, labelWidth = 100.0
    private static let rowGap = 8.0, stepGap = 14.0, outputGap = 40.0

    private static let inputFill = "#ffffff", inkColor = "#222222", paddingInk = "#8a8a8a"
    private static let coverColor = "#1f6fb4", kernelFill = "#ffe3bf", kernelStroke = "#d9822b"
    private static let outputFill = "#dff3e4", outputStroke = "#2e9b52"

    func render() -> String {
        let columns = Self.columns(for: e, all: all)
        let steps = visibleIndices(e.outputLength, head: ExplanationText.headSteps, tail: ExplanationText.tailSteps, all: all)
        let channels = Array(e.inputChannels(ofOutput: 0).prefix(ExplanationText.headChannels))
        let stepHeight = Double(channels.count) * (2 * Self.cellHeight + 2 * Self.rowGap)
        let gridWidth = Double(columns.count) * Self.cell
        let outputX = Self.margin + Self.labelWidth + gridWidth + Self.outputGap
        let width = outputX + Self.cell + 20 + Double(longestSum(steps: steps)) * 7.6 + Self.margin
        var top = Self.margin + 64
        let height = top + Double(steps.count) * (stepHeight + Self.stepGap) + 2 * Self.cellHeight + 80
        var svg = SVGDocument(width: Swift.max(width, 560), height: height)
        defineMarkers(&svg)
        drawTitle(&svg)
        drawPositions(&svg, columns: columns, y: top - 14)
        for step in steps {
            guard let step else {
                svg.text("… \(N.count(e.outputLength - ExplanationText.headSteps - ExplanationText.tailSteps, "more step")) …",
                         x: Self.margin, y: top + 10, anchor: .start, color: Self.paddingInk)
                top += 40
                continue
            }
            drawStep(&svg, step: step, channels: channels, columns: columns, top: top, outputX: outputX, gridEnd: x(ofColumn: columns.count))
            top += stepHeight + Self.stepGap
        }
        drawOutputRow(&svg, top: top + 10)
        drawLegend(&svg, y: top + Self.cellHeight + 44)
        svg.height = top + Self.cellHeight + 70
        return svg.render()
    }

    /// The padded positions drawn: all, or for long rows the stretches the shown steps cover.
    static func columns(for e: ConvExplanation, all: Bool) -> [Int?] {
        guard !all, e.paddedLength > ExplanationText.widestRow else { return Array(0..<e.paddedLength) }
        var wanted = Set<Int>()
        let steps = visibleIndices(e.outputLength, head: ExplanationText.headSteps, tail: ExplanationText.tailSteps, all: false)
        for step in steps.compactMap({ $0 }) {
            let window = e.window(step: step)
            let first = Swift.max(0, window[0] - 1)
            let last = Swift.min(e.paddedLength - 1, window[window.count - 1] + 1)
            // A long dilated kernel: its taps and their neighbours only.
            if last - first > ExplanationText.widestRow {
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

    private func defineMarkers(_ svg: inout SVGDocument) {
        svg.define("<pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                   + "<rect width=\"6\" height=\"6\" fill=\"#f1f1f1\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#cfcfcf\" stroke-width=\"2\"/></pattern>")
        svg.define("<marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
                   + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"\(Self.outputStroke)\"/></marker>")
    }

    private func drawTitle(_ svg: inout SVGDocument) {
        var settings = "L=\(e.inputLength), k=\(e.kernelSize), s=\(e.stride), p=\(e.left == e.right ? "\(e.left)" : "(\(e.left), \(e.right))")"
        if e.dilation != 1 { settings += ", d=\(e.dilation)" }
        if e.groups != 1 { settings += ", g=\(e.groups)" }
        if e.paddingMode != .zeros { settings += ", mode=\(e.paddingMode.rawValue)" }
        svg.text("\(e.callee): \(settings)  →  L_out = \(e.outputLength)", x: Self.margin, y: Self.margin + 8, size: 17,
                 anchor: .start, bold: true, className: "title")
        var subtitle = e.lengthFormula.substituted
        if e.outChannels > 1 || e.batch > 1 { subtitle += "   (drawn: output channel 0" + (e.batch > 1 ? " of item 0)" : ")") }
        svg.text(subtitle, x: Self.margin, y: Self.margin + 32, size: 13, anchor: .start, color: "#444")
    }

    private func x(ofColumn index: Int) -> Double { Self.margin + Self.labelWidth + Double(index) * Self.cell }

    private func drawPositions(_ svg: inout SVGDocument, columns: [Int?], y: Double) {
        svg.text("position", x: Self.margin, y: y, size: 11, anchor: .start, color: Self.paddingInk)
        for (index, position) in columns.enumerated() {
            svg.text(position.map { "\($0)" } ?? "…", x: x(ofColumn: index) + Self.cell / 2, y: y, size: 11, color: Self.paddingInk)
        }
    }

    private func drawStep(
        _ svg: inout SVGDocument, step: Int, channels: [Int], columns: [Int?], top: Double, outputX: Double, gridEnd: Double
    ) {
        let window = e.window(step: step)
        let taps = Dictionary(uniqueKeysWithValues: window.enumerated().map { ($1, $0) })
        var y = top
        svg.text("step \(step + 1)", x: Self.margin, y: y + Self.cellHeight / 2, size: 14, anchor: .start, bold: true, className: "step-label")
        for c in channels {
            if channels.count > 1 {
                svg.text("c\(c)", x: x(ofColumn: 0) - 8, y: y + Self.cellHeight / 2, size: 12, anchor: .end, color: "#555")
            }
            drawInputRow(&svg, channel: c, columns: columns, covered: Set(window), y: y)
            drawKernelRow(&svg, channel: c, taps: taps, columns: columns, window: window, y: y + Self.cellHeight + Self.rowGap)
            y += 2 * Self.cellHeight + 2 * Self.rowGap
        }
        // The arrow from the kernel to the output cell it makes.
        let outputY = top + (y - top - Self.rowGap) / 2 - Self.cellHeight / 2
        svg.line(x1: gridEnd + 6, y1: outputY + Self.cellHeight / 2, x2: outputX - 6,
                 y2: outputY + Self.cellHeight / 2, stroke: Self.outputStroke, width: 1.5, arrow: true)
        svg.rect(x: outputX, y: outputY, width: Self.cell, height: Self.cellHeight, fill: Self.outputFill,
                 stroke: Self.outputStroke, strokeWidth: 2, radius: 3, className: "output-cell")
        svg.text(N.number(e.outputs[0][step]), x: outputX + Self.cell / 2, y: outputY + Self.cellHeight / 2, size: 13, bold: true)
        svg.text("out[\(step)]", x: outputX + Self.cell / 2, y: outputY - 9, size: 11, color: "#555")
        svg.text(sumText(step: step), x: outputX + Self.cell + 14, y: outputY + Self.cellHeight / 2, size: 13, anchor: .start,
                 color: "#333", className: "sum")
    }

    private func drawInputRow(_ svg: inout SVGDocument, channel c: Int, columns: [Int?], covered: Set<Int>, y: Double) {
        for (index, position) in columns.enumerated() {
            let cellX = x(ofColumn: index)
            guard let position else {
                svg.text("…", x: cellX + Self.cell / 2, y: y + Self.cellHeight / 2, color: Self.paddingInk)
                continue
            }
            let sample = e.padded[c][position]
            if e.isPadding(position) {
                svg.rect(x: cellX + 1, y: y, width: Self.cell - 2, height: Self.cellHeight, fill: "url(#hatch)",
                         stroke: "#9a9a9a", strokeWidth: 1.2, dashed: true, className: "padding-cell")
                svg.text(N.number(sample.value), x: cellX + Self.cell / 2, y: y + Self.cellHeight / 2, size: 14,
                         color: Self.paddingInk)
            } else {
                svg.rect(x: cellX + 1, y: y, width: Self.cell - 2, height: Self.cellHeight, fill: Self.inputFill,
                         stroke: "#555555", strokeWidth: 1.2, className: "input-cell")
                svg.text(N.number(sample.value), x: cellX + Self.cell / 2, y: y + Self.cellHeight / 2, size: 14, color: Self.inkColor)
            }
            if covered.contains(position) {
                svg.rect(x: cellX + 1, y: y, width: Self.cell - 2, height: Self.cellHeight, fill: "none",
                         stroke: Self.coverColor, strokeWidth: 3)
            }
        }
    }

    private func drawKernelRow(
        _ svg: inout SVGDocument, channel c: Int, taps: [Int: Int], columns: [Int?], window: [Int], y: Double
    ) {
        let local = c - e.inputChannels(ofOutput: 0).lowerBound
        let tapColumns = columns.indices.filter { columns[$0].map { taps[$0] != nil } ?? false }
        // A line joining the taps shows the kernel is one piece, with dilation gaps inside it.
        if let first = tapColumns.first, let last = tapColumns.last, last > first {
            svg.line(x1: x(ofColumn: first) + Self.cell / 2, y1: y + Self.cellHeight / 2, x2: x(ofColumn: last) + Self.cell / 2,
                     y2: y + Self.cellHeight / 2, stroke: Self.kernelStroke, width: 2, dashed: e.dilation > 1)
        }
        for index in tapColumns {
            guard let position = columns[index], let tap = taps[position] else { continue }
            let cellX = x(ofColumn: index)
            svg.rect(x: cellX + 3, y: y, width: Self.cell - 6, height: Self.cellHeight, fill: Self.kernelFill,
                     stroke: Self.kernelStroke, strokeWidth: 1.5, radius: 4, className: "kernel-cell")
            svg.text(N.number(e.weights[0][local][tap]), x: cellX + Self.cell / 2, y: y + Self.cellHeight / 2 - 5, size: 13)
            svg.text("w\(tap)", x: cellX + Self.cell / 2, y: y + Self.cellHeight / 2 + 9, size: 10, color: "#8a5a1f")
        }
    }

    /// `0.5·0 + (−1)·2 + 0.1 = −1.9`, for output channel 0 (summed over its group's channels).
    private func sumText(step: Int) -> String {
        var terms: [String] = []
        for c in e.inputChannels(ofOutput: 0) {
            let products = e.products(output: 0, channel: c, step: step)
            for j in visibleIndices(products.count, head: ExplanationText.headTaps, tail: 2, all: all) {
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
        svg.text("output", x: Self.margin, y: top + Self.cellHeight / 2, size: 14, anchor: .start, bold: true)
        let shown = visibleIndices(e.outputLength, head: ExplanationText.headSteps, tail: ExplanationText.tailSteps, all: all)
        for (index, step) in shown.enumerated() {
            let cellX = x(ofColumn: index)
            guard let step else {
                svg.text("…", x: cellX + Self.cell / 2, y: top + Self.cellHeight / 2, color: Self.paddingInk)
                continue
            }
            svg.rect(x: cellX + 1, y: top, width: Self.cell - 2, height: Self.cellHeight, fill: Self.outputFill,
                     stroke: Self.outputStroke, strokeWidth: 1.5, radius: 3, className: "output-cell")
            svg.text(N.number(e.outputs[0][step]), x: cellX + Self.cell / 2, y: top + Self.cellHeight / 2, size: 13, bold: true)
        }
    }

    private func drawLegend(_ svg: inout SVGDocument, y: Double) {
        var x = Self.margin
        let items: [(String, String, String, Bool)] = [
            ("input", Self.inputFill, "#555555", false), ("padding (not part of the input)", "url(#hatch)", "#9a9a9a", true),
            ("kernel weights", Self.kernelFill, Self.kernelStroke, false), ("output", Self.outputFill, Self.outputStroke, false),
        ]
        for (label, fill, stroke, dashed) in items {
            svg.rect(x: x, y: y - 8, width: 16, height: 16, fill: fill, stroke: stroke, dashed: dashed)
            svg.text(label, x: x + 22, y: y, size: 12, anchor: .start, color: "#444")
            x += 22 + Double(label.count) * 6.6 + 22
        }
    }
}
