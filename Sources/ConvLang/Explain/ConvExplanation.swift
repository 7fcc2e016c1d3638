import ConvNumerics

/// Everything `explain` shows about one convolution, worked out once from the call's tensors
/// and its real result; the text and picture renderers only lay it out.
///
/// Only the first item of a batch is kept: every item is computed the same way.
struct ConvExplanation: Sendable, ChannelGroups {
    /// What was called, for the heading: `conv` or a layer's repr.
    var callee: String
    var inputShape: [Int]
    var batch: Int
    var inChannels: Int
    var outChannels: Int
    var groups: Int
    var inputLength: Int
    var kernelSize: Int
    var stride: Int
    var dilation: Int
    /// The padding as written (`p="same"`), and what it resolved to.
    var padding: Padding
    var left: Int
    var right: Int
    var paddingMode: PaddingMode
    var outputLength: Int
    /// The first item's channels as the kernel sees them: `padded[c][position]`.
    var padded: [[PaddedSample]]
    /// `weights[o][c][j]`, `c` counted within output channel `o`'s group.
    var weights: [[[Double]]]
    /// One value per output channel, or `nil` for no bias.
    var bias: [Double]?
    /// The first item's result, `outputs[o][i]`, exactly as the convolution computed it.
    var outputs: [[Double]]

    var paddedLength: Int { padded.first?.count ?? 0 }
    /// `d·(k−1)+1`: how many padded positions one window spans.
    var kernelSpan: Int { dilation * (kernelSize - 1) + 1 }

    var lengthFormula: LengthFormula {
        LengthFormula(inputLength: inputLength, left: left, right: right, kernelSize: kernelSize,
                      stride: stride, dilation: dilation)
    }

    /// Whether a padded position holds padding rather than the input.
    func isPadding(_ position: Int) -> Bool {
        position < left || position >= left + inputLength
    }

    /// Where the kernel lands at each step over the padded input.
    var windows: SlidingWindows {
        SlidingWindows(length: paddedLength, kernelSize: kernelSize, stride: stride, dilation: dilation, steps: outputLength)
    }

    /// The padded positions the kernel's taps cover at step `i` (counting from 0): `i·s + j·d`.
    func window(step i: Int) -> [Int] { windows.window(step: i) }

    /// `w[j]·x` for each tap of output channel `o` over input channel `c` at step `i`.
    func products(output o: Int, channel c: Int, step i: Int) -> [(weight: Double, value: Double)] {
        let local = c - inputChannels(ofOutput: o).lowerBound
        return window(step: i).enumerated().map { tap, position in
            (weights[o][local][tap], padded[c][position].value)
        }
    }

    typealias Unused = SlidingWindows.Unused

    /// Every padded position that no tap of any step covers, in order.
    var unused: [Unused] { windows.unused }
}

extension ConvExplanation {
    /// Builds the explanation of a convolution that has already succeeded with `result`.
    /// Returns `nil` only if the shapes disagree with what the convolution accepted.
    init?(callee: String, input: Tensor, weight: Tensor, bias: Tensor?, parameters: ConvolutionParameters,
          result: Tensor, elementLimit: Int) {
        guard let dims = SignalDimensions(shape: input.shape) else { return nil }
        let kernelSize = weight.shape.last ?? 0
        let outChannels = weight.rank == 3 ? weight.shape[0] : 1
        let perGroup = weight.rank == 3 ? weight.shape[1] : 1
        guard dims.length > 0, kernelSize > 0, outChannels > 0, parameters.groups > 0,
              let (left, right) = try? Convolution.resolvedPadding(parameters, kernelSize: kernelSize),
              let padded = try? Self.paddedChannels(input, dims: dims, left: left, right: right,
                                                    mode: parameters.paddingMode, elementLimit: elementLimit),
              result.count % (dims.batch * outChannels) == 0
        else { return nil }
        let outputLength = result.count / (dims.batch * outChannels)
        self.callee = callee
        inputShape = input.shape
        batch = dims.batch
        inChannels = dims.channels
        self.outChannels = outChannels
        groups = parameters.groups
        inputLength = dims.length
        self.kernelSize = kernelSize
        stride = parameters.stride
        dilation = parameters.dilation
        padding = parameters.padding
        self.left = left
        self.right = right
        paddingMode = parameters.paddingMode
        self.outputLength = outputLength
        self.padded = padded
        weights = (0..<outChannels).map { o in weight.rows(perGroup, length: kernelSize, startingAt: o * perGroup) }
        self.bias = bias?.scalars
        outputs = result.rows(outChannels, length: outputLength)
    }

    private static func paddedChannels(
        _ input: Tensor, dims: SignalDimensions, left: Int, right: Int, mode: PaddingMode,
        elementLimit: Int
    ) throws(ConvolutionError) -> [[PaddedSample]] {
        var rows: [[PaddedSample]] = []
        for row in input.rows(dims.channels, length: dims.length) {
            rows.append(try Convolution.padded(row, left: left, right: right, mode: mode, elementLimit: elementLimit))
        }
        return rows
    }
}
