import ConvNumerics

/// A layer: PyTorch's `nn.Module`.
///
/// Each kind of layer is one final class in a file of its own in this folder, together with the
/// builtin that constructs it; one line in ``BuiltinLibrary`` makes that builtin callable. Code
/// that needs something particular to a layer asks this protocol; nothing switches over kinds.
///
/// Layers are reference objects, as in PyTorch: `m.weight = w` changes `m` in place, and every
/// name and model holding it sees the change. A layer whose state can change (a convolution's
/// weight) is `@unchecked Sendable` under the rule the whole interpreter follows: an interpreter
/// and the values it made are used by one thread at a time. The others never change after they
/// are made, so the compiler checks them.
protocol Module: AnyObject, Sendable, CustomStringConvertible {
    /// PyTorch's class name: `Conv1d`, `MaxPool1d`, `ReLU`, `Sequential`, ...; by default the
    /// name of the class, which each layer shares with PyTorch's.
    var typeName: String { get }
    /// The type as `:vars` and `:type` show it, e.g. `Conv1d(1→1, k=2)`; the repr by default.
    var typeDescription: String { get }

    /// `m(x)`: applies the layer to the call's arguments.
    func forward(_ call: ModuleCall) throws(RuntimeError) -> Value

    /// Whether the layer is in training mode (``training``), which every module has.
    var trainingFlag: TrainingFlag { get }

    /// The tensors the layer itself learns, in PyTorch's order (`weight`, then `bias`); none by
    /// default. ``namedParameters`` adds those of the layers it holds.
    var parameters: [(name: String, tensor: Tensor)] { get }
    /// The same as values: the layer's own Parameters (``VariableBox``es) where it owns them, so
    /// that `parameters()` gives the objects an optimizer updates; plain tensors by default.
    var parameterValues: [(name: String, value: Value)] { get }
    /// The layers it holds, by name (`0`, `1`, ... in a `Sequential`); none by default.
    var children: [(name: String, module: any Module)] { get }

    /// What `.` reads, by name in PyTorch's order: learned tensors and settings, the settings as
    /// PyTorch stores them (`m.stride` is `(2,)` for a convolution), as pasted code expects.
    /// None by default.
    var members: [(name: String, value: Value)] { get }
    /// `m.name = value`: changes the layer in place. Only learned tensors can be assigned, and a
    /// new value must keep the shape the settings imply; by default nothing can be assigned.
    func assign(_ name: String, _ value: Value, nameRange: SourceRange, valueRange: SourceRange) throws(RuntimeError)

    /// The fields `--json` shows after `"type"`, each as its JSON text; none by default.
    var jsonFields: [(String, String)] { get }
    /// How the layer changes the channels and length of what flows through it, from its
    /// settings alone (`explain shape`); by default it keeps both.
    var shapeRule: ShapeRule { get }
    /// Shows how a call of the layer computes and gives the call's value, or `nil` when explain
    /// has nothing to show for this layer (the default).
    func explain(_ call: ModuleCall, by explainer: Explainer) throws(RuntimeError) -> Value?
}

extension Module {
    var typeName: String { String(describing: type(of: self)) }
    var typeDescription: String { description }
    var parameters: [(name: String, tensor: Tensor)] { [] }
    var parameterValues: [(name: String, value: Value)] { parameters.map { ($0.name, .tensor($0.tensor)) } }
    var children: [(name: String, module: any Module)] { [] }
    var members: [(name: String, value: Value)] { [] }

    func assign(_ name: String, _ value: Value, nameRange: SourceRange, valueRange: SourceRange) throws(RuntimeError) {
        throw refusedAssignment(name, at: nameRange)
    }

    var jsonFields: [(String, String)] { [] }
    var shapeRule: ShapeRule { .unchanged }
    func explain(_ call: ModuleCall, by explainer: Explainer) throws(RuntimeError) -> Value? { nil }

    /// The names `.` can read: the layer's own, then `training`, which every module has.
    var memberNames: [String] { members.map(\.name) + ["training"] }

    /// The member's value, or `nil` when the layer has no such member.
    func member(_ name: String) -> Value? {
        if name == "training" { return .bool(training) }
        return members.first { $0.name == name }?.value
    }

    /// Why `m.name = ...` is refused: only learned tensors change, and only when the layer has any.
    func refusedAssignment(_ name: String, at range: SourceRange) -> RuntimeError {
        let message = parameters.isEmpty
            ? "\(typeName) has no weight or bias to assign; make a new layer to change '\(name)'"
            : "only a layer's weight and bias can be assigned; make a new layer to change '\(name)'"
        return RuntimeError(message, at: range)
    }

    /// Every learned tensor of the layer and the layers it holds, named by path (`0.weight`),
    /// in PyTorch's `named_parameters()` order; a layer held twice counts once, as there.
    var namedParameters: [(name: String, tensor: Tensor)] {
        namedParameterValues.compactMap { named in named.value.asTensor.map { (named.name, $0) } }
    }

    /// ``namedParameters`` as values: the Parameters themselves (`net.parameters()`).
    var namedParameterValues: [(name: String, value: Value)] {
        var seen: Set<ObjectIdentifier> = []
        var result: [(name: String, value: Value)] = []
        func collect(_ module: any Module, prefix: String) {
            guard seen.insert(ObjectIdentifier(module)).inserted else { return }
            result += module.parameterValues.map { (prefix + $0.name, $0.value) }
            for child in module.children { collect(child.module, prefix: prefix + child.name + ".") }
        }
        collect(self, prefix: "")
        return result
    }

    /// How many numbers the layer learns, with the layers it holds.
    var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.tensor.count } }
}

/// A layer that maps one tensor to one tensor, as nearly every builtin layer does: `m(x)`.
protocol TensorModule: Module {
    /// The layer applied to `input`, the call's one argument (written at `call.inputRange`).
    func forward(_ input: Tensor, _ call: ModuleCall) throws(RuntimeError) -> Tensor
}

extension TensorModule {
    func forward(_ call: ModuleCall) throws(RuntimeError) -> Value {
        try call.context.checkInterrupt(at: call.range)
        return .tensor(try forward(try call.tensorInput(), call))
    }
}
