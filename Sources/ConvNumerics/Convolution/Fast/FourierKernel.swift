import CConvKernels

/// The Fourier strategy (stride 1): overlap-save with power-of-two FFTs.
///
/// A block of `n` padded samples, circularly cross-correlated with the dilated kernel, gives
/// `n − E + 1` correct outputs. Two blocks travel together as the real and imaginary parts of
/// one complex transform: the kernel is real, so the two results come back separated the same
/// way. Units of work are (item, output channel, run of blocks).
struct FourierKernel: Sendable {
    let plan: ConvolutionPlan
    let size: Int

    /// Largest kernel span we transform; a bigger one would need blocks beyond any sensible memory.
    static let largestSpan = 1 << 24

    /// The transform size with the fewest `n·log2(n)` per output, or `nil` when the FFT cannot
    /// run this geometry.
    static func blockSize(_ geometry: ConvolutionGeometry) -> Int? {
        guard geometry.stride == 1, geometry.kernelSpan <= largestSpan else { return nil }
        var size = 2
        while size < 2 * geometry.kernelSpan { size *= 2 }
        var best = size
        var bestCost = Double.infinity
        for _ in 0..<6 {
            let cost = Double(blockCount(geometry, size: size)) * Double(size) * Double(size.trailingZeroBitCount)
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
    static func blockCount(_ geometry: ConvolutionGeometry, size: Int) -> Int {
        let valid = size - geometry.kernelSpan + 1
        return (geometry.outputLength + valid - 1) / valid
    }

    /// Correct outputs per block.
    private var validPerBlock: Int { size - plan.geometry.kernelSpan + 1 }

    func run(
        _ operands: KernelOperands, interrupt: InterruptFlag?
    ) {
        let twiddleCount = max(1, size - 1)
        let twiddles = SharedTable(count: 2 * twiddleCount)
        defer { twiddles.deallocate() }
        conv_kernels_fft_twiddles_f64(size, twiddles.base, twiddles.base + twiddleCount)
        let pairs = (Self.blockCount(plan.geometry, size: size) + 1) / 2
        let rows = plan.batch * plan.outChannels
        let cost = ConvolutionCostModel.cost(of: .fourier, for: plan)
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

    /// One worker's transform buffers: the block pair, the kernel's spectrum, and scratch.
    private struct Buffers {
        let size: Int
        let storage: UnsafeMutablePointer<Double>
        let twiddleRe: UnsafePointer<Double>
        let twiddleIm: UnsafePointer<Double>
        var re: UnsafeMutablePointer<Double> { storage }
        var im: UnsafeMutablePointer<Double> { storage + size }
        var kernelRe: UnsafeMutablePointer<Double> { storage + 2 * size }
        var kernelIm: UnsafeMutablePointer<Double> { storage + 3 * size }
        var workRe: UnsafeMutablePointer<Double> { storage + 4 * size }
        var workIm: UnsafeMutablePointer<Double> { storage + 5 * size }

        init(size: Int, twiddles: UnsafePointer<Double>, twiddleCount: Int) {
            self.size = size
            storage = .allocate(capacity: 6 * size)
            twiddleRe = twiddles
            twiddleIm = twiddles + twiddleCount
        }

        func transform(_ re: UnsafeMutablePointer<Double>, _ im: UnsafeMutablePointer<Double>, inverse: Bool) {
            conv_kernels_fft_f64(CONV_KERNELS_BEST, re, im, workRe, workIm, twiddleRe, twiddleIm, size, inverse ? 1 : 0)
        }

        func deallocate() { storage.deallocate() }
    }

    /// Adds every input channel of the group to the blocks `pairs` of one output row.
    private func runUnit(
        row: Int, pairs: Range<Int>, _ operands: KernelOperands, buffers: inout Buffers, interrupt: InterruptFlag?
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
    private func loadKernelSpectrum(_ taps: UnsafePointer<Double>, _ buffers: Buffers) {
        let geometry = plan.geometry
        buffers.kernelRe.update(repeating: 0, count: size)
        buffers.kernelIm.update(repeating: 0, count: size)
        for tap in 0..<geometry.kernelSize { buffers.kernelRe[tap * geometry.dilation] = taps[tap] }
        buffers.transform(buffers.kernelRe, buffers.kernelIm, inverse: false)
    }

    /// Blocks `2·pair` (real part) and `2·pair + 1` (imaginary part): transform, multiply by
    /// the conjugate kernel spectrum (correlation, not convolution), transform back, add.
    private func correlate(pair: Int, _ paddedRow: PaddedRow, into target: UnsafeMutablePointer<Double>, _ buffers: Buffers) {
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
        conv_kernels_multiply_conjugate_f64(
            CONV_KERNELS_BEST, buffers.re, buffers.im, buffers.kernelRe, buffers.kernelIm, size)
        buffers.transform(buffers.re, buffers.im, inverse: true)
        let scale = 1 / Double(size)
        addScaled(buffers.re, count: min(valid, outputLength - first), scale: scale, to: target + first)
        if second < outputLength {
            addScaled(buffers.im, count: min(valid, outputLength - second), scale: scale, to: target + second)
        }
    }

    private func addScaled(_ values: UnsafePointer<Double>, count: Int, scale: Double, to target: UnsafeMutablePointer<Double>) {
        for index in 0..<count { target[index] += values[index] * scale }
    }
}
