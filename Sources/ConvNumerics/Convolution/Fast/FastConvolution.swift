/// Runs a validated plan with the chosen strategy, starting every output row at its bias.
struct FastConvolution {
    let plan: ConvolutionPlan
    let strategy: ConvolutionStrategy

    /// Computes every output element, or throws `.interrupted` when `interrupt` is raised.
    func run(
        input: [Double], weight: [Double], bias: [Double]?, interrupt: InterruptFlag?
    ) throws(ConvolutionError) -> [Double] {
        if interrupt?.isRaised == true { throw .interrupted }
        var output = initialOutput(bias: bias)
        input.withUnsafeBufferPointer { input in
            weight.withUnsafeBufferPointer { weight in
                output.withUnsafeMutableBufferPointer { output in
                    guard let x = input.baseAddress, let w = weight.baseAddress, let out = output.baseAddress else { return }
                    let operands = KernelOperands(input: x, weight: w, output: out)
                    switch strategy {
                    case .rows:
                        return
                    case .direct:
                        DirectKernel(plan: plan).run(operands, interrupt: interrupt)
                    case .multiply:
                        MultiplyKernel(plan: plan).run(operands, interrupt: interrupt)
                    case .fourier:
                        guard let size = FourierKernel.blockSize(plan.geometry) else { return }
                        FourierKernel(plan: plan, size: size).run(operands, interrupt: interrupt)
                    }
                }
            }
        }
        if interrupt?.isRaised == true { throw .interrupted }
        return output
    }

    /// Every output row filled with its channel's bias (or zero), written once.
    private func initialOutput(bias: [Double]?) -> [Double] {
        guard let bias else { return [Double](repeating: 0, count: plan.outputCount) }
        let length = plan.outputLength
        return [Double](unsafeUninitializedCapacity: plan.outputCount) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            for row in 0..<(plan.batch * plan.outChannels) {
                (base + row * length).initialize(repeating: bias[row % plan.outChannels], count: length)
            }
            initialized = plan.outputCount
        }
    }
}
