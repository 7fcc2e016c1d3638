import ConvNumerics

/// Members of the pooling and activation layers: their settings.
extension LayerMembers {
    static func readOther(_ name: String, of layer: Layer) -> Value? {
        switch layer {
        case .pooling(let pool): readPooling(name, of: pool)
        case .activation(let activation): readActivation(name, of: activation)
        case .module, .sequential: nil
        }
    }

    /// MaxPool1d keeps plain numbers, AvgPool1d 1-tuples, as PyTorch stores them.
    private static func readPooling(_ name: String, of pool: PoolingLayer) -> Value? {
        let p = pool.parameters
        let wrap: (Int) -> Value = pool.kind == .max ? { ModuleMembers.number($0) } : { ModuleMembers.oneTuple($0) }
        switch name {
        case "kernel_size": return wrap(p.kernelSize)
        case "stride": return wrap(p.effectiveStride)
        case "padding": return wrap(p.padding)
        case "dilation" where pool.kind == .max: return ModuleMembers.number(p.dilation)
        case "ceil_mode": return .bool(p.ceilMode)
        case "count_include_pad" where pool.kind == .average: return .bool(p.countIncludePad)
        default: return nil
        }
    }

    private static func readActivation(_ name: String, of activation: ActivationLayer) -> Value? {
        switch (activation.function, name) {
        case (.leakyReLU(let slope), "negative_slope"): .number(slope)
        case (.gelu(let approximate), "approximate"): .string(approximate)
        case (.softmax(let dim), "dim"): ModuleMembers.number(dim)
        default: nil
        }
    }
}
