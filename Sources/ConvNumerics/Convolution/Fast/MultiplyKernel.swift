import CConvKernels

/// The multiply strategy: per group, `out[o, t] += Σ_(c,j) W[o, (c,j)] · xpad[c, t·s + j·d]`
/// as a matrix multiply whose right-hand rows are windows of the padded input (the unfolded
/// matrix is never built: the kernel packs a tile of it at a time straight from the windows).
///
/// Units of work are (item, group, tile of output samples), spread over the cores.
struct MultiplyKernel: Sendable {
    let plan: ConvolutionPlan

    /// Rows of the matrix multiply: `(C/g)·k`.
    var depth: Int { plan.inChannelsPerGroup * plan.kernelSize }

    /// Output samples per tile: the packed tile of the unfolded matrix stays near 256 KiB.
    var tileWidth: Int {
        let panel = conv_kernels_panel_width_f64()
        let target = max(panel, 32_768 / min(depth, 256) / panel * panel)
        return min(target, plan.outputLength)
    }

    /// Padded positions one tile reads from each input channel.
    var windowCapacity: Int {
        let geometry = plan.geometry
        return min(
            geometry.readLength,
            (tileWidth - 1).multipliedSaturating(by: geometry.stride).addingSaturating(geometry.kernelSpan))
    }

    /// Scratch doubles one worker needs for the windows of every channel of a group.
    var windowScratchCount: Int { windowCapacity.multipliedSaturating(by: plan.inChannelsPerGroup) }

    func run(_ operands: KernelOperands, interrupt: InterruptFlag?) {
        let rows = plan.outChannelsPerGroup
        let packedCount = conv_kernels_packed_weights_count_f64(rows, depth)
        let packed = SharedTable(count: packedCount * plan.groups)
        defer { packed.deallocate() }
        for group in 0..<plan.groups {
            conv_kernels_pack_weights_f64(
                operands.weight + group * rows * depth, depth, rows, depth, packed.base + group * packedCount)
        }
        let width = tileWidth
        let tilesPerRow = (plan.outputLength + width - 1) / width
        let units = plan.batch * plan.groups * tilesPerRow
        let workers = ParallelWork.workerCount(work: ConvolutionCostModel.multiplyAdds(plan), units: units)
        ParallelWork.run(workers: workers) { worker in
            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: conv_kernels_multiply_scratch_count_f64(depth, width))
            let windows = UnsafeMutablePointer<Double>.allocate(capacity: windowScratchCount)
            let rowStarts = UnsafeMutablePointer<UnsafePointer<Double>?>.allocate(capacity: depth)
            defer {
                scratch.deallocate()
                windows.deallocate()
                rowStarts.deallocate()
            }
            for unit in stride(from: worker, to: units, by: workers) {
                if interrupt?.isRaised == true { return }
                let tile = unit % tilesPerRow
                let itemGroup = unit / tilesPerRow
                let first = tile * width
                let columns = min(width, plan.outputLength - first)
                let group = itemGroup % plan.groups
                let item = itemGroup / plan.groups
                pointRows(
                    rowStarts, item: item, group: group, first: first, columns: columns,
                    input: operands.input, windows: windows)
                let target = operands.output + ((item * plan.outChannels + group * rows) * plan.outputLength + first)
                conv_kernels_multiply_f64(
                    CONV_KERNELS_BEST, packed.base + group * packedCount, rows, depth, rowStarts, plan.geometry.stride, columns,
                    scratch, target, plan.outputLength)
            }
        }
    }

    /// Points row `c·k + j` of the multiply at tap `j` of channel `c`'s window for the tile.
    private func pointRows(
        _ rowStarts: UnsafeMutablePointer<UnsafePointer<Double>?>, item: Int, group: Int, first: Int, columns: Int,
        input: UnsafePointer<Double>, windows: UnsafeMutablePointer<Double>
    ) {
        let geometry = plan.geometry
        let windowCount = (columns - 1) * geometry.stride + geometry.kernelSpan
        for local in 0..<plan.inChannelsPerGroup {
            let channel = group * plan.inChannelsPerGroup + local
            let paddedRow = PaddedRow(
                source: input + (item * plan.inChannels + channel) * geometry.inputLength,
                length: geometry.inputLength, left: geometry.left, mode: geometry.paddingMode)
            let window = paddedRow.window(
                from: first * geometry.stride, count: windowCount, scratch: windows + local * windowCapacity)
            for tap in 0..<geometry.kernelSize {
                rowStarts[local * geometry.kernelSize + tap] = window + tap * geometry.dilation
            }
        }
    }
}
