import ConvAutograd
import ConvNumerics

/// `LogSoftmax(dim)`: PyTorch's `nn.LogSoftmax`, `log(softmax(x))` along one dimension, computed
/// as `F.log_softmax` computes it.
final class LogSoftmax: TensorModule, DifferentiableModule {
    let trainingFlag = TrainingFlag()
    /// As written: negative counts from the end.
    let dim: Int

    init(dim: Int) { self.dim = dim }

    var description: String { "LogSoftmax(dim=\(dim))" }

    func forward(variable x: Variable) throws(AutogradError) -> Variable { try x.logSoftmax(dim: dim) }

    func forward(_ input: Tensor, _ call: ModuleCall) throws(RuntimeError) -> Tensor {
        do {
            return try Variable(constant: input).logSoftmax(dim: dim).data
        } catch {
            throw AutogradValues.located(error, at: call.range)
        }
    }

    var members: [(name: String, value: Value)] { [("dim", ModuleMembers.number(dim))] }
    var jsonFields: [(String, String)] { [("dim", "\(dim)")] }

    static let constructor = ActivationConstructor.builtin(
        "LogSoftmax", "log(softmax(x)) along dimension dim", [.required("dim")]
    ) { call throws(RuntimeError) in LogSoftmax(dim: try call.integer("dim")) }
}
