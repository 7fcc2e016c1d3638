import Testing
import ConvNumerics

/// The tricky cases of conv-semantics.md sections 2 and 3, by value.
@Suite("Transposed convolution and pooling behaviour")
struct TransposeAndPoolingBehaviourTests {
    private func lengthOf(_ l: Int, k: Int, s: Int = 1, p: Int = 0, op: Int = 0, d: Int = 1) throws(ConvolutionTransposeError) -> Int {
        try ConvolutionTranspose.outputLength(
            inputLength: l, kernelSize: k,
            parameters: ConvolutionTransposeParameters(stride: s, padding: p, outputPadding: op, dilation: d))
    }

    @Test("L_out = (L−1)s − 2p + d(k−1) + op + 1 (cases 35, 37)")
    func transposeLengths() throws {
        #expect(try lengthOf(3, k: 3, s: 2, p: 1) == 5)
        #expect(try lengthOf(3, k: 3, s: 2, p: 1, op: 1) == 6)
        #expect(try lengthOf(3, k: 3, s: 1, op: 1, d: 2) == 8)  // legal: op < dilation
    }

    @Test("output_padding must be smaller than stride or dilation (case 36)")
    func outputPaddingRule() {
        #expect(throws: ConvolutionTransposeError.outputPaddingTooLarge(outputPadding: 2, stride: 2, dilation: 1)) {
            try lengthOf(3, k: 3, s: 2, op: 2)
        }
        #expect(throws: ConvolutionTransposeError.outputPaddingTooLarge(outputPadding: 1, stride: 1, dilation: 1)) {
            try lengthOf(3, k: 3, op: 1)
        }
        let text = ConvolutionTransposeError.outputPaddingTooLarge(outputPadding: 2, stride: 2, dilation: 1).description
        #expect(text.contains("output_padding=2") && text.contains("s=2") && text.contains("at most 1"))
    }

    @Test("an output shorter than 1 is refused (case 38)")
    func outputTooShort() {
        #expect(throws: ConvolutionTransposeError.outputTooShort(inputLength: 1, outputLength: 0, padding: 1)) {
            try lengthOf(1, k: 2, p: 1)
        }
    }

    @Test("scatter semantics: [1,2,3] with [1,10,100], s=2 (case 39)")
    func scatterValues() throws {
        let result = try ConvolutionTranspose.convTranspose1d(
            Tensor([1, 2, 3]), weight: Tensor([1, 10, 100]), bias: nil,
            parameters: ConvolutionTransposeParameters(stride: 2))
        #expect(result == Tensor([1, 10, 102, 20, 203, 30, 300]))
    }

    @Test("padding crops both ends, output_padding adds bias-only samples on the right")
    func croppingAndOutputPadding() throws {
        let result = try ConvolutionTranspose.convTranspose1d(
            Tensor([1, 2, 3]), weight: Tensor([1, 10, 100]), bias: Tensor([0.5]),
            parameters: ConvolutionTransposeParameters(stride: 3, padding: 1, outputPadding: 2))
        // full (s=3): [1,10,100,2,20,200,3,30,300] + 2 zeros; crop 1 each side of L_out = 9.
        #expect(result == Tensor([10, 100, 2, 20, 200, 3, 30, 300, 0].map { $0 + 0.5 }))
    }

    @Test("refusals name their numbers, in PyTorch's order")
    func refusals() {
        let x = Tensor(shape: [1, 3, 4], scalars: Array(repeating: 1, count: 12)) ?? Tensor([])
        let w = Tensor(shape: [2, 5, 3], scalars: Array(repeating: 1, count: 30)) ?? Tensor([])
        #expect(throws: ConvolutionTransposeError.channelMismatch(inputChannels: 3, expected: 2, inputLength: 4)) {
            try ConvolutionTranspose.convTranspose1d(x, weight: w, bias: nil, parameters: .init())
        }
        #expect(throws: ConvolutionTransposeError.negativePadding(padding: -1)) {
            try ConvolutionTranspose.convTranspose1d(x, weight: w, bias: nil, parameters: .init(padding: -1))
        }
        #expect(throws: ConvolutionTransposeError.negativeOutputPadding(outputPadding: -1)) {
            try ConvolutionTranspose.convTranspose1d(x, weight: w, bias: nil, parameters: .init(outputPadding: -1))
        }
        #expect(throws: ConvolutionTransposeError.nonPositiveStride(stride: 0)) {
            try ConvolutionTranspose.convTranspose1d(x, weight: w, bias: nil, parameters: .init(stride: 0))
        }
        #expect(throws: ConvolutionTransposeError.inChannelsFewerThanGroups(inChannels: 2, groups: 3)) {
            try ConvolutionTranspose.convTranspose1d(x, weight: w, bias: nil, parameters: .init(groups: 3))
        }
        let w4 = Tensor(shape: [4, 1, 2], scalars: Array(repeating: 1, count: 8)) ?? Tensor([])
        #expect(throws: ConvolutionTransposeError.inChannelsNotDivisibleByGroups(inChannels: 4, groups: 3)) {
            try ConvolutionTranspose.convTranspose1d(x, weight: w4, bias: nil, parameters: .init(groups: 3))
        }
        let w3 = Tensor(shape: [3, 1, 2], scalars: Array(repeating: 1, count: 6)) ?? Tensor([])
        #expect(throws: ConvolutionTransposeError.biasShape(shape: [3], outChannels: 1)) {
            try ConvolutionTranspose.convTranspose1d(x, weight: w3, bias: Tensor([1, 2, 3]), parameters: .init())
        }
    }

    @Test("hostile numbers give errors, not traps")
    func hostileNumbers() {
        #expect(throws: ConvolutionTransposeError.self) { try lengthOf(Int.max, k: 3, s: Int.max) }
        #expect(throws: ConvolutionTransposeError.self) { try lengthOf(3, k: Int.max, d: Int.max) }
        #expect(throws: ConvolutionTransposeError.self) {
            try ConvolutionTranspose.convTranspose1d(Tensor([1, 2]), weight: Tensor([1]), bias: nil,
                                                     parameters: .init(stride: 1 << 40), elementLimit: 1000)
        }
    }

    @Test("groups: each input group scatters only into its output group")
    func groups() throws {
        // in=2, out=2, g=2: weight (2, 1, 1); channel c goes only to output c.
        let x = try #require(Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]))
        let w = try #require(Tensor(shape: [2, 1, 1], scalars: [10, 100]))
        let result = try ConvolutionTranspose.convTranspose1d(x, weight: w, bias: nil, parameters: .init(groups: 2))
        #expect(result == Tensor(shape: [2, 2], scalars: [10, 20, 300, 400]))
    }

    // MARK: - Pooling

    private func maxLength(_ l: Int, k: Int, s: Int? = nil, p: Int = 0, d: Int = 1, ceil: Bool = false) throws(PoolingError) -> Int {
        try Pooling.maxPoolOutputLength(inputLength: l, parameters: .init(kernelSize: k, stride: s, padding: p, dilation: d, ceilMode: ceil))
    }

    @Test("stride defaults to the kernel; ceil_mode keeps a partial tail (case 40)")
    func strideDefault() throws {
        #expect(try maxLength(5, k: 2) == 2)
        #expect(try maxLength(5, k: 2, ceil: true) == 3)
    }

    @Test("ceil_mode drops a last window that starts in the right padding (case 41)")
    func ceilModeRule() throws {
        #expect(try maxLength(5, k: 2, s: 2, p: 1, ceil: true) == 3)
        #expect(try maxLength(5, k: 2, s: 2, p: 1) == 3)
    }

    @Test("padding at most half the undilated kernel (case 42)")
    func paddingLimit() {
        #expect(throws: PoolingError.paddingTooLarge(padding: 2, kernelSize: 2, dilation: 1)) { try maxLength(5, k: 2, p: 2) }
        #expect(throws: PoolingError.paddingTooLarge(padding: 2, kernelSize: 3, dilation: 2)) { try maxLength(9, k: 3, p: 2, d: 2) }
    }

    @Test("average divisor with and without padding (section 3 and case 43)")
    func averageDivisor() throws {
        let threes = Tensor([3, 3, 3])
        let withPad = try Pooling.avgPool1d(threes, parameters: .init(kernelSize: 3, stride: 1, padding: 1))
        let withoutPad = try Pooling.avgPool1d(threes, parameters: .init(kernelSize: 3, stride: 1, padding: 1, countIncludePad: false))
        #expect(withPad == Tensor([2, 3, 2]))
        #expect(withoutPad == Tensor([3, 3, 3]))
        let sixes = Tensor([Double](repeating: 6, count: 6))
        let ceil = try Pooling.avgPool1d(sixes, parameters: .init(kernelSize: 3, stride: 2, padding: 1, ceilMode: true))
        #expect(ceil == Tensor([4, 6, 6, 3]))
    }

    @Test("max pooling: padding never wins, NaN does, batches keep their shape")
    func maxValues() throws {
        let negatives = Tensor([-5, -1, -3])
        #expect(try Pooling.maxPool1d(negatives, parameters: .init(kernelSize: 2, padding: 1)) == Tensor([-5, -1]))
        let withNaN = try Pooling.maxPool1d(Tensor([1, .nan, 3, 4]), parameters: .init(kernelSize: 2))
        #expect(withNaN.scalars[0].isNaN && withNaN.scalars[1] == 4)
        let batch = try #require(Tensor(shape: [2, 1, 4], scalars: [1, 5, 2, 0, 7, 3, 9, 8]))
        let pooled = try Pooling.maxPool1d(batch, parameters: .init(kernelSize: 2))
        #expect(pooled == Tensor(shape: [2, 1, 2], scalars: [5, 2, 7, 9]))
    }

    @Test("pooling refusals")
    func poolingRefusals() {
        #expect(throws: PoolingError.nonPositiveStride(stride: 0)) { try maxLength(5, k: 2, s: 0) }
        #expect(throws: PoolingError.nonPositiveKernelSize(kernelSize: 0)) { try maxLength(5, k: 0) }
        #expect(throws: PoolingError.negativePadding(padding: -1)) { try maxLength(5, k: 2, p: -1) }
        #expect(throws: PoolingError.outputTooShort(inputLength: 2, outputLength: 0)) { try maxLength(2, k: 3) }
        #expect(throws: PoolingError.inputRank(shape: [1, 1, 1, 4])) {
            try Pooling.maxPool1d(Tensor(shape: [1, 1, 1, 4], scalars: [1, 2, 3, 4]) ?? Tensor([]), parameters: .init(kernelSize: 2))
        }
        #expect(throws: PoolingError.self) { try maxLength(Int.max, k: Int.max, s: 1, d: Int.max) }
    }
}
