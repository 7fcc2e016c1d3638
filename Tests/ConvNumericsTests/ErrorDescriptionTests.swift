import Testing
import ConvNumerics

/// Every refusal renders a sentence that names the quantity and carries the numbers.
@Suite("Error descriptions")
struct ErrorDescriptionTests {
    static let examples: [(ConvolutionError, [String])] = [
        (.inputRank(shape: [2, 3, 4, 5]), ["[2, 3, 4, 5]", "rank 4"]),
        (.sameWithStride(stride: 2), ["'same'", "s=2"]),
        (.nonPositiveGroups(groups: 0), ["g=0"]),
        (.negativePadding(left: -1, right: 2), ["p=(-1, 2)"]),
        (.nonPositiveStride(stride: 0), ["s=0"]),
        (.nonPositiveDilation(dilation: -3), ["d=-3"]),
        (.weightRank(shape: [2, 3]), ["[2, 3]", "rank 2"]),
        (.nonPositiveKernelSize(kernelSize: 0), ["k=0"]),
        (.outChannelsNotDivisibleByGroups(outChannels: 3, groups: 2), ["3 output channels", "g=2"]),
        (.outChannelsFewerThanGroups(outChannels: 1, groups: 4), ["1 output channel ", "g=4"]),
        (.inChannelsNotDivisibleByGroups(inChannels: 3, groups: 2), ["3 input channels", "g=2"]),
        (.negativeChannelCount(inChannels: -1, outChannels: 2), ["in=-1", "out=2"]),
        (.channelMismatch(inputChannels: 3, expected: 2, groups: 1, inputLength: 10),
         ["input has 3 channels but the weight expects 2 (groups=1)"]),
        (.channelMismatch(inputChannels: 10, expected: 3, groups: 1, inputLength: 3),
         ["input has 10 channels but the weight expects 3 (groups=1); is the input (length, channels)? transpose it"]),
        (.biasShape(shape: [3], outChannels: 2), ["[3]", "(2)"]),
        (.emptyInput(shape: [1, 0]), ["no samples", "[1, 0]", "L ≥ 1"]),
        (.reflectPaddingTooLarge(left: 4, right: 4, inputLength: 4), ["reflect", "p=4", "L=4", "at most 3"]),
        (.circularPaddingTooLarge(left: 5, right: 2, inputLength: 4), ["more than once", "p=(5, 2)", "L=4", "at most 4"]),
        (.kernelLongerThanInput(inputLength: 3, left: 0, right: 0, kernelSize: 3, dilation: 2),
         ["padded length 3 (L=3 + p 0+0) is shorter than the kernel span 5 = d·(k−1)+1 (k=3, d=2)",
          "L_out = ⌊(3 − 5)/s⌋ + 1 < 1", "use p=1 or more", "a kernel of at most 3 (k ≤ 2 at d=2)"]),
        (.kernelLongerThanInput(inputLength: 2, left: 1, right: 0, kernelSize: 7, dilation: 1),
         ["padded length 3 (L=2 + p 1+0)", "kernel span 7", "use p=3 or more", "a kernel of at most 3"]),
        (.tooLarge(elements: 12, limit: 10), ["12", "10"]),
        (.tooLarge(elements: nil, limit: 10), ["more elements"]),
        (.interrupted, ["interrupted"]),
    ]

    @Test("23 examples covering all 20 cases: the numbers and the fix appear in the text")
    func descriptions() {
        for (error, fragments) in Self.examples {
            for fragment in fragments {
                #expect(error.description.contains(fragment), "\(error.description) lacks '\(fragment)'")
            }
        }
        let kinds = Set(Self.examples.map(\.0.kind))
        #expect(kinds.count == 20, "distinct cases described: \(kinds.count)")
        #expect(!Self.examples[12].0.description.contains("transpose"), "no transpose hint when the length does not match")
    }

    @Test("Extreme numbers in every case render without trapping (5 values × all 20 cases)")
    func extremes() {
        for value in [Int.min, -1, 0, 1, Int.max] {
            let errors: [ConvolutionError] = [
                .inputRank(shape: [value]), .sameWithStride(stride: value), .nonPositiveGroups(groups: value),
                .negativePadding(left: value, right: value), .nonPositiveStride(stride: value),
                .nonPositiveDilation(dilation: value), .weightRank(shape: [value]),
                .nonPositiveKernelSize(kernelSize: value),
                .outChannelsNotDivisibleByGroups(outChannels: value, groups: value),
                .outChannelsFewerThanGroups(outChannels: value, groups: value),
                .inChannelsNotDivisibleByGroups(inChannels: value, groups: value),
                .negativeChannelCount(inChannels: value, outChannels: value),
                .channelMismatch(inputChannels: value, expected: value, groups: value, inputLength: value),
                .biasShape(shape: [value], outChannels: value), .emptyInput(shape: [value]),
                .reflectPaddingTooLarge(left: value, right: value, inputLength: value),
                .circularPaddingTooLarge(left: value, right: value, inputLength: value),
                .kernelLongerThanInput(inputLength: value, left: value, right: value, kernelSize: value, dilation: value),
                .tooLarge(elements: value, limit: value), .tooLarge(elements: nil, limit: value), .interrupted,
            ]
            for error in errors { #expect(!error.description.isEmpty) }
        }
    }
}
