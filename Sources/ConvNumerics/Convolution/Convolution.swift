/// 1-D convolution with PyTorch's `Conv1d` semantics.
///
/// What is computed is cross-correlation (the kernel is not flipped):
///
///     out[n, o, i] = bias[o] + Σ_c Σ_j  w[o, c, j] · xpad[n, g(o)·(C/g) + c, i·s + j·d]
///
/// where `xpad` is the input padded as ``PaddingMode`` says and `g(o)` is the group of output
/// channel `o`. Shapes follow PyTorch, with two conveniences: a rank-1 input is one channel
/// of one item (and gives a rank-1 output when there is one output channel), and a rank-1
/// weight is a kernel for one input and one output channel.
public enum Convolution {
    /// The `(left, right)` padding that `parameters.padding` means for a kernel of `kernelSize`
    /// taps, with `T = d·(k−1)`: valid `(0, 0)`, same `(T/2, T − T/2)`, causal `(T, 0)`,
    /// full `(T, T)`.
    ///
    /// Throws for 'same' with a stride other than 1, negative explicit padding, and (for the
    /// named paddings, which need them) a non-positive dilation or kernel size.
    public static func resolvedPadding(
        _ parameters: ConvolutionParameters, kernelSize: Int
    ) throws(ConvolutionError) -> (left: Int, right: Int) {
        switch parameters.padding {
        case .explicit(let left, let right):
            guard left >= 0, right >= 0 else { throw .negativePadding(left: left, right: right) }
            return (left, right)
        case .valid:
            return (0, 0)
        case .same:
            guard parameters.stride == 1 else { throw .sameWithStride(stride: parameters.stride) }
            let total = try reach(kernelSize: kernelSize, dilation: parameters.dilation)
            return (total / 2, total - total / 2)
        case .causal:
            return (try reach(kernelSize: kernelSize, dilation: parameters.dilation), 0)
        case .full:
            let total = try reach(kernelSize: kernelSize, dilation: parameters.dilation)
            return (total, total)
        }
    }

    /// The output length `L_out = ⌊(L + left + right − d·(k−1) − 1)/s⌋ + 1`, after the same
    /// checks ``conv1d(_:weight:bias:parameters:elementLimit:interrupt:)`` makes on lengths
    /// and parameters (so it throws exactly when that call would for these lengths).
    public static func outputLength(
        inputLength: Int, kernelSize: Int, parameters: ConvolutionParameters
    ) throws(ConvolutionError) -> Int {
        try checkParameters(parameters)
        guard kernelSize > 0 else { throw .nonPositiveKernelSize(kernelSize: kernelSize) }
        return try ConvolutionGeometry(
            inputLength: inputLength, kernelSize: kernelSize, parameters: parameters
        ).outputLength
    }

    /// Convolves `input` with `weight` exactly as PyTorch's `nn.Conv1d` does, in the dtype
    /// input, weight and bias share (float32 or float64): a float32 problem is computed in
    /// float32 and gives float32. Mixed dtypes are refused, never converted.
    ///
    /// - Parameters:
    ///   - input: `(L)`, `(C, L)` or `(N, C, L)`.
    ///   - weight: `(k)` or `(out, C/g, k)`.
    ///   - bias: `(out)`, or `nil` for none.
    ///   - elementLimit: refuse (``ConvolutionError/tooLarge(elements:limit:)``) an output
    ///     of more elements than this.
    ///   - memory: refuse (``ConvolutionError/outOfMemory(_:)``) an output the budget or the
    ///     operating system has no room for.
    ///   - interrupt: polled between rows; when raised the call throws
    ///     ``ConvolutionError/interrupted``.
    /// - Returns: `(N, out, L_out)` for a batch, `(out, L_out)` for one item, and `(L_out)`
    ///   for a rank-1 input and one output channel.
    public static func conv1d(
        _ input: Tensor, weight: Tensor, bias: Tensor?, parameters: ConvolutionParameters,
        elementLimit: Int = Int.max, memory: MemoryBudget = .unlimited, interrupt: InterruptFlag? = nil
    ) throws(ConvolutionError) -> Tensor {
        try conv1d(
            input, weight: weight, bias: bias, parameters: parameters, elementLimit: elementLimit,
            memory: memory, interrupt: interrupt, strategy: nil)
    }

    /// ``conv1d(_:weight:bias:parameters:elementLimit:interrupt:)`` with the kernel chosen by
    /// the caller (tests force each one) instead of the cost model; a strategy that cannot run
    /// the plan falls back to the cost model's choice.
    static func conv1d(
        _ input: Tensor, weight: Tensor, bias: Tensor?, parameters: ConvolutionParameters,
        elementLimit: Int, memory: MemoryBudget = .unlimited, interrupt: InterruptFlag?, strategy: ConvolutionStrategy?
    ) throws(ConvolutionError) -> Tensor {
        let plan = try ConvolutionPlan(
            input: input, weight: weight, bias: bias, parameters: parameters, elementLimit: elementLimit, memory: memory)
        switch plan.dtype {
        case .float32:
            return try compute(plan, input, weight, bias, as: Float.self, interrupt: interrupt, strategy: strategy)
        default:
            return try compute(plan, input, weight, bias, as: Double.self, interrupt: interrupt, strategy: strategy)
        }
    }

    /// Runs a validated plan in `Scalar`, the dtype it checked its operands share, with
    /// `strategy`, or (when it is `nil` or cannot run the plan) the cost model's choice for that
    /// type; the result has that dtype too.
    private static func compute<Scalar: ConvolutionScalar>(
        _ plan: ConvolutionPlan, _ input: Tensor, _ weight: Tensor, _ bias: Tensor?, as type: Scalar.Type,
        interrupt: InterruptFlag?, strategy: ConvolutionStrategy?
    ) throws(ConvolutionError) -> Tensor {
        let operands = try ConvolutionOperands(input, weight, bias, as: type)
        let costs = Scalar.kernelCosts
        let chosen = strategy.flatMap { ConvolutionCostModel.canRun($0, plan, costs: costs) ? $0 : nil }
            ?? ConvolutionCostModel.strategy(for: plan, costs: costs)
        let scalars: [Scalar]
        if chosen == .rows {
            scalars = try ConvolutionKernel(plan: plan).run(operands, interrupt: interrupt)
        } else {
            scalars = try FastConvolution<Scalar>(plan: plan, strategy: chosen).run(
                input: operands.input, weight: operands.weight, bias: operands.bias, interrupt: interrupt)
        }
        return try tensor(shape: plan.outputShape, scalars: scalars)
    }

    /// The checks on parameters alone, in PyTorch's order: 'same' with a stride, groups,
    /// negative padding, stride, dilation.
    static func checkParameters(_ parameters: ConvolutionParameters) throws(ConvolutionError) {
        if parameters.padding == .same, parameters.stride != 1 {
            throw .sameWithStride(stride: parameters.stride)
        }
        guard parameters.groups > 0 else { throw .nonPositiveGroups(groups: parameters.groups) }
        if case .explicit(let left, let right) = parameters.padding, left < 0 || right < 0 {
            throw .negativePadding(left: left, right: right)
        }
        guard parameters.stride > 0 else { throw .nonPositiveStride(stride: parameters.stride) }
        guard parameters.dilation > 0 else { throw .nonPositiveDilation(dilation: parameters.dilation) }
    }

    /// `d·(k−1)`, the total padding the named paddings distribute.
    private static func reach(kernelSize: Int, dilation: Int) throws(ConvolutionError) -> Int {
        guard dilation > 0 else { throw .nonPositiveDilation(dilation: dilation) }
        guard kernelSize > 0 else { throw .nonPositiveKernelSize(kernelSize: kernelSize) }
        let (total, overflow) = dilation.multipliedReportingOverflow(by: kernelSize - 1)
        guard !overflow else { throw .tooLarge(elements: nil, limit: Int.max) }
        return total
    }

    /// Wraps computed scalars; the plan already checked the count, so failure is impossible,
    /// but it is reported rather than trapped on.
    static func tensor<Scalar: TensorScalar>(shape: [Int], scalars: [Scalar]) throws(ConvolutionError) -> Tensor {
        guard let tensor = Tensor(shape: shape, scalars: scalars) else {
            throw .tooLarge(elements: nil, limit: scalars.count)
        }
        return tensor
    }
}
