import ConvNumerics

/// One numeric benchmark workload: a convolution of a fixed shape on seeded random data.
struct NumericWorkload {
    var name: String
    var summary: String
    var inputShape: [Int]
    var weightShape: [Int]
    var parameters: ConvolutionParameters
    /// The median time conv aims to stay under, in milliseconds.
    var targetMilliseconds: Double

    static let all: [NumericWorkload] = [
        NumericWorkload(
            name: "W1", summary: "1 channel, L=1,000,000, k=9", inputShape: [1_000_000], weightShape: [9],
            parameters: ConvolutionParameters(), targetMilliseconds: 1.2),
        NumericWorkload(
            name: "W2", summary: "N=8, 64→64 ch, L=4096, k=3, p=1", inputShape: [8, 64, 4096],
            weightShape: [64, 64, 3], parameters: ConvolutionParameters(padding: .symmetric(1)),
            targetMilliseconds: 16),
        NumericWorkload(
            name: "W3", summary: "1 channel, L=1,000,000, k=4097", inputShape: [1_000_000], weightShape: [4097],
            parameters: ConvolutionParameters(), targetMilliseconds: 30),
    ]

    static func named(_ name: String) -> NumericWorkload? { all.first { $0.name == name } }

    /// Seeded inputs, so every run and every peer sees data of the same kind.
    func makeOperands() -> (input: Tensor, weight: Tensor)? {
        var generator = TorchGenerator(seed: 6)
        func values(_ shape: [Int]) -> Tensor? {
            let count = Tensor.elementCount(of: shape) ?? 0
            return Tensor(shape: shape, scalars: (0..<count).map { _ in Double(generator.uniformFloat(from: -1, to: 1)) })
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
        Double((Tensor.elementCount(of: inputShape) ?? 0) + outputCount) * 8
    }
}
