import ConvAutograd
import ConvNumerics

/// `GLU(dim=-1)`: PyTorch's `nn.GLU`, the gated linear unit `a·σ(b)` of the two halves of the
/// input along `dim` (which halves that dimension's length).
final class GLU: TensorModule, DifferentiableModule {
    let trainingFlag = TrainingFlag()
    /// As written: negative counts from the end.
    let dim: Int

    init(dim: Int) { self.dim = dim }

    var description: String { "GLU(dim=\(dim))" }
    var members: [(name: String, value: Value)] { [("dim", ModuleMembers.number(dim))] }
    var jsonFields: [(String, String)] { [("dim", "\(dim)")] }

    func forward(variable x: Variable) throws(AutogradError) -> Variable { try Functional.glu(x, dim: dim) }

    func forward(_ input: Tensor, _ call: ModuleCall) throws(RuntimeError) -> Tensor {
        try Self.apply(input, dim: dim, at: call.range)
    }

    /// The halves of `input` along `dim`, gated, as a plain tensor.
    static func apply(_ input: Tensor, dim: Int, at range: SourceRange) throws(RuntimeError) -> Tensor {
        try AutogradValues.run(at: range) { () throws(AutogradError) in try Functional.glu(Variable(constant: input), dim: dim) }.asTensor
            ?? input
    }

    static let parameters: [Builtin.Parameter] = [.optional("dim", default: .int(-1))]

    static let constructor = ActivationConstructor.builtin(
        "GLU", "a * sigmoid(b), a and b the two halves of x along dim", parameters
    ) { call throws(RuntimeError) in GLU(dim: try call.integer("dim")) }

    /// `F.glu(x, dim=-1)`.
    static let function = Builtin(
        name: "glu", aliases: ["torch.nn.functional.glu"], parameters: [.required("x", "input")] + parameters,
        summary: "the gated linear unit: a * sigmoid(b), a and b the halves of x along dim",
        details: """
        glu(x, dim=-1)

        Cuts x into halves a and b along dim (whose length must be even) and gives a * sigmoid(b).
          F.glu(torch.tensor([1., 2., 0., 3.]))
        """,
        body: { call throws(RuntimeError) in
            let dim = try call.integer("dim")
            if case .variable(let box) = call.value("x") {
                let x = box.variable
                return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try Functional.glu(x, dim: dim) }
            }
            return .tensor(try apply(try call.tensor("x"), dim: dim, at: call.range))
        })
}
