import CConvKernels

/// Which kernel computes a convolution. All give the reference kernel's results up to
/// rounding; they differ only in speed.
enum ConvolutionStrategy: Sendable, Equatable, CaseIterable {
    /// ``ConvolutionKernel``: pads or unfolds each row, then a dot product per output. Handles
    /// every geometry within the memory of one row, including huge strides and paddings.
    case rows
    /// One vectorised dot-product pass per (output channel, input channel) pair.
    case direct
    /// A packed matrix multiply of the weights by the windows of the input, register-blocked
    /// over output channels and output samples.
    case multiply
    /// Overlap-save with power-of-two FFTs; stride 1 only.
    case fourier
}

/// Estimates what each strategy costs for a plan and picks the cheapest.
///
/// The costs are rough nanosecond estimates measured on an AVX2 + FMA machine; only their
/// ratios matter. Strategies that cannot run a plan (the FFT with a stride, any fast path when
/// the windows it reads would outgrow what ``ConvolutionKernel`` allocates) cost infinity.
enum ConvolutionCostModel {
    /// Nanoseconds per multiply-add of the direct kernel at stride 1, and at other strides.
    static let directUnitStride = 0.12
    static let directStrided = 0.9
    /// Nanoseconds per multiply-add of the matrix multiply when each register block is full.
    static let multiply = 0.045
    /// Nanoseconds per `n·log2(n)` of one complex FFT of size `n`.
    static let fourier = 0.55

    /// The strategy the cost model prefers.
    static func strategy(for plan: ConvolutionPlan) -> ConvolutionStrategy {
        let candidates: [ConvolutionStrategy] = [.direct, .multiply, .fourier]
        var best = ConvolutionStrategy.rows
        var bestCost = Double.infinity
        for candidate in candidates {
            let estimate = cost(of: candidate, for: plan)
            if estimate < bestCost {
                best = candidate
                bestCost = estimate
            }
        }
        return best
    }

    /// Whether `strategy` can compute `plan`.
    static func canRun(_ strategy: ConvolutionStrategy, _ plan: ConvolutionPlan) -> Bool {
        cost(of: strategy, for: plan) < .infinity
    }

    /// The estimated cost in nanoseconds, or infinity when the strategy cannot run the plan.
    static func cost(of strategy: ConvolutionStrategy, for plan: ConvolutionPlan) -> Double {
        if strategy == .rows { return multiplyAdds(plan) * directStrided * 2 }
        guard hasWork(plan), windowsStayBounded(plan) else { return .infinity }
        switch strategy {
        case .rows:
            return .infinity
        case .direct:
            return multiplyAdds(plan) * (plan.geometry.stride == 1 ? directUnitStride : directStrided)
        case .multiply:
            // Partly empty register blocks waste their share of the work.
            let rows = Double(plan.outChannelsPerGroup)
            let blocks = (rows / Double(CONV_KERNELS_MR)).rounded(.up)
            let fill = rows / (blocks * Double(CONV_KERNELS_MR))
            return multiplyAdds(plan) * multiply / fill
        case .fourier:
            guard let size = FourierKernel.blockSize(plan.geometry) else { return .infinity }
            let blocks = FourierKernel.blockCount(plan.geometry, size: size)
            let pairs = Double(plan.batch) * Double(plan.outChannels) * Double(plan.inChannelsPerGroup)
            let perTransform = Double(size) * Double(size.trailingZeroBitCount) * fourier
            // One transform per block (two blocks share a forward and an inverse), plus the kernel's.
            return pairs * (Double(blocks) + 1) * perTransform
        }
    }

    /// `N · out · (C/g) · L_out · k`, as a `Double` so it cannot overflow.
    static func multiplyAdds(_ plan: ConvolutionPlan) -> Double {
        Double(plan.outputCount) * Double(plan.inChannelsPerGroup) * Double(plan.kernelSize)
    }

    private static func hasWork(_ plan: ConvolutionPlan) -> Bool {
        plan.outputCount > 0 && plan.inChannelsPerGroup > 0
    }

    /// The fast paths read windows of the padded row; like ``ConvolutionKernel`` they must
    /// never need more than the padded row or the unfolded windows, whichever is smaller.
    private static func windowsStayBounded(_ plan: ConvolutionPlan) -> Bool {
        let geometry = plan.geometry
        return geometry.readLength <= geometry.outputLength.multipliedSaturating(by: geometry.kernelSize)
    }
}
