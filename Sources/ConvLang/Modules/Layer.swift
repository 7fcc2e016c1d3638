import ConvNumerics

/// A layer as a value: `Conv1d(1, 1, 2)`, `ReLU()`, `Sequential(...)`. It refers to one layer
/// object, as a Python name does, so copies of a `Layer` are the same layer: a change made
/// through one (`m.weight = w`) shows through all, and two layers are equal only when they are
/// the same object.
public struct Layer: Sendable, Hashable, CustomStringConvertible {
    let module: any Module

    init(_ module: any Module) { self.module = module }

    /// PyTorch's repr, e.g. `Conv1d(1, 1, kernel_size=(2,), stride=(2,), padding=(1,))`.
    public var description: String { module.description }

    /// PyTorch's class name: `Conv1d`, `MaxPool1d`, `ReLU`, `Sequential`, ...
    public var typeName: String { module.typeName }

    /// Every tensor the layer learns, with those of the layers it holds, named by path (`weight`,
    /// `0.bias`) in the order of PyTorch's `named_parameters()`.
    public var namedParameters: [(name: String, tensor: Tensor)] { module.namedParameters }

    /// Whether both refer to the same layer object.
    public static func == (lhs: Layer, rhs: Layer) -> Bool { lhs.module === rhs.module }

    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(module)) }
}
