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
        case "kernel_size": return oneTuple(conv.kernelSize)
        case "stride": return oneTuple(p.stride)
        case "padding": return oneTuple(p.padding)
        case "output_padding": return oneTuple(p.outputPadding)
        case "dilation": return oneTuple(p.dilation)
        case "groups": return number(p.groups)
        default: return nil
        }
    }

    /// MaxPool1d keeps plain numbers, AvgPool1d 1-tuples, as PyTorch stores them.
    private static func readPooling(_ name: String, of pool: PoolingLayer) -> Value? {
        let p = pool.parameters
        let wrap: (Int) -> Value = pool.kind == .max ? { number($0) } : { oneTuple($0) }
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

    /// Only `ConvTranspose1d`'s weight and bias can be assigned; the shapes must stay.
    static func assignOther(
        _ member: String, of layer: Layer, value: Value, memberRange: SourceRange, valueRange: SourceRange
    ) throws(RuntimeError) -> Layer {
        guard case .convTranspose1d(var conv) = layer, member == "weight" || member == "bias" else {
            let message = layer.memberNames.contains("weight")
                ? onlyWeightAndBias(member)
                : "\(layer.typeName) has no weight or bias to assign; make a new layer to change '\(member)'"
            throw RuntimeError(message, at: memberRange)
        }
        if member == "weight" {
            conv.weight = try assignedWeight(value, shape: conv.weight.shape, layout: " (in, out/g, k)", at: valueRange)
        } else {
            conv.bias = try assignedBias(value, outChannels: conv.outChannels, at: valueRange)
        }
        return .convTranspose1d(conv)
    }
}
