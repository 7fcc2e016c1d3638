import ConvNumerics

/// `ReLU()`: PyTorch's `nn.ReLU`, `max(x, 0)` as a layer.
final class ReLU: ActivationModule {
    func activation(for input: Tensor, at range: SourceRange) -> Activation { .relu }

    static let constructor = ActivationConstructor.builtin("ReLU", "max(x, 0)") { _ throws(RuntimeError) in ReLU() }
}
