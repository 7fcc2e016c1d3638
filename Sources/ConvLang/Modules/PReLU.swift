import ConvAutograd
import ConvNumerics

/// `PReLU(num_parameters=1, init=0.25)`: PyTorch's `nn.PReLU`, `x` where `x > 0` and `a·x`
/// elsewhere, with a learned slope `a` for all channels or one per channel (dimension 1).
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class PReLU: EngineModule, @unchecked Sendable {
    let trainingFlag = TrainingFlag()
    let numParameters: Int
    private(set) var weight: VariableBox

    init(numParameters: Int, initial: Double) {
        self.numParameters = numParameters
        weight = LayerTensors.parameter(LayerTensors.filled(initial, [numParameters]))
    }

    var description: String { "PReLU(num_parameters=\(numParameters))" }

    func compute(_ x: Variable, _ call: ModuleCall) throws(AutogradError) -> Variable {
        try Functional.prelu(x, weight: weight.variable)
    }

    var parameters: [(name: String, tensor: Tensor)] { [("weight", weight.tensor)] }
    var parameterValues: [(name: String, value: Value)] { [("weight", .variable(weight))] }
    var members: [(name: String, value: Value)] { [("weight", .variable(weight)), ("num_parameters", .int(numParameters))] }

    func assign(_ name: String, _ value: Value, nameRange: SourceRange, valueRange: SourceRange) throws(RuntimeError) {
        guard name == "weight" else { throw refusedAssignment(name, at: nameRange) }
        guard let box = try LayerTensors.assigned(value, to: weight, shape: [numParameters], name: name, at: valueRange) else {
            throw RuntimeError("PReLU's weight cannot be None", at: valueRange)
        }
        weight = box
    }

    var jsonFields: [(String, String)] { [("num_parameters", "\(numParameters)")] }

    static let constructor = Builtin(
        name: "PReLU", aliases: ["torch.nn.PReLU"],
        parameters: [.optional("num_parameters", default: .int(1)), .optional("init", default: .number(0.25))],
        summary: "a leaky relu whose negative slope is learned, as PyTorch's nn.PReLU",
        details: """
        PReLU(num_parameters=1, init=0.25)

        x where x > 0, weight * x elsewhere; weight holds num_parameters slopes, all starting at
        init: one for every element, or one per channel (dimension 1 of the input).
          PReLU(2)(torch.tensor([[-1., 2.], [3., -4.]]))
        """,
        constructsLayer: true,
        body: { call throws(RuntimeError) in
            let count = try Coercion.integer(call.value("num_parameters"), what: "num_parameters", at: call.range(of: "num_parameters"),
                                             in: 1...1_000_000)
            return .layer(Layer(PReLU(numParameters: count, initial: try call.number("init"))))
        })

    /// `F.prelu(x, weight)`, also `torch.prelu` and `x.prelu(weight)`.
    static let function = Builtin.tensorFunction(
        "prelu", aliases: ["torch.nn.functional.prelu"], [.required("input"), .required("weight")],
        "x where x > 0, weight * x elsewhere, one weight per channel or one for all",
        example: "F.prelu(torch.tensor([-1., 2.]), torch.tensor([0.25]))"
    ) { call throws(RuntimeError) in
        let x = try AutogradValues.variable(call.value("input"), what: "prelu's argument 'input'", at: call.range(of: "input"))
        let w = try AutogradValues.variable(call.value("weight"), what: "prelu's argument 'weight'", at: call.range(of: "weight"))
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try Functional.prelu(x, weight: w) }
    }
}
