/// The look every step figure shares (conv's and pooling's): geometry, colours, and the cells,
/// arrows, rows and legend they are drawn from, so the figures read as one family.
enum StepFigure {
    // Geometry, in SVG units.
    static let cell = 46.0, cellHeight = 34.0, margin = 20.0, labelWidth = 100.0
    static let rowGap = 8.0, stepGap = 14.0, outputGap = 40.0

    static let inputFill = "#ffffff", inputStroke = "#555555", inkColor = "#222222", paddingInk = "#8a8a8a"
    static let paddingStroke = "#9a9a9a", coverColor = "#1f6fb4", kernelFill = "#ffe3bf", kernelStroke = "#d9822b"
    static let outputFill = "#dff3e4", outputStroke = "#2e9b52"

    /// The left edge of drawn column `index`.
    static func x(ofColumn index: Int) -> Double { margin + labelWidth + Double(index) * cell }

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
    static func drawPositions(_ svg: inout SVGDocument, columns: [Int?], y: Double) {
        svg.text("position", x: margin, y: y, size: 11, anchor: .start, color: paddingInk)
        for (index, position) in columns.enumerated() {
            svg.text(position.map { "\($0)" } ?? "…", x: x(ofColumn: index) + cell / 2, y: y, size: 11, color: paddingInk)
        }
    }

    /// What one drawn input cell holds.
    enum CellKind {
        case input
        /// Padding: hatched, with a dashed border.
        case padding
        /// Past the end of the padded input (a ceil-mode window's overhang): an empty dotted outline.
        case pastEnd
    }

    static func drawInputCell(_ svg: inout SVGDocument, _ kind: CellKind, text: String, x cellX: Double, y: Double, covered: Bool) {
        switch kind {
        case .padding:
            svg.rect(x: cellX + 1, y: y, width: cell - 2, height: cellHeight, fill: "url(#hatch)",
                     stroke: paddingStroke, strokeWidth: 1.2, dashed: true, className: "padding-cell")
            svg.text(text, x: cellX + cell / 2, y: y + cellHeight / 2, size: 14, color: paddingInk)
        case .input:
            svg.rect(x: cellX + 1, y: y, width: cell - 2, height: cellHeight, fill: inputFill,
                     stroke: inputStroke, strokeWidth: 1.2, className: "input-cell")
            svg.text(text, x: cellX + cell / 2, y: y + cellHeight / 2, size: 14, color: inkColor)
        case .pastEnd:
            svg.rect(x: cellX + 1, y: y, width: cell - 2, height: cellHeight, fill: "none",
                     stroke: paddingStroke, strokeWidth: 1, dashed: true, className: "past-end-cell")
        }
        if covered {
            svg.rect(x: cellX + 1, y: y, width: cell - 2, height: cellHeight, fill: "none", stroke: coverColor, strokeWidth: 3)
        }
    }

    /// The `…` standing for elided columns.
    static func drawElision(_ svg: inout SVGDocument, x cellX: Double, y: Double) {
        svg.text("…", x: cellX + cell / 2, y: y + cellHeight / 2, color: paddingInk)
    }

    /// An arrow from the window to the output cell it makes, the cell with its value and
    /// `out[i]` label, and the arithmetic written out beside it.
    static func drawStepResult(
        _ svg: inout SVGDocument, step: Int, value: String, sum: String, arrowFrom: Double, outputX: Double, y outputY: Double
    ) {
        svg.line(x1: arrowFrom + 6, y1: outputY + cellHeight / 2, x2: outputX - 6,
                 y2: outputY + cellHeight / 2, stroke: outputStroke, width: 1.5, arrow: true)
        svg.rect(x: outputX, y: outputY, width: cell, height: cellHeight, fill: outputFill,
                 stroke: outputStroke, strokeWidth: 2, radius: 3, className: "output-cell")
        svg.text(value, x: outputX + cell / 2, y: outputY + cellHeight / 2, size: 13, bold: true)
        svg.text("out[\(step)]", x: outputX + cell / 2, y: outputY - 9, size: 11, color: "#555")
        svg.text(sum, x: outputX + cell + 14, y: outputY + cellHeight / 2, size: 13, anchor: .start, color: "#333", className: "sum")
    }

    /// The `… N more steps …` line between the first and last steps of a long figure.
    static func drawHiddenSteps(_ svg: inout SVGDocument, count: Int, y: Double) {
        svg.text("… \(ExplanationNumbers.count(count, "more step")) …", x: margin, y: y + 10, anchor: .start, color: paddingInk)
    }

    /// The output row: one cell per shown step, `…` for the elided ones.
    static func drawOutputRow(_ svg: inout SVGDocument, values: [String?], top: Double) {
        svg.text("output", x: margin, y: top + cellHeight / 2, size: 14, anchor: .start, bold: true)
        for (index, value) in values.enumerated() {
            let cellX = x(ofColumn: index)
            guard let value else { drawElision(&svg, x: cellX, y: top); continue }
            svg.rect(x: cellX + 1, y: top, width: cell - 2, height: cellHeight, fill: outputFill,
                     stroke: outputStroke, strokeWidth: 1.5, radius: 3, className: "output-cell")
            svg.text(value, x: cellX + cell / 2, y: top + cellHeight / 2, size: 13, bold: true)
        }
    }

    /// A row of swatches with labels: (label, fill, stroke, dashed).
    static func drawLegend(_ svg: inout SVGDocument, items: [(String, String, String, Bool)], y: Double) {
        var x = margin
        for (label, fill, stroke, dashed) in items {
            svg.rect(x: x, y: y - 8, width: 16, height: 16, fill: fill, stroke: stroke, dashed: dashed)
            svg.text(label, x: x + 22, y: y, size: 12, anchor: .start, color: "#444")
            x += 22 + Double(label.count) * 6.6 + 22
        }
    }

    /// The legend's swatches for input and padding cells.
    static let inputSwatch = ("input", inputFill, inputStroke, false)
    static let paddingSwatch = ("padding (not part of the input)", "url(#hatch)", paddingStroke, true)
    static let outputSwatch = ("output", outputFill, outputStroke, false)
}
