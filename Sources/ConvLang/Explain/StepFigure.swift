/// The look every step figure shares (conv's, pooling's and transposed conv's): geometry,
/// colours, and the cells, arrows, rows and legend they are drawn from, so the figures read as
/// one family.
///
/// Columns are as wide as the widest value they hold (at least ``minimumCell``), and values are
/// rounded to ``digits`` significant digits, with the exact value in each cell's tooltip; the
/// label column is as wide as its widest label. Nothing is drawn on top of anything else.
struct StepFigure {
    // Geometry, in SVG units.
    static let cellHeight = 34.0, margin = 20.0, rowGap = 8.0, stepGap = 14.0, outputGap = 48.0
    static let minimumCell = 46.0, cellPadding = 14.0, minimumLabelWidth = 100.0

    static let inputFill = "#ffffff", inputStroke = "#555555", inkColor = "#222222", paddingInk = "#8a8a8a"
    static let paddingStroke = "#9a9a9a", coverColor = "#1f6fb4", kernelFill = "#ffe3bf", kernelStroke = "#d9822b"
    static let outputFill = "#dff3e4", outputStroke = "#2e9b52", kernelInk = "#8a5a1f"

    // Font sizes.
    static let valueSize = 14.0, kernelSize = 13.0, outputSize = 13.0, stepLabelSize = 14.0, channelLabelSize = 12.0

    /// The width of one column.
    let cell: Double
    /// The width of the label column at the left (`step 12`, `c0`, `position`).
    let labelWidth: Double
    /// Significant digits values are rounded to.
    let digits: Int

    /// A figure whose columns hold `values` (in ``valueSize``), `kernelValues` (``kernelSize``)
    /// and `outputs` (bold ``outputSize``), and whose label column holds `labels` (bold
    /// ``stepLabelSize``) and, right-aligned beside them, `channelLabels`.
    init(values: [Double], kernelValues: [Double], outputs: [Double], extraCellTexts: [String] = [],
         labels: [String], channelLabels: [String] = [], digits: Int) {
        self.digits = digits
        let round = { (x: Double) in ExplanationNumbers.rounded(x, digits: digits) }
        let widest = (values.map { TextMetrics.width(round($0), size: Self.valueSize) }
            + extraCellTexts.map { TextMetrics.width($0, size: Self.valueSize) }
            + kernelValues.map { TextMetrics.width(round($0), size: Self.kernelSize) }
            + outputs.map { TextMetrics.width(round($0), size: Self.outputSize, bold: true) }).max() ?? 0
        cell = Swift.max(Self.minimumCell, (widest + Self.cellPadding).rounded(.up))
        let label = labels.map { TextMetrics.width($0, size: Self.stepLabelSize, bold: true) }.max() ?? 0
        let channel = channelLabels.map { TextMetrics.width($0, size: Self.channelLabelSize) }.max().map { $0 + 16 } ?? 0
        labelWidth = Swift.max(Self.minimumLabelWidth, (label + channel + 16).rounded(.up))
    }

    /// `x` rounded for the figure.
    func value(_ x: Double) -> String { ExplanationNumbers.rounded(x, digits: digits) }

    /// A rounded factor of a product or sum: `(−0.005294)` when negative.
    func term(_ x: Double) -> String { ExplanationNumbers.roundedTerm(x, digits: digits) }

    /// The left edge of drawn column `index`.
    func x(ofColumn index: Int) -> Double { Self.margin + labelWidth + Double(index) * cell }

    /// The left edge of the output cells beside a grid of `columns` columns.
    func outputX(columns: Int) -> Double { x(ofColumn: columns) + Self.outputGap }

    /// The hatch pattern for padding and the arrow head.
    static func defineMarkers(_ svg: inout SVGDocument) {
        svg.define("<pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                   + "<rect width=\"6\" height=\"6\" fill=\"#f1f1f1\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#cfcfcf\" stroke-width=\"2\"/></pattern>")
        svg.define("<marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
                   + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"\(outputStroke)\"/></marker>")
    }

    /// The bold title and the grey formula line under it.
    static func drawTitle(_ svg: inout SVGDocument, _ title: String, subtitle: String) {
        svg.text(title, x: margin, y: margin + 8, size: 17, anchor: .start, bold: true, className: "title")
        svg.text(subtitle, x: margin, y: margin + 32, size: 13, anchor: .start, color: "#444")
    }

    /// The `position` row over the columns (`…` for elided ones).
    func drawPositions(_ svg: inout SVGDocument, columns: [Int?], y: Double) {
        drawIndexRow(&svg, "position", columns.map { $0.map { "\($0)" } ?? "…" }, y: y)
    }

    /// A row of small grey texts, one centred in each column, with its label at the left.
    func drawIndexRow(_ svg: inout SVGDocument, _ label: String, _ texts: [String], y: Double) {
        svg.text(label, x: Self.margin, y: y, size: 11, anchor: .start, color: Self.paddingInk)
        for (index, text) in texts.enumerated() {
            svg.text(text, x: x(ofColumn: index) + cell / 2, y: y, size: 11, color: Self.paddingInk)
        }
    }

    /// A bold row label at the left (`step 1`, `output`).
    func drawRowLabel(_ svg: inout SVGDocument, _ text: String, y: Double, className: String? = nil) {
        svg.text(text, x: Self.margin, y: y + Self.cellHeight / 2, size: Self.stepLabelSize, anchor: .start, bold: true,
                 className: className)
    }

    /// A channel label (`c1`) right-aligned against the grid.
    func drawChannelLabel(_ svg: inout SVGDocument, _ text: String, y: Double) {
        svg.text(text, x: x(ofColumn: 0) - 8, y: y + Self.cellHeight / 2, size: Self.channelLabelSize, anchor: .end, color: "#555")
    }

    /// What one drawn input cell holds.
    enum CellKind {
        case input
        /// Padding: hatched, with a dashed border.
        case padding
        /// Past the end of the padded input (a ceil-mode window's overhang): an empty dotted outline.
        case pastEnd
    }

    /// One input cell with its rounded value and, as its tooltip, what it holds exactly.
    func drawInputCell(_ svg: inout SVGDocument, _ kind: CellKind, value: Double?, tooltip: String, x cellX: Double, y: Double,
                       covered: Bool) {
        svg.group(className: "cell", tooltip: tooltip) { svg in
            let text = value.map(self.value) ?? ""
            switch kind {
            case .padding:
                svg.rect(x: cellX + 1, y: y, width: cell - 2, height: Self.cellHeight, fill: "url(#hatch)",
                         stroke: Self.paddingStroke, strokeWidth: 1.2, dashed: true, className: "padding-cell")
                svg.text(text, x: cellX + cell / 2, y: y + Self.cellHeight / 2, size: Self.valueSize, color: Self.paddingInk)
            case .input:
                svg.rect(x: cellX + 1, y: y, width: cell - 2, height: Self.cellHeight, fill: Self.inputFill,
                         stroke: Self.inputStroke, strokeWidth: 1.2, className: "input-cell")
                svg.text(text, x: cellX + cell / 2, y: y + Self.cellHeight / 2, size: Self.valueSize, color: Self.inkColor)
            case .pastEnd:
                svg.rect(x: cellX + 1, y: y, width: cell - 2, height: Self.cellHeight, fill: "none",
                         stroke: Self.paddingStroke, strokeWidth: 1, dashed: true, className: "past-end-cell")
            }
            if covered { drawCover(&svg, x: cellX, y: y) }
        }
    }

    /// The blue outline of a cell the window covers.
    func drawCover(_ svg: inout SVGDocument, x cellX: Double, y: Double) {
        svg.rect(x: cellX + 1, y: y, width: cell - 2, height: Self.cellHeight, fill: "none", stroke: Self.coverColor,
                 strokeWidth: 3, className: "cover")
    }

    /// A kernel tap under the position it covers: the weight, rounded, over its name (`w0`).
    func drawKernelCell(_ svg: inout SVGDocument, weight: Double, name: String, tooltip: String, x cellX: Double, y: Double) {
        svg.group(className: "cell", tooltip: tooltip) { svg in
            svg.rect(x: cellX + 3, y: y, width: cell - 6, height: Self.cellHeight, fill: Self.kernelFill,
                     stroke: Self.kernelStroke, strokeWidth: 1.5, radius: 4, className: "kernel-cell")
            svg.text(value(weight), x: cellX + cell / 2, y: y + Self.cellHeight / 2 - 5, size: Self.kernelSize)
            svg.text(name, x: cellX + cell / 2, y: y + Self.cellHeight / 2 + 9, size: 10, color: Self.kernelInk)
        }
    }

    /// Lines joining a kernel's taps (drawn in `columns`) between their cells, so the kernel
    /// reads as one piece with its dilation gaps, without running through the weights.
    func drawKernelJoins(_ svg: inout SVGDocument, columns: [Int], y: Double, dashed: Bool) {
        for (a, b) in zip(columns, columns.dropFirst()) where b > a {
            svg.line(x1: x(ofColumn: a) + cell - 3, y1: y + Self.cellHeight / 2, x2: x(ofColumn: b) + 3,
                     y2: y + Self.cellHeight / 2, stroke: Self.kernelStroke, width: 2, dashed: dashed)
        }
    }

    /// The `…` standing for elided columns.
    func drawElision(_ svg: inout SVGDocument, x cellX: Double, y: Double) {
        svg.text("…", x: cellX + cell / 2, y: y + Self.cellHeight / 2, color: Self.paddingInk)
    }

    /// What a step makes: the output cell with its rounded value and `out[i]` label, the sum
    /// written out beside it, and an arrow to it from each of `starts` (the right end of the
    /// window's last tap, one per channel) that runs right through the empty part of the
    /// window's row, then up or down in the gap before the output column, then into the cell.
    /// `name` labels the output cell (`out[i]` when nil; `∂L/∂w[0]` in a backward figure).
    func drawStepResult(_ svg: inout SVGDocument, step: Int, output: Double, sum: String, exactSum: String,
                        from starts: [(x: Double, y: Double)], outputX: Double, y outputY: Double, name: String? = nil) {
        let middle = outputY + Self.cellHeight / 2
        let bend = outputX - Self.outputGap / 2
        for (index, start) in starts.enumerated() {
            let points = start.y == middle
                ? [(start.x + 4, middle), (outputX - 2, middle)]
                : [(start.x + 4, start.y), (bend, start.y), (bend, middle), (outputX - 2, middle)]
            svg.polyline(points, stroke: Self.outputStroke, width: 1.5, arrow: index == starts.count - 1, className: "arrow")
        }
        drawOutputCell(&svg, step: step, output: output, x: outputX, y: outputY, strokeWidth: 2, name: name)
        svg.text(name ?? "out[\(step)]", x: outputX + cell / 2, y: outputY - 9, size: 11, color: "#555")
        svg.group(tooltip: exactSum) { svg in
            svg.text(sum, x: outputX + cell + 14, y: middle, size: 13, anchor: .start, color: "#333", className: "sum")
        }
    }

    /// One output cell with its rounded value, the exact one in its tooltip.
    func drawOutputCell(_ svg: inout SVGDocument, step: Int, output: Double, x cellX: Double, y: Double, strokeWidth: Double = 1.5,
                        name: String? = nil) {
        svg.group(className: "cell", tooltip: (name ?? "out[\(step)]") + " = " + ExplanationNumbers.exact(output)) { svg in
            svg.rect(x: cellX + 1, y: y, width: cell - 2, height: Self.cellHeight, fill: Self.outputFill,
                     stroke: Self.outputStroke, strokeWidth: strokeWidth, radius: 3, className: "output-cell")
            svg.text(value(output), x: cellX + cell / 2, y: y + Self.cellHeight / 2, size: Self.outputSize, bold: true)
        }
    }

    /// The `… N more steps …` line between the first and last steps of a long figure.
    static func drawHiddenSteps(_ svg: inout SVGDocument, count: Int, y: Double) {
        svg.text("… \(ExplanationNumbers.count(count, "more step")) …", x: margin, y: y + 10, anchor: .start, color: paddingInk)
    }

    /// The output row: one cell per shown step (`nil` for the elided ones, drawn as `…`).
    func drawOutputRow(_ svg: inout SVGDocument, outputs: [(step: Int, value: Double)?], top: Double, label: String = "output") {
        drawRowLabel(&svg, label, y: top)
        for (index, output) in outputs.enumerated() {
            let cellX = x(ofColumn: index)
            guard let output else { drawElision(&svg, x: cellX, y: top); continue }
            drawOutputCell(&svg, step: output.step, output: output.value, x: cellX, y: top)
        }
    }

    /// A row of swatches with labels: (label, fill, stroke, dashed).
    static func drawLegend(_ svg: inout SVGDocument, items: [(String, String, String, Bool)], y: Double) {
        var x = margin
        for (label, fill, stroke, dashed) in items {
            svg.rect(x: x, y: y - 8, width: 16, height: 16, fill: fill, stroke: stroke, dashed: dashed)
            svg.text(label, x: x + 22, y: y, size: 12, anchor: .start, color: "#444")
            x += 22 + TextMetrics.width(label, size: 12) + 22
        }
    }

    /// The legend's swatches for input and padding cells.
    static let inputSwatch = ("input", inputFill, inputStroke, false)
    static let paddingSwatch = ("padding (not part of the input)", "url(#hatch)", paddingStroke, true)
    static let outputSwatch = ("output", outputFill, outputStroke, false)
    static let kernelSwatch = ("kernel weights", kernelFill, kernelStroke, false)

    /// The columns to draw over a row of `length` positions: all of them, or, when the row is
    /// long, the `wanted` ones with `nil` for each elided stretch between them.
    static func columns(wanted: Set<Int>, length: Int, all: Bool) -> [Int?] {
        guard !all, length > StepLayout.widestRow else { return Array(0..<length) }
        var result: [Int?] = []
        for position in wanted.filter({ $0 >= 0 && $0 < length }).sorted() {
            if result.isEmpty, position > 0 { result.append(nil) }
            if let previous = result.last ?? nil, position > previous + 1 { result.append(nil) }
            result.append(position)
        }
        if let last = result.last ?? nil, last < length - 1 { result.append(nil) }
        return result
    }

    /// Positions a window covers and their neighbours, for ``columns(wanted:length:all:)``:
    /// the whole span when it is short, else each tap with the positions either side.
    static func neighbourhood(of window: [Int]) -> Set<Int> {
        guard let first = window.first, let last = window.last else { return [] }
        if last - first <= StepLayout.widestRow { return Set((first - 1)...(last + 1)) }
        return Set(window.flatMap { [$0 - 1, $0, $0 + 1] })
    }
}
