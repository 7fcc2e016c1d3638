import ConvNumerics

/// What a numeric workload aims for: a median time, or a rate of the direct definition's
/// floating-point operations.
enum BenchTarget {
    case milliseconds(Double)
    case gflops(Double)

    func isMet(milliseconds: Double, gflops: Double) -> Bool {
        switch self {
        case .milliseconds(let limit): milliseconds <= limit
        case .gflops(let rate): gflops >= rate
        }
    }

    var text: String {
        switch self {
        case .milliseconds(let limit): "≤ \(format1(limit)) ms"
        case .gflops(let rate): "≥ \(formatFixed(rate, digits: 0)) GFLOP/s"
        }
    }
}

/// One numeric benchmark workload: a convolution of a fixed shape on seeded random data, in
/// float64 or float32.
struct NumericWorkload {
    var name: String
    var summary: String
    var inputShape: [Int]
    var weightShape: [Int]
    var parameters: ConvolutionParameters
    var dtype: DType = .float64
    var target: BenchTarget
    /// Whether the peak memory above start-up must stay within twice the operands.
    var limitsMemory = true
    /// Sampled outputs are checked against float64 direct sums, within this relative error
    /// when it is given.
    var checksError = false
    var maximumError: Double?

    static let float64: [NumericWorkload] = [
        NumericWorkload(
            name: "W1", summary: "1 channel, L=1,000,000, k=9", inputShape: [1_000_000], weightShape: [9],
            parameters: ConvolutionParameters(), target: .milliseconds(1.2)),
        NumericWorkload(
            name: "W2", summary: "N=8, 64→64 ch, L=4096, k=3, p=1", inputShape: [8, 64, 4096],
            weightShape: [64, 64, 3], parameters: ConvolutionParameters(padding: .symmetric(1)),
            target: .milliseconds(16), limitsMemory: false),
        NumericWorkload(
            name: "W3", summary: "1 channel, L=1,000,000, k=4097", inputShape: [1_000_000], weightShape: [4097],
            parameters: ConvolutionParameters(), target: .milliseconds(30), checksError: true),
    ]

    /// W1–W3 in float32, PyTorch's default dtype, with their own targets.
    static let float32: [NumericWorkload] = zip(float64, [BenchTarget.milliseconds(0.6), .gflops(220), .milliseconds(4)])
        .map { workload, target in
            var float32 = workload
            float32.name += "f"
            float32.summary += ", float32"
            float32.dtype = .float32
            float32.target = target
            if workload.checksError { float32.maximumError = 1e-5 }
            return float32
        }

    static let all = float64 + float32

    static func named(_ name: String) -> NumericWorkload? { all.first { $0.name == name } }

    /// Seeded inputs in the workload's dtype, so every run and every peer sees data of the same kind.
    func makeOperands() -> (input: Tensor, weight: Tensor)? {
        var generator = TorchGenerator(seed: 6)
        func values(_ shape: [Int]) -> Tensor? {
            let count = Tensor.elementCount(of: shape) ?? 0
            let scalars = (0..<count).map { _ in Double(generator.uniformFloat(from: -1, to: 1)) }
            return Tensor(shape: shape, scalars: scalars)?.converted(to: dtype)
        }
        guard let input = values(inputShape), let weight = values(weightShape) else { return nil }
        return (input, weight)
    }

    /// Floating-point operations of the direct definition: two per multiply-add.
    func flops(outputCount: Int) -> Double {
        let perOutput = weightShape.count == 3 ? weightShape[1] * weightShape[2] : weightShape[0]
        return 2 * Double(outputCount) * Double(perOutput)
    }

    /// Bytes of input plus output, for the memory rule.
    func operandBytes(outputCount: Int) -> Double {
        Double((Tensor.elementCount(of: inputShape) ?? 0) + outputCount) * Double(dtype.byteSize)
    }
}
