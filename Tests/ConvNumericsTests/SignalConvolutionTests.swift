import Testing
import ConvNumerics

/// NumPy's convolve/correlate (conv-semantics.md section 4), checked against values NumPy
/// prints; the Python suite compares many random sizes with the real NumPy.
@Suite("NumPy convolve and correlate")
struct SignalConvolutionTests {
    typealias Mode = SignalConvolution.Mode

    @Test("convolve flips the kernel and is symmetric in its arguments")
    func convolveFull() throws {
        #expect(try SignalConvolution.convolve([1, 2, 3], [0, 1, 0.5]) == [0, 1, 2.5, 4, 1.5])
        #expect(try SignalConvolution.convolve([0, 1, 0.5], [1, 2, 3]) == [0, 1, 2.5, 4, 1.5])
    }

    @Test("lengths: full M+N−1, same max, valid max−min+1, whichever is longer (case 44)")
    func lengths() throws {
        let short: [Double] = [1, 2, 3]
        let long: [Double] = [1, 2, 3, 4, 5]
        for (a, v) in [(short, long), (long, short)] {
            #expect(try SignalConvolution.convolve(a, v, mode: .full).count == 7)
            #expect(try SignalConvolution.convolve(a, v, mode: .same).count == 5)
            #expect(try SignalConvolution.convolve(a, v, mode: .valid).count == 3)
            #expect(try SignalConvolution.correlate(a, v, mode: .valid).count == 3)
        }
    }

    @Test("same centres with the extra sample on the left (cases 47, 48)")
    func sameCentring() throws {
        #expect(try SignalConvolution.correlate([1, 2, 3, 4], [1, 10], mode: .same) == [10, 21, 32, 43])
        #expect(try SignalConvolution.convolve([1, 2, 3, 4, 5], [1, 2, 3, 4], mode: .same) == [4, 10, 20, 30, 34])
    }

    @Test("correlate with a longer v swaps and reverses, as NumPy prints")
    func correlateSwap() throws {
        let a: [Double] = [1, 2, 3]
        let v: [Double] = [1, 2, 3, 4, 5]
        #expect(try SignalConvolution.correlate(a, v, mode: .same) == [14, 26, 20, 14, 8])
        #expect(try SignalConvolution.correlate(a, v, mode: .full) == [5, 14, 26, 20, 14, 8, 3])
        #expect(try SignalConvolution.correlate(a, v, mode: .valid) == [26, 20, 14])
    }

    @Test("correlate defaults to valid: one value for equal lengths (case 49)")
    func correlateDefault() throws {
        #expect(try SignalConvolution.correlate([1, 2, 3], [4, 5, 6]) == [32])
    }

    @Test("matches PyTorch conv1d: correlate valid == conv1d without padding (section 4.1)")
    func agreesWithConv1d() throws {
        let x: [Double] = [0.5, -1, 2, 3.5, 0, 1]
        let w: [Double] = [1, -2, 0.25]
        let torch = try Convolution.conv1d(Tensor(x), weight: Tensor(w), bias: nil, parameters: .init())
        #expect(try SignalConvolution.correlate(x, w) == torch.scalars)
        let full = try Convolution.conv1d(Tensor(x), weight: Tensor(w), bias: nil, parameters: .init(padding: .symmetric(2)))
        #expect(try SignalConvolution.correlate(x, w, mode: .full) == full.scalars)
    }

    @Test("empty inputs are refused as NumPy refuses them")
    func emptyInputs() {
        #expect(throws: SignalConvolution.Failure.emptyInput(argument: "a")) { try SignalConvolution.convolve([], [1]) }
        #expect(throws: SignalConvolution.Failure.emptyInput(argument: "v")) { try SignalConvolution.correlate([1], []) }
        #expect(throws: SignalConvolution.Failure.tooLarge(limit: 3)) {
            try SignalConvolution.convolve([1, 2, 3], [1, 1], mode: .full, elementLimit: 3)
        }
    }
}
