import Testing
import ConvNumerics

/// Whole sums added in PyTorch's order round as PyTorch's do. The expected values are what
/// PyTorch 2.15 printed (`torch.sum(torch.from_numpy(x)).item()`) for the same elements made
/// the same way in NumPy (`x = (i % 7 - 3) / 3 + i * 0.001` in float32, `i = arange(n)`; the
/// float64 case `x.astype(float64) / 3`); each differs from a float64 sum rounded once, or from a
/// sum in plain order, in its last bit.
@Suite("Sums in PyTorch's order")
struct TorchSummationTests {
    static func elements(_ count: Int) -> [Float] {
        (0..<count).map { index in Float(index % 7 - 3) / Float(3) + Float(index) * Float(0.001) }
    }

    @Test("float32: 9, 40 and 1,000 elements, where a float64 sum rounded once is off by one unit", arguments: [
        (9, -1.6306664943695068, -1.6306666135787964),
        (40, -0.8866665363311768, -0.886666476726532),
        (1_000, 498.5, 498.5000305175781),
    ])
    func float32(count: Int, pytorch: Double, roundedOnce: Double) {
        let x = Self.elements(count)
        #expect(Double(TorchSummation.sum(x)) == pytorch)
        #expect(Double(Float(x.reduce(0.0) { $0 + Double($1) })) == roundedOnce)
    }

    @Test("float64: 9 and 40 elements, in four lanes rather than in order", arguments: [
        (9, -0.5435555349104106, -0.5435555349104104),
        (40, -0.2955554989166557, -0.2955554989166558),
    ])
    func float64(count: Int, pytorch: Double, inOrder: Double) {
        let x = Self.elements(count).map { Double($0) / 3 }
        #expect(TorchSummation.sum(x) == pytorch)
        #expect(x.reduce(0, +) == inOrder)
    }

    @Test("nothing sums to zero; fewer elements than a vector add in four accumulators")
    func short() {
        #expect(TorchSummation.sum([Float]()) == 0)
        #expect(TorchSummation.sum([Float(1), 2, 3]) == 6)
        // In order, 1e8 absorbs each 1 (float32); PyTorch's first accumulator adds the fifth
        // element to the first, so the 1s survive.
        #expect(TorchSummation.sum([Float(1e8), 1, -1e8]) == 0)
        #expect(TorchSummation.sum([Float(1e8), 1, 1, 1, -1e8]) == 3)
    }
}
