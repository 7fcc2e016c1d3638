import ConvLang
import Testing

/// Figures as events: a host that shows drawings itself gets each explanation and plot with its
/// SVG, without any file; without the switch nothing changes.
@Suite("Figures as events")
struct FigureEventTests {
    @Test func explainGivesItsTextAndDrawingAsOneEvent() {
        let run = ExplainRun("explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)", figuresAsEvents: true)
        #expect(run.explanations.isEmpty)
        #expect(run.figures.count == 1)
        let figure = run.figures.first
        #expect(figure?.kind == .explanation)
        #expect(figure?.text == ExplainRun("explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)").explanations.first)
        #expect(figure?.svg.hasPrefix("<?xml") == true)
        #expect(figure?.svg.hasSuffix("</svg>\n") == true || figure?.svg.hasSuffix("</svg>") == true)
        #expect(run.values == ["[-1.9, -2.4]"])
    }

    @Test func poolingExplainsAsAFigureToo() {
        let run = ExplainRun("explain max_pool1d([1, 3, 2, 4], 2)", figuresAsEvents: true)
        #expect(run.figures.map(\.kind) == [.explanation])
        #expect(run.figures.first?.svg.contains("<svg") == true)
    }

    @Test func svgOptionStillWritesItsFileBesideTheEvent() {
        let run = ExplainRun("explain(conv([2, 3, 4], [0.5, -1]), svg=\"steps.svg\")", figuresAsEvents: true)
        #expect(run.figures.count == 1)
        #expect(run.file("steps.svg") == run.figures.first?.svg)
    }

    @Test func plotIsDrawnAsAFigureWithItsTerminalText() {
        let run = ExplainRun("plot([0, 1, 3, 2, 5])", figuresAsEvents: true)
        #expect(run.figures.map(\.kind) == [.plot])
        #expect(run.figures.first?.text == ExplainRun("plot([0, 1, 3, 2, 5])").explanations.first)
        #expect(run.figures.first?.svg.contains("<polyline") == true || run.figures.first?.svg.contains("<path") == true)
    }

    @Test func withoutTheSwitchExplanationsStayText() {
        let run = ExplainRun("explain conv([2, 3, 4], [0.5, -1])\nplot([1, 2])")
        #expect(run.figures.isEmpty)
        #expect(run.explanations.count == 2)
    }

    @Test func textOnlyExplanationsStayText() {
        let run = ExplainRun("lengths(L=3, k=2, s=2, p=1)", figuresAsEvents: true)
        #expect(run.figures.isEmpty)
        #expect(run.explanations.count == 1)
    }
}
