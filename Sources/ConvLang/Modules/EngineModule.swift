import ConvAutograd
import ConvNumerics

/// A layer computed by the autograd engine alone (`Linear`, `BatchNorm1d`, `Dropout`, ...): one
/// forward serves plain tensors and tensors that require grad, so a result has its `grad_fn`
/// exactly when PyTorch's would, and there is no second implementation to drift apart. The
/// layer computes in the dtype of its input and parameters (``LayerTensors/dtype``).
protocol EngineModule: Module {
    /// PyTorch's refusal of an input of `shape` before anything is computed (with the Python
    /// class it raises), or nil; e.g. BatchNorm1d's "expected 2D or 3D input".
    func refusal(of shape: [Int]) -> LayerRefusalError?
    /// The layer applied to `x`; `call` gives the interpreter's state (the random stream).
    func compute(_ x: Variable, _ call: ModuleCall) throws(AutogradError) -> Variable
}

/// A refusal of a layer's input, in PyTorch's words and class.
struct LayerRefusalError {
    var message: String
    /// nil for PyTorch's RuntimeError (conv's own errors are caught as one).
    var pythonClass: PythonErrorClass?
}

extension EngineModule {
    func refusal(of shape: [Int]) -> LayerRefusalError? { nil }

    func forward(_ call: ModuleCall) throws(RuntimeError) -> Value {
        try call.context.checkInterrupt(at: call.range)
        let x = try inputVariable(call)
        return try AutogradValues.run(at: call.range) { () throws(AutogradError) in try compute(x, call) }
    }

    /// The call's one input as the engine's variable, after PyTorch's checks of its shape.
    func inputVariable(_ call: ModuleCall) throws(RuntimeError) -> Variable {
        let x = LayerDTypes.variableInput(try AutogradValues.variable(try call.input(), what: "the layer's input", at: call.inputRange),
                                          for: self)
        if let refusal = refusal(of: x.shape) {
            var error = RuntimeError(refusal.message, at: call.range)
            error.pythonClass = refusal.pythonClass
            throw error
        }
        return x
    }
}

/// A layer with state that is saved but not learned (BatchNorm1d's running statistics):
/// PyTorch's buffers, which `state_dict()` lists after the parameters.
protocol BufferedModule: Module {
    var buffers: [(name: String, tensor: Tensor)] { get }
    /// Replaces a buffer from a loaded state dict; `tensor` has the buffer's shape already.
    func setBuffer(_ name: String, _ tensor: Tensor)
}

/// The learned tensors of the engine's layers, made and replaced in one place.
enum LayerTensors {
    /// The dtype layers keep their parameters and buffers in.
    static let dtype: DType = .float64

    /// A leaf Parameter that requires grad, in ``dtype``.
    static func parameter(_ tensor: Tensor) -> VariableBox { .parameter(tensor.converted(to: dtype)) }

    /// `count` copies of `value` in ``dtype``, as PyTorch's `ones`/`zeros` initialise weights and buffers.
    static func filled(_ value: Double, _ shape: [Int]) -> Tensor {
        (Tensor(repeating: value, shape: shape) ?? Tensor([])).converted(to: dtype)
    }

    /// `m.name = value` for a parameter of `shape`: written into `box` in place (optimizers
    /// holding it see the change), or `nil` for `None` where the layer may have none.
    static func assigned(
        _ value: Value, to box: VariableBox?, shape: [Int], name: String, at range: SourceRange
    ) throws(RuntimeError) -> VariableBox? {
        if case .none = value { return nil }
        let tensor = try Coercion.tensor(value, what: "the \(name)", at: range, allowNumber: true)
        guard tensor.shape == shape else {
            throw RuntimeError("the \(name) must have shape \(shape), not \(tensor.shape)", at: range)
        }
        let converted = tensor.converted(to: dtype)
        if let box, (try? box.assign(converted)) != nil { return box }
        return .parameter(converted)
    }

    /// A Python float as PyTorch's repr writes it: `1e-05`, `0.1`.
    static func pythonFloat(_ x: Double) -> String { PythonText.repr(.number(x)) }

    /// `True` or `False`.
    static func pythonBool(_ flag: Bool) -> String { flag ? "True" : "False" }
}
