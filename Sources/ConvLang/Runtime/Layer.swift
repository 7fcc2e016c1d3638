import ConvNumerics

/// A layer object: built once with its settings and weights, then called on inputs (`m(x)`).
///
/// Layers are values: `m.weight = ...` rebinds `m` to a layer with the new weight.
public enum Layer: Sendable {
    case conv1d(Conv1dLayer)
    case convTranspose1d(ConvTranspose1dLayer)
    case pooling(PoolingLayer)
    case activation(ActivationLayer)
    case sequential(SequentialModel)

    /// PyTorch's repr, e.g. `Conv1d(1, 1, kernel_size=(2,), stride=(2,), padding=(1,))`.
    public var description: String {
        switch self {
        case .conv1d(let layer): layer.description
        case .convTranspose1d(let layer): layer.description
        case .pooling(let layer): layer.description
        case .activation(let layer): layer.description
        case .sequential(let model): model.description
        }
    }

    var typeDescription: String {
        switch self {
        case .conv1d(let layer): "Conv1d(\(layer.inChannels)→\(layer.outChannels), k=\(layer.kernelSize))"
        case .convTranspose1d(let layer): "ConvTranspose1d(\(layer.inChannels)→\(layer.outChannels), k=\(layer.kernelSize))"
        case .pooling(let layer): "\(layer.typeName)(k=\(layer.parameters.kernelSize))"
        case .activation(let layer): layer.description
        case .sequential(let model): "Sequential(\(model.layers.count) layer\(model.layers.count == 1 ? "" : "s"))"
        }
    }

    /// The class name PyTorch would print: `Conv1d`, `MaxPool1d`, `ReLU`, `Sequential`, ...
    var typeName: String {
        switch self {
        case .conv1d: "Conv1d"
        case .convTranspose1d: "ConvTranspose1d"
        case .pooling(let layer): layer.typeName
        case .activation(let layer): layer.typeName
        case .sequential: "Sequential"
        }
    }

    /// The names `.` can read.
    var memberNames: [String] {
        switch self {
        case .conv1d: Conv1dLayer.memberNames
        case .convTranspose1d: ConvTranspose1dLayer.memberNames
        case .pooling(let layer): layer.memberNames
        case .activation(let layer): layer.memberNames
        case .sequential: []
        }
    }
}

/// `Conv1d(in, out, k, ...)`: a 1-D convolution layer with its own weight and bias.
public struct Conv1dLayer: Sendable {
    public var inChannels: Int
    public var outChannels: Int
    public var kernelSize: Int
    public var parameters: ConvolutionParameters
    /// `(out, in/groups, k)`.
    public var weight: Tensor
    /// `(out)`, or `nil` when made with `bias=false`.
    public var bias: Tensor?

    static let memberNames = ["weight", "bias", "in_channels", "out_channels", "kernel_size", "stride", "padding",
                              "dilation", "groups", "padding_mode"]

    /// PyTorch's repr: kernel size and stride always, then only what differs from the defaults.
    public var description: String {
        var parts = ["\(inChannels)", "\(outChannels)", "kernel_size=(\(kernelSize),)", "stride=(\(parameters.stride),)"]
        switch parameters.padding {
        case .explicit(let left, let right) where left == right:
            if left != 0 { parts.append("padding=(\(left),)") }
        case .explicit(let left, let right): parts.append("padding=(\(left), \(right))")
        case .valid: parts.append("padding=valid")
        case .same: parts.append("padding=same")
        case .causal: parts.append("padding=causal")
        case .full: parts.append("padding=full")
        }
        if parameters.dilation != 1 { parts.append("dilation=(\(parameters.dilation),)") }
        if parameters.groups != 1 { parts.append("groups=\(parameters.groups)") }
        if bias == nil { parts.append("bias=False") }
        if parameters.paddingMode != .zeros { parts.append("padding_mode=\(parameters.paddingMode.rawValue)") }
        return "Conv1d(" + parts.joined(separator: ", ") + ")"
    }
}
