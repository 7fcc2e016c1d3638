/// The lengths of one convolution along the signal axis, after every check has passed.
struct ConvolutionGeometry: Sendable, Equatable {
    var inputLength: Int
    var kernelSize: Int
    var stride: Int
    var dilation: Int
    var left: Int
    var right: Int
    var paddingMode: PaddingMode
    /// `d·(k−1)+1`.
    var kernelSpan: Int
    /// `L + left + right`.
    var paddedLength: Int
    /// `⌊(paddedLength − kernelSpan)/s⌋ + 1`, at least 1.
    var outputLength: Int

    /// Checks the lengths in PyTorch's order (after the parameter and shape checks):
    /// empty input, padding-mode limits, then kernel span against the padded input.
    /// `parameters` must already have passed ``Convolution/checkParameters(_:)`` and
    /// `kernelSize` must be positive.
    init(inputLength: Int, kernelSize: Int, parameters: ConvolutionParameters) throws(ConvolutionError) {
        guard inputLength > 0 else { throw .emptyInput(shape: [inputLength]) }
        let (left, right) = try Convolution.resolvedPadding(parameters, kernelSize: kernelSize)
        try Convolution.checkPaddingLimits(
            left: left, right: right, inputLength: inputLength, mode: parameters.paddingMode)
        let paddedLength = try Convolution.checkedCount(inputLength, left, right, limit: Int.max)
        guard let span = ConvolutionError.kernelSpan(kernelSize: kernelSize, dilation: parameters.dilation),
              span <= paddedLength
        else {
            throw .kernelLongerThanInput(
                inputLength: inputLength, left: left, right: right,
                kernelSize: kernelSize, dilation: parameters.dilation)
        }
        self.inputLength = inputLength
        self.kernelSize = kernelSize
        self.stride = parameters.stride
        self.dilation = parameters.dilation
        self.left = left
        self.right = right
        self.paddingMode = parameters.paddingMode
        self.kernelSpan = span
        self.paddedLength = paddedLength
        // paddedLength >= span >= 1 and stride >= 1, so neither step can overflow.
        self.outputLength = (paddedLength - span) / parameters.stride + 1
    }

    /// How many padded positions the kernel actually reads: up to the last tap of the last
    /// window, `(L_out−1)·s + E`. Trailing samples that fill no window are never touched.
    var readLength: Int { (outputLength - 1) * stride + kernelSpan }
}
