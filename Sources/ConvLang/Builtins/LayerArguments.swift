/// The weight and bias arguments that the `Conv1d` and `ConvTranspose1d` constructors share.
enum LayerArguments {
    /// The sizes every convolution layer's constructor starts with.
    static let sizes: [Builtin.Parameter] = [
        .required("in", "in_channels"), .required("out", "out_channels"), .required("k", "kernel_size"),
    ]

    /// Values to use in place of the drawn weight and bias, given by name only.
    static let givenWeights: [Builtin.Parameter] = [
        .optional("w", "weight", default: .none, namedOnly: true), .optional("b", default: .none, namedOnly: true),
    ]

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

    /// Puts the weight given as `w` and the bias values given (see ``bias(_:)``) in place of the
    /// drawn ones, checked like an assignment to `m.weight` and `m.bias`.
    static func replaceDrawn(in layer: any Module, givenBias: Value, call: BuiltinCall) throws(RuntimeError) {
        if !isNone(call.value("w")) {
            let range = call.range(of: "w")
            try layer.assign("weight", call.value("w"), nameRange: range, valueRange: range)
        }
        if !isNone(givenBias) {
            let range = call.range(of: call.isGiven("b") ? "b" : "bias")
            try layer.assign("bias", givenBias, nameRange: range, valueRange: range)
        }
    }

    static func isNone(_ value: Value) -> Bool {
        if case .none = value { return true }
        return false
    }
}
