import ConvNumerics

/// A layer object: built once with its settings and weights, then called on inputs (`m(x)`).
///
/// Layers are reference objects, as in PyTorch: `m.weight = ...` changes `m` in place.
public enum Layer: Sendable {
    case module(ModuleHandle)
    case pooling(PoolingLayer)
    case activation(ActivationLayer)
    case sequential(SequentialModel)

    init(_ module: any Module) { self = .module(ModuleHandle(module: module)) }

    /// PyTorch's repr, e.g. `Conv1d(1, 1, kernel_size=(2,), stride=(2,), padding=(1,))`.
    public var description: String {
        switch self {
        case .module(let handle): handle.module.description
        case .pooling(let layer): layer.description
        case .activation(let layer): layer.description
        case .sequential(let model): model.description
        }
    }

    var typeDescription: String {
        switch self {
        case .module(let handle): handle.module.typeDescription
        case .pooling(let layer): "\(layer.typeName)(k=\(layer.parameters.kernelSize))"
        case .activation(let layer): layer.description
        case .sequential(let model): "Sequential(\(model.layers.count) layer\(model.layers.count == 1 ? "" : "s"))"
        }
    }

    /// The class name PyTorch would print: `Conv1d`, `MaxPool1d`, `ReLU`, `Sequential`, ...
    var typeName: String {
        switch self {
        case .module(let handle): handle.module.typeName
        case .pooling(let layer): layer.typeName
        case .activation(let layer): layer.typeName
        case .sequential: "Sequential"
        }
    }

    /// The names `.` can read.
    var memberNames: [String] {
        switch self {
        case .module(let handle): handle.module.memberNames
        case .pooling(let layer): layer.memberNames
        case .activation(let layer): layer.memberNames
        case .sequential: []
        }
    }
}

/// A layer held by reference.
public struct ModuleHandle: Sendable {
    let module: any Module
}
