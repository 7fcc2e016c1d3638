import CConvKernels

/// The multiply strategy: per group, `out[o, t] += Σ_(c,j) W[o, (c,j)] · xpad[c, t·s + j·d]`
/// as a matrix multiply whose right-hand rows are windows of the padded input (the unfolded
/// matrix is never built: the kernel packs a tile of it at a time straight from the windows).
///
/// Units of work are (item, group, tile of output samples), each worker taking runs of
/// consecutive units from a ``WorkQueue``, so that the tile it packs next is mostly the one the
/// kernel prefetches. The kernel
/// writes every output element once, starting from its channel's bias, so the output needs no
/// clearing beforehand.
struct MultiplyKernel<Scalar: ConvolutionScalar>: Sendable {
    let plan: ConvolutionPlan

    /// Rows of the matrix multiply: `(C/g)·k`.
    var depth: Int { plan.inChannelsPerGroup * plan.kernelSize }

    /// Output samples per tile: the packed tile of the unfolded matrix stays near 256 KiB.
    var tileWidth: Int {
        let panel = Scalar.panelWidth
        let tileElements = 262_144 / MemoryLayout<Scalar>.stride
        let target = max(panel, tileElements / min(depth, 256) / panel * panel)
        return min(target, plan.outputLength)
    }

    /// Padded positions one tile reads from each input channel.
    var windowCapacity: Int {
        let geometry = plan.geometry
        return min(
            geometry.readLength,
            (tileWidth - 1).multipliedSaturating(by: geometry.stride).addingSaturating(geometry.kernelSpan))
    }

    /// Scratch elements one worker needs for the windows of every channel of a group.
    var windowScratchCount: Int { windowCapacity.multipliedSaturating(by: plan.inChannelsPerGroup) }

    /// Writes every output element (whatever `operands.output` held) as its channel's bias, or
    /// zero, plus the sum.
    func run(_ operands: KernelOperands<Scalar>, bias: [Scalar]?, interrupt: InterruptFlag?) {
        let rows = plan.outChannelsPerGroup
        let packedCount = Scalar.packedWeightsCount(rows: rows, depth: depth)
        let packed = SharedTable<Scalar>(count: packedCount * plan.groups)
        let starts = SharedTable<Scalar>(count: plan.outChannels)
        defer {
            packed.deallocate()
            starts.deallocate()
        }
        for channel in 0..<plan.outChannels { starts.base[channel] = bias?[channel] ?? 0 }
        for group in 0..<plan.groups {
            Scalar.packWeights(
                operands.weight + group * rows * depth, rowStride: depth, rows: rows, depth: depth,
                into: packed.base + group * packedCount)
        }
        let width = tileWidth
        let tilesPerRow = (plan.outputLength + width - 1) / width
        let units = plan.batch * plan.groups * tilesPerRow
        let workers = ParallelWork.workerCount(work: ConvolutionCostModel.multiplyAdds(plan), units: units)
        let queue = WorkQueue(units: units, workers: workers)
        ParallelWork.run(workers: workers) { _ in
            let scratch = UnsafeMutablePointer<Scalar>.allocate(
                capacity: Scalar.multiplyScratchCount(
                    depth: depth, columns: width, taps: plan.kernelSize, dilation: plan.geometry.dilation))
            let windows = UnsafeMutablePointer<Scalar>.allocate(capacity: windowScratchCount)
            let rowStarts = UnsafeMutablePointer<UnsafePointer<Scalar>?>.allocate(capacity: depth)
            defer {
                scratch.deallocate()
                windows.deallocate()
                rowStarts.deallocate()
            }
            queue.forEachUnit { unit in
                if interrupt?.isRaised == true { return false }
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
                Scalar.multiply(
                    level: CONV_KERNELS_BEST, packed: packed.base + group * packedCount, rows: rows, depth: depth,
                    rowStarts: rowStarts, columnStride: plan.geometry.stride, columns: columns, taps: plan.kernelSize,
                    dilation: plan.geometry.dilation, scratch: scratch,
                    into: target, outputStride: plan.outputLength, initial: starts.base + group * rows)
                return true
            }
        }
    }

    /// Points row `c·k + j` of the multiply at tap `j` of channel `c`'s window for the tile: the
    /// rows come in windows of `k` taps, `d` apart, which the kernel packs once each.
    private func pointRows(
        _ rowStarts: UnsafeMutablePointer<UnsafePointer<Scalar>?>, item: Int, group: Int, first: Int, columns: Int,
        input: UnsafePointer<Scalar>, windows: UnsafeMutablePointer<Scalar>
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
