extension Convolution {
    /// The definition of ``conv1d(_:weight:bias:parameters:elementLimit:interrupt:)`` as
    /// plain nested loops, kept as the baseline every faster kernel is compared with.
    ///
    /// It makes the same checks and returns the same shape and dtype; only the arithmetic is
    /// done the slow, obvious way: pad every row as ``padded(_:left:right:mode:elementLimit:)``
    /// pads it, then for each output sample sum `w[o, c, j] · xpad[c, i·s + j·d]` over the
    /// group's channels and the taps, in the operands' dtype.
    public static func referenceConv1d(
        _ input: Tensor, weight: Tensor, bias: Tensor?, parameters: ConvolutionParameters,
        elementLimit: Int = Int.max
    ) throws(ConvolutionError) -> Tensor {
        let plan = try ConvolutionPlan(
            input: input, weight: weight, bias: bias, parameters: parameters, elementLimit: elementLimit)
        switch plan.dtype {
        case .float32:
            let operands = try ConvolutionOperands(input, weight, bias, as: Float.self)
            return try tensor(shape: plan.outputShape, scalars: referenceSums(plan, operands, elementLimit: elementLimit))
        default:
            let operands = try ConvolutionOperands(input, weight, bias, as: Double.self)
            return try tensor(shape: plan.outputShape, scalars: referenceSums(plan, operands, elementLimit: elementLimit))
        }
    }

    /// Every output sample, summed from the bias in `Scalar`.
    private static func referenceSums<Scalar: TensorScalar>(
        _ plan: ConvolutionPlan, _ operands: ConvolutionOperands<Scalar>, elementLimit: Int
    ) throws(ConvolutionError) -> [Scalar] {
        let paddedRows = try referencePaddedRows(operands.input, plan: plan, elementLimit: elementLimit)
        let g = plan.geometry
        let perGroupIn = plan.inChannelsPerGroup
        let perGroupOut = plan.outChannelsPerGroup
        var output: [Scalar] = []
        output.reserveCapacity(plan.outputCount)
        for n in 0..<plan.batch {
            for o in 0..<plan.outChannels {
                let group = o / perGroupOut
                for i in 0..<g.outputLength {
                    var sum = operands.bias?[o] ?? 0
                    for c in 0..<perGroupIn {
                        let row = paddedRows[n * plan.inChannels + group * perGroupIn + c]
                        for j in 0..<g.kernelSize {
                            let w = operands.weight[(o * perGroupIn + c) * g.kernelSize + j]
                            sum += w * row[i * g.stride + j * g.dilation]
                        }
                    }
                    output.append(sum)
                }
            }
        }
        return output
    }

    /// Every `(n, c)` row of the input, padded. Unlike the main kernel this materialises the
    /// whole padded row, so each row must fit within `elementLimit`.
    private static func referencePaddedRows<Scalar: TensorScalar>(
        _ scalars: [Scalar], plan: ConvolutionPlan, elementLimit: Int
    ) throws(ConvolutionError) -> [[Scalar]] {
        let g = plan.geometry
        let rows = plan.batch * plan.inChannels
        guard rows > 0 else { return [] }
        let sources = try paddedSources(
            inputLength: g.inputLength, left: g.left, right: g.right, mode: g.paddingMode, elementLimit: elementLimit)
        return (0..<rows).map { rowIndex in
            let start = rowIndex * g.inputLength
            return sources.map { source in source.map { scalars[start + $0] } ?? 0 }
        }
    }
}
