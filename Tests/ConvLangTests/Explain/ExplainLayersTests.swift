import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ConvLang

/// `explain` for pooling, transposed convolution and a model's shape walk. The exact texts are
/// program goldens (`Tests/Programs/explain`); here, the numbers in each text against the value
/// the call returned, and what a text alone cannot show.
@Suite("explain: pooling, transposed conv, Sequential")
struct ExplainLayersTests {
    /// The program goldens whose every step states one returned value.
    static let computed = [
        "max-pool-padding", "avg-pool-padding", "max-pool-ceil-mode", "max-pool-ceil-mode-drops-last-window",
        "avg-pool-ceil-mode-hanging", "avg-pool-excluding-padding", "max-pool-dilated", "max-pool1d-layer-channels",
        "conv-transpose-stride-padding-output-padding", "conv-transpose1d-layer",
    ]

    /// The source of program golden `explain/NAME.conv`.
    static func program(_ name: String) throws -> String {
        try #require(ProgramGolden.text(at: "explain/\(name).conv"), "no program explain/\(name).conv")
    }

    /// Every `step N: … = V` and `out[i] = … = V` line ends in the value the call returned, in order.
    @Test(arguments: computed)
    func theResultsInTheTextAreTheReturnedValues(_ name: String) throws {
        let run = ExplainRun(try Self.program(name))
        let text = try #require(run.explanations.first)
        let stated = text.split(separator: "\n").filter { $0.hasPrefix("  step ") || $0.hasPrefix("  out[") }.map { line in
            let result = line.components(separatedBy: " = ").last ?? ""
            return (result.components(separatedBy: "   (").first ?? result).replacingOccurrences(of: "−", with: "-")
        }
        let value = try #require(run.values.last)
        let returned = value.components(separatedBy: CharacterSet(charactersIn: "[], \n")).filter { !$0.isEmpty }
        #expect(!stated.isEmpty)
        #expect(stated == returned)
    }

    @Test func walksReturnTheFinalLengthOrNone() throws {
        #expect(ExplainRun(try Self.program("shape-sequential")).values == ["14"])
        #expect(ExplainRun(try Self.program("shape-sequential-fails")).values == [])
    }

    @Test func explainOnAModelCallShowsTheWalkThenTheValue() {
        let run = ExplainRun("""
        seed(0)
        m = Sequential(Conv1d(1, 2, 3), MaxPool1d(2))
        explain m(zeros(1, 1, 10))
        """)
        #expect(run.diagnostics.isEmpty)
        #expect(run.explanations.first?.hasPrefix("explain shape Sequential: 2 layers, input 1 channel × 10, a batch of 1") == true)
        #expect(run.explanations.first?.contains("output: 2 channels × 4; the length goes 10 → 8 → 4") == true)
        #expect(run.values.count == 1)
    }

    @Test func aModelThatFailsOnRealDataStillNamesTheLayer() {
        let run = ExplainRun("seed(0)\nm = Sequential(Conv1d(1, 2, 3), Conv1d(2, 2, 5))\nexplain m(zeros(1, 1, 5))")
        #expect(run.explanations.first?.contains("fails here:") == true)
        #expect(run.firstError.hasPrefix("layer 1 (Conv1d) cannot take an input of shape [1, 2, 3]"))
    }

    @Test func shapeWalkArgumentsAreChecked() {
        #expect(ExplainRun("seed(0)\nexplain shape Sequential(ReLU())(K=3)").firstError.hasPrefix("explain shape takes the input length"))
        #expect(ExplainRun("seed(0)\nm = Sequential(ReLU())\nexplain shape m(L=0)").firstError.contains("L"))
        #expect(ExplainRun("seed(0)\nm = Sequential(ReLU())\nexplain shape m(L=1e300)").diagnostics.isEmpty == false)
    }

    @Test func longPoolingsShowTheFirstAndLastSteps() {
        let short = ExplainRun("explain max_pool1d(arange(40), 2)").explanations.first ?? ""
        let full = ExplainRun("explain(max_pool1d(arange(40), 2), all=true)").explanations.first ?? ""
        #expect(short.components(separatedBy: "  step ").count - 1 == 10)
        #expect(short.contains("… 10 more steps of the same kind (explain(..., all=true) shows every step)"))
        #expect(full.components(separatedBy: "  step ").count - 1 == 20)
    }

    @Test func explainCallsCoversPoolingAndTransposedConv() {
        let run = ExplainRun("""
        max_pool1d([1, 2, 3, 4], 2)
        F.avg_pool1d([1, 2, 3, 4], 2)
        conv_transpose1d([1, 2], [1, 1])
        AvgPool1d(2)([[1., 3.]])
        relu([1, -1])
        """, explainCalls: true)
        #expect(run.diagnostics.isEmpty)
        #expect(run.explanations.map { String($0.prefix(while: { $0 != ":" })) } == [
            "explain max_pool1d", "explain avg_pool1d", "explain conv_transpose1d",
            "explain AvgPool1d(kernel_size=(2,), stride=(2,), padding=(0,))",
        ])
        #expect(run.values == ["[2, 4]", "[1.5, 3.5]", "[1, 3, 2]", "[[2]]", "[1, 0]"])
    }

    @Test func poolingRefusalsAreTheSameUnderExplain() {
        #expect(ExplainRun("explain max_pool1d([1, 2], 2, p=2)").firstError == ExplainRun("max_pool1d([1, 2], 2, p=2)").firstError)
        #expect(ExplainRun("explain conv_transpose1d([1, 2], [1], s=0)").firstError
                == ExplainRun("conv_transpose1d([1, 2], [1], s=0)").firstError)
    }

    @Test func poolingFigureIsWellFormedAndLabelled() throws {
        let run = ExplainRun("explain(max_pool1d([2, 3, 4], 2, p=1, ceil_mode=true), svg=\"pool.svg\")")
        let svg = try #require(run.file("pool.svg"))
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        // Two steps over five padded positions: 3 input cells and 2 padding cells each.
        #expect(svg.components(separatedBy: "class=\"input-cell\"").count - 1 == 6)
        #expect(svg.components(separatedBy: "class=\"padding-cell\"").count - 1 == 4)
        #expect(svg.components(separatedBy: "class=\"winner\"").count - 1 == 2)
        for label in [">step 1<", ">out[1]<", ">max(−inf, 2) = 2<", ">max(3, 4) = 4<", ">−inf<",
                      ">L_out = ceil((3 + 2·1 − 1·(2−1) − 1) / 2) + 1 = 3<"] {
            #expect(svg.contains(label), "missing \(label)")
        }
    }

    @Test func ceilModeFigureDrawsWhatLiesPastTheEnd() throws {
        let run = ExplainRun("explain(avg_pool1d([2, 4, 6, 8], 3, s=2, p=1, ceil_mode=true), svg=\"avg.svg\")")
        let svg = try #require(run.file("avg.svg"))
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(svg.components(separatedBy: "class=\"past-end-cell\"").count - 1 == 3)
        #expect(svg.contains(">(8 + 0) / 2 = 4<"))
    }

    @Test func outputPaddingPastTheFullOutputHoldsOnlyTheBias() {
        let text = ExplainRun("explain conv_transpose1d([1, 2], [1, 1], s=3, output_padding=2)").explanations.first ?? ""
        #expect(text.contains("output_padding=2 adds 2 positions past the full output on the right"))
        #expect(text.contains("  out[2] = full[2] = 0   (nothing lands here)\n"))
        #expect(text.contains("  out[6] = full[6] = 0   (past the full output: nothing lands here)\n"))
        let biased = ExplainRun("explain conv_transpose1d([1, 2], [1, 1], b=0.5, s=3, output_padding=2)").explanations.first ?? ""
        #expect(biased.contains("  out[6] = full[6] + b = 0 + 0.5 = 0.5   (past the full output: nothing lands here)\n"))
    }
}
