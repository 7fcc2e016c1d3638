import ConvNumerics

/// Everything `explain` shows about one transposed convolution: the input, the weights and the
/// real result, with the scatter each input element makes. ``TransposeExplanationText`` lays
/// it out. Only the first item of a batch is kept.
struct TransposeExplanation: Sendable, ChannelGroups {
    var callee: String
    var inputShape: [Int]
    var batch: Int
    var inChannels: Int
    var outChannels: Int
    var parameters: ConvolutionTransposeParameters
    var inputLength: Int
    var kernelSize: Int
    var outputLength: Int
    /// The first item's input, `inputs[c][i]`.
    var inputs: [[Double]]
    /// `weights[c][o][j]`, `o` counted within input channel `c`'s group (PyTorch's layout).
    var weights: [[[Double]]]
    var bias: [Double]?
    /// The first item's result, `outputs[o][i]`, exactly as the transposed convolution computed it.
    var outputs: [[Double]]

    var stride: Int { parameters.stride }
    var padding: Int { parameters.padding }
    var outputPadding: Int { parameters.outputPadding }
    var dilation: Int { parameters.dilation }
    var groups: Int { parameters.groups }
    /// `(L−1)·s + d·(k−1) + 1`: every position some `x[i]·w[j]` lands on.
    var fullLength: Int { (inputLength - 1) * stride + dilation * (kernelSize - 1) + 1 }

    /// One `x[i]·w[j]` landing on a position of the full output.
    struct Contribution: Equatable {
        var channel: Int
        var index: Int
        var tap: Int
        var value: Double
        var weight: Double
    }

    /// What input channel `c` spreads from `x[c][i]` into output channel `o`: `x·w[j]` at `i·s + j·d`.
    func scatter(channel c: Int, index i: Int, output o: Int) -> [(position: Int, contribution: Contribution)] {
        let local = o % Swift.max(outChannelsPerGroup, 1)
        return (0..<kernelSize).map { j in
            (i * stride + j * dilation,
             Contribution(channel: c, index: i, tap: j, value: inputs[c][i], weight: weights[c][local][j]))
        }
    }

    /// Everything that lands on full position `q` of output channel `o`, by input channel then index.
    func contributions(output o: Int, fullPosition q: Int) -> [Contribution] {
        var found: [Contribution] = []
        for c in inputChannels(ofOutput: o) {
            for i in 0..<inputLength {
                let offset = q - i * stride
                guard offset >= 0, offset % dilation == 0, offset / dilation < kernelSize else { continue }
                found += scatter(channel: c, index: i, output: o).filter { $0.position == q }.map(\.contribution)
            }
        }
        return found
    }
}

extension TransposeExplanation {
    /// Builds the explanation of a transposed convolution that has already succeeded with `result`.
    init?(callee: String, input: Tensor, weight: Tensor, bias: Tensor?, parameters: ConvolutionTransposeParameters,
          result: Tensor) {
        guard let dims = SignalDimensions(shape: input.shape) else { return nil }
        let kernelSize = weight.shape.last ?? 0
        let perGroup = weight.rank == 3 ? weight.shape[1] : 1
        let outChannels = perGroup * parameters.groups
        guard dims.length > 0, kernelSize > 0, outChannels > 0, weight.count == dims.channels * perGroup * kernelSize,
              result.count % (dims.batch * outChannels) == 0
        else { return nil }
        self.callee = callee
        inputShape = input.shape
        batch = dims.batch
        inChannels = dims.channels
        self.outChannels = outChannels
        self.parameters = parameters
        inputLength = dims.length
        self.kernelSize = kernelSize
        let outputLength = result.count / (dims.batch * outChannels)
        self.outputLength = outputLength
        inputs = input.rows(dims.channels, length: dims.length)
        weights = (0..<dims.channels).map { c in weight.rows(perGroup, length: kernelSize, startingAt: c * perGroup) }
        self.bias = bias?.scalars
        outputs = result.rows(outChannels, length: outputLength)
    }
}
