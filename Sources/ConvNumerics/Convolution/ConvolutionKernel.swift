/// The main convolution kernel: pads each input row once, then runs a contiguous dot product
/// per output sample.
///
/// Work is ordered item → input channel → output channel of that channel's group, so each
/// input row is padded exactly once and reused by every output channel that reads it.
struct ConvolutionKernel {
    let plan: ConvolutionPlan

    /// How one input row is laid out for the dot products.
    ///
    /// A padded row needs `(L_out−1)·s + E` values; an unfolded row (one window of `k`
    /// values per output sample) needs `L_out·k`. We keep the smaller, so a huge stride or
    /// padding can never make us allocate far more than the output itself.
    private struct RowLayout {
        /// Values in the row buffer.
        var count: Int
        /// Distance in the buffer between the windows of consecutive output samples.
        var windowStride: Int
        /// Distance in the buffer between consecutive taps of one window.
        var tapStride: Int
        /// Whether the buffer holds windows side by side rather than the padded row.
        var isUnfolded: Bool
    }

    private var layout: RowLayout {
        let geometry = plan.geometry
        let unfoldedCount = geometry.outputLength.multipliedSaturating(by: geometry.kernelSize)
        if geometry.readLength <= unfoldedCount {
            return RowLayout(
                count: geometry.readLength, windowStride: geometry.stride,
                tapStride: geometry.dilation, isUnfolded: false)
        }
        return RowLayout(count: unfoldedCount, windowStride: geometry.kernelSize, tapStride: 1, isUnfolded: true)
    }

    /// Computes every output element in the operands' type, or throws `.interrupted` when
    /// `interrupt` is raised.
    func run<Scalar: TensorScalar>(
        _ operands: ConvolutionOperands<Scalar>, interrupt: InterruptFlag?
    ) throws(ConvolutionError) -> [Scalar] {
        let (input, weight) = (operands.input, operands.weight)
        var output = initialOutput(bias: operands.bias)
        // An empty output or empty groups leave only the bias; skipping them also means the
        // extents used below are backed by real elements.
        guard plan.outputCount > 0, plan.inChannelsPerGroup > 0 else { return output }
        let layout = self.layout
        var row = [Scalar](repeating: 0, count: layout.count)
        for item in 0..<plan.batch {
            for channel in 0..<plan.inChannels {
                fillRow(&row, layout: layout, input: input, item: item, channel: channel)
                for outChannel in outChannels(readingChannel: channel) {
                    if interrupt?.isRaised == true { throw .interrupted }
                    accumulate(
                        row: row, layout: layout, weight: weight, item: item,
                        channel: channel, outChannel: outChannel, into: &output)
                }
            }
        }
        return output
    }

    /// Every output row starts at its channel's bias (or zero).
    private func initialOutput<Scalar: TensorScalar>(bias: [Scalar]?) -> [Scalar] {
        var output = [Scalar](repeating: 0, count: plan.outputCount)
        guard let bias, plan.outputLength > 0 else { return output }
        for rowIndex in 0..<(plan.batch * plan.outChannels) {
            let start = rowIndex * plan.outputLength
            output.replaceSubrange(
                start..<(start + plan.outputLength),
                with: repeatElement(bias[rowIndex % plan.outChannels], count: plan.outputLength))
        }
        return output
    }

    /// The output channels of the group that input channel `channel` belongs to.
    private func outChannels(readingChannel channel: Int) -> Range<Int> {
        let group = channel / plan.inChannelsPerGroup
        let first = group * plan.outChannelsPerGroup
        return first..<(first + plan.outChannelsPerGroup)
    }

    private func fillRow<Scalar: TensorScalar>(
        _ row: inout [Scalar], layout: RowLayout, input: [Scalar], item: Int, channel: Int
    ) {
        let length = plan.inputLength
        let start = (item * plan.inChannels + channel) * length
        input.withUnsafeBufferPointer { all in
            let source = UnsafeBufferPointer(rebasing: all[start..<(start + length)])
            row.withUnsafeMutableBufferPointer { buffer in
                if layout.isUnfolded {
                    fillUnfolded(buffer, from: source)
                } else {
                    fillPadded(buffer, from: source)
                }
            }
        }
    }

    /// The first `buffer.count` positions of the padded row.
    private func fillPadded<Scalar: TensorScalar>(
        _ buffer: UnsafeMutableBufferPointer<Scalar>, from source: UnsafeBufferPointer<Scalar>
    ) {
        let geometry = plan.geometry
        for position in 0..<buffer.count {
            let offset = position - geometry.left
            if offset >= 0, offset < source.count {
                buffer[position] = source[offset]
            } else {
                buffer[position] = paddingValue(at: position, source: source)
            }
        }
    }

    /// Window `i` of the padded row at `i·k ..< (i+1)·k`.
    private func fillUnfolded<Scalar: TensorScalar>(
        _ buffer: UnsafeMutableBufferPointer<Scalar>, from source: UnsafeBufferPointer<Scalar>
    ) {
        let geometry = plan.geometry
        for window in 0..<geometry.outputLength {
            for tap in 0..<geometry.kernelSize {
                let position = window * geometry.stride + tap * geometry.dilation
                buffer[window * geometry.kernelSize + tap] = paddingValue(at: position, source: source)
            }
        }
    }

    private func paddingValue<Scalar: TensorScalar>(at position: Int, source: UnsafeBufferPointer<Scalar>) -> Scalar {
        let geometry = plan.geometry
        let index = Convolution.sourceIndex(
            ofPaddedPosition: position, inputLength: source.count, left: geometry.left, mode: geometry.paddingMode)
        return index.map { source[$0] } ?? 0
    }

    /// Adds one input channel's contribution to one output row.
    ///
    /// Taps are the outer loop so the inner loop is `out[i] += w[j] · row[i·s + j·d]`: for
    /// stride 1 that is a contiguous multiply-add the compiler vectorises.
    private func accumulate<Scalar: TensorScalar>(
        row: [Scalar], layout: RowLayout, weight: [Scalar],
        item: Int, channel: Int, outChannel: Int, into output: inout [Scalar]
    ) {
        let kernelSize = plan.kernelSize
        let outputLength = plan.outputLength
        let localChannel = channel % plan.inChannelsPerGroup
        let weightStart = (outChannel * plan.inChannelsPerGroup + localChannel) * kernelSize
        let outputStart = (item * plan.outChannels + outChannel) * outputLength
        row.withUnsafeBufferPointer { row in
            weight.withUnsafeBufferPointer { weight in
                output.withUnsafeMutableBufferPointer { output in
                    let target = UnsafeMutableBufferPointer(rebasing: output[outputStart..<(outputStart + outputLength)])
                    for tap in 0..<kernelSize {
                        let tapWeight = weight[weightStart + tap]
                        let tapStart = tap * layout.tapStride
                        if layout.windowStride == 1 {
                            let source = UnsafeBufferPointer(rebasing: row[tapStart..<(tapStart + outputLength)])
                            for sample in 0..<outputLength { target[sample] += tapWeight * source[sample] }
                        } else {
                            for sample in 0..<outputLength {
                                target[sample] += tapWeight * row[tapStart + sample * layout.windowStride]
                            }
                        }
                    }
                }
            }
        }
    }
}
