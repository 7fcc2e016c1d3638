/// A line chart of one or more series in SVG, as a report would print it: an optional title,
/// round-numbered ticks on both axes (at most 4 significant digits) with light grid lines, a
/// zero line when the values cross zero, samples at their x positions (the sample index unless
/// `x=` gave others), and a legend naming each series when there are several or they are
/// labelled. The left margin is as wide as the longest tick label, so none is clipped.
struct PlotSVG {
    var series: [PlotSeries]
    var title: String?
    /// The axes' names (pyplot's `xlabel`, `ylabel`); without one, the x axis says what its
    /// numbers count and the y axis has none.
    var xLabel: String? = nil
    var yLabel: String? = nil
    /// Whether to draw a legend: `nil` draws one for several series or labelled ones (`plot`);
    /// pyplot's figures draw one only after `plt.legend()`, naming the labelled lines alone.
    var legend: Bool? = nil

    /// The colour cycle: series without a colour of their own take the next one.
    static let colors = ["#1f6fb4", "#d9822b", "#2e9b52", "#b03a8c", "#c0392b", "#7b52ab", "#8c564b", "#17a2b8"]
    static let plotWidth = 560.0, plotHeight = 240.0, margin = 16.0, tickSize = 12.0, tickLength = 5.0

    private var showsLegend: Bool {
        legend.map { $0 && series.contains { $0.label != nil } } ?? (series.count > 1 || series.contains { $0.label != nil })
    }

    func render() -> String {
        let values = series.flatMap { $0.values.filter(\.isFinite) }
        let xs = series.flatMap(\.xs)
        let y = PlotScale(low: values.min() ?? 0, high: values.max() ?? 1, count: 6)
        let integers = xs.allSatisfy { $0 == $0.rounded() }
        let x = xScale(low: xs.min() ?? 0, high: xs.max() ?? 1, integers: integers)
        let yLabels = y.labels
        let left = Self.margin + (yLabel == nil ? 0 : 22) + (yLabels.map { TextMetrics.width($0, size: Self.tickSize) }.max() ?? 0) + Self.tickLength + 6
        let top = Self.margin + (title == nil ? 6 : 30)
        let frame = Frame(left: left, top: top, x: x, y: y)
        var svg = SVGDocument(width: 0, height: 0)
        if let title {
            svg.text(title, x: Self.margin, y: Self.margin + 8, size: 15, anchor: .start, color: "#222", bold: true, className: "title")
        }
        drawAxes(&svg, frame, yLabels: yLabels)
        for (index, item) in series.enumerated() { drawSeries(&svg, item, color: color(index), frame) }
        let axisLabelY = frame.bottom + 36
        svg.text(xLabel ?? (series.contains { $0.positions != nil } ? "position" : "sample index"), x: frame.left + Self.plotWidth / 2,
                 y: axisLabelY, size: xLabel == nil ? 11 : 13, color: xLabel == nil ? "#666" : "#333", className: "axis-label")
        if let yLabel {
            svg.verticalText(yLabel, x: Self.margin + 6, y: frame.top + Self.plotHeight / 2, size: 13, color: "#333", className: "axis-label")
        }
        if showsLegend { drawLegend(&svg, left: frame.left, y: axisLabelY + 24) }
        svg.fit(margin: Self.margin)
        return svg.render()
    }

    /// Where the plot area is and how values map into it.
    private struct Frame {
        var left, top: Double
        var x, y: PlotScale
        var bottom: Double { top + PlotSVG.plotHeight }
        var right: Double { left + PlotSVG.plotWidth }

        func point(_ xValue: Double, _ yValue: Double) -> (Double, Double) {
            (left + x.fraction(xValue) * PlotSVG.plotWidth, bottom - y.fraction(yValue) * PlotSVG.plotHeight)
        }
    }

    /// The x scale with as many ticks as fit their labels side by side.
    private func xScale(low: Double, high: Double, integers: Bool) -> PlotScale {
        for count in stride(from: 9, through: 2, by: -1) {
            let scale = PlotScale(low: low, high: high, count: count, integers: integers)
            let widest = scale.labels.map { TextMetrics.width($0, size: Self.tickSize) }.max() ?? 0
            if Double(scale.ticks.count) * (widest + 12) <= Self.plotWidth { return scale }
        }
        return PlotScale(low: low, high: high, count: 2, integers: integers)
    }

    private func drawAxes(_ svg: inout SVGDocument, _ frame: Frame, yLabels: [String]) {
        svg.rect(x: frame.left, y: frame.top, width: Self.plotWidth, height: Self.plotHeight, fill: "#fbfbfb", stroke: "#bbbbbb",
                 className: "plot-area")
        for (tick, label) in zip(frame.y.ticks, yLabels) {
            let y = frame.point(frame.x.low, tick).1
            svg.line(x1: frame.left, y1: y, x2: frame.right, y2: y, stroke: "#e6e6e6", className: "grid")
            svg.line(x1: frame.left - Self.tickLength, y1: y, x2: frame.left, y2: y, stroke: "#888888")
            svg.text(label, x: frame.left - Self.tickLength - 4, y: y, size: Self.tickSize, anchor: .end, color: "#444",
                     className: "y-tick")
        }
        for (tick, label) in zip(frame.x.ticks, frame.x.labels) {
            let x = frame.point(tick, frame.y.low).0
            svg.line(x1: x, y1: frame.bottom, x2: x, y2: frame.bottom + Self.tickLength, stroke: "#888888")
            svg.text(label, x: x, y: frame.bottom + Self.tickLength + 10, size: Self.tickSize, color: "#444", className: "x-tick")
        }
        if frame.y.crossesZero {
            let y = frame.point(frame.x.low, 0).1
            svg.line(x1: frame.left, y1: y, x2: frame.right, y2: y, stroke: "#666666", width: 1.2, className: "zero-line")
        }
    }

    /// Series `index`'s colour: its own, or the cycle's next, which only series without a
    /// colour of their own take (as pyplot's colour cycle does).
    private func color(_ index: Int) -> String {
        if let own = series[index].style.color { return own }
        let cycled = series[..<index].filter { $0.style.color == nil }.count
        return Self.colors[cycled % Self.colors.count]
    }

    private func drawSeries(_ svg: inout SVGDocument, _ item: PlotSeries, color: String, _ frame: Frame) {
        // Non-finite samples break the line rather than bending it.
        var run: [(Double, Double)] = []
        for (i, value) in item.values.enumerated() {
            if value.isFinite { run.append(frame.point(item.x(i), value)) } else { draw(run, item.style, color, &svg); run = [] }
        }
        draw(run, item.style, color, &svg)
    }

    private func draw(_ run: [(Double, Double)], _ style: PlotStyle, _ color: String, _ svg: inout SVGDocument) {
        // A lone sample has no line to show it, so it gets a dot whatever the style.
        if style.markers || run.count == 1 {
            for (x, y) in run { svg.circle(x: x, y: y, radius: Swift.max(3, style.width * 1.5), fill: color) }
        }
        if run.count > 1, style.line != .none {
            svg.polyline(run, stroke: color, width: style.width, dashes: style.dashes, className: "series")
        }
    }

    /// A swatch and a name per series, in rows as wide as the plot.
    private func drawLegend(_ svg: inout SVGDocument, left: Double, y top: Double) {
        var x = left, y = top
        for (index, item) in series.enumerated() where legend == nil || item.label != nil {
            let name = item.label ?? "series \(index + 1)"
            let width = 30 + TextMetrics.width(name, size: 12) + 24
            if x > left, x + width > left + Self.plotWidth { (x, y) = (left, y + 20) }
            let style = item.style
            if style.line != .none { svg.line(x1: x, y1: y, x2: x + 24, y2: y, stroke: color(index), width: 3, dashed: style.line != .solid) }
            if style.markers || style.line == .none { svg.circle(x: x + 12, y: y, radius: 4, fill: color(index)) }
            svg.text(name, x: x + 30, y: y, size: 12, anchor: .start, color: "#333", className: "legend")
            x += width
        }
    }
}
