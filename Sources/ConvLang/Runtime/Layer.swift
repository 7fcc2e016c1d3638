import ConvNumerics

/// A layer object: built once with its settings and weights, then called on inputs (`m(x)`).
///
/// Layers are values: `m.weight = ...` rebinds `m` to a layer with the new weight.
public enum Layer: Sendable {
    case conv1d(Conv1dLayer)

    /// PyTorch's repr, e.g. `Conv1d(1, 1, kernel_size=(2,), stride=(2,), padding=(1,))`.
    public var description: String {
        switch self {
        case .conv1d(let layer): layer.description
        }
    }

    var typeDescription: String {
        switch self {
        case .conv1d(let layer): "Conv1d(\(layer.inChannels)→\(layer.outChannels), k=\(layer.kernelSize))"
        }
    }

    /// The names `.` can read.
    var memberNames: [String] {
        switch self {
        case .conv1d: Conv1dLayer.memberNames
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
