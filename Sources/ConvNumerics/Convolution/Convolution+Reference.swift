extension Convolution {
    /// The definition of ``conv1d(_:weight:bias:parameters:elementLimit:interrupt:)`` as
    /// plain nested loops, kept as the baseline every faster kernel is compared with.
    ///
    /// It makes the same checks and returns the same shape; only the arithmetic is done the
    /// slow, obvious way: pad every row with ``padded(_:left:right:mode:elementLimit:)``, then
    /// for each output sample sum `w[o, c, j] · xpad[c, i·s + j·d]` over the group's channels
    /// and the taps.
    public static func referenceConv1d(
        _ input: Tensor, weight: Tensor, bias: Tensor?, parameters: ConvolutionParameters,
        elementLimit: Int = Int.max
    ) throws(ConvolutionError) -> Tensor {
        let plan = try ConvolutionPlan(
            input: input, weight: weight, bias: bias, parameters: parameters, elementLimit: elementLimit)
        let paddedRows = try referencePaddedRows(input.scalars, plan: plan, elementLimit: elementLimit)
        let g = plan.geometry
        let perGroupIn = plan.inChannelsPerGroup
        let perGroupOut = plan.outChannelsPerGroup
        var output: [Double] = []
        output.reserveCapacity(plan.outputCount)
        for n in 0..<plan.batch {
            for o in 0..<plan.outChannels {
                let group = o / perGroupOut
                for i in 0..<g.outputLength {
                    var sum = bias?.scalars[o] ?? 0
                    for c in 0..<perGroupIn {
                        let row = paddedRows[n * plan.inChannels + group * perGroupIn + c]
                        for j in 0..<g.kernelSize {
                            let w = weight.scalars[(o * perGroupIn + c) * g.kernelSize + j]
                            sum += w * row[i * g.stride + j * g.dilation].value
                        }
                    }
                    output.append(sum)
                }
            }
        }
        return try tensor(shape: plan.outputShape, scalars: output)
    }

    /// Every `(n, c)` row of the input, padded. Unlike the main kernel this materialises the
    /// whole padded row, so each row must fit within `elementLimit`.
    private static func referencePaddedRows(
        _ scalars: [Double], plan: ConvolutionPlan, elementLimit: Int
    ) throws(ConvolutionError) -> [[PaddedSample]] {
        let g = plan.geometry
        var rows: [[PaddedSample]] = []
        for rowIndex in 0..<(plan.batch * plan.inChannels) {
            let start = rowIndex * g.inputLength
            let row = Array(scalars[start..<(start + g.inputLength)])
            rows.append(try padded(row, left: g.left, right: g.right, mode: g.paddingMode, elementLimit: elementLimit))
        }
        return rows
    }
}
