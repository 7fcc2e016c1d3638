import ConvNumerics

/// `Sigmoid()`: PyTorch's `nn.Sigmoid`, the logistic function as a layer.
final class Sigmoid: ActivationModule {
    let trainingFlag = TrainingFlag()
    func activation(for input: Tensor, at range: SourceRange) -> Activation { .sigmoid }

    static let constructor = ActivationConstructor.builtin("Sigmoid", "1 / (1 + exp(-x))") { _ throws(RuntimeError) in
        Sigmoid()
    }
}
