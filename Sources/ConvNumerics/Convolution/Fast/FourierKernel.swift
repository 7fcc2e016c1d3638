import CConvKernels

/// How the Fourier strategy cuts each row into overlap-save blocks, whatever the element type.
enum FourierBlocks {
    /// Largest kernel span we transform; a bigger one would need blocks beyond any sensible memory.
    static let largestSpan = 1 << 24

    /// The transform size up to `largest` with the fewest `n·log2(n)` per output, or `nil` when
    /// the FFT cannot run this geometry within `largest`.
    static func size(_ geometry: ConvolutionGeometry, largest: Int) -> Int? {
        guard geometry.stride == 1, geometry.kernelSpan <= largestSpan else { return nil }
        var size = 2
        while size < 2 * geometry.kernelSpan { size *= 2 }
        guard size <= largest else { return nil }
        var best = size
        var bestCost = Double.infinity
        for _ in 0..<6 where size <= largest {
            let cost = Double(count(geometry, size: size)) * Double(size) * Double(size.trailingZeroBitCount)
            if cost < bestCost {
                best = size
                bestCost = cost
            }
            // One block already covers every output: a bigger one only costs more.
            if size - geometry.kernelSpan + 1 >= geometry.outputLength { break }
            size *= 2
        }
        return best
    }

    /// Blocks of `size` needed to cover every output.
    static func count(_ geometry: ConvolutionGeometry, size: Int) -> Int {
        let valid = size - geometry.kernelSpan + 1
        return (geometry.outputLength + valid - 1) / valid
    }
}

/// The Fourier strategy (stride 1): overlap-save with power-of-two FFTs.
///
/// A block of `n` padded samples, circularly cross-correlated with the dilated kernel, gives
/// `n − E + 1` correct outputs. Two blocks travel together as the real and imaginary parts of
/// one complex transform: the kernel is real, so the two results come back separated the same
/// way. Units of work are (item, output channel, run of blocks).
struct FourierKernel<Scalar: ConvolutionScalar>: Sendable {
    let plan: ConvolutionPlan
    /// Samples per block (and transform size).
    let size: Int

    /// The kernel for `plan` with the best block size for `Scalar`, or `nil` when the FFT cannot
    /// run the plan in that type.
    init?(plan: ConvolutionPlan) {
        guard let size = FourierBlocks.size(plan.geometry, largest: Scalar.kernelCosts.largestAccurateBlock) else {
            return nil
        }
        self.plan = plan
        self.size = size
    }

    /// Correct outputs per block.
    private var validPerBlock: Int { size - plan.geometry.kernelSpan + 1 }

    func run(_ operands: KernelOperands<Scalar>, interrupt: InterruptFlag?) {
        let twiddleCount = max(1, size - 1)
        let twiddles = SharedTable<Scalar>(count: 2 * twiddleCount)
        defer { twiddles.deallocate() }
        Scalar.fftTwiddles(size: size, re: twiddles.base, im: twiddles.base + twiddleCount)
        let pairs = (FourierBlocks.count(plan.geometry, size: size) + 1) / 2
        let rows = plan.batch * plan.outChannels
        let cost = ConvolutionCostModel.cost(of: .fourier, for: plan, costs: Scalar.kernelCosts)
        let available = ParallelWork.workerCount(work: cost, units: rows * pairs)
        // Few rows: split each row's blocks between the workers too.
        let runsPerRow = rows >= available ? 1 : min(pairs, available)
        let units = rows * runsPerRow
        let workers = min(available, units)
        ParallelWork.run(workers: workers) { worker in
            var buffers = Buffers(size: size, twiddles: twiddles.base, twiddleCount: twiddleCount)
            defer { buffers.deallocate() }
            for unit in stride(from: worker, to: units, by: workers) {
                if interrupt?.isRaised == true { return }
                let run = unit % runsPerRow
                let pairRange = (run * pairs / runsPerRow)..<((run + 1) * pairs / runsPerRow)
                runUnit(
                    row: unit / runsPerRow, pairs: pairRange, operands, buffers: &buffers, interrupt: interrupt)
            }
        }
    }

    /// One worker's transform buffers: the block pair and the kernel's spectrum (both in the
    /// transform's bit-reversed order between the forward and the inverse transform).
    private struct Buffers {
        let size: Int
        let storage: UnsafeMutablePointer<Scalar>
        let twiddleRe: UnsafePointer<Scalar>
        let twiddleIm: UnsafePointer<Scalar>
        var re: UnsafeMutablePointer<Scalar> { storage }
        var im: UnsafeMutablePointer<Scalar> { storage + size }
        var kernelRe: UnsafeMutablePointer<Scalar> { storage + 2 * size }
        var kernelIm: UnsafeMutablePointer<Scalar> { storage + 3 * size }

        init(size: Int, twiddles: UnsafePointer<Scalar>, twiddleCount: Int) {
            self.size = size
            storage = .allocate(capacity: 4 * size)
            twiddleRe = twiddles
            twiddleIm = twiddles + twiddleCount
        }

        func transform(_ re: UnsafeMutablePointer<Scalar>, _ im: UnsafeMutablePointer<Scalar>, inverse: Bool) {
            Scalar.fft(
                level: CONV_KERNELS_BEST, re: re, im: im, twiddleRe: twiddleRe, twiddleIm: twiddleIm, size: size,
                inverse: inverse)
        }

        func deallocate() { storage.deallocate() }
    }

    /// Adds every input channel of the group to the blocks `pairs` of one output row.
    private func runUnit(
        row: Int, pairs: Range<Int>, _ operands: KernelOperands<Scalar>, buffers: inout Buffers, interrupt: InterruptFlag?
    ) {
        let geometry = plan.geometry
        let item = row / plan.outChannels
        let outChannel = row % plan.outChannels
        let group = outChannel / plan.outChannelsPerGroup
        let target = operands.output + row * geometry.outputLength
        for local in 0..<plan.inChannelsPerGroup {
            let channel = group * plan.inChannelsPerGroup + local
            loadKernelSpectrum(operands.weight + (outChannel * plan.inChannelsPerGroup + local) * geometry.kernelSize, buffers)
            let paddedRow = PaddedRow(
                source: operands.input + (item * plan.inChannels + channel) * geometry.inputLength,
                length: geometry.inputLength, left: geometry.left, mode: geometry.paddingMode)
            for pair in pairs {
                if interrupt?.isRaised == true { return }
                correlate(pair: pair, paddedRow, into: target, buffers)
            }
        }
    }

    /// The dilated kernel `h[j·d] = w[j]`, zero elsewhere, transformed.
    private func loadKernelSpectrum(_ taps: UnsafePointer<Scalar>, _ buffers: Buffers) {
        let geometry = plan.geometry
        buffers.kernelRe.update(repeating: 0, count: size)
        buffers.kernelIm.update(repeating: 0, count: size)
        for tap in 0..<geometry.kernelSize { buffers.kernelRe[tap * geometry.dilation] = taps[tap] }
        buffers.transform(buffers.kernelRe, buffers.kernelIm, inverse: false)
    }

    /// Blocks `2·pair` (real part) and `2·pair + 1` (imaginary part): transform, multiply by
    /// the conjugate kernel spectrum (correlation, not convolution), transform back, add.
    private func correlate(pair: Int, _ paddedRow: PaddedRow<Scalar>, into target: UnsafeMutablePointer<Scalar>, _ buffers: Buffers) {
        let valid = validPerBlock
        let outputLength = plan.geometry.outputLength
        let first = 2 * pair * valid
        let second = first + valid
        paddedRow.fill(from: first, count: size, into: buffers.re)
        if second < outputLength {
            paddedRow.fill(from: second, count: size, into: buffers.im)
        } else {
            buffers.im.update(repeating: 0, count: size)
        }
        buffers.transform(buffers.re, buffers.im, inverse: false)
        Scalar.multiplyConjugate(
            level: CONV_KERNELS_BEST, re: buffers.re, im: buffers.im, kernelRe: buffers.kernelRe,
            kernelIm: buffers.kernelIm, count: size)
        buffers.transform(buffers.re, buffers.im, inverse: true)
        let scale = 1 / Scalar(size)
        addScaled(buffers.re, count: min(valid, outputLength - first), scale: scale, to: target + first)
        if second < outputLength {
            addScaled(buffers.im, count: min(valid, outputLength - second), scale: scale, to: target + second)
        }
    }

    private func addScaled(_ values: UnsafePointer<Scalar>, count: Int, scale: Scalar, to target: UnsafeMutablePointer<Scalar>) {
        for index in 0..<count { target[index] += values[index] * scale }
    }
}
