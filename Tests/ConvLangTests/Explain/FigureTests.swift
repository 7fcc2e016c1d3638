import ConvLang
import ConvNumerics
import Testing

/// What the step figures hold: rounded values with exact tooltips, the transposed
/// convolution's scatter and crop, the animation's frames, and options checked before anything runs.
@Suite("figures: contents")
struct FigureTests {
    /// How many elements of class `name` a figure has.
    private func count(_ svg: String, _ name: String) -> Int {
        svg.components(separatedBy: "class=\"\(name)\"").count - 1
    }

    /// The text of every `<title>` (tooltip) in a figure.
    private func tooltips(_ svg: String) -> [String] {
        svg.components(separatedBy: "<title>").dropFirst().map { $0.components(separatedBy: "</title>")[0] }
    }

    /// The tensors a run showed as values, in order.
    private func tensors(_ run: ExplainRun) -> [Tensor] {
        run.events.compactMap { if case .value(let value) = $0, case .tensor(let tensor) = value.hostValue { tensor } else { nil } }
    }

    /// The number after `prefix` in the tooltip that starts with it.
    private func tooltipNumber(_ svg: String, _ prefix: String) -> Double? {
        tooltips(svg).first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count)) }
    }

    @Test func seededWeightsAreRoundedWithTheExactValueInTheTooltip() throws {
        let run = ExplainRun("seed(0)\nm = Conv1d(1, 1, 2)\nexplain(m([[1, 2, 3, 4]]), svg=\"f.svg\")\nm.weight\nm.bias")
        let svg = try #require(run.file("f.svg"))
        let shown = tensors(run)
        try #require(shown.count == 3)
        let (output, weight, bias) = (shown[0].scalars, shown[1].scalars, shown[2].scalars)
        // 4 significant digits in the cells, as PyTorch prints.
        #expect(svg.contains(">−0.005294</text>"))
        #expect(svg.contains(">0.3793</text>"))
        #expect(svg.contains(">(−0.005294)·1 + 0.3793·2 + (−0.582) = 0.1714</text>"))
        #expect(!svg.contains("0.0052939812"))
        // Every weight and output exactly, to the last bit.
        #expect(tooltipNumber(svg, "w[0] = ") == weight[0])
        #expect(tooltipNumber(svg, "w[1] = ") == weight[1])
        for (i, value) in output.enumerated() { #expect(tooltipNumber(svg, "out[\(i)] = ") == value) }
        #expect(tooltips(svg).contains { $0.hasSuffix(" + \(bias[0]) = \(output[0])") })
        #expect(tooltips(svg).contains("x[2] = 3"))
    }

    @Test func digitsSetsTheRounding() throws {
        let run = ExplainRun("explain(conv([1.23456789, 2], [1]), svg=\"f.svg\", digits=6)")
        let svg = try #require(run.file("f.svg"))
        #expect(svg.contains(">1.23457</text>"))
        #expect(tooltips(svg).contains("x[0] = 1.23456789"))
        // The text explanation keeps its own 8 digits.
        #expect(run.explanations.first?.contains("1.2345679") == true)
    }

    @Test func paddingTooltipsSayWhereTheValueComesFrom() throws {
        let svg = try #require(ExplainRun("explain(conv([2, 3, 4], [1, 1], p=1, padding_mode=\"reflect\"), svg=\"f.svg\")").file("f.svg"))
        #expect(tooltips(svg).contains("padding at position 0 (reflect): copies x[1] = 3"))
    }

    @Test func figureOptionsAreCheckedBeforeAnythingRuns() {
        let noFigure = ExplainRun("explain(conv([1, 2], [1]), digits=3)")
        #expect(noFigure.firstError == "explain's option 'digits' shapes the figure, but no figure is drawn")
        #expect(noFigure.explanations.isEmpty)
        #expect(ExplainRun("explain(conv([1, 2], [1]), animate=true)").firstError
                == "explain's option 'animate' shapes the figure, but no figure is drawn")
        #expect(ExplainRun("explain(conv([1, 2], [1]), svg=\"f.svg\", digits=0)").firstError
                == "explain's option 'digits' (significant digits in the figure) must be between 1 and 17, not 0")
        #expect(ExplainRun("explain(conv([1, 2], [1]), svg=\"f.svg\", animate=1)").firstError
                == "explain's option 'animate' must be true or false, not int")
        #expect(ExplainRun("explain(conv([1, 2], [1]), svg=\"f.svg\", digit=3)").diagnostics.first?.notes.first
                == "did you mean 'digits'?")
    }

    // MARK: - Transposed convolution

    @Test func transposedFigureScattersSumsAndCrops() throws {
        let run = ExplainRun("explain(conv_transpose1d([2, 3, 4], [0.5, -1, 2], b=0.1, s=2, p=1, output_padding=1), svg=\"f.svg\")")
        #expect(run.explanations.first?.hasPrefix("explain conv_transpose1d:") == true)
        #expect(run.values == ["[-1.9, 5.6, -2.9, 8.1, -3.9, 8.1]"])
        let svg = try #require(run.file("f.svg"))
        // 3 inputs × 3 taps scattered over the 7 positions of the full output; p=1 crops one on
        // the left, and output_padding=1 keeps the one on the right: 6 outputs.
        #expect(count(svg, "scatter-label") == 3)
        #expect(count(svg, "kernel-cell") == 9)
        #expect(count(svg, "sum-cell") == 7)
        #expect(count(svg, "cropped-cell") == 1)
        #expect(count(svg, "output-cell") == 6)
        for text in [">x[1] = 3<", ">1.5<", ">5.5<", ">5.6<", ">L_out = (3−1)·2 − 2·1 + 1·(3−1) + 1 + 1 = 6<"] {
            #expect(svg.contains(text), "missing \(text)")
        }
        #expect(tooltips(svg).contains("x[1]·w[0] = 3·0.5 = 1.5, to position 2"))
        #expect(tooltips(svg).contains("full[2] = 2·2 + 3·0.5 = 5.5"))
    }

    @Test func transposedFigureCropsBothEndsAndExtendsPastTheFullOutput() throws {
        let cropped = try #require(ExplainRun("explain(conv_transpose1d([1, 2, 3], [1, 1, 1], p=2), svg=\"f.svg\")").file("f.svg"))
        #expect(count(cropped, "sum-cell") == 5)
        #expect(count(cropped, "cropped-cell") == 4)
        #expect(count(cropped, "output-cell") == 1)
        // output_padding=2 with p=0: two positions past the full output of 5, where nothing lands.
        let extended = try #require(ExplainRun("explain(conv_transpose1d([1, 2], [1, 1], s=3, output_padding=2), svg=\"f.svg\")").file("f.svg"))
        #expect(count(extended, "sum-cell") == 7)
        #expect(count(extended, "cropped-cell") == 0)
        #expect(count(extended, "output-cell") == 7)
        #expect(tooltips(extended).contains("position 6: past the full output, added by output_padding; nothing lands here"))
    }

    @Test func longTransposedInputsElideRowsAndColumns() throws {
        let svg = try #require(ExplainRun("explain(conv_transpose1d(arange(40), [1, 2, 3], s=2), svg=\"f.svg\")").file("f.svg"))
        #expect(count(svg, "scatter-label") == 10)
        #expect(svg.contains(">… 30 more inputs …<"))
        #expect(count(svg, "sum-cell") < 81)
    }

    /// The text comes first: a figure that cannot be written does not take it away.
    @Test func transposedTextShowsEvenWhenTheFigureCannotBeWritten() {
        var events: [OutputEvent] = []
        let interpreter = Interpreter(configuration: .init(seed: 0)) { events.append($0) }
        let result = interpreter.run("explain(conv_transpose1d([1, 2], [1, 1]), svg=\"t.svg\")")
        #expect(result.diagnostics.map(\.kind) == [.fileAccess])
        #expect(events.contains { if case .explanation(let text) = $0 { text.hasPrefix("explain conv_transpose1d") } else { false } })
    }

    // MARK: - Animation

    @Test func animationHasOneFramePerOutputAndNoScript() throws {
        let svg = try #require(ExplainRun("explain(conv([1, 2, 3, 4, 5, 6], [1, -1], b=0.5), svg=\"f.svg\", animate=true)").file("f.svg"))
        #expect(svg.components(separatedBy: "data-frame=").count - 1 == 5)
        #expect(svg.components(separatedBy: "data-from-frame=").count - 1 == 5)
        #expect(count(svg, "frame-caption") == 5)
        #expect(svg.contains(">step 3: 1·3 + (−1)·4 + 0.5 = −0.5<"))
        #expect(svg.contains("<animate attributeName=\"opacity\""))
        #expect(svg.contains("repeatCount=\"indefinite\""))
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("cap-note"))
        // Without animation the last frame shows: it alone is opaque.
        #expect(svg.components(separatedBy: "opacity=\"1\"").count - 1 == 1)
        #expect(svg.contains("data-frame=\"4\" opacity=\"1\""))
    }

    @Test func frameTimesFollowOneAnother() throws {
        let svg = try #require(ExplainRun("explain(max_pool1d([1, 5, 2, 4], 2, s=1), svg=\"f.svg\", animate=true)").file("f.svg"))
        // Three steps of a second and a hold of two: 5 s, each step showing for a fifth.
        #expect(svg.contains("values=\"1;0\" keyTimes=\"0;0.2\" dur=\"5s\""))
        #expect(svg.contains("values=\"0;1;0\" keyTimes=\"0;0.2;0.4\" dur=\"5s\""))
        #expect(svg.contains("values=\"0;1\" keyTimes=\"0;0.4\" dur=\"5s\""))
    }

    @Test func longAnimationsAreCapped() throws {
        let capped = try #require(ExplainRun("explain(conv(arange(40), [1, 0, -1], p=1), svg=\"f.svg\", animate=true)").file("f.svg"))
        #expect(capped.components(separatedBy: "data-frame=").count - 1 == 16)
        #expect(capped.contains(">animating the first 16 of 40 steps (explain(..., all=true) animates up to 256)<"))
        let all = try #require(ExplainRun("explain(conv(arange(40), [1, 0, -1], p=1), svg=\"f.svg\", animate=true, all=true)").file("f.svg"))
        #expect(all.components(separatedBy: "data-frame=").count - 1 == 40)
    }

    @Test func transposedAnimationGathersEachOutput() throws {
        let svg = try #require(ExplainRun("explain(conv_transpose1d([2, 3], [1, 10], s=2, p=1), svg=\"f.svg\", animate=true)").file("f.svg"))
        #expect(svg.components(separatedBy: "data-frame=").count - 1 == 2)
        #expect(svg.contains(">step 1: out[0] = 20 = 20<"))
        #expect(svg.contains(">step 2: out[1] = 3 = 3<"))
    }
}
