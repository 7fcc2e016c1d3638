import ConvNumerics

/// Members of the layers beyond `Conv1d`: `ConvTranspose1d`'s weight and settings, the
/// pooling and activation settings.
extension LayerMembers {
    static func readOther(_ name: String, of layer: Layer) -> Value? {
        switch layer {
        case .convTranspose1d(let conv): readConvTranspose(name, of: conv)
        case .pooling(let pool): readPooling(name, of: pool)
        case .activation(let activation): readActivation(name, of: activation)
        case .conv1d, .sequential: nil
        }
    }

    private static func readConvTranspose(_ name: String, of conv: ConvTranspose1dLayer) -> Value? {
        let p = conv.parameters
        switch name {
        case "weight": return .tensor(conv.weight)
        case "bias": return conv.bias.map(Value.tensor) ?? Value.none
        case "in_channels": return number(conv.inChannels)
        case "out_channels": return number(conv.outChannels)
        case "kernel_size": return tuple(conv.kernelSize)
        case "stride": return tuple(p.stride)
        case "padding": return tuple(p.padding)
        case "output_padding": return tuple(p.outputPadding)
        case "dilation": return tuple(p.dilation)
        case "groups": return number(p.groups)
        default: return nil
        }
    }

    /// MaxPool1d keeps plain numbers, AvgPool1d 1-tuples, as PyTorch stores them.
    private static func readPooling(_ name: String, of pool: PoolingLayer) -> Value? {
        let p = pool.parameters
        let wrap: (Int) -> Value = pool.kind == .max ? { number($0) } : { tuple($0) }
        switch name {
        case "kernel_size": return wrap(p.kernelSize)
        case "stride": return wrap(p.effectiveStride)
        case "padding": return wrap(p.padding)
        case "dilation" where pool.kind == .max: return number(p.dilation)
        case "ceil_mode": return .bool(p.ceilMode)
        case "count_include_pad" where pool.kind == .average: return .bool(p.countIncludePad)
        default: return nil
        }
    }

    private static func readActivation(_ name: String, of activation: ActivationLayer) -> Value? {
        switch (activation.function, name) {
        case (.leakyReLU(let slope), "negative_slope"): .number(slope)
        case (.gelu(let approximate), "approximate"): .string(approximate)
        case (.softmax(let dim), "dim"): number(dim)
        default: nil
        }
    }

    private static func number(_ n: Int) -> Value { .number(Double(n)) }
    private static func tuple(_ n: Int) -> Value { .tuple([.number(Double(n))]) }

    /// Only `ConvTranspose1d`'s weight and bias can be assigned; the shapes must stay.
    static func assignOther(
        _ member: String, of layer: Layer, value: Value, memberRange: SourceRange, valueRange: SourceRange
    ) throws(RuntimeError) -> Layer {
        guard case .convTranspose1d(var conv) = layer, member == "weight" || member == "bias" else {
            let message = layer.memberNames.contains("weight")
                ? "only a layer's weight and bias can be assigned; make a new layer to change '\(member)'"
                : "\(layer.typeName) has no weight or bias to assign; make a new layer to change '\(member)'"
            throw RuntimeError(message, at: memberRange)
        }
        if member == "weight" {
            let tensor = try Coercion.tensor(value, what: "the weight", at: valueRange)
            let reshaped = tensor.rank == 1 ? tensor.reshaped(to: [1, 1, tensor.count]) : tensor
            guard let reshaped, reshaped.shape == conv.weight.shape else {
                throw RuntimeError("the weight must have shape \(conv.weight.shape) (in, out/g, k), not \(tensor.shape)",
                                   at: valueRange)
            }
            conv.weight = reshaped
        } else if case .none = value {
            conv.bias = nil
        } else {
            let tensor = try Coercion.tensor(value, what: "the bias", at: valueRange, allowNumber: true)
            let filled = tensor.count == 1 ? Tensor(repeating: tensor.scalars[0], shape: [conv.outChannels]) : tensor
            guard let filled, filled.shape == [conv.outChannels] else {
                throw RuntimeError("the bias must have shape [\(conv.outChannels)], not \(tensor.shape)", at: valueRange)
            }
            conv.bias = filled
        }
        return .convTranspose1d(conv)
    }
}
