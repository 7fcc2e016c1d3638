import Testing
import ConvLang
import ConvNumerics
import TestSupport

/// Random well-formed programs with random shapes and arguments, from a fixed seed: the
/// evaluator never traps, and every convolution it accepts equals the reference kernel's.
@Suite("Generated programs against the reference kernel")
struct GeneratedProgramTests {
    /// How many programs one test run makes.
    static let programCount = 400

    @Test func everyAcceptedConvolutionMatchesTheReference() {
        var random = SplitMix64(seed: 0x00C0_FFEE)
        var succeeded = 0
        var refused = 0
        for index in 0..<Self.programCount {
            let program = GeneratedConvolution(random: &random)
            let interpreter = Interpreter(configuration: .init(seed: 0))
            let result = interpreter.run(program.source, name: "generated.conv")
            let errors = result.diagnostics.map(\.message)
            var got: Tensor?
            if case .tensor(let tensor)? = result.lastValue, result.succeeded { got = tensor }
            switch (got, program.expected()) {
            case (let got?, .success(let want)):
                succeeded += 1
                #expect(got.shape == want.shape, "program \(index):\n\(program.source)")
                #expect(Self.maximumDifference(got.scalars, want.scalars) <= 1e-9, "program \(index):\n\(program.source)")
            case (nil, .failure):
                refused += 1
                #expect(errors.count == 1, "program \(index) failed without one clear error:\n\(program.source)")
            case (nil, .success):
                Issue.record("program \(index) was refused (\(errors)) but the reference accepts it:\n\(program.source)")
            case (_?, .failure(let error)):
                Issue.record("program \(index) ran but the reference refuses it (\(error)):\n\(program.source)")
            }
        }
        // Both paths are exercised, so the comparison means something.
        #expect(succeeded > Self.programCount / 2)
        #expect(refused > 10)
    }

    static func maximumDifference(_ a: [Double], _ b: [Double]) -> Double {
        guard a.count == b.count else { return .infinity }
        return zip(a, b).map { x, y in x == y ? 0 : abs(x - y) }.max() ?? 0
    }
}

/// One random `conv` program: the tensors as literals, the call in one of its spellings.
struct GeneratedConvolution {
    var input: Tensor
    var weight: Tensor
    var bias: Tensor?
    var parameters: ConvolutionParameters
    var source: String

    init(random: inout SplitMix64) {
        let groups = random.pick([1, 1, 1, 2, 3])
        let inChannels = groups * random.int(in: 1...2) * (random.chance(0.1) ? 0 : 1)
        let outChannels = groups * random.int(in: 1...3)
        let kernelSize = random.int(in: 1...5)
        let length = random.int(in: 0...12)
        let batch: Int? = random.chance(0.5) ? nil : random.int(in: 1...3)
        // A rank-1 input or weight when the channels allow it.
        let flatInput = batch == nil && inChannels == 1 && random.chance(0.5)
        let flatWeight = inChannels == 1 && outChannels == 1 && groups == 1 && random.chance(0.5)
        let inputShape = flatInput ? [length] : (batch.map { [$0] } ?? []) + [inChannels, length]
        let weightShape = flatWeight ? [kernelSize] : [outChannels, groups == 0 ? 0 : inChannels / groups, kernelSize]
        input = GeneratedConvolution.tensor(shape: inputShape, random: &random)
        weight = GeneratedConvolution.tensor(shape: weightShape, random: &random)

        var arguments = ["x", "w"]
        var call = random.pick(["conv", "conv1d", "F.conv1d", "torch.conv1d", "torch.nn.functional.conv1d"])
        let stride = random.int(in: 1...3)
        let dilation = random.int(in: 1...3)
        var padding = Padding.explicit(left: 0, right: 0)
        var mode = PaddingMode.zeros
        bias = nil
        switch random.int(in: 0...2) {
        case 0: break
        case 1:
            let value = GeneratedConvolution.value(&random)
            bias = Tensor(repeating: value, shape: [outChannels])
            arguments.append("b=\(value)")
        default:
            let values = (0..<outChannels).map { _ in GeneratedConvolution.value(&random) }
            bias = Tensor(values)
            arguments.append("bias=\(GeneratedConvolution.literal(values))")
        }
        if stride != 1 || random.chance(0.3) { arguments.append(random.pick(["s=\(stride)", "stride=\(stride)", "stride=(\(stride),)"])) }
        if dilation != 1 || random.chance(0.3) { arguments.append(random.pick(["d=\(dilation)", "dilation=\(dilation)"])) }
        switch random.int(in: 0...5) {
        case 0: break
        case 1:
            let amount = random.int(in: 0...3)
            padding = .explicit(left: amount, right: amount)
            arguments.append(random.pick(["p=\(amount)", "padding=\(amount)", "padding=(\(amount),)"]))
        case 2:
            let (left, right) = (random.int(in: 0...3), random.int(in: 0...3))
            padding = .explicit(left: left, right: right)
            arguments.append("p=(\(left), \(right))")
        default:
            let name = random.pick(["valid", "same", "causal", "full"])
            padding = [.valid, .same, .causal, .full][["valid", "same", "causal", "full"].firstIndex(of: name) ?? 0]
            arguments.append("p=\"\(name)\"")
        }
        if random.chance(0.4) {
            mode = random.pick(PaddingMode.allCases)
            arguments.append(random.pick(["mode=\"\(mode.rawValue)\"", "padding_mode=\"\(mode.rawValue)\""]))
        }
        if groups != 1 || random.chance(0.2) { arguments.append(random.pick(["g=\(groups)", "groups=\(groups)"])) }
        if random.chance(0.2) { arguments.append("k=\(kernelSize)") }
        parameters = ConvolutionParameters(stride: stride, padding: padding, dilation: dilation, groups: groups,
                                           paddingMode: mode)
        let head = Array(arguments.prefix(2))
        let rest = Array(arguments.dropFirst(2)).shuffled(using: &random)
        if random.chance(0.3) { call = "y = " + call }
        source = """
            let x = tensor(\(GeneratedConvolution.literal(input)))
            let w = \(GeneratedConvolution.literal(weight))
            \(call)(\((head + rest).joined(separator: ", ")))
            """
        if call.hasPrefix("y = ") { source += "\ny" }
    }

    /// What the reference kernel makes of the same inputs.
    func expected() -> Result<Tensor, ConvolutionError> {
        Result { () throws(ConvolutionError) -> Tensor in
            try Convolution.referenceConv1d(input, weight: weight, bias: bias, parameters: parameters)
        }
    }

    /// Values with two decimals, so the literal reads back as exactly the same `Double`.
    static func value(_ random: inout SplitMix64) -> Double {
        Double(random.int(in: -300...300)) / 100
    }

    static func tensor(shape: [Int], random: inout SplitMix64) -> Tensor {
        let count = shape.reduce(1, *)
        let scalars = (0..<count).map { _ in value(&random) }
        return Tensor(shape: shape, scalars: scalars) ?? Tensor(scalars)
    }

    static func literal(_ values: [Double]) -> String {
        "[" + values.map { "\($0)" }.joined(separator: ", ") + "]"
    }

    /// A nested list literal for any shape; an empty axis prints as `[]`, which the language
    /// reads as a rank-1 empty tensor, so such tensors are written with `zeros(shape)`.
    static func literal(_ tensor: Tensor) -> String {
        if tensor.count == 0 { return "zeros(\(tensor.shape.map(String.init).joined(separator: ", ")))" }
        func nested(_ axis: Int, _ offset: Int) -> String {
            if axis == tensor.rank - 1 { return literal(Array(tensor.scalars[offset..<(offset + tensor.shape[axis])])) }
            let stride = tensor.shape[(axis + 1)...].reduce(1, *)
            return "[" + (0..<tensor.shape[axis]).map { nested(axis + 1, offset + $0 * stride) }.joined(separator: ", ") + "]"
        }
        return tensor.rank == 0 ? "\(tensor.scalars.first ?? 0)" : nested(0, 0)
    }
}
