import ConvAutograd
import ConvNumerics

/// `GroupNorm(num_groups, num_channels, eps=1e-05, affine=True, bias=True)`: PyTorch's
/// `nn.GroupNorm` on `(N, C, *)`, each sample's channels normalised in `num_groups` groups.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class GroupNorm: EngineModule, AffineParameters, @unchecked Sendable {
    let trainingFlag = TrainingFlag()
    let groups: Int
    let channels: Int
    let eps: Double
    private(set) var weight: VariableBox?
    private(set) var bias: VariableBox?

    init(groups: Int, channels: Int, eps: Double, affine: Bool, bias: Bool) {
        (self.groups, self.channels, self.eps) = (groups, channels, eps)
        if affine {
            weight = LayerTensors.parameter(LayerTensors.filled(1, [channels]))
            self.bias = bias ? LayerTensors.parameter(LayerTensors.filled(0, [channels])) : nil
        }
    }

    var description: String {
        "GroupNorm(\(groups), \(channels), eps=\(LayerTensors.pythonFloat(eps)), affine=\(LayerTensors.pythonBool(weight != nil)), "
            + "bias=\(LayerTensors.pythonBool(bias != nil)))"
    }

    func compute(_ x: Variable, _ call: ModuleCall) throws(AutogradError) -> Variable {
        try Functional.groupNorm(x, groups: groups, weight: weight?.variable, bias: bias?.variable, eps: eps)
    }

    var members: [(name: String, value: Value)] {
        [("weight", weight.map(Value.variable) ?? .none), ("bias", bias.map(Value.variable) ?? .none),
         ("num_groups", .int(groups)), ("num_channels", .int(channels)), ("eps", .number(eps)), ("affine", .bool(weight != nil))]
    }

    func assign(_ name: String, _ value: Value, nameRange: SourceRange, valueRange: SourceRange) throws(RuntimeError) {
        switch name {
        case "weight" where weight != nil: weight = try LayerTensors.assigned(value, to: weight, shape: [channels], name: name, at: valueRange)
        case "bias" where bias != nil: bias = try LayerTensors.assigned(value, to: bias, shape: [channels], name: name, at: valueRange)
        default: throw refusedAssignment(name, at: nameRange)
        }
    }

    var jsonFields: [(String, String)] {
        [("num_groups", "\(groups)"), ("num_channels", "\(channels)"), ("eps", JSONEncoding.number(eps))]
    }

    static let constructor = Builtin(
        name: "GroupNorm", aliases: ["torch.nn.GroupNorm"],
        parameters: [.required("num_groups"), .required("num_channels"), .optional("eps", default: .number(1e-5)),
                     .optional("affine", default: .bool(true)), .optional("bias", default: .bool(true))],
        summary: "group normalisation over (N, C, *), as PyTorch's nn.GroupNorm",
        details: """
        GroupNorm(num_groups, num_channels, eps=1e-05, affine=true, bias=true)

        Splits each sample's channels into num_groups groups and normalises each group to mean 0
        and variance 1 (the biased variance, plus eps), then scales by weight (ones) and shifts by
        bias (zeros), one entry per channel.

        Example:
          gn = GroupNorm(2, 4)
          gn(randn(3, 4, 5))
        """,
        constructsLayer: true,
        body: { call throws(RuntimeError) in
            let groups = try call.integer("num_groups"), channels = try call.integer("num_channels", in: 0...Int.max)
            guard groups != 0, channels % groups == 0 else {
                throw call.error(groups == 0 ? "integer modulo by zero" : "num_channels (\(channels)) must be divisible by num_groups (\(groups))",
                                 raising: groups == 0 ? .zeroDivisionError : .valueError)
            }
            return .layer(Layer(GroupNorm(groups: groups, channels: channels, eps: try call.number("eps"),
                                          affine: try call.bool("affine"), bias: try call.bool("bias"))))
        })
}
