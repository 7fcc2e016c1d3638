import Testing
@testable import ConvLang

/// The exact text `explain` shows, checked against reviewed copies: the four walkthroughs
/// (k=1 s=1; k=2 s=1; k=2 s=2; k=2 s=2 p=1 on [2, 3, 4], the weights of the first four
/// torch-ops golden cases), dilation, every padding mode, groups, channels, a batch, a long
/// input, a layer and `explain shape`.
@Suite("explain golden text")
struct ExplainGoldenTests {
    @Test(arguments: [
        Golden.walkthroughK1S1, Golden.walkthroughK2S1, Golden.walkthroughK2S2, Golden.walkthroughK2S2P1,
        Golden.dilation, Golden.zerosAsymmetric, Golden.reflect, Golden.replicate, Golden.circular,
        Golden.groups, Golden.channelSum, Golden.batch, Golden.longInput, Golden.layer, Golden.shapeOnly,
    ])
    func explanationMatchesTheReviewedText(_ golden: Golden) {
        let run = ExplainRun(golden.source)
        #expect(run.diagnostics.isEmpty)
        #expect(run.explanations == [golden.text])
    }
}

/// A program and the explanation it must show.
struct Golden: Sendable, CustomTestStringConvertible {
    var source: String
    var text: String
    var testDescription: String { source }

    static let walkthroughK1S1 = Golden(
        source: "explain conv([2, 3, 4], [0.5], b=0.25)",
        text: """
        explain conv: x = [2, 3, 4], w = [0.5], b = 0.25
        settings: L=3 (input length), k=1 (kernel size), s=1 (stride), p=0 (padding), d=1 (dilation), g=1 (groups)

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((3 + 2·0 − 1·(1−1) − 1) / 1) + 1 = 3

        the input as the kernel sees it (no padding):
          position     0   1   2
          x index      0   1   2
          value        2   3   4

        steps (one per output element):
          step 1: w0·2 + b = 0.5·2 + 0.25 = 1.25
            the kernel covers position 0
                 2   3   4
                w0
          step 2: w0·3 + b = 0.5·3 + 0.25 = 1.75
            the kernel moves 1 slot and covers position 1
                 2   3   4
                    w0
          step 3: w0·4 + b = 0.5·4 + 0.25 = 2.25
            the kernel moves 1 slot and covers position 2
                 2   3   4
                        w0

        never used: nothing; every position is covered by at least one step

        """)

    static let walkthroughK2S1 = Golden(
        source: "explain conv([2, 3, 4], [0.5, -1], b=0.1)",
        text: """
        explain conv: x = [2, 3, 4], w = [0.5, −1], b = 0.1
        settings: L=3 (input length), k=2 (kernel size), s=1 (stride), p=0 (padding), d=1 (dilation), g=1 (groups)

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((3 + 2·0 − 1·(2−1) − 1) / 1) + 1 = 2

        the input as the kernel sees it (no padding):
          position     0   1   2
          x index      0   1   2
          value        2   3   4

        steps (one per output element):
          step 1: w0·2 + w1·3 + b = 0.5·2 + (−1)·3 + 0.1 = −1.9
            the kernel covers positions 0 and 1
                 2   3   4
                w0  w1
          step 2: w0·3 + w1·4 + b = 0.5·3 + (−1)·4 + 0.1 = −2.4
            the kernel moves 1 slot and covers positions 1 and 2
                 2   3   4
                    w0  w1

        never used: nothing; every position is covered by at least one step

        """)

    static let walkthroughK2S2 = Golden(
        source: "explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2)",
        text: """
        explain conv: x = [2, 3, 4], w = [0.5, −1], b = 0.1
        settings: L=3 (input length), k=2 (kernel size), s=2 (stride), p=0 (padding), d=1 (dilation), g=1 (groups)

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((3 + 2·0 − 1·(2−1) − 1) / 2) + 1 = 1

        the input as the kernel sees it (no padding):
          position     0   1   2
          x index      0   1   2
          value        2   3   4

        steps (one per output element):
          step 1: w0·2 + w1·3 + b = 0.5·2 + (−1)·3 + 0.1 = −1.9
            the kernel covers positions 0 and 1
                 2   3   4
                w0  w1

        never used:
          x[2] = 4 is never covered: the kernel moves 2 slots and the next window would end past the input

        """)

    static let walkthroughK2S2P1 = Golden(
        source: "explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)",
        text: """
        explain conv: x = [2, 3, 4], w = [0.5, −1], b = 0.1
        settings: L=3 (input length), k=2 (kernel size), s=2 (stride), p=1 (padding), d=1 (dilation), g=1 (groups)

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((3 + 2·1 − 1·(2−1) − 1) / 2) + 1 = 2

        the input as the kernel sees it (padding: 1 zero on each side; drawn in ( ), it is not part of the input):
          position      0    1    2    3    4
          x index       –    0    1    2    –
          value       (0)    2    3    4  (0)

        steps (one per output element):
          step 1: w0·0 + w1·2 + b = 0.5·0 + (−1)·2 + 0.1 = −1.9
            the kernel covers positions 0 and 1
                (0)    2    3    4  (0)
                 w0   w1
          step 2: w0·3 + w1·4 + b = 0.5·3 + (−1)·4 + 0.1 = −2.4
            the kernel moves 2 slots and covers positions 2 and 3
                (0)    2    3    4  (0)
                           w0   w1

        never used:
          the padding (0) at position 4 is never covered: the kernel moves 2 slots and the next window would end past the input

        """)

    static let dilation = Golden(
        source: "explain conv([1, 2, 3, 4, 5, 6, 7], [1, -1], d=3, s=3)",
        text: """
        explain conv: x = [1, 2, 3, 4, 5, 6, 7], w = [1, −1], no bias
        settings: L=7 (input length), k=2 (kernel size), s=3 (stride), p=0 (padding), d=3 (dilation), g=1 (groups)

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((7 + 2·0 − 3·(2−1) − 1) / 3) + 1 = 2

        the input as the kernel sees it (no padding):
          position     0   1   2   3   4   5   6
          x index      0   1   2   3   4   5   6
          value        1   2   3   4   5   6   7

        steps (one per output element):
          step 1: w0·1 + w1·4 = 1·1 + (−1)·4 = −3
            the kernel covers positions 0 and 3, skipping 2 between taps (d=3)
                 1   2   3   4   5   6   7
                w0   ·   ·  w1
          step 2: w0·4 + w1·7 = 1·4 + (−1)·7 = −3
            the kernel moves 3 slots and covers positions 3 and 6, skipping 2 between taps (d=3)
                 1   2   3   4   5   6   7
                            w0   ·   ·  w1

        never used:
          x[1] = 2 is never covered: it falls between the kernel's taps (d=3) in every window that spans it
          x[2] = 3 is never covered: it falls between the kernel's taps (d=3) in every window that spans it
          x[4] = 5 is never covered: it falls between the kernel's taps (d=3) in every window that spans it
          x[5] = 6 is never covered: it falls between the kernel's taps (d=3) in every window that spans it

        """)

    static let zerosAsymmetric = Golden(
        source: "explain conv([1, 2, 3], [1, 1], p=(1, 2))",
        text: """
        explain conv: x = [1, 2, 3], w = [1, 1], no bias
        settings: L=3 (input length), k=2 (kernel size), s=1 (stride), p=(1, 2) (padding), d=1 (dilation), g=1 (groups)

        output length:
          L_out = floor((L + p_left + p_right − d·(k−1) − 1) / s) + 1
          L_out = floor((3 + 1 + 2 − 1·(2−1) − 1) / 1) + 1 = 5

        the input as the kernel sees it (padding: 1 zero on the left, 2 zeros on the right; drawn in ( ), it is not part of the input):
          position      0    1    2    3    4    5
          x index       –    0    1    2    –    –
          value       (0)    1    2    3  (0)  (0)

        steps (one per output element):
          step 1: w0·0 + w1·1 = 1·0 + 1·1 = 1
            the kernel covers positions 0 and 1
                (0)    1    2    3  (0)  (0)
                 w0   w1
          step 2: w0·1 + w1·2 = 1·1 + 1·2 = 3
            the kernel moves 1 slot and covers positions 1 and 2
                (0)    1    2    3  (0)  (0)
                      w0   w1
          step 3: w0·2 + w1·3 = 1·2 + 1·3 = 5
            the kernel moves 1 slot and covers positions 2 and 3
                (0)    1    2    3  (0)  (0)
                           w0   w1
          step 4: w0·3 + w1·0 = 1·3 + 1·0 = 3
            the kernel moves 1 slot and covers positions 3 and 4
                (0)    1    2    3  (0)  (0)
                                w0   w1
          step 5: w0·0 + w1·0 = 1·0 + 1·0 = 0
            the kernel moves 1 slot and covers positions 4 and 5
                (0)    1    2    3  (0)  (0)
                                     w0   w1

        never used: nothing; every position is covered by at least one step

        """)

    static let reflect = Golden(
        source: "explain conv([1, 2, 3, 4], [1, 10, 100], p=2, mode=\"reflect\")",
        text: """
        explain conv: x = [1, 2, 3, 4], w = [1, 10, 100], no bias
        settings: L=4 (input length), k=3 (kernel size), s=1 (stride), p=2 (padding), d=1 (dilation), g=1 (groups), mode="reflect"

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((4 + 2·2 − 1·(3−1) − 1) / 1) + 1 = 6

        the input as the kernel sees it (padding: 2 on each side, the input mirrored about its end values; drawn in ( ), it is not part of the input; the x index row says which input value each copies):
          position      0    1    2    3    4    5    6    7
          x index     (2)  (1)    0    1    2    3  (2)  (1)
          value       (3)  (2)    1    2    3    4  (3)  (2)

        steps (one per output element):
          step 1: w0·3 + w1·2 + w2·1 = 1·3 + 10·2 + 100·1 = 123
            the kernel covers positions 0, 1 and 2
                (3)  (2)    1    2    3    4  (3)  (2)
                 w0   w1   w2
          step 2: w0·2 + w1·1 + w2·2 = 1·2 + 10·1 + 100·2 = 212
            the kernel moves 1 slot and covers positions 1, 2 and 3
                (3)  (2)    1    2    3    4  (3)  (2)
                      w0   w1   w2
          step 3: w0·1 + w1·2 + w2·3 = 1·1 + 10·2 + 100·3 = 321
            the kernel moves 1 slot and covers positions 2, 3 and 4
                (3)  (2)    1    2    3    4  (3)  (2)
                           w0   w1   w2
          step 4: w0·2 + w1·3 + w2·4 = 1·2 + 10·3 + 100·4 = 432
            the kernel moves 1 slot and covers positions 3, 4 and 5
                (3)  (2)    1    2    3    4  (3)  (2)
                                w0   w1   w2
          step 5: w0·3 + w1·4 + w2·3 = 1·3 + 10·4 + 100·3 = 343
            the kernel moves 1 slot and covers positions 4, 5 and 6
                (3)  (2)    1    2    3    4  (3)  (2)
                                     w0   w1   w2
          step 6: w0·4 + w1·3 + w2·2 = 1·4 + 10·3 + 100·2 = 234
            the kernel moves 1 slot and covers positions 5, 6 and 7
                (3)  (2)    1    2    3    4  (3)  (2)
                                          w0   w1   w2

        never used: nothing; every position is covered by at least one step

        """)

    static let replicate = Golden(
        source: "explain conv([1, 2, 3], [1, 1, 1], p=1, mode=\"replicate\")",
        text: """
        explain conv: x = [1, 2, 3], w = [1, 1, 1], no bias
        settings: L=3 (input length), k=3 (kernel size), s=1 (stride), p=1 (padding), d=1 (dilation), g=1 (groups), mode="replicate"

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((3 + 2·1 − 1·(3−1) − 1) / 1) + 1 = 3

        the input as the kernel sees it (padding: 1 on each side, the end values repeated; drawn in ( ), it is not part of the input; the x index row says which input value each copies):
          position      0    1    2    3    4
          x index     (0)    0    1    2  (2)
          value       (1)    1    2    3  (3)

        steps (one per output element):
          step 1: w0·1 + w1·1 + w2·2 = 1·1 + 1·1 + 1·2 = 4
            the kernel covers positions 0, 1 and 2
                (1)    1    2    3  (3)
                 w0   w1   w2
          step 2: w0·1 + w1·2 + w2·3 = 1·1 + 1·2 + 1·3 = 6
            the kernel moves 1 slot and covers positions 1, 2 and 3
                (1)    1    2    3  (3)
                      w0   w1   w2
          step 3: w0·2 + w1·3 + w2·3 = 1·2 + 1·3 + 1·3 = 8
            the kernel moves 1 slot and covers positions 2, 3 and 4
                (1)    1    2    3  (3)
                           w0   w1   w2

        never used: nothing; every position is covered by at least one step

        """)

    static let circular = Golden(
        source: "explain conv([1, 2, 3], [1, 0, -1], p=1, mode=\"circular\")",
        text: """
        explain conv: x = [1, 2, 3], w = [1, 0, −1], no bias
        settings: L=3 (input length), k=3 (kernel size), s=1 (stride), p=1 (padding), d=1 (dilation), g=1 (groups), mode="circular"

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((3 + 2·1 − 1·(3−1) − 1) / 1) + 1 = 3

        the input as the kernel sees it (padding: 1 on each side, the input wrapped around from the other end; drawn in ( ), it is not part of the input; the x index row says which input value each copies):
          position      0    1    2    3    4
          x index     (2)    0    1    2  (0)
          value       (3)    1    2    3  (1)

        steps (one per output element):
          step 1: w0·3 + w1·1 + w2·2 = 1·3 + 0·1 + (−1)·2 = 1
            the kernel covers positions 0, 1 and 2
                (3)    1    2    3  (1)
                 w0   w1   w2
          step 2: w0·1 + w1·2 + w2·3 = 1·1 + 0·2 + (−1)·3 = −2
            the kernel moves 1 slot and covers positions 1, 2 and 3
                (3)    1    2    3  (1)
                      w0   w1   w2
          step 3: w0·2 + w1·3 + w2·1 = 1·2 + 0·3 + (−1)·1 = 1
            the kernel moves 1 slot and covers positions 2, 3 and 4
                (3)    1    2    3  (1)
                           w0   w1   w2

        never used: nothing; every position is covered by at least one step

        """)

    static let groups = Golden(
        source: "explain conv(tensor([[1, 2, 3, 4], [5, 6, 7, 8]]), [[[1, 2]], [[3, 4]]], g=2, b=[0.5, -0.5])",
        text: """
        explain conv: x of shape [2, 4], w of shape [2, 1, 2], b = [0.5, −0.5]
        settings: L=4 (input length), k=2 (kernel size), s=1 (stride), p=0 (padding), d=1 (dilation), g=2 (groups)
        2 input channels, 2 output channels in 2 groups: each output channel sums over the 1 input channel of its group

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((4 + 2·0 − 1·(2−1) − 1) / 1) + 1 = 3

        the input as the kernel sees it (no padding):
          position     0   1   2   3
          x index      0   1   2   3
          c0 value     1   2   3   4
          c1 value     5   6   7   8

        output channel 0: weights w[0] over input channel 0, b[0] = 0.5
        steps (one per output element):
          step 1: w0·1 + w1·2 + b = 1·1 + 2·2 + 0.5 = 5.5
            the kernel covers positions 0 and 1
                 1   2   3   4
                w0  w1
          step 2: w0·2 + w1·3 + b = 1·2 + 2·3 + 0.5 = 8.5
            the kernel moves 1 slot and covers positions 1 and 2
                 1   2   3   4
                    w0  w1
          step 3: w0·3 + w1·4 + b = 1·3 + 2·4 + 0.5 = 11.5
            the kernel moves 1 slot and covers positions 2 and 3
                 1   2   3   4
                        w0  w1

        output channel 1: weights w[1] over input channel 1, b[1] = −0.5
        steps (one per output element):
          step 1: w0·5 + w1·6 + b = 3·5 + 4·6 + (−0.5) = 38.5
            the kernel covers positions 0 and 1
                 5   6   7   8
                w0  w1
          step 2: w0·6 + w1·7 + b = 3·6 + 4·7 + (−0.5) = 45.5
            the kernel moves 1 slot and covers positions 1 and 2
                 5   6   7   8
                    w0  w1
          step 3: w0·7 + w1·8 + b = 3·7 + 4·8 + (−0.5) = 52.5
            the kernel moves 1 slot and covers positions 2 and 3
                 5   6   7   8
                        w0  w1

        never used: nothing; every position is covered by at least one step

        """)

    static let channelSum = Golden(
        source: "explain conv(tensor([[1, 2, 3, 4], [5, 6, 7, 8]]), [[[1, 2], [3, 4]]])",
        text: """
        explain conv: x of shape [2, 4], w of shape [1, 2, 2], no bias
        settings: L=4 (input length), k=2 (kernel size), s=1 (stride), p=0 (padding), d=1 (dilation), g=1 (groups)
        2 input channels, 1 output channel: each output channel sums over every input channel

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((4 + 2·0 − 1·(2−1) − 1) / 1) + 1 = 3

        the input as the kernel sees it (no padding):
          position     0   1   2   3
          x index      0   1   2   3
          c0 value     1   2   3   4
          c1 value     5   6   7   8

        output channel 0: weights w[0] over input channels 0–1
        steps (one per output element):
          step 1: c0 + c1 = 5 + 39 = 44
            c0: w0·1 + w1·2 = 1·1 + 2·2 = 5
            c1: w0·5 + w1·6 = 3·5 + 4·6 = 39
            the kernel covers positions 0 and 1
              c0           1   2   3   4
              c1           5   6   7   8
                          w0  w1
          step 2: c0 + c1 = 8 + 46 = 54
            c0: w0·2 + w1·3 = 1·2 + 2·3 = 8
            c1: w0·6 + w1·7 = 3·6 + 4·7 = 46
            the kernel moves 1 slot and covers positions 1 and 2
              c0           1   2   3   4
              c1           5   6   7   8
                              w0  w1
          step 3: c0 + c1 = 11 + 53 = 64
            c0: w0·3 + w1·4 = 1·3 + 2·4 = 11
            c1: w0·7 + w1·8 = 3·7 + 4·8 = 53
            the kernel moves 1 slot and covers positions 2 and 3
              c0           1   2   3   4
              c1           5   6   7   8
                                  w0  w1

        never used: nothing; every position is covered by at least one step

        """)

    static let batch = Golden(
        source: "explain conv(tensor([[[1, 2, 3]], [[4, 5, 6]]]), [[[1, -1]]])",
        text: """
        explain conv: x of shape [2, 1, 3], w of shape [1, 1, 2], no bias
        settings: L=3 (input length), k=2 (kernel size), s=1 (stride), p=0 (padding), d=1 (dilation), g=1 (groups)
        a batch of 2 items: showing item 0; every other item is computed the same way with its own values

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((3 + 2·0 − 1·(2−1) − 1) / 1) + 1 = 2

        the input as the kernel sees it (no padding):
          position     0   1   2
          x index      0   1   2
          value        1   2   3

        steps (one per output element):
          step 1: w0·1 + w1·2 = 1·1 + (−1)·2 = −1
            the kernel covers positions 0 and 1
                 1   2   3
                w0  w1
          step 2: w0·2 + w1·3 = 1·2 + (−1)·3 = −1
            the kernel moves 1 slot and covers positions 1 and 2
                 1   2   3
                    w0  w1

        never used: nothing; every position is covered by at least one step

        """)

    static let longInput = Golden(
        source: "explain conv(arange(20), [1, 1])",
        text: """
        explain conv: x of shape [20], w = [1, 1], no bias
        settings: L=20 (input length), k=2 (kernel size), s=1 (stride), p=0 (padding), d=1 (dilation), g=1 (groups)

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((20 + 2·0 − 1·(2−1) − 1) / 1) + 1 = 19

        the input as the kernel sees it (no padding):
          position     0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19
          x index      0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19
          value        0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19

        steps (one per output element):
          step 1: w0·0 + w1·1 = 1·0 + 1·1 = 1
            the kernel covers positions 0 and 1
                 0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19
                w0  w1
          step 2: w0·1 + w1·2 = 1·1 + 1·2 = 3
            the kernel moves 1 slot and covers positions 1 and 2
                 0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19
                    w0  w1
          step 3: w0·2 + w1·3 = 1·2 + 1·3 = 5
            the kernel moves 1 slot and covers positions 2 and 3
                 0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19
                        w0  w1
          step 4: w0·3 + w1·4 = 1·3 + 1·4 = 7
            the kernel moves 1 slot and covers positions 3 and 4
                 0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19
                            w0  w1
          step 5: w0·4 + w1·5 = 1·4 + 1·5 = 9
            the kernel moves 1 slot and covers positions 4 and 5
                 0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19
                                w0  w1
          step 6: w0·5 + w1·6 = 1·5 + 1·6 = 11
            the kernel moves 1 slot and covers positions 5 and 6
                 0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19
                                    w0  w1
          step 7: w0·6 + w1·7 = 1·6 + 1·7 = 13
            the kernel moves 1 slot and covers positions 6 and 7
                 0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19
                                        w0  w1
          step 8: w0·7 + w1·8 = 1·7 + 1·8 = 15
            the kernel moves 1 slot and covers positions 7 and 8
                 0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19
                                            w0  w1
          … 9 more steps of the same kind (explain(..., all=true) shows every step)
          step 18: w0·17 + w1·18 = 1·17 + 1·18 = 35
            the kernel moves 1 slot and covers positions 17 and 18
                 0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19
                                                                                    w0  w1
          step 19: w0·18 + w1·19 = 1·18 + 1·19 = 37
            the kernel moves 1 slot and covers positions 18 and 19
                 0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19
                                                                                        w0  w1

        never used: nothing; every position is covered by at least one step

        """)

    static let layer = Golden(
        source: "m = Conv1d(1, 1, 2, s=2, p=1, w=[[[0.5, -1]]], b=[0.1])\nexplain m(tensor([[[2., 3., 4.]]]))",
        text: """
        explain Conv1d(1, 1, kernel_size=(2,), stride=(2,), padding=(1,)): x = [2, 3, 4], w = [0.5, −1], b = 0.1
        settings: L=3 (input length), k=2 (kernel size), s=2 (stride), p=1 (padding), d=1 (dilation), g=1 (groups)

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((3 + 2·1 − 1·(2−1) − 1) / 2) + 1 = 2

        the input as the kernel sees it (padding: 1 zero on each side; drawn in ( ), it is not part of the input):
          position      0    1    2    3    4
          x index       –    0    1    2    –
          value       (0)    2    3    4  (0)

        steps (one per output element):
          step 1: w0·0 + w1·2 + b = 0.5·0 + (−1)·2 + 0.1 = −1.9
            the kernel covers positions 0 and 1
                (0)    2    3    4  (0)
                 w0   w1
          step 2: w0·3 + w1·4 + b = 0.5·3 + (−1)·4 + 0.1 = −2.4
            the kernel moves 2 slots and covers positions 2 and 3
                (0)    2    3    4  (0)
                           w0   w1

        never used:
          the padding (0) at position 4 is never covered: the kernel moves 2 slots and the next window would end past the input

        """)

    static let shapeOnly = Golden(
        source: "explain shape conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)",
        text: """
        explain conv: x = [2, 3, 4], w = [0.5, −1], b = 0.1
        settings: L=3 (input length), k=2 (kernel size), s=2 (stride), p=1 (padding), d=1 (dilation), g=1 (groups)

        output length:
          L_out = floor((L + 2·p − d·(k−1) − 1) / s) + 1
          L_out = floor((3 + 2·1 − 1·(2−1) − 1) / 2) + 1 = 2

        """)
}
