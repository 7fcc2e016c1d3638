import CConvKernels

/// The direct strategy: for each (output channel, input channel) pair, one vectorised pass of
/// `out[i] += Σ_j w[j] · xpad[i·s + j·d]` over a chunk of outputs.
///
/// Chunks inside the input read it in place; only the chunks at the edges assemble their
/// padded window in scratch. Units of work are (item, output channel, chunk), spread over the
/// cores when there is enough work.
struct DirectKernel<Scalar: ConvolutionScalar>: Sendable {
    let plan: ConvolutionPlan
    /// Outputs per unit of work at most: enough to amortise the call, small enough to share out.
    static var maximumChunk: Int { 4096 }
    /// About how many multiply-adds one unit may take: a few milliseconds, so that an interrupt
    /// (Ctrl-C, a host's cancel, a time limit), polled between units, is honoured promptly even
    /// for very long kernels.
    static var unitBudget: Int { 1 << 22 }

    /// Outputs per unit of work for this plan: fewer when each output costs many multiply-adds.
    var chunk: Int {
        let perOutput = max(1, plan.geometry.kernelSize.multipliedSaturating(by: plan.inChannelsPerGroup))
        return min(Self.maximumChunk, max(16, Self.unitBudget / perOutput))
    }

    func run(_ operands: KernelOperands<Scalar>, interrupt: InterruptFlag?) {
        let geometry = plan.geometry
        let chunksPerRow = (geometry.outputLength + chunk - 1) / chunk
        let units = plan.batch * plan.outChannels * chunksPerRow
        let workers = ParallelWork.workerCount(work: ConvolutionCostModel.multiplyAdds(plan), units: units)
        let scratchCount = min(
            geometry.readLength,
            (chunk - 1).multipliedSaturating(by: geometry.stride).addingSaturating(geometry.kernelSpan))
        let queue = WorkQueue(units: units, workers: workers)
        ParallelWork.run(workers: workers) { _ in
            let scratch = UnsafeMutablePointer<Scalar>.allocate(capacity: scratchCount)
            defer { scratch.deallocate() }
            queue.forEachUnit { unit in
                if interrupt?.isRaised == true { return false }
                runUnit(
                    row: unit / chunksPerRow, chunkIndex: unit % chunksPerRow, operands, scratch: scratch)
                return true
            }
        }
    }

    /// Adds every input channel of the group to one chunk of one output row.
    private func runUnit(
        row: Int, chunkIndex: Int, _ operands: KernelOperands<Scalar>, scratch: UnsafeMutablePointer<Scalar>
    ) {
        let geometry = plan.geometry
        let item = row / plan.outChannels
        let outChannel = row % plan.outChannels
        let group = outChannel / plan.outChannelsPerGroup
        let first = chunkIndex * chunk
        let count = min(chunk, geometry.outputLength - first)
        let windowCount = (count - 1) * geometry.stride + geometry.kernelSpan
        let target = operands.output + row * geometry.outputLength + first
        for local in 0..<plan.inChannelsPerGroup {
            let channel = group * plan.inChannelsPerGroup + local
            let paddedRow = PaddedRow(
                source: operands.input + (item * plan.inChannels + channel) * geometry.inputLength,
                length: geometry.inputLength, left: geometry.left, mode: geometry.paddingMode)
            let window = paddedRow.window(from: first * geometry.stride, count: windowCount, scratch: scratch)
            let taps = operands.weight + (outChannel * plan.inChannelsPerGroup + local) * geometry.kernelSize
            Scalar.row(
                level: CONV_KERNELS_BEST, window, count: count, stride: geometry.stride, dilation: geometry.dilation,
                taps: taps, tapCount: geometry.kernelSize, into: target)
        }
    }
}
