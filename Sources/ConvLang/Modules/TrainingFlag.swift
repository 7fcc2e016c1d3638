/// A layer's mode: PyTorch's `Module.training`, which every module has, built in or a
/// program's own, whether or not its forward depends on it. `m.train()` and `m.eval()` set it on
/// the layer and every layer inside (``UserModule``'s `train` and `eval`); Dropout and BatchNorm1d
/// read it.
///
/// A reference held by the layer, so that layers which never change otherwise stay immutable.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class TrainingFlag: @unchecked Sendable {
    var isOn = true
}

extension Module {
    /// `m.training`: true until `m.eval()` or `m.train(False)`.
    var training: Bool {
        get { trainingFlag.isOn }
        set { trainingFlag.isOn = newValue }
    }

    /// `m.name = value` as a program writes it: `m.training = False` sets this layer's mode
    /// alone (not its children's, as in PyTorch); anything else is the layer's own ``assign``.
    func assignAttribute(_ name: String, _ value: Value, nameRange: SourceRange, valueRange: SourceRange) throws(RuntimeError) {
        if name == "training", case .bool(let flag) = value {
            training = flag
            return
        }
        try assign(name, value, nameRange: nameRange, valueRange: valueRange)
    }
}
