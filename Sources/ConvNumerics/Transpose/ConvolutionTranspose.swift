/// The hyper-parameters of a 1-D transposed convolution, with PyTorch's defaults.
///
/// Not checked here; ``ConvolutionTranspose`` validates them when they are used.
public struct ConvolutionTransposeParameters: Sendable, Equatable, Hashable {
    /// How far apart the input samples land in the output.
    public var stride: Int
    /// How much is cut from each end of the full (scattered) output.
    public var padding: Int
    /// How many extra samples the right end keeps; must be smaller than `stride` or `dilation`.
    public var outputPadding: Int
    /// Spacing between kernel taps.
    public var dilation: Int
    /// Number of channel groups.
    public var groups: Int

    /// Makes parameters; every argument defaults to PyTorch's `ConvTranspose1d` default.
    public init(stride: Int = 1, padding: Int = 0, outputPadding: Int = 0, dilation: Int = 1, groups: Int = 1) {
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
        self.dilation = dilation
        self.groups = groups
    }
}

/// 1-D transposed convolution with PyTorch's `conv_transpose1d` semantics.
///
/// Each input sample scatters a scaled copy of the kernel into the output (the adjoint of
/// ``Convolution/conv1d(_:weight:bias:parameters:elementLimit:interrupt:)``):
///
///     full[n, g·(out/g) + o, i·s + j·d] += x[n, c, i] · w[c, o, j]     (c in group g)
///     out = full[p ..< p + L_out],   L_out = (L−1)·s − 2p + d·(k−1) + op + 1
///
/// Positions past the scattered range (from `output_padding`) hold only the bias. The weight
/// is `(in, out/g, k)`, in/out swapped against `Conv1d`. As in ``Convolution``, a rank-1
/// input is one channel of one item and a rank-1 weight is a kernel for one channel in and out.
public enum ConvolutionTranspose {
    /// `L_out = (L−1)·s − 2p + d·(k−1) + op + 1`, after the checks on parameters and lengths
    /// that ``convTranspose1d(_:weight:bias:parameters:elementLimit:interrupt:)`` makes.
    public static func outputLength(
        inputLength: Int, kernelSize: Int, parameters: ConvolutionTransposeParameters
    ) throws(ConvolutionTransposeError) -> Int {
        try checkParameters(parameters)
        guard kernelSize > 0 else { throw .nonPositiveKernelSize(kernelSize: kernelSize) }
        guard inputLength > 0 else { throw .emptyInput(shape: [inputLength]) }
        try checkOutputPadding(parameters)
        return try length(inputLength: inputLength, kernelSize: kernelSize, parameters: parameters)
    }

    /// Runs the transposed convolution exactly as PyTorch's `F.conv_transpose1d` does, in the
    /// dtype input, weight and bias share (float32 or float64); mixed dtypes are refused.
    ///
    /// - Parameters:
    ///   - input: `(L)`, `(C, L)` or `(N, C, L)`.
    ///   - weight: `(k)` or `(C, out/g, k)`.
    ///   - bias: `(out)`, or `nil`.
    ///   - elementLimit: refuse an output of more elements than this.
    ///   - memory: refuse an output the budget or the operating system has no room for.
    ///   - interrupt: polled between rows.
    /// - Returns: `(N, out, L_out)`, `(out, L_out)`, or `(L_out)` for a rank-1 input and one
    ///   output channel.
    public static func convTranspose1d(
        _ input: Tensor, weight: Tensor, bias: Tensor?, parameters: ConvolutionTransposeParameters,
        elementLimit: Int = Int.max, memory: MemoryBudget = .unlimited, interrupt: InterruptFlag? = nil
    ) throws(ConvolutionTransposeError) -> Tensor {
        let plan = try TransposePlan(input: input, weight: weight, bias: bias, parameters: parameters,
                                     elementLimit: elementLimit, memory: memory)
        switch plan.dtype {
        case .float32: return try run(plan, Float.self, input, weight, bias, interrupt: interrupt)
        default: return try run(plan, Double.self, input, weight, bias, interrupt: interrupt)
        }
    }

    /// Scatters every item in `Scalar`, the dtype the plan checked all operands share.
    private static func run<Scalar: TensorScalar>(
        _ plan: TransposePlan, _ type: Scalar.Type, _ input: Tensor, _ weight: Tensor, _ bias: Tensor?,
        interrupt: InterruptFlag?
    ) throws(ConvolutionTransposeError) -> Tensor {
        guard let x = input.elements(as: type), let w = weight.elements(as: type) else {
            throw .dtypeMismatch(input: input.dtype, weight: weight.dtype, bias: bias?.dtype)
        }
        var output = [Scalar](repeating: 0, count: plan.outputCount)
        for item in 0..<plan.batch {
            if interrupt?.isRaised == true { throw .interrupted }
            plan.scatter(item: item, input: x, weight: w, into: &output)
        }
        if let bias {
            guard let b = bias.elements(as: type) else {
                throw .dtypeMismatch(input: input.dtype, weight: weight.dtype, bias: bias.dtype)
            }
            plan.addBias(b, to: &output)
        }
        guard let result = Tensor(shape: plan.outputShape, scalars: output) else {
            throw .tooLarge(elements: nil, limit: plan.outputCount)
        }
        return result
    }

    /// The checks on parameters alone, in PyTorch's order.
    static func checkParameters(_ parameters: ConvolutionTransposeParameters) throws(ConvolutionTransposeError) {
        guard parameters.groups > 0 else { throw .nonPositiveGroups(groups: parameters.groups) }
        guard parameters.padding >= 0 else { throw .negativePadding(padding: parameters.padding) }
        guard parameters.outputPadding >= 0 else { throw .negativeOutputPadding(outputPadding: parameters.outputPadding) }
        guard parameters.stride > 0 else { throw .nonPositiveStride(stride: parameters.stride) }
        guard parameters.dilation > 0 else { throw .nonPositiveDilation(dilation: parameters.dilation) }
    }

    /// `output_padding` must be smaller than either the stride or the dilation.
    static func checkOutputPadding(_ parameters: ConvolutionTransposeParameters) throws(ConvolutionTransposeError) {
        let op = parameters.outputPadding
        guard op < parameters.stride || op < parameters.dilation else {
            throw .outputPaddingTooLarge(outputPadding: op, stride: parameters.stride, dilation: parameters.dilation)
        }
    }

    /// The output length with every step overflow-checked; refuses a length below 1.
    static func length(
        inputLength: Int, kernelSize: Int, parameters: ConvolutionTransposeParameters
    ) throws(ConvolutionTransposeError) -> Int {
        let p = parameters
        guard let spread = (inputLength - 1).multipliedChecked(by: p.stride),
              let reach = (kernelSize - 1).multipliedChecked(by: p.dilation),
              let twicePadding = p.padding.multipliedChecked(by: 2),
              let full = spread.addingChecked(reach)?.addingChecked(p.outputPadding)?.addingChecked(1)
        else { throw .tooLarge(elements: nil, limit: Int.max) }
        // full ≥ 1 and twicePadding ≥ 0, so the difference cannot overflow.
        let result = full - twicePadding
        guard result >= 1 else {
            throw .outputTooShort(inputLength: inputLength, outputLength: result, padding: p.padding)
        }
        return result
    }
}

extension Int {
    /// `self * other`, or `nil` on overflow.
    func multipliedChecked(by other: Int) -> Int? {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? nil : product
    }

    /// `self + other`, or `nil` on overflow.
    func addingChecked(_ other: Int) -> Int? {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? nil : sum
    }
}
