import ConvAutograd
import ConvNumerics

/// `Softmin(dim=None)`: PyTorch's `nn.Softmin`, `softmax(−x)` along one dimension. Without a
/// dim it takes PyTorch's implicit choice: dim 0 for inputs of rank 0, 1 or 3, else dim 1.
final class Softmin: TensorModule, DifferentiableModule {
    let trainingFlag = TrainingFlag()
    /// As written (negative counts from the end); nil for PyTorch's implicit choice.
    let dim: Int?

    init(dim: Int?) { self.dim = dim }

    var description: String { "Softmin(dim=\(dim.map(String.init) ?? "None"))" }
    var members: [(name: String, value: Value)] { [("dim", dim.map(ModuleMembers.number) ?? .none)] }
    var jsonFields: [(String, String)] { dim.map { [("dim", "\($0)")] } ?? [] }

    func forward(variable x: Variable) throws(AutogradError) -> Variable {
        try x.neg().softmax(dim: Self.resolved(dim, rank: x.data.rank))
    }

    func forward(_ input: Tensor, _ call: ModuleCall) throws(RuntimeError) -> Tensor {
        try Self.apply(input, dim: dim, at: call.range)
    }

    /// PyTorch's `_get_softmax_dim`.
    static func resolved(_ dim: Int?, rank: Int) -> Int { dim ?? ([0, 1, 3].contains(rank) ? 0 : 1) }

    /// `softmax(−input)` along `dim`, as a plain tensor.
    static func apply(_ input: Tensor, dim: Int?, at range: SourceRange) throws(RuntimeError) -> Tensor {
        let x = Variable(constant: input)
        return try AutogradValues.run(at: range) { () throws(AutogradError) in
            try x.neg().softmax(dim: resolved(dim, rank: input.rank))
        }.asTensor ?? input
    }

    /// `dim` as given: None or an int.
    static func dim(_ call: BuiltinCall) throws(RuntimeError) -> Int? {
        if case .none = call.value("dim") { return nil }
        return try call.integer("dim")
    }

    static let parameters: [Builtin.Parameter] = [.optional("dim", default: .none)]

    static let constructor = ActivationConstructor.builtin(
        "Softmin", "exp(-x) / sum(exp(-x)) along dimension dim", parameters
    ) { call throws(RuntimeError) in Softmin(dim: try dim(call)) }

    /// `F.softmin(x, dim=None)`.
    static let function = Builtin(
        name: "softmin", aliases: ["torch.nn.functional.softmin"], parameters: [.required("x", "input")] + parameters,
        summary: "softmax(-x) along one dimension: the smallest values get the largest weights",
        details: """
        softmin(x, dim=None)

        exp(-x) / sum(exp(-x)) along dim; without dim, PyTorch's implicit choice (dim 0 for rank 0, 1 or 3, else 1).
          F.softmin(torch.tensor([1., 2., 3.]), dim=0)
        """,
        body: { call throws(RuntimeError) in
            let dim = try dim(call)
            if case .variable(let box) = call.value("x") {
                let x = box.variable
                return try AutogradValues.run(at: call.range) { () throws(AutogradError) in
                    try x.neg().softmax(dim: resolved(dim, rank: x.data.rank))
                }
            }
            return .tensor(try apply(try call.tensor("x"), dim: dim, at: call.range))
        })
}
