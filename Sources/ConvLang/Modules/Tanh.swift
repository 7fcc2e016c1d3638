import ConvNumerics

/// `Tanh()`: PyTorch's `nn.Tanh`, the hyperbolic tangent as a layer.
final class Tanh: ActivationModule {
    let trainingFlag = TrainingFlag()
    func activation(for input: Tensor, at range: SourceRange) -> Activation { .tanh }

    static let constructor = ActivationConstructor.builtin("Tanh", "the hyperbolic tangent") { _ throws(RuntimeError) in
        Tanh()
    }
}
