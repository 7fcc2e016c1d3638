import ConvNumerics

/// `conv_transpose1d` (the functional form) and `ConvTranspose1d` (the layer), with PyTorch's
/// semantics, argument order and default initialisation.
enum TransposeBuiltins {
    static let all: [Builtin] = [convTranspose, convTransposeLayer]

    static let convTranspose = Builtin(
        name: "conv_transpose1d",
        parameters: [
            .required("x", "input"), .required("w", "weight"), .optional("b", "bias", default: .none),
            .optional("s", "stride", default: .number(1)), .optional("p", "padding", default: .number(0)),
            .optional("output_padding", "op", default: .number(0)), .optional("g", "groups", default: .number(1)),
            .optional("d", "dilation", default: .number(1)),
        ],
        summary: "1-D transposed convolution, exactly as PyTorch's F.conv_transpose1d",
        details: """
        conv_transpose1d(x, w, b=none, s=1, p=0, output_padding=0, g=1, d=1)
            also F.conv_transpose1d, torch.conv_transpose1d

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
        body: { call throws(RuntimeError) in try runFunctional(&call) }
    )

    static let convTransposeLayer = Builtin(
        name: "ConvTranspose1d",
        parameters: [
            .required("in", "in_channels"), .required("out", "out_channels"), .required("k", "kernel_size"),
            .optional("s", "stride", default: .number(1)), .optional("p", "padding", default: .number(0)),
            .optional("output_padding", "op", default: .number(0)), .optional("g", "groups", default: .number(1)),
            .optional("bias", default: .bool(true)), .optional("d", "dilation", default: .number(1)),
            .optional("mode", "padding_mode", default: .string("zeros")),
            .optional("w", "weight", default: .none, namedOnly: true), .optional("b", default: .none, namedOnly: true),
        ],
        summary: "a 1-D transposed convolution layer, as PyTorch's nn.ConvTranspose1d",
        details: """
        ConvTranspose1d(in, out, k, s=1, p=0, output_padding=0, g=1, bias=true, d=1)
            also nn.ConvTranspose1d; note groups and dilation come in PyTorch's order,
            different from Conv1d's

        Makes a layer with weight (in, out/g, k) and bias (out), drawn from the seeded generator
        exactly as PyTorch draws them: uniform in ±1/sqrt(fan_in), fan_in = (out/g)*k, weight
        first. After seed(S) the weights equal torch.manual_seed(S); nn.ConvTranspose1d(...) bit
        for bit, and later layers and rand() continue the same stream. w= and b= replace the
        drawn values (the draws still happen).

        Call it on an input: m(x). See help(conv_transpose1d) for what it computes.

        Example:
          seed(0)
          up = ConvTranspose1d(4, 2, 3, s=2, p=1, output_padding=1)
          up(zeros(1, 4, 8)).shape      # (1, 2, 16)
        """,
        body: { call throws(RuntimeError) in try makeLayer(&call) }
    )

    // MARK: - conv_transpose1d

    private static func runFunctional(_ call: inout BuiltinCall) throws(RuntimeError) -> Value {
        let (input, weight, bias, parameters) = try functionalArguments(call)
        let bound = call
        return .tensor(try run(input, weight: weight, bias: bias, parameters: parameters, at: call.range,
                               inputRange: call.range(of: "x"), context: call.context, argumentRange: { bound.range(of: $0) }))
    }

    /// The input, weight, bias and settings of a bound `conv_transpose1d` call (also used by `explain`).
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
                elementLimit: context.limits.maximumElements, interrupt: context.interrupt)
        } catch {
            let blamed = blamedArgument(error)
            let location = blamed == "x" ? inputRange : (blamed.flatMap { argumentRange?($0) } ?? range)
            throw RuntimeError(error.description, at: location, notes: notes(for: error), kind: error.diagnosticKind)
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
        case .tooLarge, .interrupted, .dtypeMismatch: nil
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

    // MARK: - ConvTranspose1d

    private static func makeLayer(_ call: inout BuiltinCall) throws(RuntimeError) -> Value {
        let inChannels = try call.integer("in", in: 0...Int.max)
        let outChannels = try call.integer("out", in: 0...Int.max)
        let kernelSize = try call.integer("k", in: 1...Int.max)
        let parameters = try transposeParameters(call)
        let mode = try call.string("mode")
        guard mode == "zeros" else {
            throw call.error("ConvTranspose1d supports only padding mode \"zeros\", not \"\(mode)\"", at: "mode",
                             notes: ["as in PyTorch; pad the input yourself for other modes"])
        }
        let bias = LayerArguments.bias(call)
        let drawn: LayerParameters
        do {
            drawn = try LayerInitialization.convTranspose1d(
                inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize, groups: parameters.groups,
                bias: bias.draw, generator: &call.context.generator,
                elementLimit: call.context.limits.maximumElements)
        } catch {
            let groupsError: Bool = switch error {
            case .nonPositiveGroups, .inChannelsNotDivisibleByGroups, .outChannelsNotDivisibleByGroups: true
            default: false
            }
            throw call.error(error.description, at: groupsError ? "g" : nil, kind: error.diagnosticKind)
        }
        let layer = Layer.convTranspose1d(ConvTranspose1dLayer(
            inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize,
            parameters: parameters, weight: drawn.weight, bias: drawn.bias))
        return .layer(try LayerArguments.replacingDrawn(layer, givenBias: bias.given, call: call))
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
