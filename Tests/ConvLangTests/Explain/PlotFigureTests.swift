import Testing

/// `plot` as a report would print it: labels never clipped, round ticks, a title, named series,
/// samples where `x=` puts them, and a zero line, in the SVG chart and in the terminal.
@Suite("plot: charts for reports")
struct PlotFigureTests {
    private func chart(_ program: String) throws -> String {
        let run = ExplainRun(program)
        return try #require(run.file("p.svg"), "no chart: \(run.firstError)")
    }

    /// The texts of class `name`, in order.
    private func texts(_ svg: String, _ name: String) -> [String] {
        svg.components(separatedBy: "class=\"\(name)\">").dropFirst().map { $0.components(separatedBy: "</text>")[0] }
    }

    /// Each polyline's points.
    private func lines(_ svg: String) -> [[(x: Double, y: Double)]] {
        svg.components(separatedBy: "<polyline points=\"").dropFirst().map { rest in
            rest.components(separatedBy: "\"")[0].split(separator: " ").map { pair in
                let xy = pair.split(separator: ",").compactMap { Double($0) }
                return (xy[0], xy[1])
            }
        }
    }

    @Test func negativeTickLabelsFitInTheMargin() throws {
        let svg = try chart("plot(sin(linspace(0, 6.28, 40)), svg=\"p.svg\")")
        #expect(texts(svg, "y-tick") == ["−1", "−0.5", "0", "0.5", "1"])
        let check = SVGLayoutCheck(svg)
        #expect(check.texts.allSatisfy { $0.box.minX >= 0 })
        #expect(check.problems == [])
        #expect(svg.contains("class=\"zero-line\""))
    }

    @Test func theMarginHoldsTheLongestLabel() throws {
        let svg = try chart("plot([-123456.789, 0.001], svg=\"p.svg\")")
        let labels = texts(svg, "y-tick")
        #expect(labels.first == "−125000")
        let longest = try #require(SVGLayoutCheck(svg).texts.filter { labels.contains($0.content) }.min { $0.box.minX < $1.box.minX })
        #expect(longest.box.minX >= 0)
    }

    @Test func ticksHaveAtMostFourSignificantDigits() throws {
        let svg = try chart("plot([0.123456789, 0.987654321], svg=\"p.svg\")")
        for label in texts(svg, "y-tick") + texts(svg, "x-tick") {
            let significant = label.filter(\.isNumber).drop { $0 == "0" }.reversed().drop { $0 == "0" }
            #expect(significant.count <= 4, "\(label)")
        }
        #expect(!svg.contains("0.12345679"))
    }

    @Test func noZeroLineWhenTheValuesStayOnOneSide() throws {
        #expect(!(try chart("plot([1, 2, 3], svg=\"p.svg\")")).contains("zero-line"))
    }

    @Test func titleAndLabelsMakeALegend() throws {
        let svg = try chart("x = [0, 1, 3, 2]\nplot(x, conv(x, [1, 1]), title=\"Sums of two\", label=(\"x\", \"sums\"), svg=\"p.svg\")")
        #expect(texts(svg, "title") == ["Sums of two"])
        #expect(texts(svg, "legend") == ["x", "sums"])
        let one = try chart("plot([1, 2], svg=\"p.svg\")")
        #expect(texts(one, "legend").isEmpty)
        #expect(texts(try chart("plot([1, 2], label=\"mine\", svg=\"p.svg\")"), "legend") == ["mine"])
    }

    /// A valid-mode output drawn where its windows are: its first sample under the middle of
    /// the first window, one position in for k=3.
    @Test func xPlacesAnOutputAgainstItsInput() throws {
        let svg = try chart("x = [0, 1, 3, 2, 5]\nplot(x, conv(x, ones(3) / 3), x=(0, 1), svg=\"p.svg\")")
        let drawn = lines(svg)
        try #require(drawn.count == 2 && drawn[0].count == 5 && drawn[1].count == 3)
        #expect(abs(drawn[1][0].x - drawn[0][1].x) < 0.01)
        #expect(abs(drawn[1][2].x - drawn[0][3].x) < 0.01)
        #expect(texts(svg, "axis-label") == ["position"])
    }

    @Test func xTakesPositionsOrOffsets() throws {
        let positions = lines(try chart("plot([1, 2, 3], x=[0, 10, 20], svg=\"p.svg\")"))[0]
        let offset = lines(try chart("plot([1, 2, 3], x=5, svg=\"p.svg\")"))[0]
        #expect(abs((positions[2].x - positions[1].x) - (positions[1].x - positions[0].x)) < 0.01)
        #expect(offset.count == 3)
        let svg = try chart("plot([1, 2, 3], x=5, svg=\"p.svg\")")
        #expect(texts(svg, "x-tick").first == "5")
    }

    @Test func xAndLabelAreCheckedAgainstTheSignals() {
        #expect(ExplainRun("plot([1, 2, 3], x=[0, 1])").firstError == "plot's x has 2 positions for a signal of 3 samples")
        #expect(ExplainRun("plot([1, 2], [3], x=1)").firstError == "plot has 2 signals, so x= needs 2 entries, one each")
        #expect(ExplainRun("plot([1, 2], [3], label=\"a\")").firstError == "plot has 2 signals, so label= needs 2 entries, one each")
        #expect(ExplainRun("plot([1, 2], label=3)").firstError == "plot's label must be a string, not number")
        #expect(ExplainRun("plot([1, 2], title=3)").firstError == "plot's title must be a string, not number")
        #expect(ExplainRun("plot([1, 2], x=[0, 1/0])").firstError == "plot's x positions must be finite")
    }

    // MARK: - Terminal

    @Test func terminalPlotDrawsAZeroLineWithTitleAndLabels() {
        let run = ExplainRun("plot([-1, -0.5, 0.5, 1], title=\"crossing\", label=\"line\", height=4)")
        let lines = (run.explanations.first ?? "").split(separator: "\n").map(String.init)
        #expect(lines == [
            "crossing",
            "line (4 samples):",
            " 1 ┤   █",
            " 0 ┼──██",
            "   ┤ ▁██",
            "−1 ┤▁███",
            "   └──── 4 samples",
        ])
    }

    @Test func terminalPlotAlignsSeriesAlongX() {
        let run = ExplainRun("plot([1, 2, 3, 4], [5, 5], x=(0, 1), height=1)")
        let lines = (run.explanations.first ?? "").split(separator: "\n").map(String.init)
        #expect(lines.contains("  └──── 4 samples, x from 0 to 3"))
        // The second series starts one column in.
        #expect(lines.contains("5 ┤ ██"))
        #expect(lines.contains("  └─── 2 samples, x from 1 to 2"))
    }
}
