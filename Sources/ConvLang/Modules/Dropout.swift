import ConvAutograd
import ConvNumerics

/// `Dropout(p=0.5, inplace=False)`: PyTorch's `nn.Dropout`. In training each element is zeroed
/// with probability `p` and the rest scaled by `1/(1 − p)`, the mask drawn from the shared
/// random stream exactly as PyTorch's `bernoulli_(1 − p)` draws it; in evaluation it is the
/// identity.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class Dropout: EngineModule, @unchecked Sendable {
    let p: Double
    let inplace: Bool
    let trainingFlag = TrainingFlag()

    init(p: Double, inplace: Bool) { (self.p, self.inplace) = (p, inplace) }

    var description: String { "Dropout(p=\(LayerTensors.pythonFloat(p)), inplace=\(LayerTensors.pythonBool(inplace)))" }

    func compute(_ x: Variable, _ call: ModuleCall) throws(AutogradError) -> Variable {
        guard training else { return x }
        return try Self.droppedOut(x, p: p, context: call.context)
    }

    /// `x` with elements zeroed with probability `p` and the rest scaled by 1/(1 − p), the mask
    /// drawn as F.dropout draws it for an input of x's shape and dtype (also between the layers
    /// of a recurrent layer).
    static func droppedOut(_ x: Variable, p: Double, context: EvaluationContext) throws(AutogradError) -> Variable {
        guard p > 0, x.data.count > 0 else { return x }
        let ones = (Tensor(repeating: 1, shape: x.shape) ?? Tensor([])).converted(to: x.dtype)
        let mask: Tensor
        do { mask = try context.generator.dropout(ones, p: p) } catch { throw .invalidArgument(error.description) }
        return try x.dropout(mask: mask, p: p)
    }

    var members: [(name: String, value: Value)] {
        [("p", .number(p)), ("inplace", .bool(inplace))]
    }

    var jsonFields: [(String, String)] { [("p", JSONEncoding.number(p))] }

    static let constructor = Builtin(
        name: "Dropout", aliases: ["torch.nn.Dropout"],
        parameters: [.optional("p", default: .number(0.5)), .optional("inplace", default: .bool(false))],
        summary: "zeroes elements at random while training, as PyTorch's nn.Dropout",
        details: """
        Dropout(p=0.5, inplace=false)

        In training mode (the default, m.train()) each element is zeroed with probability p and
        the others are multiplied by 1/(1-p); the mask comes from the seeded generator exactly as
        PyTorch draws it, so after seed(S) the output equals torch.manual_seed(S)'s. After
        m.eval() the layer gives its input unchanged.

        Example:
          seed(0)
          drop = Dropout(0.25)
          drop(ones(8))
        """,
        constructsLayer: true,
        body: { call throws(RuntimeError) in
            let p = try call.number("p")
            guard p >= 0, p <= 1 else {
                throw call.error("dropout probability has to be between 0 and 1, but got \(LayerTensors.pythonFloat(p))", at: "p",
                                 raising: .valueError)
            }
            return .layer(Layer(Dropout(p: p, inplace: try call.bool("inplace"))))
        })
}
