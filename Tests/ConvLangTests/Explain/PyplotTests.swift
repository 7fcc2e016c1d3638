@testable import ConvLang
import Testing

/// `matplotlib.pyplot`: format strings read as matplotlib reads them, figures that collect
/// lines until shown, saved drawings with their labels, and a notebook's figures shown when a
/// cell ends.
@Suite("pyplot")
struct PyplotTests {
    private func style(_ format: String) -> PlotStyle? {
        if case .success(let style) = PyplotStyle.format(format) { style } else { nil }
    }

    @Test func formatStringsReadAsMatplotlibReadsThem() {
        #expect(style("r--") == PlotStyle(color: "#ff0000", line: .dashed))
        #expect(style("o") == PlotStyle(line: PlotStyle.Line.none, markers: true))
        #expect(style("go:") == PlotStyle(color: "#008000", line: .dotted, markers: true))
        #expect(style("C1-.") == PlotStyle(color: PyplotStyle.cycle[1], line: .dashDot))
        #expect(style("k") == PlotStyle(color: "#000000"))
        // A colour as a whole is one, though its letters are not a format.
        #expect(style("orange") == PlotStyle(color: "#ffa500"))
        #expect(style("#1f77b4") == PlotStyle(color: "#1f77b4"))
        #expect(style("0.5") == PlotStyle(color: "#808080"))
    }

    @Test func badFormatStringsAreRefusedInMatplotlibsWords() {
        guard case .failure(let unknown) = PyplotStyle.format("q"), case .failure(let twoLines) = PyplotStyle.format("--:"),
              case .failure(let twoColors) = PyplotStyle.format("rg") else {
            Issue.record("a bad format string was accepted")
            return
        }
        #expect(unknown.message == "Unrecognized character q in format string 'q'")
        #expect(twoLines.message == "Illegal format string \"--:\"; two linestyle symbols")
        #expect(twoColors.message == "Illegal format string \"rg\"; two color symbols")
    }

    @Test func coloursBySpelling() {
        #expect(PyplotStyle.color(named: "tab:orange") == "#ff7f0e")
        #expect(PyplotStyle.color(named: "#abc") == "#aabbcc")
        #expect(PyplotStyle.color(.tuple([.number(1), .number(0), .number(0.5)])) == "#ff0080")
        #expect(PyplotStyle.color(named: "reddish") == nil)
        #expect(PyplotStyle.color(named: "2") == nil)
    }

    @Test func showDrawsEveryOpenFigureOnceAndClosesThem() {
        let run = ExplainRun("""
        import matplotlib.pyplot as plt
        plt.plot([1, 3, 2])
        plt.figure()
        plt.plot([0, 1], label="b")
        plt.show()
        plt.show()
        """)
        #expect(run.diagnostics.isEmpty)
        #expect(run.explanations.count == 2)
        #expect(run.explanations.first?.contains("3 samples") == true)
    }

    @Test func aScriptShowsNothingWithoutShow() {
        let run = ExplainRun("import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])", figuresAsEvents: true)
        #expect(run.diagnostics.isEmpty)
        #expect(run.figures.isEmpty && run.explanations.isEmpty)
    }

    @Test func savefigWritesTheDrawingWithItsLabels() {
        let run = ExplainRun("""
        import matplotlib.pyplot as plt
        plt.plot([1, 3, 2], "r--", label="loss")
        plt.plot([2, 2, 2], label="floor")
        plt.title("training")
        plt.xlabel("epoch")
        plt.ylabel("mean squared error")
        plt.legend()
        plt.savefig("loss.svg")
        """)
        #expect(run.diagnostics.isEmpty)
        let svg = run.file("loss.svg") ?? ""
        #expect(svg.contains(">training</text>"))
        #expect(svg.contains(">epoch</text>"))
        #expect(svg.contains("rotate(-90") && svg.contains(">mean squared error</text>"))
        #expect(svg.contains("stroke=\"#ff0000\"") && svg.contains("stroke-dasharray"))
        #expect(svg.contains(">loss</text>") && svg.contains(">floor</text>"))
    }

    @Test func withoutLegendTheLabelsAreNotDrawn() {
        let run = ExplainRun("import matplotlib.pyplot as plt\nplt.plot([1, 3], label='a')\nplt.plot([2, 2], label='b')\nplt.savefig('x.svg')")
        #expect(run.file("x.svg")?.contains(">a</text>") == false)
    }

    @Test func savefigRefusesFormatsOtherThanSVG() {
        let source = "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.savefig(\"loss.png\")"
        let run = ExplainRun(source)
        #expect(run.firstError == "Format 'png' is not supported (supported formats: svg)")
        // Located at the file name.
        #expect(run.diagnostics.first?.range.start == Array(source.utf8).firstIndex(of: UInt8(ascii: "\"")))
        #expect(run.files.paths.isEmpty)
        #expect(ExplainRun("import matplotlib.pyplot as plt\nplt.savefig('runs.v2/loss')").firstError
            == "Format 'png' is not supported (supported formats: svg)")
        #expect(ExplainRun("import matplotlib.pyplot as plt\nplt.savefig('runs.v2/loss.SVG')").diagnostics.isEmpty)
    }

    @Test func aTensorThatRecordsGradientsIsRefusedAsMatplotlibRefusesIt() {
        let run = ExplainRun("import torch\nimport matplotlib.pyplot as plt\nw = torch.ones(3, requires_grad=True)\nplt.plot(w)")
        #expect(run.firstError.hasPrefix("Can't call numpy() on Tensor that requires grad"))
        #expect(ExplainRun("import torch\nimport matplotlib.pyplot as plt\nplt.plot(torch.ones(3, requires_grad=True).detach())")
            .diagnostics.isEmpty)
    }

    @Test func unknownKeywordsAreRefusedAndStylingOnesAccepted() {
        #expect(ExplainRun("import matplotlib.pyplot as plt\nplt.plot([1, 2], alpha=0.3, zorder=2, markersize=4)").diagnostics.isEmpty)
        #expect(ExplainRun("import matplotlib.pyplot as plt\nplt.plot([1, 2], colour='r')").firstError
            == "Line2D.set() got an unexpected keyword argument 'colour'")
    }

    @Test func twoDimensionalDataDrawsOneLinePerColumn() {
        let run = ExplainRun("import matplotlib.pyplot as plt\nplt.plot([[1, 10], [2, 20], [3, 30]], label=['a', 'b'])\nplt.legend()\nplt.savefig('x.svg')")
        #expect(run.diagnostics.isEmpty)
        let svg = run.file("x.svg") ?? ""
        #expect(svg.components(separatedBy: "class=\"series\"").count - 1 == 2)
    }

    @Test func subplotsGivesAFigureAndAxesThatDrawOnIt() {
        let run = ExplainRun("""
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots()
        ax.plot([1, 2, 4], label="loss")
        ax.set_title("training")
        ax.set_xlabel("epoch")
        ax.legend()
        plt.figure()
        plt.plot([0, 0])
        fig.savefig("axes.svg")
        plt.show()
        fig.savefig("after-show.svg")
        """)
        #expect(run.diagnostics.isEmpty)
        let svg = run.file("axes.svg") ?? ""
        // The axes drew on their own figure, not on the one made after them.
        #expect(svg.contains(">training</text>") && svg.contains(">epoch</text>") && svg.contains(">loss</text>"))
        #expect(svg.components(separatedBy: "class=\"series\"").count - 1 == 1)
        #expect(run.file("after-show.svg") == svg)
        #expect(run.explanations.count == 2)
    }

    @Test func subplotsOfSeveralAxesAreRefusedAtTheirCount() {
        let source = "import matplotlib.pyplot as plt\nfig, axes = plt.subplots(1, 3)"
        let run = ExplainRun(source)
        #expect(run.firstError == "conv's figures have one pair of axes, so subplots(1, 3) is not supported")
        #expect(run.diagnostics.first?.range.start == Array(source.utf8).lastIndex(of: UInt8(ascii: "3")))
    }

    /// A notebook shows the figures a cell drew when it ends, as matplotlib's inline backend
    /// does, and only those: a figure shown inside the cell is not shown again.
    @Test func aNotebookCellShowsTheFiguresItLeftOpen() {
        var configuration = Interpreter.Configuration(seed: 0)
        configuration.figuresAsEvents = true
        configuration.showsPlotsAtEndOfRun = true
        nonisolated(unsafe) var figures: [Figure] = []
        let interpreter = Interpreter(configuration: configuration) { event in
            if case .figure(let figure) = event { figures.append(figure) }
        }
        #expect(interpreter.run("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])").diagnostics.isEmpty)
        #expect(figures.count == 1)
        #expect(figures.first?.kind == .plot)
        #expect(figures.first?.svg.contains("<polyline") == true)
        _ = interpreter.run("x = 1")
        #expect(figures.count == 1)
        _ = interpreter.run("plt.plot([3, 1])\nplt.show()")
        #expect(figures.count == 2)
        // An error does not lose the figure drawn before it.
        _ = interpreter.run("plt.plot([1, 1])\n1 / 0")
        #expect(figures.count == 3)
    }
}
