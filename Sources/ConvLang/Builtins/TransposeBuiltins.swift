import ConvNumerics

/// `conv_transpose1d`, PyTorch's `F.conv_transpose1d`, and what the `ConvTranspose1d` layer
/// shares with it: reading the settings and turning refusals into errors at the argument to blame.
enum TransposeBuiltins {
    static let all: [Builtin] = [convTranspose]

    static let convTranspose = Builtin(
        name: "conv_transpose1d", aliases: ["torch.nn.functional.conv_transpose1d", "torch.conv_transpose1d"],
        parameters: [
            .required("x", "input"), .required("w", "weight"), .optional("b", "bias", default: .none),
            .optional("s", "stride", default: .number(1)), .optional("p", "padding", default: .number(0)),
            .optional("output_padding", "op", default: .number(0)), .optional("g", "groups", default: .number(1)),
            .optional("d", "dilation", default: .number(1)),
        ],
        summary: "1-D transposed convolution, exactly as PyTorch's F.conv_transpose1d",
        details: """
        conv_transpose1d(x, w, b=none, s=1, p=0, output_padding=0, g=1, d=1)

        Every input sample scatters a scaled copy of the kernel into the output, s apart
        (the adjoint of conv, used to upsample in decoders):
            full[o, i*s + j*d] += x[c, i] * w[c, o, j]
            out = full[p : p + L_out],   L_out = (L-1)*s - 2p + d*(k-1) + output_padding + 1

          x               input: (L), (C, L) or a batch (N, C, L)
          w               weight: (k), or (C, out/g, k) -- in and out swapped against conv
          b               bias: a number or (out)
          s               stride: how far apart input samples land
          p               padding: cut from both ends of the full output
          output_padding  extra samples at the right end (also op); must be smaller than
                          the stride or the dilation, as in PyTorch
          g               groups
          d               dilation: spacing between kernel taps

        Conv1d(k=3, s=2, p=1) maps lengths 5 and 6 both to 3; the transpose maps 3 back to 5,
        and output_padding=1 picks 6.

        Example:
          conv_transpose1d([1, 2, 3], [1, 10, 100], s=2)   # [1, 10, 102, 20, 203, 30, 300]
        """,
        explain: { call, explainer throws(RuntimeError) in
            let (input, weight, bias, parameters) = try functionalArguments(call)
            let bound = call
            return try explainer.transposed(input, weight: weight, bias: bias, parameters: parameters, callee: call.builtin.name,
                                            range: call.range, inputRange: call.range(of: "x"),
                                            argumentRange: { bound.range(of: $0) })
        },
        body: { call throws(RuntimeError) in try runFunctional(&call) }
    )

    // MARK: - conv_transpose1d

    private static func runFunctional(_ call: inout BuiltinCall) throws(RuntimeError) -> Value {
        let (input, weight, bias, parameters) = try functionalArguments(call)
        let bound = call
        return .tensor(try run(input, weight: weight, bias: bias, parameters: parameters, at: call.range,
                               inputRange: call.range(of: "x"), context: call.context, argumentRange: { bound.range(of: $0) }))
    }

    /// The input, weight, bias and settings of a bound `conv_transpose1d` call (its explain hook reads them too).
    static func functionalArguments(
        _ call: BuiltinCall
    ) throws(RuntimeError) -> (input: Tensor, weight: Tensor, bias: Tensor?, parameters: ConvolutionTransposeParameters) {
        let input = try call.tensor("x")
        let weight = try call.tensor("w")
        let parameters = try transposeParameters(call)
        // A number bias fills (out/g)·g channels; a bad g is reported by the run itself.
        var outChannels = 1
        if weight.rank == 3 {
            let product = weight.shape[1].multipliedReportingOverflow(by: Swift.max(parameters.groups, 1))
            outChannels = product.overflow ? 0 : product.partialValue
        }
        let bias = try ConvBuiltins.biasTensor(call.value("b"), outChannels: outChannels, at: call.range(of: "b"))
        return (input, weight, bias, parameters)
    }

    /// Runs a transposed convolution and turns a refusal into an error at the argument to blame.
    static func run(
        _ input: Tensor, weight: Tensor, bias: Tensor?, parameters: ConvolutionTransposeParameters, at range: SourceRange,
        inputRange: SourceRange, context: EvaluationContext, argumentRange: ((String) -> SourceRange)? = nil
    ) throws(RuntimeError) -> Tensor {
        do {
            return try ConvolutionTranspose.convTranspose1d(
                input, weight: weight, bias: bias, parameters: parameters,
                elementLimit: context.limits.maximumElements, memory: context.limits.memoryBudget,
                                          interrupt: context.interrupt)
        } catch {
            let blamed = blamedArgument(error)
            let location = blamed == "x" ? inputRange : (blamed.flatMap { argumentRange?($0) } ?? range)
            throw RuntimeError(error.description, at: location, notes: notes(for: error) + error.memoryNotes,
                               kind: error.diagnosticKind)
        }
    }

    private static func blamedArgument(_ error: ConvolutionTransposeError) -> String? {
        switch error {
        case .inputRank, .channelMismatch, .emptyInput, .unsupportedDType: "x"
        case .weightRank, .nonPositiveKernelSize, .inChannelsFewerThanGroups, .inChannelsNotDivisibleByGroups: "w"
        case .biasShape: "b"
        case .nonPositiveStride: "s"
        case .negativePadding, .outputTooShort: "p"
        case .negativeOutputPadding, .outputPaddingTooLarge: "output_padding"
        case .nonPositiveDilation: "d"
        case .nonPositiveGroups, .outChannelsNotDivisibleByGroups: "g"
        case .tooLarge, .outOfMemory, .interrupted, .dtypeMismatch: nil
        }
    }

    private static func notes(for error: ConvolutionTransposeError) -> [String] {
        switch error {
        case .outputPaddingTooLarge:
            ["output_padding only chooses between the lengths a strided conv folds together; "
                + "to lengthen the output otherwise, use a larger k or less padding"]
        default: []
        }
    }

    /// Reads s, p, output_padding, g and d; a padding name such as "same" is refused, since
    /// PyTorch's transposed convolution has none.
    static func transposeParameters(_ call: BuiltinCall) throws(RuntimeError) -> ConvolutionTransposeParameters {
        if case .string(let name) = call.value("p") {
            throw call.error("a transposed convolution takes a number of samples as padding, not \"\(name)\"", at: "p",
                             notes: ["p cuts p samples from each end of the full output"])
        }
        return ConvolutionTransposeParameters(
            stride: try call.integer("s"), padding: try call.integer("p"),
            outputPadding: try call.integer("output_padding"), dilation: try call.integer("d"),
            groups: try call.integer("g"))
    }
}
