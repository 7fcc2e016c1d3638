import ConvNumerics

/// `ReLU(inplace=False)`: PyTorch's `nn.ReLU`, `max(x, 0)` as a layer. With `inplace=True` a
/// tensor with autograd identity is changed in place (recorded as PyTorch records `relu_`); a
/// plain tensor, being a value, gives the result as with `inplace=False`.
final class ReLU: ActivationModule {
    let trainingFlag = TrainingFlag()
    let inplace: Bool

    init(inplace: Bool = false) { self.inplace = inplace }

    /// PyTorch's repr: `ReLU()`, or `ReLU(inplace=True)`.
    var description: String { inplace ? "ReLU(inplace=True)" : "ReLU()" }

    func activation(for input: Tensor, at range: SourceRange) -> Activation { .relu }

    static let constructor = ActivationConstructor.builtin("ReLU", "max(x, 0)", [.optional("inplace", default: .bool(false))]) { call throws(RuntimeError) in
        ReLU(inplace: try call.bool("inplace"))
    }
}
