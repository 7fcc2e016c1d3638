import Testing
import ConvNumerics

/// Section 6 of conv-semantics.md, Conv1d rows 1–34 (each checked against PyTorch there).
@Suite("Tricky Conv1d cases (conv-semantics.md §6, rows 1–34)")
struct TrickyCaseTests {
    /// A length-only row: one channel, `L`, `k`, parameters, and the expected `L_out`.
    struct LengthRow: Sendable, CustomTestStringConvertible {
        var row: Int
        var length: Int
        var kernelSize: Int
        var parameters: ConvolutionParameters
        var expected: Int
        var testDescription: String { "row \(row): L=\(length), k=\(kernelSize) → \(expected)" }
    }

    static let lengthRows: [LengthRow] = [
        LengthRow(row: 1, length: 3, kernelSize: 2, parameters: .init(stride: 2, padding: .symmetric(1)), expected: 2),
        LengthRow(row: 2, length: 5, kernelSize: 3, parameters: .init(), expected: 3),
        LengthRow(row: 3, length: 4, kernelSize: 4, parameters: .init(), expected: 1),
        LengthRow(row: 5, length: 3, kernelSize: 5, parameters: .init(padding: .symmetric(1)), expected: 1),
        LengthRow(row: 6, length: 2, kernelSize: 3, parameters: .init(padding: .symmetric(1)), expected: 2),
        LengthRow(row: 7, length: 7, kernelSize: 3, parameters: .init(dilation: 2), expected: 3),
        LengthRow(row: 9, length: 10, kernelSize: 3, parameters: .init(stride: 3), expected: 3),
        LengthRow(row: 10, length: 6, kernelSize: 2, parameters: .init(stride: 4), expected: 2),
        LengthRow(row: 11, length: 8, kernelSize: 3, parameters: .init(stride: 2, padding: .symmetric(2), dilation: 3), expected: 3),
        LengthRow(row: 12, length: 100, kernelSize: 7, parameters: .init(stride: 3, padding: .symmetric(3), dilation: 2), expected: 32),
        LengthRow(row: 13, length: 5, kernelSize: 2, parameters: .init(stride: 100), expected: 1),
        LengthRow(row: 19, length: 9, kernelSize: 4, parameters: .init(padding: .same), expected: 9),
        LengthRow(row: 21, length: 2, kernelSize: 5, parameters: .init(padding: .same), expected: 2),
        LengthRow(row: 30, length: 4, kernelSize: 3, parameters: .init(padding: .symmetric(3), paddingMode: .reflect), expected: 8),
        LengthRow(row: 31, length: 4, kernelSize: 3, parameters: .init(padding: .symmetric(4), paddingMode: .circular), expected: 10),
        LengthRow(row: 32, length: 4, kernelSize: 3, parameters: .init(padding: .symmetric(9), paddingMode: .replicate), expected: 20),
    ]

    @Test("Output lengths, 16 rows: outputLength and an actual conv1d agree with PyTorch", arguments: lengthRows)
    func outputLength(_ row: LengthRow) throws {
        let length = try Convolution.outputLength(inputLength: row.length, kernelSize: row.kernelSize, parameters: row.parameters)
        #expect(length == row.expected)
        let input = Tensor((0..<row.length).map(Double.init))
        let weight = Tensor([Double](repeating: 1, count: row.kernelSize))
        let output = try Convolution.conv1d(input, weight: weight, bias: nil, parameters: row.parameters)
        #expect(output.shape == [row.expected])
    }

    /// A row PyTorch refuses, with the kind of error we must throw.
    struct RefusalRow: Sendable, CustomTestStringConvertible {
        var row: Int
        var length: Int
        var kernelSize: Int
        var parameters: ConvolutionParameters
        var expected: ConvolutionError
        var testDescription: String { "row \(row): \(expected)" }
    }

    static let refusalRows: [RefusalRow] = [
        RefusalRow(row: 4, length: 3, kernelSize: 5, parameters: .init(),
                   expected: .kernelLongerThanInput(inputLength: 3, left: 0, right: 0, kernelSize: 5, dilation: 1)),
        RefusalRow(row: 8, length: 4, kernelSize: 3, parameters: .init(dilation: 2),
                   expected: .kernelLongerThanInput(inputLength: 4, left: 0, right: 0, kernelSize: 3, dilation: 2)),
        RefusalRow(row: 14, length: 0, kernelSize: 1, parameters: .init(), expected: .emptyInput(shape: [0])),
        RefusalRow(row: 22, length: 8, kernelSize: 3, parameters: .init(stride: 2, padding: .same), expected: .sameWithStride(stride: 2)),
        RefusalRow(row: 23, length: 2, kernelSize: 3, parameters: .init(padding: .valid),
                   expected: .kernelLongerThanInput(inputLength: 2, left: 0, right: 0, kernelSize: 3, dilation: 1)),
        RefusalRow(row: 25, length: 5, kernelSize: 2, parameters: .init(padding: .symmetric(-1)), expected: .negativePadding(left: -1, right: -1)),
        RefusalRow(row: 25, length: 5, kernelSize: 2, parameters: .init(stride: 0), expected: .nonPositiveStride(stride: 0)),
        RefusalRow(row: 25, length: 5, kernelSize: 2, parameters: .init(dilation: 0), expected: .nonPositiveDilation(dilation: 0)),
        RefusalRow(row: 25, length: 5, kernelSize: 0, parameters: .init(), expected: .nonPositiveKernelSize(kernelSize: 0)),
        RefusalRow(row: 30, length: 4, kernelSize: 3, parameters: .init(padding: .symmetric(4), paddingMode: .reflect),
                   expected: .reflectPaddingTooLarge(left: 4, right: 4, inputLength: 4)),
        RefusalRow(row: 31, length: 4, kernelSize: 3, parameters: .init(padding: .symmetric(5), paddingMode: .circular),
                   expected: .circularPaddingTooLarge(left: 5, right: 5, inputLength: 4)),
        RefusalRow(row: 33, length: 2, kernelSize: 5, parameters: .init(padding: .same, paddingMode: .reflect),
                   expected: .reflectPaddingTooLarge(left: 2, right: 2, inputLength: 2)),
    ]

    @Test("Refusals, 12 rows (4, 8, 14, 22, 23, 25×4, 30, 31, 33): exact error", arguments: refusalRows)
    func refusal(_ row: RefusalRow) {
        let input = Tensor((0..<row.length).map(Double.init))
        let weight = Tensor([Double](repeating: 1, count: row.kernelSize))
        #expect(throws: row.expected) {
            try Convolution.conv1d(input, weight: weight, bias: nil, parameters: row.parameters)
        }
    }

    @Test("Rows 15, 16, 27: shapes for an empty batch, an unbatched input, groups=4")
    func shapes() throws {
        let emptyBatch = try #require(Tensor(shape: [0, 1, 5], scalars: []))
        let weight12 = try #require(Tensor(repeating: 1, shape: [2, 1, 2]))
        #expect(try Convolution.conv1d(emptyBatch, weight: weight12, bias: Tensor([1, 2]), parameters: .init()).shape == [0, 2, 4])

        let unbatched = try #require(Tensor(repeating: 1, shape: [3, 7]))
        let weight352 = try #require(Tensor(repeating: 1, shape: [5, 3, 2]))
        #expect(try Convolution.conv1d(unbatched, weight: weight352, bias: nil, parameters: .init()).shape == [5, 6])

        let grouped = try #require(Tensor(repeating: 1, shape: [1, 4, 5]))
        let weight812 = try #require(Tensor(repeating: 1, shape: [8, 1, 2]))
        let output = try Convolution.conv1d(grouped, weight: weight812, bias: nil, parameters: .init(groups: 4))
        #expect(output.shape == [1, 8, 4])
        #expect(output.scalars.allSatisfy { $0 == 2 }, "each output sees one channel through a 2-tap kernel of ones")
    }

    @Test("Rows 17–18, 20: no kernel flip, 'same' pads (0, 1) for k=2 and (1, 2) for k=2, d=3")
    func sameAndNoFlip() throws {
        let x = Tensor([1, 2, 3, 4])
        let w = Tensor([1, 10])
        #expect(try Convolution.conv1d(x, weight: w, bias: nil, parameters: .init()).scalars == [21, 32, 43])
        #expect(try Convolution.conv1d(x, weight: w, bias: nil, parameters: .init(padding: .same)).scalars == [21, 32, 43, 4])
        #expect(try Convolution.resolvedPadding(.init(padding: .same), kernelSize: 2) == (0, 1))
        #expect(try Convolution.resolvedPadding(.init(padding: .same), kernelSize: 4) == (1, 2))
        #expect(try Convolution.resolvedPadding(.init(padding: .same, dilation: 2), kernelSize: 2) == (1, 1))
        #expect(try Convolution.resolvedPadding(.init(padding: .same, dilation: 3), kernelSize: 2) == (1, 2))
        // §1.5: k=2 with reflect pads [1 2 3 4] to [1 2 3 4 3].
        let reflected = try Convolution.conv1d(x, weight: w, bias: nil, parameters: .init(padding: .same, paddingMode: .reflect))
        #expect(reflected.scalars == [21, 32, 43, 34])
    }

    @Test("Row 24: our opt-in paddings 'valid', 'causal' and 'full' (PyTorch rejects 'full')")
    func namedPaddings() throws {
        #expect(try Convolution.resolvedPadding(.init(padding: .valid), kernelSize: 5) == (0, 0))
        #expect(try Convolution.resolvedPadding(.init(padding: .causal, dilation: 2), kernelSize: 3) == (4, 0))
        #expect(try Convolution.resolvedPadding(.init(padding: .full), kernelSize: 3) == (2, 2))
        let x = Tensor([1, 2, 3])
        let full = try Convolution.conv1d(x, weight: Tensor([1, 10]), bias: nil, parameters: .init(padding: .full))
        #expect(full.scalars == [10, 21, 32, 3], "full correlation, like np.correlate(x, w, 'full')")
        let causal = try Convolution.conv1d(x, weight: Tensor([1, 10]), bias: nil, parameters: .init(padding: .causal))
        #expect(causal.scalars == [10, 21, 32])
    }

    @Test("Row 26: Conv1d(3, 4, 2, groups=2) is refused (in_channels not divisible by groups)")
    func layerGroups() {
        var generator = TorchGenerator(seed: 0)
        #expect(throws: ConvolutionError.inChannelsNotDivisibleByGroups(inChannels: 3, groups: 2)) {
            try LayerInitialization.conv1d(inChannels: 3, outChannels: 4, kernelSize: 2, groups: 2, generator: &generator)
        }
    }

    @Test("Row 28: a (20, 50, 16) input to Conv1d(16, 33, 3) is a channel mismatch that suggests the transpose")
    func channelLast() throws {
        let input = try #require(Tensor(repeating: 0, shape: [20, 50, 16]))
        let weight = try #require(Tensor(repeating: 0, shape: [33, 16, 3]))
        let expected = ConvolutionError.channelMismatch(inputChannels: 50, expected: 16, groups: 1, inputLength: 16)
        #expect(throws: expected) {
            try Convolution.conv1d(input, weight: weight, bias: nil, parameters: .init())
        }
        #expect(expected.description.contains("transpose"))
    }

    @Test("Row 29: asymmetric padding (1, 2), which PyTorch refuses, works in every mode")
    func asymmetricPadding() throws {
        let x = Tensor([1, 2, 3, 4])
        let expected: [PaddingMode: [Double]] = [
            .zeros: [0, 1, 2, 3, 4, 0, 0],
            .reflect: [2, 1, 2, 3, 4, 3, 2],
            .replicate: [1, 1, 2, 3, 4, 4, 4],
            .circular: [4, 1, 2, 3, 4, 1, 2],
        ]
        for mode in PaddingMode.allCases {
            let parameters = ConvolutionParameters(padding: .explicit(left: 1, right: 2), paddingMode: mode)
            let output = try Convolution.conv1d(x, weight: Tensor([1]), bias: nil, parameters: parameters)
            #expect(output.scalars == expected[mode], "\(mode)")
        }
    }

    @Test("Row 34: Conv1d(4, 8, 3, groups=2) init: weight (8, 2, 3), every |w|, |b| ≤ 1/√6")
    func groupedInitBound() throws {
        var generator = TorchGenerator(seed: 1)
        let layer = try LayerInitialization.conv1d(inChannels: 4, outChannels: 8, kernelSize: 3, groups: 2, generator: &generator)
        #expect(layer.weight.shape == [8, 2, 3])
        #expect(layer.bias?.shape == [8])
        let bound = 1 / Double(6).squareRoot()
        let values = layer.weight.scalars + (layer.bias?.scalars ?? [])
        #expect(values.allSatisfy { abs($0) <= bound })
        #expect(values.contains { abs($0) > bound / 2 }, "draws spread over the range, not collapsed near 0")
    }
}
