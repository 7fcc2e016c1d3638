import ConvNumerics

/// Reading and assigning a layer's members (`m.weight`, `m.bias`, `m.stride`, ...).
enum LayerMembers {
    /// The member's value, or `nil` when the layer has no such member. Settings read as
    /// PyTorch's 1-tuples (`m.stride` is `(2,)`), as pasted code expects.
    static func read(_ name: String, of layer: Layer) -> Value? {
        switch layer {
        case .conv1d(let conv):
            let p = conv.parameters
            switch name {
            case "weight": return .tensor(conv.weight)
            case "bias": return conv.bias.map(Value.tensor) ?? Value.none
            case "in_channels": return number(conv.inChannels)
            case "out_channels": return number(conv.outChannels)
            case "kernel_size": return oneTuple(conv.kernelSize)
            case "stride": return oneTuple(p.stride)
            case "dilation": return oneTuple(p.dilation)
            case "groups": return number(p.groups)
            case "padding_mode": return .string(p.paddingMode.rawValue)
            case "padding":
                switch p.padding {
                case .explicit(let left, let right) where left == right: return oneTuple(left)
                case .explicit(let left, let right): return .tuple([.int(left), .int(right)])
                case .valid: return .string("valid")
                case .same: return .string("same")
                case .causal: return .string("causal")
                case .full: return .string("full")
                }
            default: return nil
            }
        case .convTranspose1d, .pooling, .activation, .sequential:
            return readOther(name, of: layer)
        }
    }

    static func oneTuple(_ n: Int) -> Value { .tuple([number(n)]) }
    static func number(_ n: Int) -> Value { .int(n) }

    /// The layer with `member` replaced; only the weight and bias can be assigned, and the new
    /// value must keep the shape the layer's settings imply.
    static func assign(
        _ member: String, of layer: Layer, value: Value, memberRange: SourceRange, valueRange: SourceRange
    ) throws(RuntimeError) -> Layer {
        switch layer {
        case .conv1d(var conv):
            switch member {
            case "weight": conv.weight = try assignedWeight(value, shape: conv.weight.shape, at: valueRange)
            case "bias": conv.bias = try assignedBias(value, outChannels: conv.outChannels, at: valueRange)
            default: throw RuntimeError(onlyWeightAndBias(member), at: memberRange)
            }
            return .conv1d(conv)
        case .convTranspose1d, .pooling, .activation, .sequential:
            return try assignOther(member, of: layer, value: value, memberRange: memberRange, valueRange: valueRange)
        }
    }

    static func onlyWeightAndBias(_ member: String) -> String {
        "only a layer's weight and bias can be assigned; make a new layer to change '\(member)'"
    }

    /// `value` as a layer's new weight, which must keep `shape`; a kernel vector stands for
    /// `(1, 1, k)`. `layout` follows the shape in the refusal, e.g. " (in, out/g, k)".
    static func assignedWeight(
        _ value: Value, shape: [Int], layout: String = "", at valueRange: SourceRange
    ) throws(RuntimeError) -> Tensor {
        let tensor = try Coercion.tensor(value, what: "the weight", at: valueRange)
        let reshaped = tensor.rank == 1 ? tensor.reshaped(to: [1, 1, tensor.count]) : tensor
        guard let reshaped, reshaped.shape == shape else {
            throw RuntimeError("the weight must have shape \(shape)\(layout), not \(tensor.shape)", at: valueRange)
        }
        return reshaped
    }

    /// `value` as a layer's new bias of `outChannels` values (one number fills them all), or
    /// `nil` for `None`.
    static func assignedBias(_ value: Value, outChannels: Int, at valueRange: SourceRange) throws(RuntimeError) -> Tensor? {
        if case .none = value { return nil }
        let tensor = try Coercion.tensor(value, what: "the bias", at: valueRange, allowNumber: true)
        let filled = tensor.count == 1 ? Tensor(repeating: tensor.scalars[0], shape: [outChannels]) : tensor
        guard let filled, filled.shape == [outChannels] else {
            throw RuntimeError("the bias must have shape [\(outChannels)], not \(tensor.shape)", at: valueRange)
        }
        return filled
    }
}
