import ConvNumerics

/// `conv`, PyTorch's `F.conv1d`, and what the `Conv1d` layer shares with it: reading the
/// settings and turning refusals into errors at the argument to blame.
enum ConvBuiltins {
    static let all: [Builtin] = [conv]

    static let conv = Builtin(
        name: "conv", aliases: ["conv1d", "torch.nn.functional.conv1d", "torch.conv1d"],
        parameters: [
            .required("x", "input"), .required("w", "weight"), .optional("b", "bias", default: .none),
            .optional("s", "stride", default: .number(1)), .optional("p", "padding", default: .number(0)),
            .optional("d", "dilation", default: .number(1)), .optional("g", "groups", default: .number(1)),
            .optional("mode", "padding_mode", default: .string("zeros")), .optional("k", "kernel_size", default: .none),
        ],
        summary: "1-D convolution (cross-correlation), exactly as PyTorch's F.conv1d",
        details: """
        conv(x, w, b=none, s=1, p=0, d=1, g=1, mode="zeros", k=none)

        Slides the kernel w over x without flipping it (cross-correlation, as PyTorch does):
            out[o, i] = b[o] + sum over c, j of w[o, c, j] * xpad[c, i*s + j*d]
        and L_out = floor((L + 2p - d*(k-1) - 1) / s) + 1.

          x     input: (L) one channel, (C, L), or a batch (N, C, L)
          w     weight: (k) for one channel in and out, or (out, C/g, k)
          b     bias: a number or (out)
          s     stride: how far the kernel moves each step
          p     padding: a number, (left, right), "valid", "same" (stride 1 only),
                "causal" (d*(k-1) on the left) or "full" (d*(k-1) on both sides)
          d     dilation: spacing between kernel taps
          g     groups: split the channels into g independent convolutions
          mode  padding_mode: "zeros", "reflect", "replicate" or "circular"
          k     kernel_size: optional; must agree with w

        Long names work too: weight, bias, stride, padding, dilation, groups, padding_mode.
        A rank-1 x with one output channel gives a rank-1 result.

        Examples:
          conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)     # [-1.9, -2.4]
          conv([1, 2, 3, 4], [1, 10], p="same")           # [21, 32, 43, 4]
        """,
        explain: { call, explainer throws(RuntimeError) in
            let bound = call
            return try explainer.convolution(try convArguments(call), callee: call.builtin.name, range: call.range,
                                             inputRange: call.range(of: "x"), argumentRange: { bound.range(of: $0) })
        },
        body: { call throws(RuntimeError) in try runConv(&call) }
    )

    // MARK: - conv

    private static func runConv(_ call: inout BuiltinCall) throws(RuntimeError) -> Value {
        let arguments = try convArguments(call)
        let bound = call
        return .tensor(try run(arguments.input, weight: arguments.weight, bias: arguments.bias, parameters: arguments.parameters,
                       at: call.range, inputRange: call.range(of: "x"), context: call.context,
                       argumentRange: { bound.range(of: $0) }))
    }

    /// What one `conv` call convolves, read from its bound arguments.
    struct ConvArguments {
        var input: Tensor
        var weight: Tensor
        var bias: Tensor?
        var parameters: ConvolutionParameters
    }

    /// Reads x, w, b, s, p, d, g, mode and checks k against the weight (shared by `conv` and
    /// `explain conv(...)`, so both accept exactly the same calls).
    static func convArguments(_ call: BuiltinCall) throws(RuntimeError) -> ConvArguments {
        let input = try call.tensor("x")
        let weight = try call.tensor("w")
        let parameters = try convolutionParameters(call)
        let outChannels = weight.rank == 1 ? 1 : (weight.shape.first ?? 1)
        let bias = try biasTensor(call.value("b"), outChannels: outChannels, at: call.range(of: "b"))
        if call.isGiven("k") {
            let k = try call.integer("k")
            let kernel = weight.shape.last ?? 0
            guard k == kernel else {
                throw call.error("k=\(k) does not agree with the weight's kernel size \(kernel) (w has shape \(weight.shape))", at: "k",
                                 notes: ["leave out k; the weight decides it"])
            }
        }
        return ConvArguments(input: input, weight: weight, bias: bias, parameters: parameters)
    }

    /// Runs a convolution and turns a refusal into an error pointing at the argument to blame.
    static func run(
        _ input: Tensor, weight: Tensor, bias: Tensor?, parameters: ConvolutionParameters, at range: SourceRange,
        inputRange: SourceRange, context: EvaluationContext, argumentRange: ((String) -> SourceRange)? = nil
    ) throws(RuntimeError) -> Tensor {
        do {
            return try Convolution.conv1d(input, weight: weight, bias: bias, parameters: parameters,
                                          elementLimit: context.limits.maximumElements, memory: context.limits.memoryBudget,
                                          interrupt: context.interrupt)
        } catch {
            throw refusal(error, parameters: parameters, at: range, inputRange: inputRange, argumentRange: argumentRange)
        }
    }

    /// A refusal as an error pointing at the argument to blame; a size refusal also shows the
    /// output-length formula with the numbers put in, so the point where it fails is visible.
    static func refusal(
        _ error: ConvolutionError, parameters: ConvolutionParameters, at range: SourceRange,
        inputRange: SourceRange, argumentRange: ((String) -> SourceRange)? = nil
    ) -> RuntimeError {
        let blamed = blamedArgument(error)
        let where_ = blamed == "x" ? inputRange : (blamed.flatMap { argumentRange?($0) } ?? range)
        var notes: [String] = []
        if case .kernelLongerThanInput(let length, let left, let right, let kernelSize, let dilation) = error {
            let lengths = LengthFormula(inputLength: length, left: left, right: right, kernelSize: kernelSize,
                                        stride: parameters.stride, dilation: dilation)
            notes.append(lengths.substituted + ", but a convolution needs L_out ≥ 1")
        }
        return RuntimeError(error.description, at: where_, notes: notes + error.memoryNotes, kind: error.diagnosticKind)
    }

    /// Which argument a refusal is about, so the caret points at it.
    static func blamedArgument(_ error: ConvolutionError) -> String? {
        switch error {
        case .inputRank, .channelMismatch, .emptyInput: "x"
        case .weightRank, .nonPositiveKernelSize, .outChannelsNotDivisibleByGroups, .outChannelsFewerThanGroups: "w"
        case .biasShape: "b"
        case .nonPositiveStride: "s"
        case .sameWithStride, .negativePadding, .reflectPaddingTooLarge, .circularPaddingTooLarge: "p"
        case .nonPositiveDilation: "d"
        case .nonPositiveGroups, .inChannelsNotDivisibleByGroups: "g"
        default: nil
        }
    }

    // MARK: - Arguments

    /// Reads s, p, d, g and mode.
    static func convolutionParameters(_ call: BuiltinCall) throws(RuntimeError) -> ConvolutionParameters {
        ConvolutionParameters(
            stride: try call.integer("s"), padding: try padding(call.value("p"), at: call.range(of: "p")),
            dilation: try call.integer("d"), groups: try call.integer("g"),
            paddingMode: try paddingMode(call.value("mode"), at: call.range(of: "mode")))
    }

    static let paddingNames = ["valid", "same", "causal", "full"]

    static func padding(_ value: Value, at range: SourceRange) throws(RuntimeError) -> Padding {
        switch value {
        case .string(let name):
            switch name {
            case "valid": return .valid
            case "same": return .same
            case "causal": return .causal
            case "full": return .full
            default:
                var notes = ["padding is a number, (left, right), or one of " + paddingNames.map { "\"\($0)\"" }.joined(separator: ", ")]
                if let suggestion = Suggestion.nearest(to: name, in: paddingNames) { notes.insert("did you mean \"\(suggestion)\"?", at: 0) }
                throw RuntimeError("unknown padding \"\(name)\"", at: range, notes: notes)
            }
        case .tuple(let items) where items.count == 2:
            return .explicit(left: try Coercion.integer(items[0], what: "the left padding", at: range),
                             right: try Coercion.integer(items[1], what: "the right padding", at: range))
        case .tensor(let t) where t.rank == 1 && t.count == 2:
            return .explicit(left: try Coercion.integer(.number(t.scalars[0]), what: "the left padding", at: range),
                             right: try Coercion.integer(.number(t.scalars[1]), what: "the right padding", at: range))
        default:
            let amount = try Coercion.integer(value, what: "the padding p", at: range)
            return .explicit(left: amount, right: amount)
        }
    }

    static func paddingMode(_ value: Value, at range: SourceRange) throws(RuntimeError) -> PaddingMode {
        let names = PaddingMode.allCases.map(\.rawValue)
        guard case .string(let name) = value else {
            throw RuntimeError("the padding mode must be a string: " + names.map { "\"\($0)\"" }.joined(separator: ", "), at: range)
        }
        guard let mode = PaddingMode(rawValue: name) else {
            var notes = ["padding modes: " + names.map { "\"\($0)\"" }.joined(separator: ", ")]
            if let suggestion = Suggestion.nearest(to: name, in: names) { notes.insert("did you mean \"\(suggestion)\"?", at: 0) }
            throw RuntimeError("unknown padding mode \"\(name)\"", at: range, notes: notes)
        }
        return mode
    }

    /// A number bias applies to every output channel; a tensor must be (out).
    static func biasTensor(_ value: Value, outChannels: Int, at range: SourceRange) throws(RuntimeError) -> Tensor? {
        switch value {
        case .none: return nil
        case .tensor(let t): return t
        default:
            let number = try Coercion.number(value, what: "the bias b", at: range)
            return Tensor(repeating: number, shape: [Swift.max(outChannels, 0)])
        }
    }

    static func sameWithStrideNotes(kernelSize: Int, dilation: Int) -> [String] {
        let (total, overflow) = dilation.multipliedReportingOverflow(by: kernelSize - 1)
        guard !overflow else { return [] }
        let left = total / 2
        let right = total - left
        let explicit = left == right ? "p=\(left)" : "p=(\(left), \(right))"
        return ["as in PyTorch, \"same\" needs stride 1; write the padding explicitly, e.g. \(explicit)"]
    }
}
