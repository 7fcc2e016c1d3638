import Testing
import ConvNumerics

/// Python's `random` state against the reference mt19937ar and CPython 3.11's own numbers.
@Suite("PythonRandomState")
struct PythonRandomStateTests {
    @Test("init_by_array({0x123, 0x234, 0x345, 0x456}) gives the reference mt19937ar.out's first words")
    func referenceInitByArray() {
        var generator = TorchGenerator(key: [0x123, 0x234, 0x345, 0x456])
        #expect((0..<5).map { _ in generator.nextUInt32() } == [1_067_595_299, 955_945_823, 477_289_528, 4_107_218_783, 4_228_976_476])
    }

    @Test("random.seed(n) then random(), getrandbits(32) as CPython 3.11 gives them")
    func cpythonValues() {
        var zero = PythonRandomState(seed: 0)
        #expect(zero.random() == 0.8444218515250481)
        var five = PythonRandomState(seed: 5)
        #expect(five.random() == 0.6229016948897019)
        var words = PythonRandomState(seed: 0)
        #expect((0..<3).map { _ in words.randomBits(32) } == [3_626_764_237, 1_654_615_998, 3_255_389_356])
        // A seed beyond 32 bits takes two words: 2**40 + 3.
        var wide = PythonRandomState(seed: 1 << 40 | 3)
        #expect(wide.randomBits(32) == 943_978_446)
        // High zero words do not count: the key of 5 is [5] however it is written.
        var a = PythonRandomState(magnitude: [5, 0, 0]), b = PythonRandomState(seed: 5)
        #expect(a.random() == b.random())
    }

    @Test("below(n) stays below n, for n = 1 and for n just past a power of two")
    func belowStaysInRange() {
        var state = PythonRandomState(seed: 1)
        #expect((0..<50).allSatisfy { _ in state.below(1) == 0 })
        #expect((0..<500).allSatisfy { _ in state.below(65) < 65 })
        #expect((0..<50).allSatisfy { _ in state.below(UInt64.max) < UInt64.max })
    }

    @Test("samplePositions gives k distinct positions below n, by either of CPython's methods")
    func samplePositionsAreDistinct() {
        var state = PythonRandomState(seed: 2)
        for (n, k) in [(10, 10), (10, 0), (1000, 7), (30, 10), (1_000_000_000, 3)] {
            let positions = state.samplePositions(n: n, k: k)
            #expect(positions.count == k && Set(positions).count == k && positions.allSatisfy { $0 >= 0 && $0 < n }, "\(n), \(k)")
        }
    }
}
