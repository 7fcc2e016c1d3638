import Testing
import ConvNumerics

/// The padding-mode table of conv-semantics.md §1.6 and PyTorch's size limits.
@Suite("Padding modes (conv-semantics.md §1.6)")
struct PaddingModeTests {
    static let table: [(PaddingMode, [Double], [Int?])] = [
        (.zeros, [0, 0, 1, 2, 3, 4, 0, 0], [nil, nil, 0, 1, 2, 3, nil, nil]),
        (.reflect, [3, 2, 1, 2, 3, 4, 3, 2], [2, 1, 0, 1, 2, 3, 2, 1]),
        (.replicate, [1, 1, 1, 2, 3, 4, 4, 4], [0, 0, 0, 1, 2, 3, 3, 3]),
        (.circular, [3, 4, 1, 2, 3, 4, 1, 2], [2, 3, 0, 1, 2, 3, 0, 1]),
    ]

    @Test("x = [1, 2, 3, 4] padded (2, 2) in all 4 modes: values and source indices")
    func table() throws {
        for (mode, values, sources) in Self.table {
            let padded = try Convolution.padded([1, 2, 3, 4], left: 2, right: 2, mode: mode)
            #expect(padded.map(\.value) == values, "\(mode)")
            #expect(padded.map(\.sourceIndex) == sources, "\(mode)")
        }
    }

    @Test("The padded row is what conv1d convolves: a 1-tap kernel of 1 returns it, 4 modes")
    func convolutionUsesThePaddedRow() throws {
        for (mode, values, _) in Self.table {
            let parameters = ConvolutionParameters(padding: .symmetric(2), paddingMode: mode)
            let output = try Convolution.conv1d(Tensor([1, 2, 3, 4]), weight: Tensor([1]), bias: nil, parameters: parameters)
            #expect(output.scalars == values, "\(mode)")
        }
    }

    @Test("Limits: reflect < L, circular ≤ L, replicate and zeros unlimited (5 refusals, 5 successes)")
    func limits() throws {
        let row: [Double] = [1, 2, 3, 4]
        #expect(try Convolution.padded(row, left: 3, right: 0, mode: .reflect).map(\.value) == [4, 3, 2, 1, 2, 3, 4])
        #expect(throws: ConvolutionError.reflectPaddingTooLarge(left: 4, right: 0, inputLength: 4)) {
            try Convolution.padded(row, left: 4, right: 0, mode: .reflect)
        }
        #expect(throws: ConvolutionError.reflectPaddingTooLarge(left: 0, right: 1, inputLength: 1)) {
            try Convolution.padded([7], left: 0, right: 1, mode: .reflect)
        }
        #expect(try Convolution.padded(row, left: 0, right: 4, mode: .circular).map(\.value) == [1, 2, 3, 4, 1, 2, 3, 4])
        #expect(throws: ConvolutionError.circularPaddingTooLarge(left: 5, right: 0, inputLength: 4)) {
            try Convolution.padded(row, left: 5, right: 0, mode: .circular)
        }
        #expect(try Convolution.padded(row, left: 9, right: 9, mode: .replicate).count == 22)
        #expect(try Convolution.padded([5], left: 3, right: 2, mode: .replicate).map(\.value) == [5, 5, 5, 5, 5, 5])
        #expect(try Convolution.padded(row, left: 100, right: 0, mode: .zeros).count == 104)
        #expect(throws: ConvolutionError.negativePadding(left: -1, right: 0)) {
            try Convolution.padded(row, left: -1, right: 0, mode: .zeros)
        }
        #expect(throws: ConvolutionError.tooLarge(elements: 14, limit: 10)) {
            try Convolution.padded(row, left: 5, right: 5, mode: .zeros, elementLimit: 10)
        }
    }

    @Test("sourceIndex never leaves the row, for 4 modes × 5 lengths × 61 positions")
    func sourceIndexStaysInside() {
        for mode in PaddingMode.allCases {
            for length in 1...5 {
                for position in -30...30 {
                    let index = Convolution.sourceIndex(ofPaddedPosition: position, inputLength: length, left: 3, mode: mode)
                    if let index { #expect((0..<length).contains(index), "\(mode) L=\(length) position \(position)") }
                    #expect((index == nil) == (mode == .zeros && !(3..<(3 + length)).contains(position)))
                }
            }
        }
        #expect(Convolution.sourceIndex(ofPaddedPosition: Int.min, inputLength: 4, left: 1, mode: .reflect) == nil)
        #expect(Convolution.sourceIndex(ofPaddedPosition: 0, inputLength: 0, left: 0, mode: .replicate) == nil)
    }
}
