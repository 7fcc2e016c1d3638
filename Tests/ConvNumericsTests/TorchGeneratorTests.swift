import Testing
import ConvNumerics

@Suite("TorchGenerator")
struct TorchGeneratorTests {
    @Test("mt19937 with std's default seed 5489: 10000th output is 4123659995 (the C++ standard's check)")
    func standardCheckValue() {
        var generator = TorchGenerator(seed: 5489)
        var value: UInt32 = 0
        for _ in 0..<10_000 { value = generator.nextUInt32() }
        #expect(value == 4_123_659_995)
    }

    @Test("Only the low 32 bits of the seed count")
    func lowSeedBits() {
        var a = TorchGenerator(seed: 42)
        var b = TorchGenerator(seed: 42 | (7 << 32))
        #expect((0..<5).map { _ in a.nextUInt32() } == (0..<5).map { _ in b.nextUInt32() })
    }

    @Test("uniformTensor: [from, to) bounds, row-major count, nil for a bad shape or over the limit")
    func uniformTensor() throws {
        var generator = TorchGenerator(seed: 3)
        let drawn = generator.uniformTensor(shape: [4, 250], from: -0.5, to: 0.25)
        let tensor = try #require(drawn)
        #expect(tensor.shape == [4, 250])
        #expect(tensor.scalars.allSatisfy { $0 >= -0.5 && $0 < 0.25 })
        #expect(tensor.scalars.allSatisfy { Double(Float($0)) == $0 }, "values are float32")
        #expect(generator.uniformTensor(shape: [-1]) == nil)
        #expect(generator.uniformTensor(shape: [10], elementLimit: 9) == nil)
    }
}
