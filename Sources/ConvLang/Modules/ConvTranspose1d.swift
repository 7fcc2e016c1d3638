import ConvNumerics

/// `ConvTranspose1d(in, out, k, ...)`: PyTorch's `nn.ConvTranspose1d`, a transposed convolution
/// with its own weight and bias.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class ConvTranspose1d: ConvolutionModule, @unchecked Sendable {
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
        try explainer.transposed(try LayerDTypes.input(try call.tensorInput(), weight: weight, bias: nil, at: call.range), weight: weight, bias: bias, parameters: settings,
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
