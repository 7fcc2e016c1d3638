/// Runs a validated plan with the chosen strategy, starting every output row at its bias.
struct FastConvolution<Scalar: ConvolutionScalar> {
    let plan: ConvolutionPlan
    let strategy: ConvolutionStrategy

    /// Computes every output element, or throws `.interrupted` when `interrupt` is raised.
    func run(
        input: [Scalar], weight: [Scalar], bias: [Scalar]?, interrupt: InterruptFlag?
    ) throws(ConvolutionError) -> [Scalar] {
        if interrupt?.isRaised == true { throw .interrupted }
        // The multiply and Winograd kernels write every element themselves, bias included.
        let writesAll = strategy == .multiply || strategy == .winograd
        var output = writesAll ? uninitializedOutput() : initialOutput(bias: bias)
        input.withUnsafeBufferPointer { input in
            weight.withUnsafeBufferPointer { weight in
                output.withUnsafeMutableBufferPointer { output in
                    guard let x = input.baseAddress, let w = weight.baseAddress, let out = output.baseAddress else { return }
                    let operands = KernelOperands(input: x, weight: w, output: out)
                    switch strategy {
                    case .rows:
                        return
                    case .direct:
                        DirectKernel<Scalar>(plan: plan).run(operands, interrupt: interrupt)
                    case .multiply:
                        MultiplyKernel<Scalar>(plan: plan).run(operands, bias: bias, interrupt: interrupt)
                    case .fourier:
                        FourierKernel<Scalar>(plan: plan)?.run(operands, interrupt: interrupt)
                    case .winograd:
                        WinogradKernel<Scalar>(plan: plan)?.run(operands, bias: bias, interrupt: interrupt)
                    }
                }
            }
        }
        if interrupt?.isRaised == true { throw .interrupted }
        return output
    }

    /// Room for every output element, left for the kernel to write (an interrupted run's
    /// partial output is thrown away).
    private func uninitializedOutput() -> [Scalar] {
        [Scalar](unsafeUninitializedCapacity: plan.outputCount) { _, initialized in initialized = plan.outputCount }
    }

    /// Every output row filled with its channel's bias (or zero), written once.
    private func initialOutput(bias: [Scalar]?) -> [Scalar] {
        guard let bias else { return [Scalar](repeating: 0, count: plan.outputCount) }
        let length = plan.outputLength
        return [Scalar](unsafeUninitializedCapacity: plan.outputCount) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            for row in 0..<(plan.batch * plan.outChannels) {
                (base + row * length).initialize(repeating: bias[row % plan.outChannels], count: length)
            }
            initialized = plan.outputCount
        }
    }
}
