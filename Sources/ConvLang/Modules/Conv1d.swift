import ConvNumerics

/// `Conv1d(in, out, k, ...)`: PyTorch's `nn.Conv1d`, a 1-D convolution with its own weight and bias.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class Conv1d: ConvolutionModule, @unchecked Sendable {
    let trainingFlag = TrainingFlag()
    /// Its weight is `(out, in/groups, k)`.
    var state: ConvolutionState<ConvolutionParameters>
    static let weightLayout = ""

    init(_ state: ConvolutionState<ConvolutionParameters>) { self.state = state }

    /// PyTorch's repr: stride always, then only the settings that differ from the defaults.
    var description: String {
        var parts = ["stride=(\(settings.stride),)"]
        switch settings.padding {
        case .explicit(let left, let right) where left == right:
            if left != 0 { parts.append("padding=(\(left),)") }
        case .explicit(let left, let right): parts.append("padding=(\(left), \(right))")
        case .valid: parts.append("padding=valid")
        case .same: parts.append("padding=same")
        case .causal: parts.append("padding=causal")
        case .full: parts.append("padding=full")
        }
        if settings.dilation != 1 { parts.append("dilation=(\(settings.dilation),)") }
        if settings.groups != 1 { parts.append("groups=\(settings.groups)") }
        let mode = settings.paddingMode
        return repr(parts, trailing: mode == .zeros ? [] : ["padding_mode=\(mode.rawValue)"])
    }

    func forward(_ input: Tensor, _ call: ModuleCall) throws(RuntimeError) -> Tensor {
        let x = try LayerDTypes.input(input, weight: weight, bias: bias, at: call.range)
        let limits = call.context.limits
        do {
            return try Convolution.conv1d(x, weight: weight, bias: bias, parameters: settings, elementLimit: limits.maximumElements,
                                          memory: limits.memoryBudget, interrupt: call.context.interrupt)
        } catch {
            let refusal = ConvBuiltins.refusal(error, parameters: settings, at: call.range, inputRange: call.inputRange)
            throw LayerRefusalWording.headed(refusal, by: LayerRefusalWording.convolution(error, input: x, weight: weight,
                                                                                          groups: settings.groups))
        }
    }

    // MARK: - Members

    var settingMembers: [(name: String, value: Value)] {
        let padding: Value = switch settings.padding {
        case .explicit(let left, let right) where left == right: ModuleMembers.oneTuple(left)
        case .explicit(let left, let right): .tuple([.int(left), .int(right)])
        case .valid: .string("valid")
        case .same: .string("same")
        case .causal: .string("causal")
        case .full: .string("full")
        }
        return [("stride", ModuleMembers.oneTuple(settings.stride)), ("padding", padding),
                ("dilation", ModuleMembers.oneTuple(settings.dilation)), ("groups", ModuleMembers.number(settings.groups)),
                ("padding_mode", .string(settings.paddingMode.rawValue))]
    }

    var jsonFields: [(String, String)] {
        let padding: String = switch settings.padding {
        case .explicit(let left, let right) where left == right: JSONEncoding.number(Double(left))
        case .explicit(let left, let right): "[\(left),\(right)]"
        case .valid: JSONEncoding.string("valid")
        case .same: JSONEncoding.string("same")
        case .causal: JSONEncoding.string("causal")
        case .full: JSONEncoding.string("full")
        }
        return jsonFields(settings: [
            ("stride", "\(settings.stride)"), ("padding", padding), ("dilation", "\(settings.dilation)"),
            ("groups", "\(settings.groups)"), ("padding_mode", JSONEncoding.string(settings.paddingMode.rawValue)),
        ])
    }

    // MARK: - Shapes and explain

    var shapeRule: ShapeRule {
        let (kernelSize, settings) = (kernelSize, settings)
        let padding = try? Convolution.resolvedPadding(settings, kernelSize: kernelSize)
        let length = WindowLength(padding: padding.map { ($0.left, $0.right) }, kernelSize: kernelSize,
                                  stride: settings.stride, dilation: settings.dilation) { length in
            try Convolution.outputLength(inputLength: length, kernelSize: kernelSize, parameters: settings)
        }
        return ShapeRule(inChannels: inChannels, outChannels: outChannels, length: length)
    }

    func explain(_ call: ModuleCall, by explainer: Explainer) throws(RuntimeError) -> Value? {
        let input = try LayerDTypes.input(try call.tensorInput(), weight: weight, bias: bias, at: call.range)
        let arguments = ConvBuiltins.ConvArguments(input: input, weight: weight, bias: bias, parameters: settings)
        return try explainer.convolution(arguments, callee: description, range: call.range, inputRange: call.inputRange,
                                         argumentRange: nil)
    }

    // MARK: - The constructor

    static let constructor = Builtin(
        name: "Conv1d", aliases: ["torch.nn.Conv1d"],
        parameters: LayerArguments.sizes + [
            .optional("s", "stride", default: .number(1)), .optional("p", "padding", default: .number(0)),
            .optional("d", "dilation", default: .number(1)), .optional("g", "groups", default: .number(1)),
            .optional("bias", default: .bool(true)), .optional("mode", "padding_mode", default: .string("zeros")),
        ] + LayerArguments.givenWeights,
        summary: "a 1-D convolution layer with its own weights, as PyTorch's nn.Conv1d",
        details: """
        Conv1d(in, out, k, s=1, p=0, d=1, g=1, bias=true, mode="zeros", w=none, b=none)

        Makes a layer with weight (out, in/g, k) and bias (out), drawn from the seeded generator
        exactly as PyTorch draws them: uniform in ±1/sqrt(fan_in), fan_in = (in/g)*k, weight first.
        After seed(S) the weights equal torch.manual_seed(S); nn.Conv1d(...) bit for bit.
        w= and b= replace the drawn values (the draws still happen, so later layers match PyTorch).

        Call it on an input: m(x). Read m.weight, m.bias, m.stride, ...; assign m.weight = ...

        Example:
          seed(0)
          m = Conv1d(1, 1, 2, s=2, p=1)
          m(tensor([[[2., 3., 4.]]]))
        """,
        constructsLayer: true, body: { call throws(RuntimeError) in try construct(&call) }
    )

    static func settings(of call: BuiltinCall, kernelSize: Int) throws(RuntimeError) -> ConvolutionParameters {
        let settings = try ConvBuiltins.convolutionParameters(call)
        if settings.padding == .same, settings.stride != 1 {
            throw call.error("padding \"same\" is not supported with stride \(settings.stride)", at: "p",
                             notes: ConvBuiltins.sameWithStrideNotes(kernelSize: kernelSize, dilation: settings.dilation))
        }
        return settings
    }

    static var initialization: Initialization { LayerInitialization.conv1d }

    static func blamesGroups(_ error: ConvolutionError) -> Bool { ConvBuiltins.blamedArgument(error) == "g" }
}
