/// The weight and bias arguments that the `Conv1d` and `ConvTranspose1d` constructors share.
enum LayerArguments {
    /// What the bias arguments ask for: `bias=` is a flag, `none`, or the values themselves
    /// (`Conv1d(..., bias=[0.1])`), and `b=` gives values. `draw` says whether the layer gets
    /// a bias at all; `given` holds values to put in place of the drawn ones, or `none`.
    static func bias(_ call: BuiltinCall) -> (draw: Bool, given: Value) {
        var hasBias = true
        var given = call.value("b")
        switch call.value("bias") {
        case .bool(let flag): hasBias = flag
        case .none: hasBias = false
        case let values: given = values
        }
        return (hasBias || !isNone(given), given)
    }

    /// `layer` with the weight given as `w` and the bias values given (see ``bias(_:)``)
    /// in place of the drawn ones, checked like an assignment to `m.weight` and `m.bias`.
    static func replacingDrawn(_ layer: Layer, givenBias: Value, call: BuiltinCall) throws(RuntimeError) -> Layer {
        var layer = layer
        if !isNone(call.value("w")) {
            let range = call.range(of: "w")
            layer = try LayerMembers.assign("weight", of: layer, value: call.value("w"), memberRange: range, valueRange: range)
        }
        if !isNone(givenBias) {
            let range = call.range(of: call.isGiven("b") ? "b" : "bias")
            layer = try LayerMembers.assign("bias", of: layer, value: givenBias, memberRange: range, valueRange: range)
        }
        return layer
    }

    static func isNone(_ value: Value) -> Bool {
        if case .none = value { return true }
        return false
    }
}
