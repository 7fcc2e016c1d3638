import ConvNumerics

/// JSON for the layers beyond `Conv1d`: their type, settings, and weights where they have any.
extension JSONEncoding {
    static func encodeOther(_ layer: Layer) -> String {
        switch layer {
        case .module(let handle):
            return fields([("type", string(handle.module.typeName))] + handle.module.jsonFields.map { ($0.key, $0.json) })
        case .pooling(let pool):
            let p = pool.parameters
            var entries = [
                ("type", string(pool.typeName)), ("kernel_size", "\(p.kernelSize)"), ("stride", "\(p.effectiveStride)"),
                ("padding", "\(p.padding)"),
            ]
            if pool.kind == .max { entries.append(("dilation", "\(p.dilation)")) }
            entries.append(("ceil_mode", p.ceilMode ? "true" : "false"))
            if pool.kind == .average { entries.append(("count_include_pad", p.countIncludePad ? "true" : "false")) }
            return fields(entries)
        case .activation(let activation):
            var entries = [("type", string(activation.typeName))]
            switch activation.function {
            case .leakyReLU(let slope): entries.append(("negative_slope", number(slope)))
            case .gelu(let approximate): entries.append(("approximate", string(approximate)))
            case .softmax(let dim): entries.append(("dim", "\(dim)"))
            case .relu, .sigmoid, .tanh: break
            }
            return fields(entries)
        case .sequential(let model):
            return fields([("type", string("Sequential")), ("layers", "[" + model.layers.map(encodeOther).joined(separator: ",") + "]")])
        }
    }

    private static func fields(_ entries: [(String, String)]) -> String {
        "{" + entries.map { "\(string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
}
