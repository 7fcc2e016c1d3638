import Testing
@testable import ConvNumerics

/// The cost model's choices on the shapes it was tuned for, and the limits of each strategy.
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

    @Test("One channel with a short kernel runs direct")
    func shortKernelRunsDirect() throws {
        #expect(ConvolutionCostModel.strategy(for: try Self.plan(input: [1_000_000], weight: [9])) == .direct)
        #expect(ConvolutionCostModel.strategy(for: try Self.plan(input: [100], weight: [3])) == .direct)
    }

    @Test("Many channels run as a matrix multiply")
    func channelsRunAsMultiply() throws {
        let plan = try Self.plan(input: [8, 64, 4096], weight: [64, 64, 3], parameters: ConvolutionParameters(padding: .symmetric(1)))
        #expect(ConvolutionCostModel.strategy(for: plan) == .multiply)
    }

    @Test("A long kernel runs through the FFT")
    func longKernelRunsFourier() throws {
        #expect(ConvolutionCostModel.strategy(for: try Self.plan(input: [1_000_000], weight: [4097])) == .fourier)
        #expect(ConvolutionCostModel.strategy(for: try Self.plan(input: [100_000], weight: [1_000])) == .fourier)
    }

    @Test("The FFT never takes a stride; no fast path takes a geometry whose windows outgrow the row kernel's")
    func limits() throws {
        let strided = try Self.plan(input: [100_000], weight: [4097], parameters: ConvolutionParameters(stride: 2))
        #expect(!ConvolutionCostModel.canRun(.fourier, strided))
        #expect(ConvolutionCostModel.strategy(for: strided) != .fourier)
        let sparse = try Self.plan(input: [10], weight: [2], parameters: ConvolutionParameters(stride: 1_000_000, padding: .symmetric(3_000_000)))
        #expect(ConvolutionCostModel.strategy(for: sparse) == .rows)
        for strategy in [ConvolutionStrategy.direct, .multiply, .fourier] {
            #expect(!ConvolutionCostModel.canRun(strategy, sparse))
        }
    }

    @Test("The FFT block is a power of two at least twice the kernel span")
    func blockSize() throws {
        let plan = try Self.plan(input: [1_000_000], weight: [4097])
        let size = try #require(FourierKernel.blockSize(plan.geometry))
        #expect(size.nonzeroBitCount == 1)
        #expect(size >= 2 * 4097)
        #expect(FourierKernel.blockCount(plan.geometry, size: size) * (size - 4096) >= plan.outputLength)
    }
}
