import Testing
import ConvNumerics

/// Shapes, check order, limits, interruption and hostile numbers.
@Suite("conv1d behaviour beyond the golden files")
struct ConvolutionBehaviourTests {
    @Test("Rank conveniences: vector in → vector out with one output channel, (out, L) with several")
    func rankConveniences() throws {
        let x = Tensor([1, 2, 3])
        #expect(try Convolution.conv1d(x, weight: Tensor([1, 1]), bias: Tensor([0.5]), parameters: .init()) == Tensor([3.5, 5.5]))
        let twoKernels = try #require(Tensor(shape: [2, 1, 1], scalars: [1, -1]))
        #expect(try Convolution.conv1d(x, weight: twoKernels, bias: nil, parameters: .init()).shape == [2, 3])
        let rows = try #require(Tensor(shape: [1, 3], scalars: [1, 2, 3]))
        #expect(try Convolution.conv1d(rows, weight: Tensor([2]), bias: nil, parameters: .init()).shape == [1, 3])
    }

    @Test("Check order follows PyTorch: 7 inputs with two faults each report the earlier one")
    func checkOrder() throws {
        let x = Tensor([1, 2, 3])
        let w = Tensor([1, 1])
        let scalar = Tensor(scalar: 1)
        let cases: [(Tensor, Tensor, Tensor?, ConvolutionParameters, ConvolutionError)] = [
            (scalar, w, nil, .init(stride: 0), .inputRank(shape: [])),
            (x, w, nil, .init(stride: 2, padding: .same, groups: 0), .sameWithStride(stride: 2)),
            (x, w, nil, .init(padding: .symmetric(-1), groups: 0), .nonPositiveGroups(groups: 0)),
            (x, w, nil, .init(stride: 0, padding: .symmetric(-1)), .negativePadding(left: -1, right: -1)),
            (x, w, nil, .init(stride: 0, dilation: 0), .nonPositiveStride(stride: 0)),
            (x, scalar, nil, .init(dilation: 0), .nonPositiveDilation(dilation: 0)),
            (x, w, Tensor([1, 2]), .init(padding: .symmetric(9), paddingMode: .reflect), .biasShape(shape: [2], outChannels: 1)),
        ]
        for (input, weight, bias, parameters, expected) in cases {
            #expect(throws: expected) { try Convolution.conv1d(input, weight: weight, bias: bias, parameters: parameters) }
        }
    }

    @Test("Weight checks: rank, empty kernel, out < groups before out % groups, channels, bias")
    func weightChecks() throws {
        let x = try #require(Tensor(repeating: 1, shape: [4, 5]))
        func refusal(_ shape: [Int], groups: Int = 1, bias: Tensor? = nil) throws -> ConvolutionError? {
            let weight = try #require(Tensor(repeating: 1, shape: shape))
            do throws(ConvolutionError) {
                _ = try Convolution.conv1d(x, weight: weight, bias: bias, parameters: .init(groups: groups))
                return nil
            } catch { return error }
        }
        #expect(try refusal([2, 4]) == .weightRank(shape: [2, 4]))
        #expect(try refusal([2, 4, 0]) == .nonPositiveKernelSize(kernelSize: 0))
        #expect(try refusal([1, 1, 2], groups: 4) == .outChannelsFewerThanGroups(outChannels: 1, groups: 4))
        #expect(try refusal([6, 1, 2], groups: 4) == .outChannelsNotDivisibleByGroups(outChannels: 6, groups: 4))
        #expect(try refusal([4, 2, 2], groups: 1) == .channelMismatch(inputChannels: 4, expected: 2, groups: 1, inputLength: 5))
        #expect(try refusal([4, 2, 2], groups: 2, bias: Tensor([1, 2, 3])) == .biasShape(shape: [3], outChannels: 4))
        #expect(try refusal([4, 2, 2], groups: 2) == nil)
    }

    @Test("Hostile numbers never trap: k = Int.max, p = Int.max, d·(k−1) overflow, Int.max channels")
    func hostileNumbers() throws {
        #expect(throws: ConvolutionError.kernelLongerThanInput(inputLength: 10, left: 0, right: 0, kernelSize: .max, dilation: 2)) {
            try Convolution.outputLength(inputLength: 10, kernelSize: .max, parameters: .init(dilation: 2))
        }
        #expect(throws: ConvolutionError.tooLarge(elements: nil, limit: .max)) {
            try Convolution.outputLength(inputLength: 10, kernelSize: 3, parameters: .init(padding: .symmetric(.max)))
        }
        #expect(throws: ConvolutionError.tooLarge(elements: nil, limit: .max)) {
            try Convolution.resolvedPadding(.init(padding: .same, dilation: .max), kernelSize: 3)
        }
        #expect(try Convolution.outputLength(inputLength: 10, kernelSize: 3, parameters: .init(stride: .max)) == 1)
        let noItems = try #require(Tensor(shape: [0, Int.max, 3], scalars: []))
        let wideWeight = try #require(Tensor(shape: [0, Int.max, 2], scalars: []))
        #expect(throws: ConvolutionError.outChannelsFewerThanGroups(outChannels: 0, groups: 1)) {
            try Convolution.conv1d(noItems, weight: wideWeight, bias: nil, parameters: .init())
        }
        // A weight claiming Int.max input channels can exist only with no elements.
        #expect(try Convolution.outputLength(inputLength: 1, kernelSize: 1, parameters: .init(padding: .symmetric(Int.max / 2))) == Int.max / 2 * 2 + 1)
    }

    @Test("elementLimit refuses a large output before computing it")
    func elementLimit() throws {
        let x = Tensor([Double](repeating: 1, count: 100))
        #expect(throws: ConvolutionError.tooLarge(elements: 99, limit: 50)) {
            try Convolution.conv1d(x, weight: Tensor([1, 1]), bias: nil, parameters: .init(), elementLimit: 50)
        }
        #expect(try Convolution.conv1d(x, weight: Tensor([1, 1]), bias: nil, parameters: .init(), elementLimit: 99).count == 99)
    }

    @Test("A raised InterruptFlag stops the computation; a lowered one does not")
    func interruption() throws {
        let flag = InterruptFlag()
        let x = Tensor([1, 2, 3, 4])
        flag.raise()
        #expect(throws: ConvolutionError.interrupted) {
            try Convolution.conv1d(x, weight: Tensor([1]), bias: nil, parameters: .init(), interrupt: flag)
        }
        flag.reset()
        #expect(try Convolution.conv1d(x, weight: Tensor([1]), bias: nil, parameters: .init(), interrupt: flag) == x)
    }
}
