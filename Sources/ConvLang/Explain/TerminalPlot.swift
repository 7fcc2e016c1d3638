/// A 1-D signal drawn with Unicode block characters, one column per sample (or per bucket of
/// samples when there are more than ``maximumWidth``), with the maximum labelled on the top
/// row and the minimum on the bottom one. Several series share one scale, so an input and its
/// convolution can be compared.
struct TerminalPlot {
    var series: [[Double]]
    var height = 8
    static let maximumWidth = 72
    /// Eighths of a cell, from empty to full.
    private static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    func render() -> String {
        let finite = series.flatMap { $0.filter(\.isFinite) }
        guard let low = finite.min(), let high = finite.max() else {
            return "plot: nothing to draw (no finite values)"
        }
        let labels = (ExplanationNumbers.number(high), ExplanationNumbers.number(low))
        let labelWidth = Swift.max(labels.0.count, labels.1.count)
        var lines: [String] = []
        for (index, values) in series.enumerated() {
            if series.count > 1 { lines.append("series \(index + 1) (\(ExplanationNumbers.count(values.count, "sample"))):") }
            let (columns, bucket) = Self.columns(values)
            let rows = chart(columns, low: low, high: high)
            for (row, text) in rows.enumerated() {
                let label = row == 0 ? labels.0 : (row == rows.count - 1 ? labels.1 : "")
                lines.append((String(repeating: " ", count: labelWidth - label.count) + label + " ┤" + text).trimmingTrailingSpaces)
            }
            var axis = String(repeating: " ", count: labelWidth) + " └" + String(repeating: "─", count: columns.count)
            axis += " \(values.count) samples"
            if bucket > 1 { axis += ", each column the mean of \(bucket)" }
            lines.append(axis)
        }
        return lines.joined(separator: "\n")
    }

    /// At most ``maximumWidth`` columns: long series are averaged in equal buckets.
    static func columns(_ values: [Double]) -> ([Double], Int) {
        guard values.count > maximumWidth else { return (values, 1) }
        let bucket = (values.count + maximumWidth - 1) / maximumWidth
        let columns = stride(from: 0, to: values.count, by: bucket).map { start in
            let slice = values[start..<Swift.min(start + bucket, values.count)]
            return slice.reduce(0, +) / Double(slice.count)
        }
        return (columns, bucket)
    }

    /// Rows from top to bottom; each column fills eighths of cells up to its value.
    private func chart(_ columns: [Double], low: Double, high: Double) -> [String] {
        let levels = height * 8
        let filled: [Int?] = columns.map { value in
            guard value.isFinite else { return nil }
            guard high > low else { return levels / 2 }
            // Halved operands keep `high − low` finite even for values near ±1.8e308.
            let fraction = (value / 2 - low / 2) / (high / 2 - low / 2)
            guard fraction.isFinite else { return nil }
            // At least one eighth, so the minimum still shows.
            return Swift.max(1, Int((Swift.min(Swift.max(fraction, 0), 1) * Double(levels - 1)).rounded()) + 1)
        }
        return (0..<height).map { row in
            let floor = (height - 1 - row) * 8
            return String(filled.map { level -> Character in
                guard let level else { return " " }
                return Self.blocks[Swift.min(8, Swift.max(0, level - floor))]
            })
        }
    }
}

/// A line chart of one or more series in SVG: a shared scale, the min and max labelled, the
/// sample index along the bottom, and a legend.
struct PlotSVG {
    var series: [[Double]]
    var names: [String]
    private static let colors = ["#1f6fb4", "#d9822b", "#2e9b52", "#b03a8c"]
    private static let width = 640.0, height = 300.0, left = 70.0, right = 20.0, top = 30.0, bottom = 50.0

    func render() -> String {
        var svg = SVGDocument(width: Self.width, height: Self.height)
        let finite = series.flatMap { $0.filter(\.isFinite) }
        let low = finite.min() ?? 0, high = finite.max() ?? 1
        // Halved, so that the span of values near ±1.8e308 stays finite.
        let span = high > low ? high / 2 - low / 2 : 0.5
        let longest = Swift.max(2, series.map(\.count).max() ?? 2)
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        func point(_ index: Int, _ value: Double) -> (Double, Double) {
            let x = Self.left + Double(index) / Double(longest - 1) * plotWidth
            let y = Self.top + (1 - (value / 2 - (high > low ? low : low - 0.5) / 2) / span) * plotHeight
            return (x, y)
        }
        svg.rect(x: Self.left, y: Self.top, width: plotWidth, height: plotHeight, fill: "#fbfbfb", stroke: "#bbbbbb")
        svg.text("max " + ExplanationNumbers.number(high), x: Self.left - 6, y: Self.top, size: 12, anchor: .end, color: "#444", className: "max-label")
        svg.text("min " + ExplanationNumbers.number(low), x: Self.left - 6, y: Self.top + plotHeight, size: 12, anchor: .end, color: "#444", className: "min-label")
        svg.text("0", x: Self.left, y: Self.top + plotHeight + 14, size: 11, color: "#666")
        svg.text("\(longest - 1)", x: Self.left + plotWidth, y: Self.top + plotHeight + 14, size: 11, color: "#666")
        svg.text("sample index", x: Self.left + plotWidth / 2, y: Self.top + plotHeight + 14, size: 11, color: "#666")
        for (index, values) in series.enumerated() {
            let color = Self.colors[index % Self.colors.count]
            // Non-finite samples break the line rather than bending it.
            var run: [(Double, Double)] = []
            for (i, value) in values.enumerated() {
                if value.isFinite { run.append(point(i, value)) } else { draw(run, color, &svg); run = [] }
            }
            draw(run, color, &svg)
            let legendX = Self.left + Double(index) * 160
            svg.line(x1: legendX, y1: Self.height - 14, x2: legendX + 24, y2: Self.height - 14, stroke: color, width: 3)
            svg.text(names[index], x: legendX + 30, y: Self.height - 14, size: 12, anchor: .start, color: "#333", className: "legend")
        }
        return svg.render()
    }

    private func draw(_ run: [(Double, Double)], _ color: String, _ svg: inout SVGDocument) {
        if run.count == 1, let only = run.first { svg.circle(x: only.0, y: only.1, radius: 3, fill: color) }
        if run.count > 1 { svg.polyline(run, stroke: color) }
    }
}
