import Testing
import ConvNumerics

/// What torch-random.json does not pin: refusals, the kept normal sample across seeding,
/// trunc_normal_ on both of its paths, random_ without bounds, and the shapes and dtypes of
/// what each draw returns. Values written out here are what PyTorch 2.15 printed for the same
/// calls after the same seed.
@Suite("TorchGenerator distributions")
struct TorchRandomBehaviourTests {
    @Test("randn(1) after randn(3) hands out the kept sample; a freshly seeded generator draws afresh")
    func keptSample() throws {
        var kept = TorchGenerator(seed: 7)
        _ = try kept.normal(shape: [3])
        var reseeded = TorchGenerator(seed: 7)
        let first = try reseeded.normal(shape: [1]).scalars
        var fresh = TorchGenerator(seed: 7)
        #expect(first == (try fresh.normal(shape: [1]).scalars))
        #expect(first != (try kept.normal(shape: [1]).scalars))
    }

    @Test("trunc_normal_: the normal path (std 0.02) and the uniform path (a tail from 1.5 to 2.5)")
    func truncatedNormal() throws {
        var generator = TorchGenerator(seed: 3)
        let narrow = try WeightInitialization.truncatedNormal(Tensor([Float](repeating: 0, count: 6)), std: 0.02, generator: &generator)
        #expect(narrow.float32Scalars == [0.01606552116572857, 0.0034966678358614445, 0.0017795618623495102,
                                          -0.012274360284209251, 0.0009236490586772561, -0.0273651834577322].map { Float($0) })
        generator = TorchGenerator(seed: 3)
        let tail = try WeightInitialization.truncatedNormal(Tensor([Float](repeating: 0, count: 20)), a: 1.5, b: 2.5, generator: &generator)
        let values = try #require(tail.float32Scalars)
        #expect(values.allSatisfy { $0 >= 1.5 && $0 <= 2.5 })
        #expect(Array(values.prefix(3)) == [1.5042635202407837, 1.6055693626403809, 1.9433073997497559].map { Float($0) })
        #expect(try generator.rand(shape: [2]).float32Scalars == [0.1705080270767212, 0.8251543641090393].map { Float($0) })
        #expect(throws: RandomError.zeroStandardDeviation) {
            try WeightInitialization.truncatedNormal(Tensor([Float(0)]), std: 0, generator: &generator)
        }
    }

    @Test("random_() and randint beyond 2^32 (64-bit draws)")
    func integers() throws {
        var generator = TorchGenerator(seed: 5)
        let unbounded = generator.randomFilled(Tensor([Float](repeating: 0, count: 4)))
        #expect(unbounded.float32Scalars == [13_929_259, 2_115_776, 15_224_593, 13_755_881])
        let wide = try generator.randint(low: -5, high: 1 << 40, shape: [3])
        #expect(wide.int64Scalars == [989_387_375_290, 622_604_916_187, 34_704_545_867])
        let permutation = try generator.randperm(50)
        #expect(permutation.int64Scalars?.sorted() == Array(0..<50))
    }

    @Test("Refusals name PyTorch's conditions")
    func refusals() throws {
        var generator = TorchGenerator(seed: 0)
        #expect(throws: RandomError.negativeStandardDeviation(-1)) { try generator.normal(shape: [2], std: -1) }
        #expect(throws: RandomError.invalidUniformRange(from: 2, to: 1)) { try generator.uniformFilled(Tensor([0.0]), from: 2, to: 1) }
        #expect(throws: RandomError.emptyIntegerRange(low: 5, high: 5)) { try generator.randint(low: 5, high: 5, shape: [1]) }
        #expect(throws: RandomError.integerBoundOutOfRange(1 << 25, dtype: .float32)) {
            try generator.randint(low: 0, high: (1 << 25) + 1, shape: [1], dtype: .float32)
        }
        #expect(throws: RandomError.negativeCount(-1)) { try generator.randperm(-1) }
        #expect(throws: RandomError.probabilityOutOfRange(1.5)) { try generator.bernoulli(Tensor([1.5])) }
        #expect(throws: RandomError.dropoutProbabilityOutOfRange(1.5)) { try generator.dropout(Tensor([1.0]), p: 1.5) }
        #expect(throws: RandomError.unsupportedDType(.int64, operation: "normal_")) { try generator.normalFilled(Tensor([Int64(1)])) }
        #expect(throws: RandomError.fansNeedTwoDimensions(rank: 1)) {
            try WeightInitialization.kaimingUniform(Tensor([Float(0)]), generator: &generator)
        }
        #expect(throws: RandomError.zeroFanSum(shape: [0, 0])) {
            try WeightInitialization.xavierUniform(Tensor.init(repeating: Float(0), shape: [0, 0]) ?? Tensor([Float(0)]), generator: &generator)
        }
        #expect(throws: RandomError.unsupportedNonlinearity("swish")) { try WeightInitialization.gain(nonlinearity: "swish") }
        #expect(throws: RandomError.unsupportedFanMode("fan_avg")) { try WeightInitialization.FanMode(named: "fan_avg") }
        #expect(throws: RandomError.tooLarge(elements: 12, limit: 10)) { try generator.normal(shape: [3, 4], elementLimit: 10) }
    }

    @Test("Zero-extent weights draw nothing under kaiming_*, as PyTorch's no-op; dropout off draws nothing")
    func drawsNothing() throws {
        var generator = TorchGenerator(seed: 11)
        var untouched = TorchGenerator(seed: 11)
        let empty = try #require(Tensor(repeating: Float(0), shape: [0, 3]))
        #expect(try WeightInitialization.kaimingNormal(empty, generator: &generator) == empty)
        #expect(try generator.dropout(Tensor([Float(1), 2]), p: 0.5, training: false) == Tensor([Float(1), 2]))
        #expect(try generator.dropout(Tensor([Float(1), -2]), p: 1) == Tensor([Float(0), -0.0]))
        #expect(generator.nextUInt32() == untouched.nextUInt32())
    }

    @Test("calculate_gain's table")
    func gains() throws {
        #expect(try WeightInitialization.gain(nonlinearity: "conv1d") == 1)
        #expect(try WeightInitialization.gain(nonlinearity: "tanh") == 5.0 / 3)
        #expect(try WeightInitialization.gain(nonlinearity: "relu") == Double(2).squareRoot())
        #expect(try WeightInitialization.gain(nonlinearity: "leaky_relu") == (2.0 / (1 + 0.01 * 0.01)).squareRoot())
        #expect(try WeightInitialization.gain(nonlinearity: "selu") == 0.75)
    }
}
