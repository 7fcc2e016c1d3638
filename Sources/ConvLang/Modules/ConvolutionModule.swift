import ConvNumerics

/// What `Conv1d` and `ConvTranspose1d` share: channels, a kernel size, a learned weight and
/// bias with the checks a new one must pass, and how PyTorch's constructors make them.
protocol ConvolutionModule: TensorModule {
    /// The stride, padding and the rest, as the numeric kernels take them.
    associatedtype Settings: ConvolutionSettings
    typealias Initialization = (
        _ inChannels: Int, _ outChannels: Int, _ kernelSize: Int, _ groups: Int, _ bias: Bool,
        _ generator: inout TorchGenerator, _ elementLimit: Int
    ) throws(ConvolutionError) -> LayerParameters

    var state: ConvolutionState<Settings> { get set }
    /// The weight's axes as a refusal names them after its shape, e.g. `" (in, out/g, k)"`, or "".
    static var weightLayout: String { get }
    /// The settings as members after the shared ones, in PyTorch's order: `("stride", (2,))`, ...
    var settingMembers: [(name: String, value: Value)] { get }

    init(_ state: ConvolutionState<Settings>)
    /// Reads the settings of a constructor call, with the checks PyTorch makes before drawing.
    static func settings(of call: BuiltinCall, kernelSize: Int) throws(RuntimeError) -> Settings
    /// PyTorch's initialisation of the weight and bias (`LayerInitialization.conv1d`, ...),
    /// given the sizes, the groups and whether to draw a bias.
    static var initialization: Initialization { get }
    /// Whether a refusal of the initialisation is about the groups (the caret goes to `g`).
    static func blamesGroups(_ error: ConvolutionError) -> Bool
}

extension ConvolutionModule {
    var inChannels: Int { state.inChannels }
    var outChannels: Int { state.outChannels }
    var kernelSize: Int { state.kernelSize }
    var settings: Settings { state.settings }
    var weight: Tensor { state.weight }
    var bias: Tensor? { state.bias }

    var typeDescription: String { "\(typeName)(\(inChannels)→\(outChannels), k=\(kernelSize))" }

    var parameters: [(name: String, tensor: Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    var parameterValues: [(name: String, value: Value)] {
        [("weight", .variable(state.weightParameter))] + (state.biasParameter.map { [("bias", .variable($0))] } ?? [])
    }

    var members: [(name: String, value: Value)] {
        [("weight", .variable(state.weightParameter)), ("bias", state.biasParameter.map(Value.variable) ?? Value.none),
         ("in_channels", ModuleMembers.number(inChannels)), ("out_channels", ModuleMembers.number(outChannels)),
         ("kernel_size", ModuleMembers.oneTuple(kernelSize))] + settingMembers
    }

    func assign(_ name: String, _ value: Value, nameRange: SourceRange, valueRange: SourceRange) throws(RuntimeError) {
        switch name {
        case "weight":
            state.weight = try ModuleMembers.assignedWeight(value, shape: weight.shape, layout: Self.weightLayout, at: valueRange)
        case "bias":
            state.bias = try ModuleMembers.assignedBias(value, outChannels: outChannels, at: valueRange)
        default:
            throw refusedAssignment(name, at: nameRange)
        }
    }

    /// PyTorch's repr: the channels and kernel size, then `settings` (those that differ from the
    /// defaults, in PyTorch's order), `bias=False` for a layer made without one, then `trailing`.
    func repr(_ settings: [String], trailing: [String] = []) -> String {
        let parts = ["\(inChannels)", "\(outChannels)", "kernel_size=(\(kernelSize),)"] + settings
            + (bias == nil ? ["bias=False"] : []) + trailing
        return typeName + "(" + parts.joined(separator: ", ") + ")"
    }

    /// The JSON fields: channels and kernel size, then `settings`, then the weight and bias.
    func jsonFields(settings: [(String, String)]) -> [(String, String)] {
        [("in_channels", "\(inChannels)"), ("out_channels", "\(outChannels)"), ("kernel_size", "\(kernelSize)")]
            + settings + [("weight", JSONEncoding.tensor(weight)), ("bias", bias.map(JSONEncoding.tensor) ?? "null")]
    }

    /// What the constructor builtin does, as PyTorch's constructor does: reads the sizes and
    /// settings, draws the weight and then the bias from the seeded generator, and puts the
    /// values given as `w=` and `b=` (or `bias=[...]`) in place of the drawn ones.
    static func construct(_ call: inout BuiltinCall) throws(RuntimeError) -> Value {
        let inChannels = try call.integer("in", in: 0...Int.max)
        let outChannels = try call.integer("out", in: 0...Int.max)
        let kernelSize = try call.integer("k", in: 1...Int.max)
        let settings = try settings(of: call, kernelSize: kernelSize)
        let bias = LayerArguments.bias(call)
        let drawn: LayerParameters
        do {
            drawn = try initialization(inChannels, outChannels, kernelSize, settings.groups, bias.draw,
                                       &call.context.generator, call.context.limits.maximumElements)
        } catch {
            throw LayerRefusalWording.headed(call.error(error.description, at: blamesGroups(error) ? "g" : nil, kind: error.diagnosticKind),
                                             by: LayerRefusalWording.constructor(error))
        }
        let layer = Self(ConvolutionState(inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize,
                                          settings: settings, weight: drawn.weight, bias: drawn.bias))
        try LayerArguments.replaceDrawn(in: layer, givenBias: bias.given, call: call)
        return .layer(Layer(layer))
    }
}

/// The settings both kinds of convolution have.
protocol ConvolutionSettings {
    var groups: Int { get }
}

extension ConvolutionParameters: ConvolutionSettings {}
extension ConvolutionTransposeParameters: ConvolutionSettings {}

/// A convolution layer's sizes, settings and learned tensors.
struct ConvolutionState<Settings> {
    let inChannels: Int
    let outChannels: Int
    let kernelSize: Int
    private(set) var settings: Settings
    /// The weight and bias as leaf Parameters that require grad, as PyTorch's layers own them:
    /// `m.weight` is this object, its `.grad` what backward passes accumulate, and an optimizer
    /// given `m.parameters()` updates it in place.
    private(set) var weightParameter: VariableBox
    private(set) var biasParameter: VariableBox?

    init(inChannels: Int, outChannels: Int, kernelSize: Int, settings: Settings, weight: Tensor, bias: Tensor?) {
        (self.inChannels, self.outChannels, self.kernelSize, self.settings) = (inChannels, outChannels, kernelSize, settings)
        weightParameter = .parameter(weight)
        biasParameter = bias.map(VariableBox.parameter)
    }

    /// The same Parameters under other settings: a call of a transposed convolution with
    /// `output_size=` runs with the output padding that size needs.
    func with(_ settings: Settings) -> ConvolutionState {
        var state = self
        state.settings = settings
        return state
    }

    /// Its shape follows from the settings, e.g. `(out, in/groups, k)` for `Conv1d`. A new value
    /// of the same shape is written into the Parameter in place (as `nn.init` and `m.weight = w`
    /// change PyTorch's), so optimizers holding it see it.
    var weight: Tensor {
        get { weightParameter.tensor }
        set { weightParameter = Self.replaced(weightParameter, by: newValue) }
    }

    /// `(out)`, or `nil` when made with `bias=false`.
    var bias: Tensor? {
        get { biasParameter?.tensor }
        set { biasParameter = newValue.map { Self.replaced(biasParameter, by: $0) } }
    }

    private static func replaced(_ parameter: VariableBox?, by tensor: Tensor) -> VariableBox {
        if let parameter, (try? parameter.assign(tensor)) != nil { return parameter }
        return .parameter(tensor)
    }
}
