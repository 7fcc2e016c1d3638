import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ConvLang

/// The exact text `explain` shows for pooling, transposed convolution and a model's shape
/// walk, checked against reviewed copies; and the numbers in each text against the value the
/// call returned.
@Suite("explain golden text: pooling, transposed conv, Sequential")
struct ExplainLayersGoldenTests {
    static let computed: [Golden] = [
        Golden.maxPoolPadding, Golden.avgPoolPadding, Golden.maxPoolCeilMode, Golden.maxPoolCeilModeDropsLastWindow,
        Golden.avgPoolCeilModeHanging, Golden.avgPoolExcludingPadding, Golden.maxPoolDilated, Golden.maxPoolLayerChannels,
        Golden.transposeStridePaddingOutputPadding, Golden.transposeLayer,
    ]
    static let walks: [Golden] = [
        Golden.sequentialWalk, Golden.sequentialWalkFails, Golden.sequentialSymbolic, Golden.sequentialChannelMismatch,
    ]

    @Test(arguments: computed + walks)
    func explanationMatchesTheReviewedText(_ golden: Golden) {
        let run = ExplainRun(golden.source)
        #expect(run.diagnostics.isEmpty)
        #expect(run.explanations == [golden.text])
    }

    /// Every `step N: … = V` and `out[i] = … = V` line ends in the value the call returned, in order.
    @Test(arguments: computed)
    func theResultsInTheTextAreTheReturnedValues(_ golden: Golden) throws {
        let run = ExplainRun(golden.source)
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

    @Test func walksReturnTheFinalLengthOrNone() {
        #expect(ExplainRun(Golden.sequentialWalk.source).values == ["14"])
        #expect(ExplainRun(Golden.sequentialWalkFails.source).values == [])
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

    @Test func transposedConvHasNoFigure() {
        #expect(ExplainRun("explain(conv_transpose1d([1, 2], [1]), svg=\"t.svg\")").firstError.hasPrefix("explain draws figures for conv and pooling"))
    }
}

extension Golden {
    static let maxPoolPadding = Golden(
        source: "explain max_pool1d([2, 3, 4], 2, p=1)",
        text: """
        explain max_pool1d: x = [2, 3, 4]
        settings: L=3 (input length), k=2 (window size), s=2 (stride, k by default), p=1 (padding), d=1 (dilation), ceil_mode=false
        each output element is the largest value in its window

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((3 + 2·1 − 1·(2−1) − 1) / 2) + 1 = 2

        the input as the window sees it (padding: 1 −inf on each side, so it never wins; drawn in ( ), it is not part of the input):
          position         0       1       2       3       4
          x index          –       0       1       2       –
          value       (−inf)       2       3       4  (−inf)

        steps (one per output element):
          step 1: max(−inf, 2) = 2
            the window covers positions 0 and 1
                (−inf)       2       3       4  (−inf)
                     ^     max
          step 2: max(3, 4) = 4
            the window moves 2 slots and covers positions 2 and 3
                (−inf)       2       3       4  (−inf)
                                     ^     max

        never used:
          the padding (−inf) at position 4 is never covered: the window moves 2 slots and the next window would end past the input

        """)

    static let avgPoolPadding = Golden(
        source: "explain avg_pool1d([2, 3, 4], 2, p=1)",
        text: """
        explain avg_pool1d: x = [2, 3, 4]
        settings: L=3 (input length), k=2 (window size), s=2 (stride, k by default), p=1 (padding), ceil_mode=false, count_include_pad=true
        each output element is the mean of its window

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((3 + 2·1 − 1·(2−1) − 1) / 2) + 1 = 2

        the input as the window sees it (padding: 1 zero on each side; drawn in ( ), it is not part of the input):
          position      0    1    2    3    4
          x index       –    0    1    2    –
          value       (0)    2    3    4  (0)

        steps (one per output element):
          step 1: (0 + 2) / 2 = 1
            divided by k=2, the whole window, padding included (count_include_pad=true)
            the window covers positions 0 and 1
                (0)    2    3    4  (0)
                  ^    ^
          step 2: (3 + 4) / 2 = 3.5
            divided by k=2, the window size
            the window moves 2 slots and covers positions 2 and 3
                (0)    2    3    4  (0)
                            ^    ^

        never used:
          the padding (0) at position 4 is never covered: the window moves 2 slots and the next window would end past the input

        """)

    static let maxPoolCeilMode = Golden(
        source: "explain max_pool1d([1, 5, 2, 0, 7], 2, ceil_mode=true)",
        text: """
        explain max_pool1d: x = [1, 5, 2, 0, 7]
        settings: L=5 (input length), k=2 (window size), s=2 (stride, k by default), p=0 (padding), d=1 (dilation), ceil_mode=true
        each output element is the largest value in its window

        output length:
          L_out = ceil((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = ceil((5 + 2·0 − 1·(2−1) − 1) / 2) + 1 = 3
          ceil_mode rounds up (floor would give 2): the last window starts at position 4, inside the input, and hangs 1 position past the end; what lies past the end does not count

        the input as the window sees it (no padding):
          position      0    1    2    3    4    5
          x index       0    1    2    3    4    –
          value         1    5    2    0    7    ·
          (1 position past the end, drawn ·, where only the last ceil-mode window reaches; nothing is there)

        steps (one per output element):
          step 1: max(1, 5) = 5
            the window covers positions 0 and 1
                  1    5    2    0    7    ·
                  ^  max
          step 2: max(2, 0) = 2
            the window moves 2 slots and covers positions 2 and 3
                  1    5    2    0    7    ·
                          max    ^
          step 3: max(7) = 7
            the window moves 2 slots and covers positions 4 and 5; position 5 is past the end and does not count (ceil_mode)
                  1    5    2    0    7    ·
                                    max    ^

        never used: nothing; every position is covered by at least one window

        """)

    static let maxPoolCeilModeDropsLastWindow = Golden(
        source: "explain max_pool1d([2, 3, 4], 2, p=1, ceil_mode=true)",
        text: """
        explain max_pool1d: x = [2, 3, 4]
        settings: L=3 (input length), k=2 (window size), s=2 (stride, k by default), p=1 (padding), d=1 (dilation), ceil_mode=true
        each output element is the largest value in its window

        output length:
          L_out = ceil((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = ceil((3 + 2·1 − 1·(2−1) − 1) / 2) + 1 = 3
          ceil_mode rounds up, but a last window must start inside the input or the left padding: window 3 would start at position 4 ≥ L + p = 4, in the right padding, so it is dropped and L_out = 2

        the input as the window sees it (padding: 1 −inf on each side, so it never wins; drawn in ( ), it is not part of the input):
          position         0       1       2       3       4
          x index          –       0       1       2       –
          value       (−inf)       2       3       4  (−inf)

        steps (one per output element):
          step 1: max(−inf, 2) = 2
            the window covers positions 0 and 1
                (−inf)       2       3       4  (−inf)
                     ^     max
          step 2: max(3, 4) = 4
            the window moves 2 slots and covers positions 2 and 3
                (−inf)       2       3       4  (−inf)
                                     ^     max

        never used:
          the padding (−inf) at position 4 is never covered: the window moves 2 slots and the next window would start in the right padding, which PyTorch does not allow even with ceil_mode

        """)

    static let avgPoolCeilModeHanging = Golden(
        source: "explain avg_pool1d([2, 4, 6, 8], 3, s=2, p=1, ceil_mode=true)",
        text: """
        explain avg_pool1d: x = [2, 4, 6, 8]
        settings: L=4 (input length), k=3 (window size), s=2 (stride), p=1 (padding), ceil_mode=true, count_include_pad=true
        each output element is the mean of its window

        output length:
          L_out = ceil((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = ceil((4 + 2·1 − 1·(3−1) − 1) / 2) + 1 = 3
          ceil_mode rounds up (floor would give 2): the last window starts at position 4, inside the input, and hangs 1 position past the end; what lies past the end does not count

        the input as the window sees it (padding: 1 zero on each side; drawn in ( ), it is not part of the input):
          position      0    1    2    3    4    5    6
          x index       –    0    1    2    3    –    –
          value       (0)    2    4    6    8  (0)    ·
          (1 position past the end, drawn ·, where only the last ceil-mode window reaches; nothing is there)

        steps (one per output element):
          step 1: (0 + 2 + 4) / 3 = 2
            divided by k=3, the whole window, padding included (count_include_pad=true)
            the window covers positions 0, 1 and 2
                (0)    2    4    6    8  (0)    ·
                  ^    ^    ^
          step 2: (4 + 6 + 8) / 3 = 6
            divided by k=3, the window size
            the window moves 2 slots and covers positions 2, 3 and 4
                (0)    2    4    6    8  (0)    ·
                            ^    ^    ^
          step 3: (8 + 0) / 2 = 4
            divided by 2, not k=3: the window hangs past the padding (ceil_mode), and only its 2 positions up to the end of the padding count
            the window moves 2 slots and covers positions 4, 5 and 6; position 6 is past the end and does not count (ceil_mode)
                (0)    2    4    6    8  (0)    ·
                                      ^    ^    ^

        never used: nothing; every position is covered by at least one window

        """)

    static let avgPoolExcludingPadding = Golden(
        source: "explain avg_pool1d([2, 4, 6, 8], 3, s=2, p=1, ceil_mode=true, count_include_pad=false)",
        text: """
        explain avg_pool1d: x = [2, 4, 6, 8]
        settings: L=4 (input length), k=3 (window size), s=2 (stride), p=1 (padding), ceil_mode=true, count_include_pad=false
        each output element is the mean of its window

        output length:
          L_out = ceil((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = ceil((4 + 2·1 − 1·(3−1) − 1) / 2) + 1 = 3
          ceil_mode rounds up (floor would give 2): the last window starts at position 4, inside the input, and hangs 1 position past the end; what lies past the end does not count

        the input as the window sees it (padding: 1 zero on each side; drawn in ( ), it is not part of the input):
          position      0    1    2    3    4    5    6
          x index       –    0    1    2    3    –    –
          value       (0)    2    4    6    8  (0)    ·
          (1 position past the end, drawn ·, where only the last ceil-mode window reaches; nothing is there)

        steps (one per output element):
          step 1: (0 + 2 + 4) / 2 = 3
            divided by 2, the input values in the window (count_include_pad=false: the padding does not count)
            the window covers positions 0, 1 and 2
                (0)    2    4    6    8  (0)    ·
                  ^    ^    ^
          step 2: (4 + 6 + 8) / 3 = 6
            divided by k=3, the window size: all of it is input
            the window moves 2 slots and covers positions 2, 3 and 4
                (0)    2    4    6    8  (0)    ·
                            ^    ^    ^
          step 3: (8 + 0) / 1 = 8
            divided by 1, the input values in the window (count_include_pad=false: neither the padding nor positions past the end count)
            the window moves 2 slots and covers positions 4, 5 and 6; position 6 is past the end and does not count (ceil_mode)
                (0)    2    4    6    8  (0)    ·
                                      ^    ^    ^

        never used: nothing; every position is covered by at least one window

        """)

    static let maxPoolDilated = Golden(
        source: "explain max_pool1d([1, 9, 3, 7, 5, 2, 8], 3, s=2, d=2)",
        text: """
        explain max_pool1d: x = [1, 9, 3, 7, 5, 2, 8]
        settings: L=7 (input length), k=3 (window size), s=2 (stride), p=0 (padding), d=2 (dilation), ceil_mode=false
        each output element is the largest value in its window

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((7 + 2·0 − 2·(3−1) − 1) / 2) + 1 = 2

        the input as the window sees it (no padding):
          position      0    1    2    3    4    5    6
          x index       0    1    2    3    4    5    6
          value         1    9    3    7    5    2    8

        steps (one per output element):
          step 1: max(1, 3, 5) = 5
            the window covers positions 0, 2 and 4, skipping 1 between taps (d=2)
                  1    9    3    7    5    2    8
                  ^    ·    ^    ·  max
          step 2: max(3, 5, 8) = 8
            the window moves 2 slots and covers positions 2, 4 and 6, skipping 1 between taps (d=2)
                  1    9    3    7    5    2    8
                            ^    ·    ^    ·  max

        never used:
          x[1] = 9 is never covered: it falls between the window's taps (d=2) in every window that spans it
          x[3] = 7 is never covered: it falls between the window's taps (d=2) in every window that spans it
          x[5] = 2 is never covered: it falls between the window's taps (d=2) in every window that spans it

        """)

    static let maxPoolLayerChannels = Golden(
        source: "p = MaxPool1d(2)\nexplain p(tensor([[1., 2., 3., 4., 9.], [4., 3., 2., 1., 0.]]))",
        text: """
        explain MaxPool1d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False): x of shape [2, 5]
        settings: L=5 (input length), k=2 (window size), s=2 (stride, k by default), p=0 (padding), d=1 (dilation), ceil_mode=false
        each output element is the largest value in its window
        2 channels: each channel is pooled on its own, so there are 2 output channels

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((5 + 2·0 − 1·(2−1) − 1) / 2) + 1 = 2

        the input as the window sees it (no padding):
          position      0    1    2    3    4
          x index       0    1    2    3    4
          c0 value      1    2    3    4    9
          c1 value      4    3    2    1    0

        channel 0:
        steps (one per output element):
          step 1: max(1, 2) = 2
            the window covers positions 0 and 1
                  1    2    3    4    9
                  ^  max
          step 2: max(3, 4) = 4
            the window moves 2 slots and covers positions 2 and 3
                  1    2    3    4    9
                            ^  max

        channel 1:
        steps (one per output element):
          step 1: max(4, 3) = 4
            the window covers positions 0 and 1
                  4    3    2    1    0
                max    ^
          step 2: max(2, 1) = 2
            the window moves 2 slots and covers positions 2 and 3
                  4    3    2    1    0
                          max    ^

        never used:
          x[:, 4] is never covered: the window moves 2 slots and the next window would end past the input (ceil_mode=true would keep a last window over it)

        """)

    static let transposeStridePaddingOutputPadding = Golden(
        source: "explain conv_transpose1d([2, 3, 4], [0.5, -1, 2], b=0.1, s=2, p=1, output_padding=1)",
        text: """
        explain conv_transpose1d: x = [2, 3, 4], w = [0.5, −1, 2], b = 0.1
        settings: L=3 (input length), k=3 (kernel size), s=2 (stride), p=1 (padding), output_padding=1, d=1 (dilation), g=1 (groups)

        output length:
          L_out = (L−1)·s − 2·p + d·(k−1) + output_padding + 1
          L_out = (3−1)·2 − 2·1 + 1·(3−1) + 1 + 1 = 6

        scatter: each x[i] spreads x[i]·w[j] to position i·s + j·d of the full output, which has (L−1)·s + d·(k−1) + 1 = (3−1)·2 + 1·(3−1) + 1 = 7 positions:
          x[0] = 2 spreads 2·0.5 = 1 to position 0, 2·(−1) = −2 to 1, 2·2 = 4 to 2
          x[1] = 3 spreads 3·0.5 = 1.5 to position 2, 3·(−1) = −3 to 3, 3·2 = 6 to 4
          x[2] = 4 spreads 4·0.5 = 2 to position 4, 4·(−1) = −4 to 5, 4·2 = 8 to 6
          position      0    1    2    3    4    5    6
          x[0]          1   −2    4
          x[1]                  1.5   −3    6
          x[2]                              2   −4    8

        crop: out[i] = full[i + 1] + b; p=1 cuts 1 position on the left and p − output_padding = 1 − 1 = 0 on the right (output_padding=1 keeps 1 position that p would cut)
          position      0    1    2    3    4    5    6
          out index     –    0    1    2    3    4    5

        output (each element the sum of what lands on its position, plus the bias):
          out[0] = full[1] + b = 2·(−1) + 0.1 = −1.9
          out[1] = full[2] + b = 2·2 + 3·0.5 + 0.1 = 5.6
          out[2] = full[3] + b = 3·(−1) + 0.1 = −2.9
          out[3] = full[4] + b = 3·2 + 4·0.5 + 0.1 = 8.1
          out[4] = full[5] + b = 4·(−1) + 0.1 = −3.9
          out[5] = full[6] + b = 4·2 + 0.1 = 8.1

        """)

    static let transposeLayer = Golden(
        source: "m = ConvTranspose1d(2, 1, 2, s=2, w=[[[1, -1]], [[0.5, 2]]], b=[0.25])\nexplain m(tensor([[1., 2.], [3., 4.]]))",
        text: """
        explain ConvTranspose1d(2, 1, kernel_size=(2,), stride=(2,)): x of shape [2, 2], w of shape [2, 1, 2], b = 0.25
        settings: L=2 (input length), k=2 (kernel size), s=2 (stride), p=0 (padding), output_padding=0, d=1 (dilation), g=1 (groups)
        2 input channels, 1 output channel: each output channel gathers from every input channel

        output length:
          L_out = (L−1)·s − 2·p + d·(k−1) + output_padding + 1
          L_out = (2−1)·2 − 2·0 + 1·(2−1) + 0 + 1 = 4

        scatter: each x[i] spreads x[i]·w[j] to position i·s + j·d of the full output, which has (L−1)·s + d·(k−1) + 1 = (2−1)·2 + 1·(2−1) + 1 = 4 positions:
          c0 x[0] = 1 spreads 1·1 = 1 to position 0, 1·(−1) = −1 to 1
          c0 x[1] = 2 spreads 2·1 = 2 to position 2, 2·(−1) = −2 to 3
          c1 x[0] = 3 spreads 3·0.5 = 1.5 to position 0, 3·2 = 6 to 1
          c1 x[1] = 4 spreads 4·0.5 = 2 to position 2, 4·2 = 8 to 3
          position      0    1    2    3
          c0 x[0]       1   −1
          c0 x[1]                 2   −2
          c1 x[0]     1.5    6
          c1 x[1]                 2    8

        crop: out[i] = full[i + 0] + b; p=0 cuts nothing on the left or the right
          position      0    1    2    3
          out index     0    1    2    3

        output (each element the sum of what lands on its position, plus the bias):
          out[0] = full[0] + b = c0 + c1 + b = 1 + 1.5 + 0.25 = 2.75
            c0: 1·1 = 1
            c1: 3·0.5 = 1.5
          out[1] = full[1] + b = c0 + c1 + b = (−1) + 6 + 0.25 = 5.25
            c0: 1·(−1) = −1
            c1: 3·2 = 6
          out[2] = full[2] + b = c0 + c1 + b = 2 + 2 + 0.25 = 4.25
            c0: 2·1 = 2
            c1: 4·0.5 = 2
          out[3] = full[3] + b = c0 + c1 + b = (−2) + 8 + 0.25 = 6.25
            c0: 2·(−1) = −2
            c1: 4·2 = 8

        """)

    static let sequentialWalk = Golden(
        source: "seed(0)\nm = Sequential(Conv1d(1, 4, 3, p=1), ReLU(), MaxPool1d(2), Conv1d(4, 8, 5), AvgPool1d(2))\nexplain shape m(L=64)",
        text: """
        explain shape Sequential: 5 layers, input 1 channel × 64
          (0) Conv1d(1, 4, kernel_size=(3,), stride=(1,), padding=(1,))
              L_out = floor((64 + 2·1 − 1·(3−1) − 1) / 1) + 1 = 64
              → 4 channels × 64
          (1) ReLU()
              the length is unchanged
              → 4 channels × 64
          (2) MaxPool1d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
              L_out = floor((64 + 2·0 − 1·(2−1) − 1) / 2) + 1 = 32
              → 4 channels × 32
          (3) Conv1d(4, 8, kernel_size=(5,), stride=(1,))
              L_out = floor((32 + 2·0 − 1·(5−1) − 1) / 1) + 1 = 28
              → 8 channels × 28
          (4) AvgPool1d(kernel_size=(2,), stride=(2,), padding=(0,))
              L_out = floor((28 + 2·0 − 1·(2−1) − 1) / 2) + 1 = 14
              → 8 channels × 14
        output: 8 channels × 14; the length goes 64 → 64 → 64 → 32 → 28 → 14

        """)

    static let sequentialWalkFails = Golden(
        source: "seed(0)\nm = Sequential(Conv1d(1, 4, 3, p=1), ReLU(), MaxPool1d(2), Conv1d(4, 8, 5), AvgPool1d(2))\nexplain shape m(L=8)",
        text: """
        explain shape Sequential: 5 layers, input 1 channel × 8
          (0) Conv1d(1, 4, kernel_size=(3,), stride=(1,), padding=(1,))
              L_out = floor((8 + 2·1 − 1·(3−1) − 1) / 1) + 1 = 8
              → 4 channels × 8
          (1) ReLU()
              the length is unchanged
              → 4 channels × 8
          (2) MaxPool1d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
              L_out = floor((8 + 2·0 − 1·(2−1) − 1) / 2) + 1 = 4
              → 4 channels × 4
          (3) Conv1d(4, 8, kernel_size=(5,), stride=(1,))
              L_out = floor((4 + 2·0 − 1·(5−1) − 1) / 1) + 1 = 0
              fails here: padded length 4 (L=4 + p 0+0) is shorter than the kernel span 5 = d·(k−1)+1 (k=5, d=1), so L_out = ⌊(4 − 5)/s⌋ + 1 < 1; use p=1 or more, or a kernel of at most 4
        the model cannot take an input of length 8: layer 3 (Conv1d) fails; the shortest input every layer accepts is L=12

        """)

    static let sequentialSymbolic = Golden(
        source: "seed(0)\nexplain shape Sequential(Conv1d(1, 4, 3, p=1), MaxPool1d(2, ceil_mode=true), ConvTranspose1d(4, 2, 3, s=2, p=1, output_padding=1))",
        text: """
        explain shape Sequential: 3 layers; L0 is the input's length, Ln the length after the n-th layer
          input: 1 channel × L0
          (0) Conv1d(1, 4, kernel_size=(3,), stride=(1,), padding=(1,))
              L1 = floor((L0 + 2·1 − 1·(3−1) − 1) / 1) + 1 = L0
              channels: 1 → 4
          (1) MaxPool1d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=True)
              L2 = ceil((L1 + 2·0 − 1·(2−1) − 1) / 2) + 1
          (2) ConvTranspose1d(4, 2, kernel_size=(3,), stride=(2,), padding=(1,), output_padding=(1,))
              L3 = (L2−1)·2 − 2·1 + 1·(3−1) + 1 + 1 = 2·L2
              channels: 4 → 2
        the shortest input every layer accepts: L0 = 1 (lengths 1 → 1 → 1 → 2)
        explain shape model(L=64) shows the numbers for one input length

        """)

    static let sequentialChannelMismatch = Golden(
        source: "seed(0)\nm = Sequential(Conv1d(1, 4, 3), Sequential(ReLU(), Conv1d(8, 2, 3)))\nexplain shape m(L=10)",
        text: """
        explain shape Sequential: 3 layers, input 1 channel × 10
          (0) Conv1d(1, 4, kernel_size=(3,), stride=(1,))
              L_out = floor((10 + 2·0 − 1·(3−1) − 1) / 1) + 1 = 8
              → 4 channels × 8
          (1.0) ReLU()
              the length is unchanged
              → 4 channels × 8
          (1.1) Conv1d(8, 2, kernel_size=(3,), stride=(1,))
              fails here: it expects 8 input channels but layer 1.0 gives 4
        the model cannot take an input of length 10: layer 1.1 (Conv1d) fails; no input length helps, the channels must match

        """)

}
