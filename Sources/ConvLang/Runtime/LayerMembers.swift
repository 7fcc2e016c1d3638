import ConvNumerics

/// Reading and assigning a layer's members (`m.weight`, `m.bias`, `m.stride`, ...).
enum LayerMembers {
    /// The member's value, or `nil` when the layer has no such member.
    static func read(_ name: String, of layer: Layer) -> Value? {
        switch layer {
        case .module(let handle): handle.module.member(name)
        case .pooling, .activation, .sequential: readOther(name, of: layer)
        }
    }

    /// Replaces `member` of the layer in place; only the weight and bias can be assigned, and the
    /// new value must keep the shape the layer's settings imply.
    static func assign(
        _ member: String, of layer: Layer, value: Value, memberRange: SourceRange, valueRange: SourceRange
    ) throws(RuntimeError) {
        switch layer {
        case .module(let handle):
            try handle.module.assign(member, value, nameRange: memberRange, valueRange: valueRange)
        case .pooling, .activation, .sequential:
            throw RuntimeError("\(layer.typeName) has no weight or bias to assign; make a new layer to change '\(member)'",
                               at: memberRange)
        }
    }
}
