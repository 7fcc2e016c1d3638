import ConvNumerics

/// A normalisation layer's optional `weight` and `bias` (BatchNorm1d, InstanceNorm1d, LayerNorm,
/// GroupNorm): each is a parameter when the layer has it, in that order, as PyTorch lists them.
protocol AffineParameters: Module {
    var weight: VariableBox? { get }
    var bias: VariableBox? { get }
}

extension AffineParameters {
    private var affine: [(name: String, box: VariableBox)] {
        [("weight", weight), ("bias", bias)].compactMap { named in named.1.map { (named.0, $0) } }
    }

    var parameters: [(name: String, tensor: Tensor)] { affine.map { ($0.name, $0.box.tensor) } }

    var parameterValues: [(name: String, value: Value)] { affine.map { ($0.name, Value.variable($0.box)) } }
}
