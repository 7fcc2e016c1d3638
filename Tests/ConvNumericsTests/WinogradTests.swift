import Testing
@testable import ConvNumerics

/// The Winograd kernel, forced, on random problems of every geometry it takes, against the
/// float64 reference within its measured rounding bound; and where the cost model sends it.
@Suite("Winograd kernel")
struct WinogradTests {
    /// A problem the Winograd kernel can run: stride 1, dilation 1, 2 to 4 taps, any padding,
    /// groups, batch and bias, lengths from under one tile to several blocks. Its values are
    /// float32 numbers, so the float32 kernel sees exactly the reference's operands.
    struct Problem: CustomStringConvertible {
        var input: Tensor
        var weight: Tensor
        var bias: Tensor?
        var parameters: ConvolutionParameters

        init?(_ dice: inout Dice) {
            let groups = dice.pick([1, 1, 1, 2, 3])
            let inChannels = groups * dice.pick([1, 2, 3, 7, 8, 16, 33])
            let outChannels = groups * dice.pick([1, 2, 5, 6, 7, 13, 24])
            let kernelSize = dice.int(2...4)
            let length = dice.pick([2, 3, 5, 6, 7, 17, 95, 96, 97, 250, 1_000, 3_100])
            let batch = dice.int(0...3)
            let padding: Padding = dice.pick([
                .valid, .same, .causal, .full, .symmetric(dice.int(0...4)),
                .explicit(left: dice.int(0...9), right: dice.int(0...9)),
            ])
            parameters = ConvolutionParameters(
                stride: 1, padding: padding, dilation: 1, groups: groups, paddingMode: dice.pick(PaddingMode.allCases))
            guard let input = dice.tensor([batch, inChannels, length]),
                  let weight = dice.tensor([outChannels, inChannels / groups, kernelSize])
            else { return nil }
            self.input = input
            self.weight = weight
            bias = dice.int(0...1) == 0 ? nil : Tensor(dice.values(outChannels))
        }

        var description: String {
            "input \(input.shape), weight \(weight.shape), bias \(bias != nil), \(parameters)"
        }
    }

    /// Each output's `Σ|w·x| + |b|`, replaced by the largest among the outputs within `m − 1`
    /// of it in its row: every tile that holds the output lies inside that stretch, and a
    /// tile's transforms mix the rounding of all its inputs.
    static func tileMagnitudes(_ magnitudes: Tensor, outputsPerTile: Int) -> Tensor {
        let length = magnitudes.shape.last ?? 1
        let values = magnitudes.scalars
        var result = values
        for start in stride(from: 0, to: values.count, by: max(length, 1)) {
            for index in 0..<length {
                let low = max(0, index - outputsPerTile + 1)
                let high = min(length - 1, index + outputsPerTile - 1)
                result[start + index] = values[(start + low)...(start + high)].max() ?? 0
            }
        }
        return Tensor(shape: magnitudes.shape, scalars: result) ?? magnitudes
    }

    /// Runs `problem` with the Winograd kernel forced in `dtype` and checks every output is
    /// within `WinogradTile.errorBound` epsilons of the tile's magnitude from the float64
    /// reference; returns the largest error in those units.
    @discardableResult
    static func expectWithinBound(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor?, _ parameters: ConvolutionParameters, dtype: DType,
        _ label: String
    ) throws -> Double {
        let plan = try ConvolutionPlan(input: input, weight: weight, bias: bias, parameters: parameters, elementLimit: .max)
        let tile = try #require(WinogradTile(plan), "\(label): no tile")
        if plan.outputCount > 0 {
            #expect(ConvolutionCostModel.canRun(.winograd, plan, costs: dtype.kernelCosts), "\(label): cannot run")
        }
        let expected = try Convolution.referenceConv1d(input, weight: weight, bias: bias, parameters: parameters)
        let magnitudes = tileMagnitudes(
            try Convolution.referenceConv1d(
                Float32Agreement.magnitude(input), weight: Float32Agreement.magnitude(weight),
                bias: bias.map(Float32Agreement.magnitude), parameters: parameters),
            outputsPerTile: tile.outputs)
        let actual = try Convolution.conv1d(
            input.converted(to: dtype), weight: weight.converted(to: dtype), bias: bias?.converted(to: dtype),
            parameters: parameters, elementLimit: .max, interrupt: nil, strategy: .winograd)
        #expect(actual.dtype == dtype, "\(label): dtype")
        #expect(actual.shape == expected.shape, "\(label): shape")
        guard actual.shape == expected.shape else { return .infinity }
        let epsilon = dtype == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
        var worst = 0.0
        for (index, (got, want)) in zip(actual.scalars, expected.scalars).enumerated() {
            let scale = epsilon * magnitudes.scalars[index]
            let error = abs(got - want)
            if error > 0 { worst = max(worst, scale > 0 ? error / scale : .infinity) }
            #expect(
                error <= WinogradTile.errorBound * scale,
                "\(label)[\(index)]: \(got) vs \(want), \(error / scale) epsilons of \(magnitudes.scalars[index])")
        }
        return worst
    }

    @Test("Forced, it agrees with the float64 reference within its bound on 300 random problems", arguments: DType.kernelDTypes)
    func randomProblems(dtype: DType) throws {
        var dice = Dice(seed: dtype == .float32 ? 9_100 : 9_200)
        var worst = 0.0
        var ran = 0
        for _ in 0..<300 {
            // Paddings the input is too short for are refused by the shared plan (tested elsewhere).
            guard let problem = Problem(&dice),
                  (try? ConvolutionPlan(
                      input: problem.input, weight: problem.weight, bias: problem.bias,
                      parameters: problem.parameters, elementLimit: .max)) != nil
            else { continue }
            worst = max(worst, try Self.expectWithinBound(
                problem.input, problem.weight, problem.bias, problem.parameters, dtype: dtype, "\(dtype): \(problem)"))
            ran += 1
        }
        #expect(ran >= 250)
        // The bound is not slack beyond reason: the problems reach a good part of it.
        #expect(worst >= 1, "worst \(worst) epsilons")
        print("Winograd \(dtype): worst error \(worst) epsilons of the tile's magnitude over \(ran) problems")
    }

    @Test("W2f's shape, split over the workers, within the bound", arguments: DType.kernelDTypes)
    func benchmarkShape(dtype: DType) throws {
        var dice = Dice(seed: 9_300)
        let drawnInput = dice.tensor([2, 64, 4096])
        let input = try #require(drawnInput)
        let drawnWeight = dice.tensor([64, 64, 3])
        let weight = try #require(drawnWeight)
        let bias = Tensor(dice.values(64))
        let worst = try Self.expectWithinBound(
            input, weight, bias, ConvolutionParameters(padding: .symmetric(1)), dtype: dtype, "W2f \(dtype)")
        #expect(worst >= 1)
        print("Winograd \(dtype), W2f's shape: worst error \(worst) epsilons of the tile's magnitude")
    }

    @Test("A huge input lends its rounding only to the outputs of its own tiles")
    func hugeNeighbour() throws {
        var values = [Double](repeating: 0.001, count: 4 * 500)
        for index in stride(from: 37, to: values.count, by: 101) { values[index] = 1e6 }
        let input = try #require(Tensor(shape: [1, 4, 500], scalars: values))
        var dice = Dice(seed: 9_400)
        let drawnWeight = dice.tensor([8, 4, 3])
        let weight = try #require(drawnWeight)
        try Self.expectWithinBound(input, weight, nil, ConvolutionParameters(padding: .same), dtype: .float32, "huge")
    }

    @Test("Infinite and NaN inputs or weights give the direct sum's infinities and NaNs, not the tile's")
    func nonFiniteOperands() throws {
        var dice = Dice(seed: 9_500)
        let drawnInput = dice.tensor([1, 16, 700])
        let input = try #require(drawnInput)
        let drawnWeight = dice.tensor([16, 16, 3])
        let weight = try #require(drawnWeight)
        var inputs = input.scalars
        inputs[5 * 700 + 300] = .infinity
        inputs[9 * 700 + 650] = .nan
        var weights = weight.scalars
        weights[7] = -.infinity
        let cases = [
            (try #require(Tensor(shape: input.shape, scalars: inputs)), weight, "input"),
            (input, try #require(Tensor(shape: weight.shape, scalars: weights)), "weight"),
            (input.map { $0 * 1e37 }, weight.map { $0 * 10 }, "overflow"),
        ]
        for (x, w, label) in cases {
            let parameters = ConvolutionParameters(padding: .same)
            let direct = try Convolution.conv1d(
                x.converted(to: .float32), weight: w.converted(to: .float32), bias: nil, parameters: parameters,
                elementLimit: .max, interrupt: nil, strategy: .multiply)
            let winograd = try Convolution.conv1d(
                x.converted(to: .float32), weight: w.converted(to: .float32), bias: nil, parameters: parameters,
                elementLimit: .max, interrupt: nil, strategy: .winograd)
            #expect(direct.scalars.contains { !$0.isFinite }, "\(label): the case has no non-finite output")
            let same = zip(direct.scalars, winograd.scalars).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
            #expect(same, "\(label)")
        }
    }

    @Test("Every compiled version of the transforms and the laid-out multiply stays within the bound", arguments: DType.kernelDTypes)
    func everyVersion(dtype: DType) throws {
        var dice = Dice(seed: 9_600)
        let drawnInput = dice.tensor([2, 13, 1_000])
        let drawnWeight = dice.tensor([11, 13, 3])
        let input = try #require(drawnInput)
        let weight = try #require(drawnWeight)
        let bias = Tensor(dice.values(11))
        let parameters = ConvolutionParameters(padding: .same, paddingMode: .reflect)
        let plan = try ConvolutionPlan(input: input, weight: weight, bias: bias, parameters: parameters, elementLimit: .max)
        let expected = try Convolution.referenceConv1d(input, weight: weight, bias: bias, parameters: parameters)
        let magnitudes = Self.tileMagnitudes(
            try Convolution.referenceConv1d(
                Float32Agreement.magnitude(input), weight: Float32Agreement.magnitude(weight),
                bias: Float32Agreement.magnitude(bias), parameters: parameters),
            outputsPerTile: 6)
        for level in KernelVersionTests.levels {
            let actual: [Double] = dtype == .float32
                ? Self.runKernel(Float.self, plan, input, weight, bias, level: level).map(Double.init)
                : Self.runKernel(Double.self, plan, input, weight, bias, level: level)
            let epsilon = dtype == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
            #expect(actual.count == expected.count)
            for (index, (got, want)) in zip(actual, expected.scalars).enumerated() {
                let bound = WinogradTile.errorBound * epsilon * magnitudes.scalars[index]
                #expect(abs(got - want) <= bound, "level \(level) [\(index)]: \(got) vs \(want)")
            }
        }
    }

    /// The Winograd kernel itself, at `level`, on the operands converted to `Scalar`.
    static func runKernel<Scalar: ConvolutionScalar>(
        _: Scalar.Type, _ plan: ConvolutionPlan, _ input: Tensor, _ weight: Tensor, _ bias: Tensor, level: Int32
    ) -> [Scalar] {
        guard let kernel = WinogradKernel<Scalar>(plan: plan, level: level),
              let operands = try? ConvolutionOperands(
                  input.converted(to: Scalar.dtype), weight.converted(to: Scalar.dtype), bias.converted(to: Scalar.dtype),
                  as: Scalar.self)
        else { return [] }
        var output = [Scalar](repeating: .nan, count: plan.outputCount)
        operands.input.withUnsafeBufferPointer { x in
            operands.weight.withUnsafeBufferPointer { w in
                output.withUnsafeMutableBufferPointer { out in
                    guard let x = x.baseAddress, let w = w.baseAddress, let out = out.baseAddress else { return }
                    kernel.run(KernelOperands(input: x, weight: w, output: out), bias: operands.bias, interrupt: nil)
                }
            }
        }
        return output
    }

    @Test("A raised interrupt stops it", arguments: DType.kernelDTypes)
    func interrupt(dtype: DType) throws {
        let input = try #require(Tensor(shape: [2, 8, 5_000], scalars: [Double](repeating: 1, count: 80_000)))
        let weight = try #require(Tensor(shape: [8, 8, 3], scalars: [Double](repeating: 0.5, count: 192)))
        let plan = try ConvolutionPlan(input: input, weight: weight, bias: nil, parameters: ConvolutionParameters(), elementLimit: .max)
        #expect(ConvolutionCostModel.canRun(.winograd, plan, costs: dtype.kernelCosts))
        let flag = InterruptFlag()
        flag.raise()
        #expect(throws: ConvolutionError.interrupted) {
            try Convolution.conv1d(
                input.converted(to: dtype), weight: weight.converted(to: dtype), bias: nil,
                parameters: ConvolutionParameters(), elementLimit: .max, interrupt: flag, strategy: .winograd)
        }
    }

    static func plan(_ input: [Int], _ weight: [Int], _ parameters: ConvolutionParameters = ConvolutionParameters(padding: .symmetric(1))) throws -> ConvolutionPlan {
        try CostModelTests.plan(input: input, weight: weight, parameters: parameters)
    }

    /// The crossover, measured on one core (W2f's shape with fewer channels, C harness): at 8
    /// channels in and out Winograd took 0.12 ms against the multiply's 0.09, at 16 both 0.26,
    /// at 32 0.88-1.03 against 1.16-1.18, at 64 2.4-2.6 against 3.8-4.3.
    @Test("The cost model picks it for W2f's shape in float32, and for other wide short kernels")
    func chosenForBenchmark() throws {
        #expect(ConvolutionCostModel.strategy(for: try Self.plan([8, 32, 4096], [32, 32, 3]), costs: .float32) == .winograd)
        #expect(ConvolutionCostModel.strategy(for: try Self.plan([8, 64, 4096], [64, 64, 3]), costs: .float32) == .winograd)
        #expect(ConvolutionCostModel.strategy(for: try Self.plan([4, 128, 2048], [128, 128, 4]), costs: .float32) == .winograd)
    }

    @Test("Invalid geometries cannot run it, and few channels or a short row keep the other kernels", arguments: DType.kernelDTypes)
    func notChosenElsewhere(dtype: DType) throws {
        let costs = dtype.kernelCosts
        let invalid = [
            try Self.plan([8, 64, 4096], [64, 64, 3], ConvolutionParameters(stride: 2, padding: .symmetric(1))),
            try Self.plan([8, 64, 4096], [64, 64, 3], ConvolutionParameters(padding: .symmetric(1), dilation: 2)),
            try Self.plan([8, 64, 4096], [64, 64, 5]),
            try Self.plan([8, 64, 4096], [64, 64, 1]),
        ]
        for plan in invalid {
            #expect(!ConvolutionCostModel.canRun(.winograd, plan, costs: costs))
            #expect(ConvolutionCostModel.strategy(for: plan, costs: costs) != .winograd)
        }
        let slower = [
            try Self.plan([1, 1, 1_000_000], [1, 1, 3]),
            try Self.plan([8, 2, 4096], [2, 2, 3]),
            try Self.plan([8, 8, 4096], [8, 8, 3]),
            try Self.plan([8, 64, 6], [64, 64, 3]),
        ]
        for plan in slower {
            #expect(ConvolutionCostModel.canRun(.winograd, plan, costs: costs))
            #expect(ConvolutionCostModel.strategy(for: plan, costs: costs) != .winograd)
        }
    }
}
