import ConvAutograd
import ConvNumerics

/// Everything the explanation of one convolution's backward step shows, worked out from what
/// the forward saved and what the engine computed: the upstream gradient `g` (one per output
/// position), the input as the kernel saw it, and the engine's gradients of the weight, the
/// bias and the input. The arithmetic shown adds up to these; the values are the engine's.
struct ConvBackwardExplanation: ChannelGroups {
    /// The forward's settings, windows and weights (its `outputs` hold item 0's upstream gradient,
    /// which has the output's shape).
    let geometry: ConvExplanation
    /// The input's values as the forward got them (before padding), for the items after the first.
    private let inputValues: [Double]
    private let elementLimit: Int
    /// How many items the batch has.
    let batch: Int
    /// `upstream[n][o][i]` = ∂L/∂y[n, o, i].
    let upstream: [[[Double]]]
    /// ∂L/∂w[o][c][j] (c counted within the group), or nil when the weight needs no gradient.
    let weightGradient: [[[Double]]]?
    /// ∂L/∂b[o], or nil for no bias or one that needs no gradient.
    let biasGradient: [Double]?
    /// ∂L/∂x[n][c][t] (after padding copies are added to their sources), or nil.
    let inputGradient: [[[Double]]]?
    /// The node that padded the input first (a `padding_mode` other than zeros), if any.
    let paddingStep: BackwardStep?
    /// Whether the input was batched (rank 3) or a weight of rank 3: how indices are written.
    let inputRank: Int

    var inChannels: Int { geometry.inChannels }
    var outChannels: Int { geometry.outChannels }
    var groups: Int { geometry.groups }
    var outputLength: Int { geometry.outputLength }
    var kernelSize: Int { geometry.kernelSize }
    var inputLength: Int { geometry.inputLength }

    /// Whether every index is a single number: one item, one channel in and out.
    var isSingle: Bool { batch == 1 && inChannels == 1 && outChannels == 1 }

    init?(_ step: BackwardStep, recorder: BackwardRecorder, elementLimit: Int) {
        guard case .convolution(let input, let weight, let bias, let parameters)? = step.record,
              let geometry = ConvExplanation(callee: "conv1d", input: input, weight: weight, bias: bias,
                                             parameters: parameters, result: step.upstream, elementLimit: elementLimit),
              let dims = SignalDimensions(shape: input.shape)
        else { return nil }
        self.geometry = geometry
        inputRank = input.rank
        (inputValues, self.elementLimit, batch) = (input.scalars, elementLimit, dims.batch)
        let outChannels = geometry.outChannels, outputLength = geometry.outputLength
        upstream = (0..<dims.batch).map { step.upstream.rows(outChannels, length: outputLength, startingAt: $0 * outChannels) }
        let perGroup = geometry.inChannelsPerGroup
        weightGradient = step.gradients.count > 1 ? step.gradients[1].map { gradient in
            (0..<outChannels).map { gradient.rows(perGroup, length: geometry.kernelSize, startingAt: $0 * perGroup) }
        } : nil
        biasGradient = step.gradients.count > 2 ? step.gradients[2]?.scalars : nil
        // With a padding mode other than zeros the conv read a padded copy made by the node that
        // feeds it, and the input's gradient is what that node sent on.
        var xGradient = step.gradients.first ?? nil
        paddingStep = parameters.paddingMode != .zeros && (geometry.left > 0 || geometry.right > 0)
            ? recorder.step(of: step.inputs.first??.gradFn) : nil
        if let paddingStep { xGradient = paddingStep.gradients.first ?? nil }
        inputGradient = xGradient.map { gradient in
            (0..<dims.batch).map { gradient.rows(dims.channels, length: dims.length, startingAt: $0 * dims.channels) }
        }
    }

    /// Item `n`'s channel `c` as the kernel saw it. Item 0's is kept; another item's is padded
    /// when asked for, so a large batch costs only the items an explanation shows.
    func padded(item n: Int, channel c: Int) -> [PaddedSample] {
        if n == 0 { return geometry.padded[c] }
        let start = (n * inChannels + c) * inputLength
        guard start >= 0, start + inputLength <= inputValues.count else { return [] }
        let row = Array(inputValues[start..<(start + inputLength)])
        return (try? Convolution.padded(row, left: geometry.left, right: geometry.right, mode: geometry.paddingMode,
                                        elementLimit: elementLimit)) ?? []
    }

    /// The padded positions tap `j` read, one per output position: `i·s + j·d`.
    func position(step i: Int, tap j: Int) -> Int { i * geometry.stride + j * geometry.dilation }

    /// The terms of ∂L/∂w[o, c, j] for item `n`: `(g[n, o, i], xpad[n, c, i·s + j·d])` for every `i`.
    func weightTerms(item n: Int, output o: Int, channel c: Int, tap j: Int) -> [(g: Double, x: Double, i: Int, position: Int)] {
        let row = padded(item: n, channel: c)
        return (0..<outputLength).compactMap { i in
            let p = position(step: i, tap: j)
            return p < row.count ? (upstream[n][o][i], row[p].value, i, p) : nil
        }
    }

    /// One share of an input element's gradient: output `i` of channel `o` sent `g·w[o, c, j]`
    /// through tap `j` to padded position `position`.
    struct Share {
        var output: Int
        var step: Int
        var tap: Int
        var position: Int
        var g: Double
        var w: Double
    }

    /// Every share item `n`'s channel `c` received, by padded position (the scatter of the
    /// transposed convolution), in the order outputs and taps run.
    func shares(item n: Int, channel c: Int) -> [[Share]] {
        var byPosition = [[Share]](repeating: [], count: geometry.paddedLength)
        let group = c / Swift.max(inChannelsPerGroup, 1)
        let local = c - group * inChannelsPerGroup
        for o in (group * outChannelsPerGroup)..<((group + 1) * outChannelsPerGroup) {
            for i in 0..<outputLength {
                for j in 0..<kernelSize {
                    let p = position(step: i, tap: j)
                    guard p < byPosition.count else { continue }
                    byPosition[p].append(Share(output: o, step: i, tap: j, position: p, g: upstream[n][o][i],
                                               w: geometry.weights[o][local][j]))
                }
            }
        }
        return byPosition
    }
}
