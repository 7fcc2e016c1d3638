/// The figures a program draws with `matplotlib.pyplot`, as pyplot keeps them: calls add to the
/// current figure, `plt.figure()` starts another, `plt.show()` shows every open figure and
/// closes them, `plt.savefig` draws the current one into a file.
///
/// One per interpreter (``EvaluationContext/pyplot``), so two sessions never share a figure.
/// A figure is a reference: the `fig` and `ax` of `plt.subplots()` keep drawing on it, and
/// `fig.savefig` still draws it, after it was shown and closed.
final class PyplotFigures {
    /// One figure: its lines on one pair of axes, with its title and axis names.
    final class Figure {
        var series: [PlotSeries] = []
        var title: String?
        var xLabel: String?
        var yLabel: String?
        /// Whether `plt.legend()` asked for a legend; pyplot draws none without it.
        var showsLegend = false

        /// `plt.clf()`: no lines, no names.
        func clear() {
            series = []
            (title, xLabel, yLabel, showsLegend) = (nil, nil, nil, false)
        }

        /// What a terminal shows: the lines in block characters under the title, and the axes'
        /// names below them.
        var text: String {
            guard !series.isEmpty else { return title.map { "\($0)\n(an empty figure)" } ?? "(an empty figure)" }
            // Labels only name the blocks once a legend is asked for, as in the drawing.
            let shown = showsLegend ? series : series.map { item in
                var unlabelled = item
                unlabelled.label = nil
                return unlabelled
            }
            var text = TerminalPlot(series: shown, title: title).render()
            let axes = [xLabel.map { "x: \($0)" }, yLabel.map { "y: \($0)" }].compactMap { $0 }
            if !axes.isEmpty { text += "\n" + axes.joined(separator: "   ") }
            return text
        }

        /// The drawing: one SVG document.
        var svg: String {
            PlotSVG(series: series, title: title, xLabel: xLabel, yLabel: yLabel, legend: showsLegend).render()
        }
    }

    /// The open figures, oldest first; the last is the current one.
    private(set) var open: [Figure] = []

    /// The current figure, opened when none is (as pyplot's `gcf()` does).
    var current: Figure {
        if let last = open.last { return last }
        return openNew()
    }

    /// `plt.figure()`: a new, empty figure becomes the current one.
    @discardableResult
    func openNew() -> Figure {
        let figure = Figure()
        open.append(figure)
        return figure
    }

    /// `plt.close()`: closes the current figure; `plt.close("all")`: every one.
    func close(all: Bool) {
        if all { open.removeAll() } else if !open.isEmpty { open.removeLast() }
    }

    /// `plt.show()`: every open figure, oldest first; they are closed.
    func takeAll() -> [Figure] {
        defer { open.removeAll() }
        return open
    }
}
