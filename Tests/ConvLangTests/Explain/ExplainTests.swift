import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ConvLang

@Suite("explain: syntax")
struct ExplainSyntaxTests {
    private func parse(_ text: String) -> (statements: [Stmt], diagnostics: [Diagnostic]) {
        Parser.parse(SourceFile(name: "t", text: text))
    }

    /// The target and option labels of the single explain statement in `text`.
    private func explained(_ text: String) -> (target: String, options: [String])? {
        guard case .expression(.explain(let target, let options, _))? = parse(text).statements.first else { return nil }
        return (SourceFile(name: "t", text: text).text(of: target.range), options.compactMap(\.label))
    }

    @Test func prefixFormTakesTheWholeExpression() {
        #expect(explained("explain conv(x, w, s=2)")?.target == "conv(x, w, s=2)")
        #expect(explained("explain m(x) + 1")?.target == "m(x) + 1")
    }

    @Test func functionFormSeparatesTargetAndOptions() {
        let result = explained("explain(conv(x, w), all=true, svg=\"steps.svg\")")
        #expect(result?.target == "conv(x, w)")
        #expect(result?.options == ["all", "svg"])
    }

    @Test func shapeIsAWordOnlyBeforeAnExpression() {
        #expect(explained("explain shape conv(x, w)")?.options == ["shape"])
        #expect(explained("explain shape conv(x, w)")?.target == "conv(x, w)")
        #expect(explained("explain shape")?.target == "shape")
        #expect(explained("explain shape")?.options == [])
    }

    @Test func explainIsAKeyword() {
        #expect(TokenKind.keyword("explain") == .kwExplain)
        #expect(TokenKind.keywordSpellings.contains("explain"))
        #expect(parse("explain = 3").diagnostics.isEmpty == false)
    }

    @Test func misplacedOrEmptyExplainIsASyntaxError() {
        #expect(parse("1 + explain conv(x, w)").diagnostics.first?.message == "'explain' goes before a whole expression")
        #expect(parse("explain()").diagnostics.first?.message == "explain(...) needs a conv or layer call to explain")
        #expect(parse("explain(a, b)").diagnostics.first?.message.hasPrefix("explain(...) explains one expression") == true)
        #expect(parse("explain").diagnostics.first?.message == "expected a conv or layer call after 'explain'")
    }

    @Test func deepExplainChainsAreRefusedNotCrashing() {
        let deep = String(repeating: "explain ", count: 100_000) + "x"
        #expect(parse(deep).diagnostics.first?.kind == .limit(.nesting))
    }
}

@Suite("explain: evaluation")
struct ExplainEvaluationTests {
    @Test func explainShowsTheTextThenTheValue() {
        let run = ExplainRun("explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)")
        #expect(run.events.count == 2)
        if case .explanation = run.events.first {} else { Issue.record("the explanation comes first") }
        #expect(run.values == ["[-1.9, -2.4]"])
    }

    @Test func functionFormGivesTheSameTextAsThePrefixForm() {
        let prefix = ExplainRun("explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)")
        let call = ExplainRun("y = explain(conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1))\ny")
        #expect(prefix.explanations == call.explanations)
        #expect(call.values == ["[-1.9, -2.4]"])
    }

    @Test func allShowsEveryStep() {
        let short = ExplainRun("explain conv(arange(20), [1, 1])").explanations.first ?? ""
        let full = ExplainRun("explain(conv(arange(20), [1, 1]), all=true)").explanations.first ?? ""
        #expect(short.components(separatedBy: "  step ").count - 1 == 10)
        #expect(full.components(separatedBy: "  step ").count - 1 == 19)
        #expect(full.contains("… 9 more steps") == false)
    }

    @Test func explainCallsExplainsEveryConvolution() {
        let run = ExplainRun("""
        m = Conv1d(1, 1, 2, w=[[[1, 1]]], b=[0])
        fn smooth(v) = conv(v, [0.5, 0.5])
        smooth([1, 2, 3])
        m(tensor([[[1., 2.]]]))
        sum([1, 2])
        """, explainCalls: true)
        #expect(run.diagnostics.isEmpty)
        #expect(run.explanations.count == 2)
        #expect(run.explanations.first?.hasPrefix("explain conv:") == true)
        #expect(run.explanations.last?.hasPrefix("explain Conv1d(1, 1, kernel_size=(2,)") == true)
        #expect(run.values == ["[1.5, 2.5]", "[[[3]]]", "3"])
    }

    @Test func explainingSomethingElseIsAnError() {
        #expect(ExplainRun("explain 3").firstError == "explain shows a convolution: a conv call or a layer call")
        #expect(ExplainRun("explain sum([1, 2])").firstError.hasPrefix("explain cannot show") == true)
        #expect(ExplainRun("explain(conv([1, 2], [1]), al=true)").firstError == "explain has no option 'al'")
        #expect(ExplainRun("explain(conv([1, 2], [1]), all=1)").firstError.contains("must be true or false") == true)
    }

    @Test func explainBindsArgumentsExactlyAsConvDoes() {
        #expect(ExplainRun("explain conv([1, 2], [1], q=1)").firstError == ExplainRun("conv([1, 2], [1], q=1)").firstError)
        #expect(ExplainRun("explain conv([1, 2], [1, 1, 1])").firstError == ExplainRun("conv([1, 2], [1, 1, 1])").firstError)
    }

    @Test func sizeRefusalsShowTheFormulaWithNumbers() {
        let run = ExplainRun("conv([2], [0.5, -1], s=2)")
        #expect(run.firstError.contains("use p=1 or more"))
        #expect(run.diagnostics.first?.notes.contains(
            "L_out = floor((1 + 2·0 − 1·(2−1) − 1) / 2) + 1 = 0, but a convolution needs L_out ≥ 1") == true)
    }

    @Test func jsonKeepsExplanationsApart() {
        let run = ExplainRun("explain conv([2, 3], [1])")
        #expect(run.events.first?.json.hasPrefix(#"{"kind":"explain","line":null,"svg":null,"text":"explain conv: x = [2, 3]"#) == true)
        #expect(run.events.last?.json == #"{"kind":"value","line":null,"type":"tensor","dtype":"float64","shape":[2],"value":[2,3],"text":"[2, 3]"}"#)
    }

    @Test func unusedInputsSayWhy() {
        let text = ExplainRun("explain conv([1, 2, 3, 4, 5, 6, 7, 8], [1, 1], s=3)").explanations.first ?? ""
        #expect(text.contains("x[2] = 3 is never covered: the kernel moves 3 slots but spans only 2, so it jumps over it"))
        #expect(text.contains("x[5] = 6 is never covered: the kernel moves 3 slots but spans only 2, so it jumps over it"))
        #expect(text.contains("x[6]") == false)
    }
}

@Suite("explain: figures")
struct ExplainFigureTests {
    /// Every element name and the text of every `<text>` element of an SVG document.
    private final class SVGContents: NSObject, XMLParserDelegate {
        var elements: [String: Int] = [:]
        var classes: [String: Int] = [:]
        var texts: [String] = []
        private var current = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements[name, default: 0] += 1
            if let className = attributes["class"] { classes[className, default: 0] += 1 }
            current = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { texts.append(current) }
        }
    }

    private func parse(_ svg: String?) -> SVGContents? {
        guard let data = svg?.data(using: .utf8) else { return nil }
        let contents = SVGContents()
        let parser = XMLParser(data: data)
        parser.delegate = contents
        return parser.parse() ? contents : nil
    }

    @Test func walkthroughFigureIsWellFormedAndLabelled() throws {
        let run = ExplainRun("explain(conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1), svg=\"steps.svg\")")
        let svg = try #require(parse(run.file("steps.svg")))
        #expect(svg.elements["svg"] == 1)
        // Two steps over five padded positions: 3 input cells and 2 padding cells each.
        #expect(svg.classes["input-cell"] == 6)
        #expect(svg.classes["padding-cell"] == 4)
        #expect(svg.classes["kernel-cell"] == 4)
        // One output cell per step, and the output row.
        #expect(svg.classes["output-cell"] == 4)
        for label in ["step 1", "step 2", "out[0]", "out[1]", "w0", "w1", "0.5", "−1", "−1.9", "−2.4", "output",
                      "0.5·0 + (−1)·2 + 0.1 = −1.9", "0.5·3 + (−1)·4 + 0.1 = −2.4"] {
            #expect(svg.texts.contains(label), "missing \(label)")
        }
        #expect(svg.texts.contains("L_out = floor((3 + 2·1 − 1·(2−1) − 1) / 2) + 1 = 2"))
    }

    @Test func longInputsElideStepsInTheFigure() throws {
        let run = ExplainRun("explain(conv(arange(40), [1, 0, -1], p=1), svg=\"long.svg\")")
        let svg = try #require(parse(run.file("long.svg")))
        #expect(svg.classes["step-label"] == 10)
        #expect(svg.texts.contains("… 30 more steps …"))
    }

    @Test func explainCallsWritesNumberedFigures() {
        let run = ExplainRun("conv([1, 2, 3], [1, 1])\nconv([1, 2], [1])", explainCalls: true, figureDirectory: "figs")
        #expect(parse(run.file("figs/step-figure-1.svg")) != nil)
        #expect(parse(run.file("figs/step-figure-2.svg")) != nil)
        #expect(run.file("figs/step-figure-3.svg") == nil)
    }

    @Test func withoutFileAccessWritingIsRefused() {
        var events: [OutputEvent] = []
        let interpreter = Interpreter(configuration: .init(seed: 0)) { events.append($0) }
        let result = interpreter.run("explain(conv([1, 2], [1]), svg=\"a.svg\")")
        #expect(result.diagnostics.map(\.kind) == [.fileAccess])
        #expect(result.diagnostics.first?.message == "cannot write \"a.svg\": this interpreter was given no file access")
    }
}

@Suite("plot and lengths")
struct PlotAndLengthsTests {
    @Test func terminalPlotLabelsMinimumAndMaximum() {
        let run = ExplainRun("plot([0, 1, 2, 3, 4, 5, 6, 7])")
        let lines = (run.explanations.first ?? "").split(separator: "\n").map(String.init)
        #expect(lines.count == 9)
        #expect(lines.first == "7 ┤       █")
        #expect(lines[1] == "  ┤      ▇█")
        #expect(lines[7] == "0 ┤▁███████")
        #expect(lines.last == "  └──────── 8 samples")
    }

    @Test func longSignalsAreAveragedIntoColumns() {
        let text = ExplainRun("plot(arange(144))").explanations.first ?? ""
        #expect(text.contains("144 samples, each column the mean of 2"))
    }

    @Test func plotRefusesWhatItCannotDraw() {
        #expect(ExplainRun("plot()").firstError == "plot needs a signal to draw")
        #expect(ExplainRun("plot(zeros(2, 3))").firstError == "plot draws 1-D signals, but this has shape [2, 3]")
    }

    @Test func svgPlotIsAWellFormedLineChart() throws {
        let run = ExplainRun("x = [0, 1, 3, 2]\nplot(x, conv(x, [1, 1]), svg=\"x.svg\")")
        let svg = try #require(run.file("x.svg"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        // Round ticks from 0 to 5 (the sums reach 5); two series are named in a legend.
        for tick in ["0", "1", "2", "3", "4", "5"] { #expect(svg.contains("class=\"y-tick\">\(tick)</text>"), "no tick \(tick)") }
        #expect(svg.contains("class=\"legend\">series 2</text>"))
        #expect(XMLParser(data: Data(svg.utf8)).parse())
    }

    /// (The formula `lengths` shows is the program golden `explain/lengths`.)
    @Test func lengthsReturnsTheLength() {
        #expect(ExplainRun("lengths(L=3, k=2, s=2, p=1)").values == ["2"])
        #expect(ExplainRun("lengths(10, 3, p=\"same\")").values == ["10"])
    }

    @Test func lengthsRefusesImpossibleSizesWithTheFix() {
        let run = ExplainRun("lengths(L=1, k=3)")
        #expect(run.firstError.contains("use p=1 or more"))
        #expect(ExplainRun("lengths(L=3, k=2, s=0)").firstError == "stride must be at least 1, but s=0")
        #expect(ExplainRun("lengths(L=3, k=1e300)").firstError.hasPrefix("lengths's argument 'k'"))
        #expect(ExplainRun("lengths(L=9007199254740992, k=2, p=9007199254740992)").values == ["2.7021598e+16"])
    }

    @Test func lengthFormulaFloorsNegativeNumerators() {
        let formula = LengthFormula(inputLength: 1, left: 0, right: 0, kernelSize: 3, stride: 2, dilation: 1)
        #expect(formula.value == 0)
        let huge = LengthFormula(inputLength: Int.max, left: 1, right: 1, kernelSize: 2, stride: 1, dilation: 1)
        #expect(huge.value == nil)
    }
}
