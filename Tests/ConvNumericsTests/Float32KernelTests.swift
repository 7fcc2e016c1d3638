import Testing
import ConvNumerics

/// Every kernel in float32 against the float64 reference on the same (float32) inputs, on
/// seeded random problems: results agree within float32 rounding and are float32.
@Suite("float32 kernels == float64 reference")
struct Float32KernelTests {
    typealias Agreement = Float32Agreement

    /// Two shapes that broadcast: each a suffix of one random shape (rank 0 to 3, extents 1 to
    /// 4) with some extents replaced by 1.
    private static func broadcastShapes(_ dice: inout Dice) -> ([Int], [Int]) {
        let full = (0..<dice.int(0...3)).map { _ in dice.int(1...4) }
        func operand(_ dice: inout Dice) -> [Int] {
            full.suffix(dice.int(0...full.count)).map { dice.int(0...2) == 0 ? 1 : $0 }
        }
        return (operand(&dice), operand(&dice))
    }

    @Test("arithmetic with broadcasting, tensor with tensor and with a number", arguments: ArithmeticOperation.allCases)
    func arithmetic(operation: ArithmeticOperation) throws {
        var dice = Dice(seed: 32_100 + UInt64(ArithmeticOperation.allCases.firstIndex(of: operation) ?? 0))
        for index in 0..<60 {
            let (leftShape, rightShape) = Self.broadcastShapes(&dice)
            let a = try #require(Agreement.pair(&dice, leftShape))
            let b = try #require(Agreement.pair(&dice, rightShape))
            let label = "\(operation) \(index) \(leftShape) \(rightShape)"
            let got = try Broadcasting.combine(a.float32, b.float32, operation)
            let want = try Broadcasting.combine(a.float64, b.float64, operation)
            Agreement.expectAgrees(got, want, label)
            let number = Double(Float(dice.values(1)[0]))
            Agreement.expectAgrees(
                try Broadcasting.combine(a.float32, number, operation),
                try Broadcasting.combine(a.float64, number, operation), label + " with \(number)")
            Agreement.expectAgrees(
                try Broadcasting.combine(number, b.float32, operation),
                try Broadcasting.combine(number, b.float64, operation), label + " \(number) with")
        }
    }

    @Test("comparisons with broadcasting give the same bools", arguments: ComparisonOperation.allCases)
    func comparisons(operation: ComparisonOperation) throws {
        var dice = Dice(seed: 32_200 + UInt64(ComparisonOperation.allCases.firstIndex(of: operation) ?? 0))
        for index in 0..<40 {
            let (leftShape, rightShape) = Self.broadcastShapes(&dice)
            let a = try #require(Agreement.pair(&dice, leftShape))
            // Ties matter for comparisons: draw the right side from the left's values half the time.
            let b = dice.int(0...1) == 0 ? try #require(Agreement.pair(&dice, rightShape)) : a
            let got = try Broadcasting.compare(a.float32, b.float32, operation)
            let want = try Broadcasting.compare(a.float64, b.float64, operation)
            #expect(got.dtype == .bool)
            #expect(got == want, "\(operation) \(index)")
        }
    }

    @Test("sum, mean, min and max, whole and along each dim", arguments: Reduction.allCases)
    func reductions(reduction: Reduction) throws {
        var dice = Dice(seed: 32_300 + UInt64(Reduction.allCases.firstIndex(of: reduction) ?? 0))
        for index in 0..<40 {
            let shape = (0..<dice.int(1...3)).map { _ in dice.int(1...6) }
            let x = try #require(Agreement.pair(&dice, shape))
            for dim in [nil] + Array(0..<shape.count) {
                let label = "\(reduction) \(index) \(shape) dim \(dim.map(String.init) ?? "none")"
                let magnitude = try Reduction.sum.reduce(Agreement.magnitude(x.float64), dim: dim)
                Agreement.expectAgrees(
                    try reduction.reduce(x.float32, dim: dim), try reduction.reduce(x.float64, dim: dim),
                    magnitude: magnitude, label)
            }
        }
    }

    @Test("every activation, softmax along every dim")
    func activations() throws {
        var dice = Dice(seed: 32_400)
        for index in 0..<40 {
            let shape = (0..<dice.int(0...3)).map { _ in dice.int(1...5) }
            let x = try #require(Agreement.pair(&dice, shape, scale: 3))
            let rank = Swift.max(shape.count, 1)
            let activations: [Activation] = [
                .relu, .leakyReLU(negativeSlope: 0.01), .sigmoid, .tanh,
                .gelu(tanhApproximation: false), .gelu(tanhApproximation: true),
            ] + (0..<rank).map { .softmax(axis: $0) }
            for activation in activations {
                Agreement.expectAgrees(
                    try activation.apply(x.float32), try activation.apply(x.float64),
                    magnitude: Agreement.magnitude(x.float64), "\(activation) \(index) \(shape)")
            }
        }
    }

    @Test("max and average pooling: ceil mode, padding, dilation, count_include_pad")
    func pooling() throws {
        var dice = Dice(seed: 32_500)
        var computed = 0
        for index in 0..<200 {
            let rank = dice.int(1...3)
            let length = dice.int(1...12)
            let shape = rank == 1 ? [length] : rank == 2 ? [dice.int(1...3), length] : [dice.int(1...2), dice.int(1...3), length]
            let x = try #require(Agreement.pair(&dice, shape))
            let kernelSize = dice.int(1...4)
            let parameters = PoolingParameters(
                kernelSize: kernelSize, stride: dice.pick([nil, 1, 2, 3]), padding: dice.int(0...(kernelSize / 2)),
                dilation: dice.int(1...2), ceilMode: dice.int(0...1) == 1, countIncludePad: dice.int(0...1) == 1)
            let label = "pooling \(index) \(shape) \(parameters)"
            if let want = try? Pooling.maxPool1d(x.float64, parameters: parameters) {
                let got = try Pooling.maxPool1d(x.float32, parameters: parameters)
                #expect(got.dtype == .float32)
                #expect(got.converted(to: .float64) == want, "max \(label)")
                computed += 1
            }
            if let want = try? Pooling.avgPool1d(x.float64, parameters: parameters) {
                let magnitude = try Pooling.avgPool1d(Agreement.magnitude(x.float64), parameters: parameters)
                Agreement.expectAgrees(
                    try Pooling.avgPool1d(x.float32, parameters: parameters), want, magnitude: magnitude, "avg \(label)")
                computed += 1
            }
        }
        #expect(computed >= 250)
    }

    @Test("transposed convolution: strides, paddings, output padding, dilation, groups, batches")
    func transposedConvolution() throws {
        var dice = Dice(seed: 32_600)
        var computed = 0
        for index in 0..<200 {
            let groups = dice.int(1...2)
            let inChannels = groups * dice.int(1...2)
            let rank = dice.int(1...3)
            let channels = rank == 1 ? 1 : inChannels
            let length = dice.int(1...8)
            let shape = rank == 1 ? [length] : rank == 2 ? [channels, length] : [dice.int(1...2), channels, length]
            let parameters = ConvolutionTransposeParameters(
                stride: dice.int(1...3), padding: dice.int(0...2), outputPadding: dice.int(0...1),
                dilation: dice.int(1...2), groups: rank == 1 ? 1 : groups)
            let x = try #require(Agreement.pair(&dice, shape))
            let w = try #require(Agreement.pair(&dice, [channels, dice.int(1...2), dice.int(1...4)]))
            let outChannels = w.float64.shape[1] * parameters.groups
            let b = dice.int(0...1) == 0 ? nil : Agreement.pair(&dice, [outChannels])
            guard let want = try? ConvolutionTranspose.convTranspose1d(
                x.float64, weight: w.float64, bias: b?.float64, parameters: parameters)
            else { continue }
            let magnitude = try ConvolutionTranspose.convTranspose1d(
                Agreement.magnitude(x.float64), weight: Agreement.magnitude(w.float64),
                bias: b.map { Agreement.magnitude($0.float64) }, parameters: parameters)
            let got = try ConvolutionTranspose.convTranspose1d(
                x.float32, weight: w.float32, bias: b?.float32, parameters: parameters)
            Agreement.expectAgrees(got, want, magnitude: magnitude, "transposed \(index) \(shape) \(parameters)")
            computed += 1
        }
        #expect(computed >= 120)
    }

    @Test("conv1d and the reference in float32, on 400 random problems: same results or the same refusal")
    func convolution() throws {
        var dice = Dice(seed: 32_700)
        var computed = 0
        for index in 0..<400 {
            let problem = try #require(ReferenceAgreementTests.Problem(&dice))
            let (x, w, b) = (problem.input, problem.weight, problem.bias)
            let (x32, w32, b32) = (x.converted(to: .float32), w.converted(to: .float32), b?.converted(to: .float32))
            let (x64, w64, b64) = (x32.converted(to: .float64), w32.converted(to: .float64), b32?.converted(to: .float64))
            let label = "conv \(index) \(problem.parameters) input \(x.shape) weight \(w.shape)"
            let reference = Result { () throws(ConvolutionError) in
                try Convolution.referenceConv1d(x64, weight: w64, bias: b64, parameters: problem.parameters)
            }
            let main = Result { () throws(ConvolutionError) in
                try Convolution.conv1d(x32, weight: w32, bias: b32, parameters: problem.parameters)
            }
            let reference32 = Result { () throws(ConvolutionError) in
                try Convolution.referenceConv1d(x32, weight: w32, bias: b32, parameters: problem.parameters)
            }
            switch (reference, main, reference32) {
            case (.success(let want), .success(let got), .success(let got32)):
                let magnitude = try Convolution.referenceConv1d(
                    Agreement.magnitude(x64), weight: Agreement.magnitude(w64), bias: b64.map(Agreement.magnitude),
                    parameters: problem.parameters)
                Agreement.expectAgrees(got, want, magnitude: magnitude, "main " + label)
                Agreement.expectAgrees(got32, want, magnitude: magnitude, "reference " + label)
                computed += 1
            case (.failure(let want), .failure(let got), .failure(let got32)):
                #expect(got == want, "main \(label)")
                #expect(got32 == want, "reference \(label)")
            default:
                Issue.record("\(label): reference \(reference), main \(main), float32 reference \(reference32)")
            }
        }
        #expect(computed >= 250)
    }
}
