import Foundation
import Testing
import TestSupport

/// The figures `explain(..., svg=)` and `plot(..., svg=)` draw, read as a person would: no text
/// on top of another, no line through a text, nothing spilling out of its cell or cut off.
@Suite("figures: layout")
struct FigureLayoutTests {
    /// Figures of every kind, with the values that broke fixed-width cells: seeded weights and
    /// random inputs at full precision. (Every other test that writes a figure is checked too,
    /// as it runs: see ``FigureCheck``.)
    static let programs = [
        "seed(0)\nm = Conv1d(1, 1, 2)\nexplain(m([[1, 2, 3, 4]]), svg=\"f.svg\")",
        "explain(conv(rand(6), rand(3), b=0.1), svg=\"f.svg\")",
        "explain(conv(rand(6) * 1e6 - 5e5, rand(3) - 0.5, b=-0.1, p=2, d=2), svg=\"f.svg\", digits=8)",
        "seed(1)\nm = Conv1d(3, 2, 3, groups=1, padding=1, padding_mode=\"reflect\")\nexplain(m(rand(2, 3, 12)), svg=\"f.svg\")",
        "explain(conv(rand(40), rand(3), p=1), svg=\"f.svg\")",
        "explain(conv(rand(40), rand(30), d=1), svg=\"f.svg\")",
        "explain(max_pool1d(rand(9) - 0.5, 3, s=2, d=2, p=1), svg=\"f.svg\")",
        "explain(avg_pool1d(rand(30), 3, s=2, p=1, ceil_mode=true, count_include_pad=false), svg=\"f.svg\")",
        "explain(conv_transpose1d([2, 3, 4], [0.5, -1, 2], b=0.1, s=2, p=1, output_padding=1), svg=\"f.svg\")",
        "explain(conv_transpose1d(rand(5), rand(3) - 0.5, b=0.1, s=3, p=2, output_padding=2, d=2), svg=\"f.svg\")",
        "explain(conv_transpose1d(rand(2, 30), rand(2, 3, 4), s=2, p=3), svg=\"f.svg\")",
        "explain(conv(rand(6), rand(3), b=0.1, p=1), svg=\"f.svg\", animate=true)",
        "explain(conv(rand(2, 40), rand(1, 2, 5), s=2), svg=\"f.svg\", animate=true)",
        "explain(max_pool1d(rand(9), 3, s=2, p=1, ceil_mode=true), svg=\"f.svg\", animate=true)",
        "explain(conv_transpose1d(rand(4), rand(3), s=2, p=1, output_padding=1), svg=\"f.svg\", animate=true)",
        "plot(sin(linspace(0, 6.28, 40)), svg=\"f.svg\")",
        "x = sin(linspace(0, 6.28, 40))\nplot(x, conv(x, ones(5) / 5), x=(0, 2), label=(\"sin\", \"mean of 5\"), title=\"A moving average\", svg=\"f.svg\")",
        "plot(rand(50) * -123456.789, rand(20), rand(5), [1, 2], label=(\"a long label for the first\", \"b\", \"c\", \"d\"), svg=\"f.svg\")",
        "plot([1e308, -1e308, 0], svg=\"f.svg\")",
        "plot([3, 3, 3], x=[0.5, 0.75, 1], svg=\"f.svg\")",
        "plot(arange(1000) * 1000.5 + 1e6, svg=\"f.svg\")",
    ]

    @Test(arguments: programs)
    func figureReadsCleanly(_ program: String) throws {
        let run = ExplainRun(program)
        let svg = try #require(run.file("f.svg"), "no figure written: \(run.firstError)")
        #expect(SVGLayoutCheck(svg).problems == [])
    }

    /// The check can fail: the seeded Conv1d figure as fixed-width cells drew it, with 8-digit
    /// values overflowing their cells onto each other and the arrow running into the output.
    @Test func theCheckFindsTheFaultsOfFixedWidthCells() throws {
        let url = RepositoryFolder.figures.appendingPathComponent("seeded-conv1d-fixed-width-cells.svg")
        let problems = SVGLayoutCheck(try String(contentsOf: url, encoding: .utf8)).problems
        #expect(problems.contains("\"0.17137103\" spills out of its cell"))
        #expect(problems.contains("\"−0.0052939812\" overlaps \"0.37932289\""))
        #expect(problems.contains("a line crosses \"0.17137103\""))
    }
}

@Suite("figures: the layout check")
struct SVGLayoutCheckTests {
    private func svg(_ body: String, width: Int = 200) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"100\">\(body)</svg>"
    }

    @Test func findsEachKindOfFault() {
        let text = "<text x=\"20\" y=\"50\" font-size=\"14\">hello</text>"
        #expect(SVGLayoutCheck(svg(text)).problems == [])
        #expect(SVGLayoutCheck(svg(text + "<text x=\"40\" y=\"52\" font-size=\"14\">world</text>")).problems
                == ["\"hello\" overlaps \"world\""])
        #expect(SVGLayoutCheck(svg(text + "<line x1=\"0\" y1=\"45\" x2=\"200\" y2=\"45\" stroke-width=\"1\"/>")).problems
                == ["a line crosses \"hello\""])
        #expect(SVGLayoutCheck(svg(text, width: 50)).problems == ["\"hello\" is cut off at the figure's edge"])
        #expect(SVGLayoutCheck(svg("<rect x=\"10\" y=\"30\" width=\"40\" height=\"30\"/>" + text)).problems
                == ["\"hello\" spills out of its cell"])
        #expect(SVGLayoutCheck("<svg><text>a</svg>").problems == ["the figure is not well-formed XML"])
    }

    /// An arrow head reaches further than its line, but only at its end.
    @Test func arrowHeadsReachOnlyAtTheEnd() {
        let text = "<text x=\"20\" y=\"50\" font-size=\"14\">hello</text>"
        let line = "<line x1=\"0\" y1=\"57\" x2=\"150\" y2=\"57\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>"
        #expect(SVGLayoutCheck(svg(text + line)).problems == [])
        let ending = "<line x1=\"0\" y1=\"57\" x2=\"40\" y2=\"57\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>"
        #expect(SVGLayoutCheck(svg(text + ending)).problems == ["a line crosses \"hello\""])
    }

    /// In an animation, what shows in different frames may share a place.
    @Test func framesAreCheckedOneAtATime() {
        let frames = (0..<2).map { "<g data-frame=\"\($0)\"><text x=\"20\" y=\"50\" font-size=\"14\">step \($0)</text></g>" }.joined()
        #expect(SVGLayoutCheck(svg(frames)).problems == [])
        let always = "<text x=\"30\" y=\"50\" font-size=\"14\">here</text>"
        #expect(SVGLayoutCheck(svg(frames + always)).problems
                == ["\"step 0\" overlaps \"here\" (frame 0)", "\"step 1\" overlaps \"here\" (frame 1)"])
    }
}
