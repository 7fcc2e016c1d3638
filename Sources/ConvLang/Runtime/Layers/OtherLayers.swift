import ConvNumerics

/// `MaxPool1d(...)` or `AvgPool1d(...)`: pooling with fixed settings and no weights.
public struct PoolingLayer: Sendable {
    public enum Kind: Sendable {
        case max
        case average
    }

    public var kind: Kind
    public var parameters: PoolingParameters

    var typeName: String { kind == .max ? "MaxPool1d" : "AvgPool1d" }

    var memberNames: [String] {
        kind == .max
            ? ["kernel_size", "stride", "padding", "dilation", "ceil_mode"]
            : ["kernel_size", "stride", "padding", "ceil_mode", "count_include_pad"]
    }

    /// PyTorch's repr: MaxPool1d shows plain numbers, AvgPool1d 1-tuples.
    public var description: String {
        let p = parameters
        let ceil = p.ceilMode ? "True" : "False"
        switch kind {
        case .max:
            return "MaxPool1d(kernel_size=\(p.kernelSize), stride=\(p.effectiveStride), padding=\(p.padding), "
                + "dilation=\(p.dilation), ceil_mode=\(ceil))"
        case .average:
            var text = "AvgPool1d(kernel_size=(\(p.kernelSize),), stride=(\(p.effectiveStride),), padding=(\(p.padding),)"
            if p.ceilMode { text += ", ceil_mode=True" }
            if !p.countIncludePad { text += ", count_include_pad=False" }
            return text + ")"
        }
    }

    func apply(_ input: Tensor, context: EvaluationContext) throws(PoolingError) -> Tensor {
        switch kind {
        case .max:
            try Pooling.maxPool1d(input, parameters: parameters, elementLimit: context.limits.maximumElements,
                                  interrupt: context.interrupt)
        case .average:
            try Pooling.avgPool1d(input, parameters: parameters, elementLimit: context.limits.maximumElements,
                                  interrupt: context.interrupt)
        }
    }
}

/// `ReLU()`, `LeakyReLU(0.2)`, `Sigmoid()`, `Tanh()`, `GELU()`, `Softmax(dim)`: an activation
/// as a layer.
public struct ActivationLayer: Sendable {
    /// What the layer computes; softmax keeps the dimension as written (it may be negative).
    public enum Function: Sendable, Equatable {
        case relu
        case leakyReLU(negativeSlope: Double)
        case sigmoid
        case tanh
        case gelu(approximate: String)
        case softmax(dim: Int)
    }

    public var function: Function

    var typeName: String {
        switch function {
        case .relu: "ReLU"
        case .leakyReLU: "LeakyReLU"
        case .sigmoid: "Sigmoid"
        case .tanh: "Tanh"
        case .gelu: "GELU"
        case .softmax: "Softmax"
        }
    }

    var memberNames: [String] {
        switch function {
        case .leakyReLU: ["negative_slope"]
        case .gelu: ["approximate"]
        case .softmax: ["dim"]
        default: []
        }
    }

    /// PyTorch's repr, e.g. `ReLU()`, `LeakyReLU(negative_slope=0.01)`, `Softmax(dim=1)`.
    public var description: String {
        switch function {
        case .leakyReLU(let slope): "LeakyReLU(negative_slope=\(Self.pythonFloat(slope)))"
        case .gelu(let approximate): "GELU(approximate='\(approximate)')"
        case .softmax(let dim): "Softmax(dim=\(dim))"
        default: "\(typeName)()"
        }
    }

    /// A float as Python's repr writes it: `0.01`, `1.0`, `1e-05`.
    static func pythonFloat(_ x: Double) -> String {
        x.isFinite ? "\(x)" : (x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf"))
    }
}

/// `Sequential(layer, ...)`: layers applied in order.
public struct SequentialModel: Sendable {
    public var layers: [Layer]

    /// PyTorch's repr: one `(i): layer` line per layer, nested models indented.
    public var description: String {
        guard !layers.isEmpty else { return "Sequential()" }
        var lines = ["Sequential("]
        for (index, layer) in layers.enumerated() {
            let child = layer.description.split(separator: "\n", omittingEmptySubsequences: false)
            lines.append("  (\(index)): " + (child.first.map(String.init) ?? ""))
            lines += child.dropFirst().map { "  " + $0 }
        }
        lines.append(")")
        return lines.joined(separator: "\n")
    }
}
