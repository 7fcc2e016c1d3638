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
    /// Winograd's minimal filtering (``WinogradKernel``): fewer multiplications for kernels of
    /// 2 to 4 taps at stride 1 and dilation 1, as matrix products of transformed tiles.
    case winograd
}

/// What one element type's kernels cost, for ``ConvolutionCostModel``: nanoseconds measured on
/// one core of an AVX-512 machine (only their ratios matter), and how far the FFT's rounding
/// may be trusted.
struct KernelCosts: Sendable, Equatable {
    /// Nanoseconds per multiply-add of the direct kernel at stride 1, and at other strides.
    var directUnitStride: Double
    var directStrided: Double
    /// Nanoseconds per multiply-add of the matrix multiply when each register block is full.
    var multiply: Double
    /// Nanoseconds per `n·log2(n)` of one complex FFT of size `n`.
    var fourier: Double
    /// The largest FFT block whose rounding keeps results within the type's tolerance of the
    /// direct result; longer kernels never take the FFT.
    var largestAccurateBlock: Int
    /// Nanoseconds per tile and channel of a Winograd transform (input or output): W2f's in
    /// float32, on one core of the machine measured, reading the input from and writing the
    /// output to memory, 1.05 and 1.25 (0.45 when all stays in cache). Float64 vectors carry
    /// half the tiles.
    var winogradTransform: Double
    /// Tiles the Winograd transforms take at once (``ConvolutionScalar/winogradLanes``).
    var winogradLanes: Int

    /// The FFT's rounding in float64 stays near 1e-15 of the largest output at any block size.
    static let float64 = KernelCosts(
        directUnitStride: 0.065, directStrided: 0.27, multiply: 0.024, fourier: 0.18, largestAccurateBlock: .max,
        winogradTransform: 2.0, winogradLanes: 8)
    /// Float vectors carry twice the lanes, and every vectorised kernel runs about twice as
    /// fast: the multiply (6 × 32 register blocks with AVX-512), the FFT (whose stages are whole
    /// vectors or in registers) and, a little less, the stride-1 direct kernel (its loads bound
    /// it); the strided direct loop, scalar in both types, is no faster.
    ///
    /// The FFT's rounding in float32, measured against float64 direct sums on uniform random
    /// data (kernels of up to 1,024 taps): at most 3.3e-7 of the largest output for every block
    /// from 2^3 to 2^22, far inside float32's 1e-5 and growing no faster than `log2(n)`. Blocks
    /// beyond the largest measured are not trusted.
    static let float32 = KernelCosts(
        directUnitStride: 0.04, directStrided: 0.27, multiply: 0.012, fourier: 0.09, largestAccurateBlock: 1 << 22,
        winogradTransform: 1.0, winogradLanes: 16)
}

/// Estimates what each strategy costs for a plan in one element type and picks the cheapest.
///
/// Strategies that cannot run a plan (the FFT with a stride or beyond its accurate block size,
/// any fast path when the windows it reads would outgrow what ``ConvolutionKernel`` allocates)
/// cost infinity.
enum ConvolutionCostModel {
    /// The strategy the cost model prefers.
    static func strategy(for plan: ConvolutionPlan, costs: KernelCosts) -> ConvolutionStrategy {
        let candidates: [ConvolutionStrategy] = [.direct, .multiply, .fourier, .winograd]
        var best = ConvolutionStrategy.rows
        var bestCost = Double.infinity
        for candidate in candidates {
            let estimate = cost(of: candidate, for: plan, costs: costs)
            if estimate < bestCost {
                best = candidate
                bestCost = estimate
            }
        }
        return best
    }

    /// Whether `strategy` can compute `plan`.
    static func canRun(_ strategy: ConvolutionStrategy, _ plan: ConvolutionPlan, costs: KernelCosts) -> Bool {
        cost(of: strategy, for: plan, costs: costs) < .infinity
    }

    /// The estimated cost in nanoseconds, or infinity when the strategy cannot run the plan.
    static func cost(of strategy: ConvolutionStrategy, for plan: ConvolutionPlan, costs: KernelCosts) -> Double {
        if strategy == .rows { return multiplyAdds(plan) * costs.directStrided * 2 }
        guard hasWork(plan), windowsStayBounded(plan) else { return .infinity }
        switch strategy {
        case .rows:
            return .infinity
        case .direct:
            return multiplyAdds(plan) * (plan.geometry.stride == 1 ? costs.directUnitStride : costs.directStrided)
        case .multiply:
            return multiplyAdds(plan) * costs.multiply / rowFill(plan)
        case .winograd:
            guard let tile = WinogradTile(plan) else { return .infinity }
            let blocks = WinogradBlocks(plan, tile: tile, lanes: costs.winogradLanes)
            guard blocks.fitsMemory else { return .infinity }
            let tiles = Double(plan.batch) * Double(plan.groups) * Double(blocks.tilesPerRow)
            let inPerGroup = Double(plan.inChannelsPerGroup)
            let products = tiles * Double(tile.inputs) * Double(plan.outChannelsPerGroup) * inPerGroup
            // Each product is one multiply of depth C/g: short depths pay the register blocks'
            // start and store, about 8 steps' worth.
            let depthFill = inPerGroup / (inPerGroup + 8)
            let transforms = tiles * (inPerGroup + Double(plan.outChannelsPerGroup)) * costs.winogradTransform
            return products * costs.multiply / (rowFill(plan) * depthFill) + transforms
        case .fourier:
            guard let size = FourierBlocks.size(plan.geometry, largest: costs.largestAccurateBlock) else {
                return .infinity
            }
            let blocks = FourierBlocks.count(plan.geometry, size: size)
            let pairs = Double(plan.batch) * Double(plan.outChannels) * Double(plan.inChannelsPerGroup)
            let perTransform = Double(size) * Double(size.trailingZeroBitCount) * costs.fourier
            // One transform per block (two blocks share a forward and an inverse), plus the kernel's.
            return pairs * (Double(blocks) + 1) * perTransform
        }
    }

    /// The share of the multiply's register blocks of `MR` output channels that is used.
    private static func rowFill(_ plan: ConvolutionPlan) -> Double {
        let rows = Double(plan.outChannelsPerGroup)
        let blocks = (rows / Double(CONV_KERNELS_MR)).rounded(.up)
        return rows / (blocks * Double(CONV_KERNELS_MR))
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
