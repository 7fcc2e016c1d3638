import CConvKernels

/// The direct strategy: for each (output channel, input channel) pair, one vectorised pass of
/// `out[i] += Σ_j w[j] · xpad[i·s + j·d]` over a chunk of outputs.
///
/// Chunks inside the input read it in place; only the chunks at the edges assemble their
/// padded window in scratch. Units of work are (item, output channel, chunk), spread over the
/// cores when there is enough work.
struct DirectKernel: Sendable {
    let plan: ConvolutionPlan
    /// Outputs per unit of work: enough to amortise the call, small enough to share out.
    static let chunk = 4096

    func run(
        _ operands: KernelOperands, interrupt: InterruptFlag?
    ) {
        let geometry = plan.geometry
        let chunksPerRow = (geometry.outputLength + Self.chunk - 1) / Self.chunk
        let units = plan.batch * plan.outChannels * chunksPerRow
        let workers = ParallelWork.workerCount(work: ConvolutionCostModel.multiplyAdds(plan), units: units)
        let scratchCount = min(
            geometry.readLength,
            (Self.chunk - 1).multipliedSaturating(by: geometry.stride).addingSaturating(geometry.kernelSpan))
        ParallelWork.run(workers: workers) { worker in
            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: scratchCount)
            defer { scratch.deallocate() }
            for unit in stride(from: worker, to: units, by: workers) {
                if interrupt?.isRaised == true { return }
                runUnit(
                    row: unit / chunksPerRow, chunkIndex: unit % chunksPerRow, operands, scratch: scratch)
            }
        }
    }

    /// Adds every input channel of the group to one chunk of one output row.
    private func runUnit(
        row: Int, chunkIndex: Int, _ operands: KernelOperands, scratch: UnsafeMutablePointer<Double>
    ) {
        let geometry = plan.geometry
        let item = row / plan.outChannels
        let outChannel = row % plan.outChannels
        let group = outChannel / plan.outChannelsPerGroup
        let first = chunkIndex * Self.chunk
        let count = min(Self.chunk, geometry.outputLength - first)
        let windowCount = (count - 1) * geometry.stride + geometry.kernelSpan
        let target = operands.output + row * geometry.outputLength + first
        for local in 0..<plan.inChannelsPerGroup {
            let channel = group * plan.inChannelsPerGroup + local
            let paddedRow = PaddedRow(
                source: operands.input + (item * plan.inChannels + channel) * geometry.inputLength,
                length: geometry.inputLength, left: geometry.left, mode: geometry.paddingMode)
            let window = paddedRow.window(from: first * geometry.stride, count: windowCount, scratch: scratch)
            let taps = operands.weight + (outChannel * plan.inChannelsPerGroup + local) * geometry.kernelSize
            conv_kernels_row(window, count, geometry.stride, geometry.dilation, taps, geometry.kernelSize, target)
        }
    }
}
