import Testing
import ConvNumerics

/// The main kernel against the nested-loop definition on seeded random problems.
@Suite("Main kernel == reference kernel")
struct ReferenceAgreementTests {
    /// One random problem: every rank, mode, stride, dilation, groups and batch size.
    struct Problem {
        var input: Tensor
        var weight: Tensor
        var bias: Tensor?
        var parameters: ConvolutionParameters

        init?(_ dice: inout Dice) {
            let groups = dice.int(1...3)
            let inChannels = groups * dice.int(1...3)
            let outChannels = groups * dice.int(1...3)
            let kernelSize = dice.int(1...5)
            let length = dice.int(1...14)
            let rank = dice.int(1...3)
            let batch = rank == 3 ? dice.int(0...3) : 1
            let stride = dice.pick([1, 1, 2, 3, 4, 7, 13])
            let padding: Padding = dice.pick([
                .valid, .same, .causal, .full,
                .symmetric(dice.int(0...4)), .explicit(left: dice.int(0...6), right: dice.int(0...6)),
            ])
            parameters = ConvolutionParameters(
                stride: stride, padding: padding, dilation: dice.int(1...3), groups: rank == 1 ? 1 : groups,
                paddingMode: dice.pick(PaddingMode.allCases))
            let channels = rank == 1 ? 1 : inChannels
            let outs = rank == 1 ? dice.pick([1, 2]) : outChannels
            let inputShape = rank == 1 ? [length] : rank == 2 ? [channels, length] : [batch, channels, length]
            let weightShape = [outs, channels / parameters.groups, kernelSize]
            guard let input = dice.tensor(inputShape), let weight = dice.tensor(weightShape) else { return nil }
            self.input = input
            self.weight = weight
            bias = dice.int(0...1) == 0 ? nil : Tensor(dice.values(outs))
        }
    }

    @Test("400 seeded random problems: same results or the same refusal; at least 250 computed")
    func randomProblems() throws {
        var dice = Dice(seed: 20_261_127)
        var computed = 0
        var refused = 0
        var modesComputed: Set<PaddingMode> = []
        for index in 0..<400 {
            let problem = try #require(Problem(&dice))
            let main = Result { () throws(ConvolutionError) in
                try Convolution.conv1d(problem.input, weight: problem.weight, bias: problem.bias, parameters: problem.parameters)
            }
            let reference = Result { () throws(ConvolutionError) in
                try Convolution.referenceConv1d(problem.input, weight: problem.weight, bias: problem.bias, parameters: problem.parameters)
            }
            switch (main, reference) {
            case (.success(let fast), .success(let slow)):
                computed += 1
                modesComputed.insert(problem.parameters.paddingMode)
                expectClose(fast, slow, "problem \(index) \(problem.parameters) input \(problem.input.shape)")
            case (.failure(let fastError), .failure(let slowError)):
                refused += 1
                #expect(fastError == slowError, "problem \(index)")
            default:
                Issue.record("problem \(index): main \(main) but reference \(reference)")
            }
        }
        #expect(computed >= 250, "computed \(computed), refused \(refused)")
        #expect(modesComputed.count == PaddingMode.allCases.count)
    }

    @Test("Huge stride and padding take the unfolded path without allocating the padded row")
    func hugeStrideAndPadding() throws {
        let pad = Int.max / 4
        let parameters = ConvolutionParameters(stride: Int.max / 4, padding: .symmetric(pad), paddingMode: .replicate)
        let x = Tensor([1, 2, 3, 4])
        let w = Tensor([1, 10, 100])
        let output = try Convolution.conv1d(x, weight: w, bias: nil, parameters: parameters)
        // Padded length 4 + 2·pad and s = pad give three windows: all left pad (1 1 1), the
        // start of the input (1 2 3), all right pad (4 4 4).
        #expect(output.scalars == [111, 321, 444])
    }
}
