import Testing
@testable import ConvNumerics

/// Every fast kernel, forced, against the nested-loop reference on seeded random problems.
@Suite("Fast kernels == reference kernel")
struct FastPathAgreementTests {
    /// A random problem big enough to reach the vector loops, the register-block edges
    /// (channel counts around multiples of 6, lengths around multiples of 8, 16 and 32) and the
    /// FFT's block boundaries. Its values are float32 numbers (``Dice`` draws them so), so the
    /// float32 kernels see exactly the operands of the float64 reference.
    struct Problem: CustomStringConvertible {
        var input: Tensor
        var weight: Tensor
        var bias: Tensor?
        var parameters: ConvolutionParameters

        init?(_ dice: inout Dice) {
            let groups = dice.pick([1, 1, 2, 3])
            let inChannels = groups * dice.int(1...4)
            let outChannels = groups * dice.pick([1, 2, 5, 6, 7, 13])
            let kernelSize = dice.pick([1, 2, 3, 5, 9, 17, 40])
            let length = dice.pick([1, 3, 8, 15, 16, 17, 63, 100, 257, 700])
            let rank = dice.int(1...3)
            let batch = rank == 3 ? dice.int(0...3) : 1
            let padding: Padding = dice.pick([
                .valid, .same, .causal, .full, .symmetric(dice.int(0...9)),
                .explicit(left: dice.int(0...20), right: dice.int(0...20)),
            ])
            parameters = ConvolutionParameters(
                stride: dice.pick([1, 1, 1, 2, 3, 5]), padding: padding, dilation: dice.pick([1, 1, 2, 3]),
                groups: rank == 1 ? 1 : groups, paddingMode: dice.pick(PaddingMode.allCases))
            let channels = rank == 1 ? 1 : inChannels
            let outs = rank == 1 ? dice.pick([1, 2, 7]) : outChannels
            let inputShape = rank == 1 ? [length] : rank == 2 ? [channels, length] : [batch, channels, length]
            let weightShape = [outs, channels / parameters.groups, kernelSize]
            guard let input = dice.tensor(inputShape), let weight = dice.tensor(weightShape) else { return nil }
            self.input = input
            self.weight = weight
            bias = dice.int(0...1) == 0 ? nil : Tensor(dice.values(outs))
        }

        var description: String {
            "input \(input.shape), weight \(weight.shape), bias \(bias != nil), \(parameters)"
        }

        func plan() throws -> ConvolutionPlan {
            try ConvolutionPlan(input: input, weight: weight, bias: bias, parameters: parameters, elementLimit: .max)
        }
    }

    /// Problems of the 300 the strategy must run itself: Winograd takes only stride 1,
    /// dilation 1 and 2 to 4 taps, about one in fifteen of them (WinogradTests covers it in full).
    static func leastRun(_ strategy: ConvolutionStrategy) -> Int { strategy == .winograd ? 10 : 60 }

    /// `|a − b| ≤ 1e-9 · max(1, max |reference|)` elementwise, and the same shape.
    static func agree(_ fast: Tensor, _ reference: Tensor) -> Bool {
        guard fast.shape == reference.shape else { return false }
        let scale = max(1, reference.scalars.map(abs).max() ?? 0)
        return zip(fast.scalars, reference.scalars).allSatisfy { abs($0 - $1) <= 1e-9 * scale }
    }

    @Test("Each forced strategy agrees with the reference on 300 random problems", arguments: ConvolutionStrategy.allCases)
    func forcedStrategyAgrees(strategy: ConvolutionStrategy) throws {
        var dice = Dice(seed: 6_000 + UInt64(ConvolutionStrategy.allCases.firstIndex(of: strategy) ?? 0))
        var ran = 0
        for _ in 0..<300 {
            guard let problem = Problem(&dice) else { continue }
            let expected: Tensor
            do {
                expected = try Convolution.referenceConv1d(
                    problem.input, weight: problem.weight, bias: problem.bias, parameters: problem.parameters)
            } catch {
                // Refusals come from the shared plan; the fast call must refuse the same way.
                #expect(throws: error) {
                    try Convolution.conv1d(
                        problem.input, weight: problem.weight, bias: problem.bias, parameters: problem.parameters,
                        elementLimit: .max, interrupt: nil, strategy: strategy)
                }
                continue
            }
            if ConvolutionCostModel.canRun(strategy, try problem.plan(), costs: .float64) { ran += 1 }
            let fast = try Convolution.conv1d(
                problem.input, weight: problem.weight, bias: problem.bias, parameters: problem.parameters,
                elementLimit: .max, interrupt: nil, strategy: strategy)
            #expect(Self.agree(fast, expected), "\(strategy): \(problem)")
        }
        // The strategy itself, not a fallback, computed a good share of the problems.
        #expect(ran >= Self.leastRun(strategy), "\(strategy) ran only \(ran) problems")
    }

    /// Checks `strategy`, forced, on float32 copies of a problem's operands (whose values are
    /// float32 numbers) against the float64 reference: a float32 result within
    /// ``Float32Agreement``'s tolerance, or the reference's refusal.
    ///
    /// The floor of the tolerance is each output's `Σ|w·x| + |b|`, which bounds the rounding of
    /// any order of summation. The FFT's rounding spreads over its whole block instead, so for
    /// it the floor is the largest such sum in the output row.
    static func expectAgreesInFloat32(
        input: Tensor, weight: Tensor, bias: Tensor?, parameters: ConvolutionParameters,
        strategy: ConvolutionStrategy, _ label: String
    ) throws {
        let run = { () throws(ConvolutionError) -> Tensor in
            try Convolution.conv1d(
                input.converted(to: .float32), weight: weight.converted(to: .float32),
                bias: bias?.converted(to: .float32), parameters: parameters, elementLimit: .max, interrupt: nil,
                strategy: strategy)
        }
        let expected: Tensor
        do {
            expected = try Convolution.referenceConv1d(input, weight: weight, bias: bias, parameters: parameters)
        } catch {
            #expect(throws: error, "\(label)") { try run() }
            return
        }
        var magnitudes = try Convolution.referenceConv1d(
            Float32Agreement.magnitude(input), weight: Float32Agreement.magnitude(weight),
            bias: bias.map(Float32Agreement.magnitude), parameters: parameters)
        if strategy == .fourier { magnitudes = rowLargest(magnitudes) }
        Float32Agreement.expectAgrees(try run(), expected, magnitude: magnitudes, label)
    }

    /// Every element replaced by the largest of its row (the last axis).
    static func rowLargest(_ tensor: Tensor) -> Tensor {
        let length = tensor.shape.last ?? 1
        let values = tensor.scalars
        let rows = stride(from: 0, to: values.count, by: max(length, 1)).flatMap { start in
            repeatElement(values[start..<(start + length)].max() ?? 0, count: length)
        }
        return Tensor(shape: tensor.shape, scalars: rows) ?? tensor
    }

    @Test(
        "Each forced strategy in float32 agrees with the float64 reference on 300 random problems",
        arguments: ConvolutionStrategy.allCases)
    func forcedStrategyAgreesInFloat32(strategy: ConvolutionStrategy) throws {
        var dice = Dice(seed: 6_100 + UInt64(ConvolutionStrategy.allCases.firstIndex(of: strategy) ?? 0))
        var ran = 0
        for _ in 0..<300 {
            guard let problem = Problem(&dice) else { continue }
            if let plan = try? problem.plan(), ConvolutionCostModel.canRun(strategy, plan, costs: .float32) { ran += 1 }
            try Self.expectAgreesInFloat32(
                input: problem.input, weight: problem.weight, bias: problem.bias, parameters: problem.parameters,
                strategy: strategy, "\(strategy) in float32: \(problem)")
        }
        // The strategy itself, not a fallback, computed a good share of the problems.
        #expect(ran >= Self.leastRun(strategy), "\(strategy) ran only \(ran) problems in float32")
    }

    /// Shapes big enough to be split over the workers.
    static let parallelCases: [(input: [Int], weight: [Int], parameters: ConvolutionParameters)] = [
        ([20_011], [1, 1, 101], ConvolutionParameters(padding: .same, paddingMode: .reflect)),
        ([2, 8, 3_001], [14, 8, 7], ConvolutionParameters(stride: 1, padding: .symmetric(3))),
        ([1, 4, 9_000], [6, 2, 65], ConvolutionParameters(padding: .full, dilation: 2, groups: 2, paddingMode: .circular)),
    ]

    @Test(
        "Large problems split over workers agree too",
        arguments: ConvolutionStrategy.allCases, DType.kernelDTypes)
    func parallelProblemsAgree(strategy: ConvolutionStrategy, dtype: DType) throws {
        var dice = Dice(seed: 77)
        for shapes in Self.parallelCases {
            let drawnInput = dice.tensor(shapes.input)
            let drawnWeight = dice.tensor(shapes.weight)
            let input = try #require(drawnInput)
            let weight = try #require(drawnWeight)
            let plan = try ConvolutionPlan(
                input: input, weight: weight, bias: nil, parameters: shapes.parameters, elementLimit: .max)
            #expect(ConvolutionCostModel.multiplyAdds(plan) >= ParallelWork.minimumParallelWork)
            if dtype == .float32 {
                try Self.expectAgreesInFloat32(
                    input: input, weight: weight, bias: nil, parameters: shapes.parameters, strategy: strategy,
                    "\(strategy) in float32: \(shapes)")
            } else {
                let expected = try Convolution.referenceConv1d(input, weight: weight, bias: nil, parameters: shapes.parameters)
                let fast = try Convolution.conv1d(
                    input, weight: weight, bias: nil, parameters: shapes.parameters, elementLimit: .max,
                    interrupt: nil, strategy: strategy)
                #expect(Self.agree(fast, expected), "\(strategy): \(shapes)")
            }
        }
    }

    @Test("A raised interrupt stops every strategy", arguments: ConvolutionStrategy.allCases, DType.kernelDTypes)
    func interruptStopsEveryStrategy(strategy: ConvolutionStrategy, dtype: DType) throws {
        let input = try #require(Tensor(shape: [1, 2, 5_000], scalars: [Double](repeating: 1, count: 10_000)))
        let weight = try #require(Tensor(shape: [6, 2, 5], scalars: [Double](repeating: 0.5, count: 60)))
        let flag = InterruptFlag()
        flag.raise()
        #expect(throws: ConvolutionError.interrupted) {
            try Convolution.conv1d(
                input.converted(to: dtype), weight: weight.converted(to: dtype), bias: nil,
                parameters: ConvolutionParameters(), elementLimit: .max, interrupt: flag, strategy: strategy)
        }
    }
}
