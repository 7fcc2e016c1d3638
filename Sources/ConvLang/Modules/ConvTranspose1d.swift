import ConvNumerics

/// `ConvTranspose1d(in, out, k, ...)`: PyTorch's `nn.ConvTranspose1d`, a transposed convolution
/// with its own weight and bias.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class ConvTranspose1d: ConvolutionModule, @unchecked Sendable {
    let trainingFlag = TrainingFlag()
    /// Its weight is `(in, out/groups, k)`: in and out swapped against `Conv1d`.
    var state: ConvolutionState<ConvolutionTransposeParameters>
    static let weightLayout = " (in, out/g, k)"

    init(_ state: ConvolutionState<ConvolutionTransposeParameters>) { self.state = state }

    /// PyTorch's repr: stride always, then padding, dilation, output_padding and groups when they
    /// differ from the defaults (PyTorch's order).
    var description: String {
        let p = settings
        var parts = ["stride=(\(p.stride),)"]
        if p.padding != 0 { parts.append("padding=(\(p.padding),)") }
        if p.dilation != 1 { parts.append("dilation=(\(p.dilation),)") }
        if p.outputPadding != 0 { parts.append("output_padding=(\(p.outputPadding),)") }
        if p.groups != 1 { parts.append("groups=\(p.groups)") }
        return repr(parts)
    }

    func forward(_ input: Tensor, _ call: ModuleCall) throws(RuntimeError) -> Tensor {
        try TransposeBuiltins.run(LayerDTypes.input(input, weight: weight, bias: nil, at: call.range), weight: weight, bias: bias, parameters: settings, at: call.range,
                                  inputRange: call.inputRange, context: call.context)
    }

    /// `m(x)`, or `m(x, output_size=[1, 1, 9])`: the output padding chosen, as PyTorch's
    /// forward chooses it, so that the output has the length asked for.
    func forward(_ call: ModuleCall) throws(RuntimeError) -> Value {
        guard let (layer, plain) = try sized(call) else {
            try call.context.checkInterrupt(at: call.range)
            return .tensor(try forward(try call.tensorInput(), call))
        }
        return try AutogradLayers.call(layer, plain)
    }

    /// For a call with `output_size=`: the layer with the output padding that size needs, and
    /// the call without the argument; nil for a plain call.
    private func sized(_ call: ModuleCall) throws(RuntimeError) -> (ConvTranspose1d, ModuleCall)? {
        guard let at = call.arguments.firstIndex(where: { $0.label == "output_size" }) else { return nil }
        var arguments = call.arguments
        let size = arguments.remove(at: at)
        let plain = ModuleCall(arguments: arguments, range: call.range, context: call.context)
        if case .none = size.value { return (self, plain) }
        var settings = self.settings
        settings.outputPadding = try outputPadding(for: size, inputShape: try plain.input().asTensor?.shape ?? [])
        return (ConvTranspose1d(state.with(settings)), plain)
    }

    /// PyTorch's `_output_padding`: `output_size` gives the length alone or every dimension;
    /// the length must lie between the length without output padding and `stride − 1` more.
    private func outputPadding(for size: Evaluator.EvaluatedArgument, inputShape: [Int]) throws(RuntimeError) -> Int {
        let items: [Value] = switch size.value {
        case .tuple(let items): items
        case .list(let list): list.items
        case .tensor(let tensor) where tensor.rank == 1: tensor.scalars.map(Value.number)
        default: [size.value]
        }
        let rank = inputShape.count
        guard items.count == 1 || items.count == rank else {
            throw RuntimeError("ConvTranspose1D: for \(rank)D input, output_size must have 1 or \(rank) elements (got \(items.count))",
                               at: size.range, raising: .valueError)
        }
        let requested = try Coercion.integer(items[items.count - 1], what: "output_size", at: size.range)
        let length = inputShape.last ?? 0
        var p = settings
        p.outputPadding = 0
        let smallest: Int
        do {
            smallest = try ConvolutionTranspose.outputLength(inputLength: length, kernelSize: kernelSize, parameters: p)
        } catch {
            throw RuntimeError(error.description, at: size.range)
        }
        let largest = smallest.addingReportingOverflow(p.stride - 1).partialValue
        guard requested >= smallest, requested <= largest || largest < smallest else {
            throw RuntimeError("requested an output size of [\(requested)], but valid sizes range from [\(smallest)] to [\(largest)] "
                               + "(for an input of torch.Size([\(inputShape.count >= 3 ? "\(length)" : "")]))", at: size.range,
                               notes: ["with k=\(kernelSize), s=\(p.stride), p=\(p.padding), d=\(p.dilation), an input of length \(length) "
                                       + "gives L_out = (\(length)−1)·\(p.stride) − 2·\(p.padding) + \(p.dilation)·(\(kernelSize)−1) + 1 = \(smallest), "
                                       + "and output_size may add up to s − 1 = \(p.stride - 1) to it"],
                               raising: .valueError)
        }
        return requested - smallest
    }

    // MARK: - Members

    var settingMembers: [(name: String, value: Value)] {
        [("stride", ModuleMembers.oneTuple(settings.stride)), ("padding", ModuleMembers.oneTuple(settings.padding)),
         ("output_padding", ModuleMembers.oneTuple(settings.outputPadding)),
         ("dilation", ModuleMembers.oneTuple(settings.dilation)), ("groups", ModuleMembers.number(settings.groups))]
    }

    var jsonFields: [(String, String)] {
        let p = settings
        return jsonFields(settings: [
            ("stride", "\(p.stride)"), ("padding", "\(p.padding)"), ("output_padding", "\(p.outputPadding)"),
            ("dilation", "\(p.dilation)"), ("groups", "\(p.groups)"),
        ])
    }

    // MARK: - Shapes and explain

    var shapeRule: ShapeRule {
        ShapeRule(inChannels: inChannels, outChannels: outChannels,
                  length: TransposedLength(kernelSize: kernelSize, settings: settings))
    }

    func explain(_ call: ModuleCall, by explainer: Explainer) throws(RuntimeError) -> Value? {
        if let (layer, plain) = try sized(call) { return try layer.explain(plain, by: explainer) }
        return try explainer.transposed(try LayerDTypes.input(try call.tensorInput(), weight: weight, bias: nil, at: call.range), weight: weight, bias: bias, parameters: settings,
                                 callee: description, range: call.range, inputRange: call.inputRange, argumentRange: nil)
    }

    // MARK: - The constructor

    static let constructor = Builtin(
        name: "ConvTranspose1d", aliases: ["torch.nn.ConvTranspose1d"],
        parameters: LayerArguments.sizes + [
            .optional("s", "stride", default: .number(1)), .optional("p", "padding", default: .number(0)),
            .optional("output_padding", "op", default: .number(0)), .optional("g", "groups", default: .number(1)),
            .optional("bias", default: .bool(true)), .optional("d", "dilation", default: .number(1)),
            .optional("mode", "padding_mode", default: .string("zeros")),
        ] + LayerArguments.givenWeights,
        summary: "a 1-D transposed convolution layer, as PyTorch's nn.ConvTranspose1d",
        details: """
        ConvTranspose1d(in, out, k, s=1, p=0, output_padding=0, g=1, bias=true, d=1)
            note groups and dilation come in PyTorch's order, different from Conv1d's

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
        constructsLayer: true, body: { call throws(RuntimeError) in try construct(&call) }
    )

    /// Also refuses padding modes other than zeros, as PyTorch does.
    static func settings(of call: BuiltinCall, kernelSize: Int) throws(RuntimeError) -> ConvolutionTransposeParameters {
        let settings = try TransposeBuiltins.transposeParameters(call)
        let mode = try call.string("mode")
        guard mode == "zeros" else {
            throw call.error("ConvTranspose1d supports only padding mode \"zeros\", not \"\(mode)\"", at: "mode",
                             notes: ["as in PyTorch; pad the input yourself for other modes"])
        }
        return settings
    }

    static var initialization: Initialization { LayerInitialization.convTranspose1d }

    static func blamesGroups(_ error: ConvolutionError) -> Bool {
        switch error {
        case .nonPositiveGroups, .inChannelsNotDivisibleByGroups, .outChannelsNotDivisibleByGroups: true
        default: false
        }
    }
}
