import Testing
@testable import ConvNumerics

/// The cost model's choices on the shapes it was tuned for, in both element types, and the
/// limits of each strategy.
@Suite("Convolution cost model")
struct CostModelTests {
    static func plan(
        input: [Int], weight: [Int], parameters: ConvolutionParameters = ConvolutionParameters()
    ) throws -> ConvolutionPlan {
        let inputTensor = try #require(Tensor(repeating: 0, shape: input))
        let weightTensor = try #require(Tensor(repeating: 0, shape: weight))
        return try ConvolutionPlan(
            input: inputTensor, weight: weightTensor, bias: nil, parameters: parameters, elementLimit: .max)
    }

    @Test("One channel with a short kernel runs direct", arguments: DType.kernelDTypes)
    func shortKernelRunsDirect(dtype: DType) throws {
        let costs = dtype.kernelCosts
        #expect(ConvolutionCostModel.strategy(for: try Self.plan(input: [1_000_000], weight: [9]), costs: costs) == .direct)
        #expect(ConvolutionCostModel.strategy(for: try Self.plan(input: [100], weight: [3]), costs: costs) == .direct)
    }

    @Test("Many channels run as a matrix multiply", arguments: DType.kernelDTypes)
    func channelsRunAsMultiply(dtype: DType) throws {
        // Seven taps: beyond the Winograd tiles, which take the three-tap shape (WinogradTests).
        let plan = try Self.plan(input: [8, 64, 4096], weight: [64, 64, 7], parameters: ConvolutionParameters(padding: .symmetric(3)))
        #expect(ConvolutionCostModel.strategy(for: plan, costs: dtype.kernelCosts) == .multiply)
    }

    @Test("A long kernel runs through the FFT", arguments: DType.kernelDTypes)
    func longKernelRunsFourier(dtype: DType) throws {
        let costs = dtype.kernelCosts
        #expect(ConvolutionCostModel.strategy(for: try Self.plan(input: [1_000_000], weight: [4097]), costs: costs) == .fourier)
        #expect(ConvolutionCostModel.strategy(for: try Self.plan(input: [100_000], weight: [1_000]), costs: costs) == .fourier)
    }

    @Test(
        "The FFT never takes a stride; no fast path takes a geometry whose windows outgrow the row kernel's",
        arguments: DType.kernelDTypes)
    func limits(dtype: DType) throws {
        let costs = dtype.kernelCosts
        let strided = try Self.plan(input: [100_000], weight: [4097], parameters: ConvolutionParameters(stride: 2))
        #expect(!ConvolutionCostModel.canRun(.fourier, strided, costs: costs))
        #expect(ConvolutionCostModel.strategy(for: strided, costs: costs) != .fourier)
        let sparse = try Self.plan(input: [10], weight: [2], parameters: ConvolutionParameters(stride: 1_000_000, padding: .symmetric(3_000_000)))
        #expect(ConvolutionCostModel.strategy(for: sparse, costs: costs) == .rows)
        for strategy in [ConvolutionStrategy.direct, .multiply, .fourier] {
            #expect(!ConvolutionCostModel.canRun(strategy, sparse, costs: costs))
        }
    }

    @Test("float32 costs less where the kernels are vectorised, the same where they are not")
    func float32Costs() throws {
        let plans = [
            try Self.plan(input: [1_000_000], weight: [9]),
            try Self.plan(input: [8, 64, 4096], weight: [64, 64, 3]),
            try Self.plan(input: [1_000_000], weight: [4097]),
        ]
        for plan in plans {
            for strategy in [ConvolutionStrategy.direct, .multiply, .fourier] {
                #expect(
                    ConvolutionCostModel.cost(of: strategy, for: plan, costs: .float32)
                        < ConvolutionCostModel.cost(of: strategy, for: plan, costs: .float64))
            }
        }
        let strided = try Self.plan(input: [100_000], weight: [9], parameters: ConvolutionParameters(stride: 3))
        #expect(
            ConvolutionCostModel.cost(of: .direct, for: strided, costs: .float32)
                == ConvolutionCostModel.cost(of: .direct, for: strided, costs: .float64))
    }

    @Test("float32 takes the FFT only up to the largest block whose rounding was measured")
    func float32FourierLimit() throws {
        // A span of 2^21 + 1 needs blocks of 2^23: beyond float32's 2^22.
        let beyond = try Self.plan(input: [3_000_000], weight: [(1 << 21) + 1])
        #expect(ConvolutionCostModel.strategy(for: beyond, costs: .float64) == .fourier)
        #expect(!ConvolutionCostModel.canRun(.fourier, beyond, costs: .float32))
        #expect(ConvolutionCostModel.strategy(for: beyond, costs: .float32) == .direct)
        let inside = try Self.plan(input: [3_000_000], weight: [1 << 21])
        #expect(ConvolutionCostModel.strategy(for: inside, costs: .float32) == .fourier)
    }

    @Test("The FFT block is a power of two at least twice the kernel span, and never beyond the accurate size")
    func blockSize() throws {
        let plan = try Self.plan(input: [1_000_000], weight: [4097])
        let size = try #require(FourierBlocks.size(plan.geometry, largest: .max))
        #expect(size.nonzeroBitCount == 1)
        #expect(size >= 2 * 4097)
        #expect(FourierBlocks.count(plan.geometry, size: size) * (size - 4096) >= plan.outputLength)
        let capped = try #require(FourierBlocks.size(plan.geometry, largest: 8192 * 2))
        #expect(capped <= 8192 * 2 && capped >= 2 * 4097)
        #expect(FourierBlocks.size(plan.geometry, largest: 8192) == nil)
    }
}
