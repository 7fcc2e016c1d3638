import ConvNumerics

/// `Softmax(dim)`: PyTorch's `nn.Softmax`, `exp(x) / sum(exp(x))` along one dimension.
final class Softmax: ActivationModule {
    let trainingFlag = TrainingFlag()
    /// As written: negative counts from the end.
    let dim: Int

    init(dim: Int) { self.dim = dim }

    var description: String { "Softmax(dim=\(dim))" }

    func activation(for input: Tensor, at range: SourceRange) throws(RuntimeError) -> Activation {
        let rank = Swift.max(input.rank, 1)
        guard dim >= -rank, dim < rank else {
            throw RuntimeError("softmax over dim \(dim), but the input has shape \(input.shape) (dims -\(rank) to \(rank - 1))",
                               at: range)
        }
        return .softmax(axis: dim < 0 ? dim + rank : dim)
    }

    var members: [(name: String, value: Value)] { [("dim", ModuleMembers.number(dim))] }
    var jsonFields: [(String, String)] { [("dim", "\(dim)")] }

    static let constructor = ActivationConstructor.builtin(
        "Softmax", "exp(x) / sum(exp(x)) along dimension dim", [.required("dim")]
    ) { call throws(RuntimeError) in Softmax(dim: try call.integer("dim")) }
}
