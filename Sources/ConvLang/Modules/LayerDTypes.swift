import ConvAutograd
import ConvNumerics

/// The one home of a layer's dtype: what its parameters are made in, how they change dtype, and
/// which inputs it takes.
///
/// PyTorch makes a layer's parameters in the default dtype (float32 unless
/// `torch.set_default_dtype` changed it) and refuses an input of another dtype. A layer made
/// through `torch.nn` (`nn.Conv1d(...)`, and every other constructor reached there) is given
/// that dtype by ``madeInDefaultDType(_:context:)`` right after it is built, so a new kind of
/// layer needs nothing of its own; the short language's `Conv1d(...)` keeps conv's float64.
/// The draws are float32 numbers either way, so float32 parameters are PyTorch's bit for bit.
enum LayerDTypes {
    /// The dtype of the layer's parameters (the first one's), nil for a layer without any.
    static func dtype(of module: any Module) -> DType? {
        module.namedParameterValues.first?.value.asTensor?.dtype
    }

    /// Converts every parameter of `module` (and of the layers inside it) to `dtype` in place:
    /// each stays the same Parameter object, as `module.to(dtype)` keeps them in PyTorch.
    static func convert(_ module: any Module, to dtype: DType) {
        for named in module.namedParameterValues {
            guard case .variable(let box) = named.value, case .variable(let variable) = box.storage else { continue }
            variable.convert(to: dtype)
        }
        convertBuffers(module, to: dtype)
    }

    /// The buffers (BatchNorm1d's running statistics) of `module` and the layers inside it, in `dtype`.
    private static func convertBuffers(_ module: any Module, to dtype: DType) {
        (module as? any DTypeBuffers)?.convertBuffers(to: dtype)
        for child in module.children { convertBuffers(child.module, to: dtype) }
    }

    /// A layer a torch constructor just made, with its parameters in `dtype` (the call's
    /// `dtype=`, else the session's default dtype); any other value unchanged.
    static func madeInDefaultDType(_ value: Value, dtype: DType) -> Value {
        if case .layer(let layer) = value { convert(layer.module, to: dtype) }
        return value
    }

    /// The input of a convolution layer in the weight's dtype. A floating-point input takes the
    /// layer's dtype: conv's short language makes float64 tensors (`rand`, lists, `let`), and they
    /// run through a float32 layer as the float32 tensors PyTorch's code would have made there.
    /// Any other input is refused as PyTorch refuses it: against the bias when there is one
    /// (`Input type (long int) and bias type (float) should be the same`), else against the
    /// weight (`expected scalar type Long but found Float`; PyTorch's transposed convolution
    /// always words it so, and passes no bias here).
    static func input(_ input: Tensor, weight: Tensor, bias: Tensor?, at range: SourceRange) throws(RuntimeError) -> Tensor {
        guard input.dtype != weight.dtype else { return input }
        if input.dtype.isFloatingPoint, weight.dtype.isFloatingPoint { return input.converted(to: weight.dtype) }
        if let bias {
            throw RuntimeError("Input type (\(cTypeName(input.dtype))) and bias type (\(cTypeName(bias.dtype))) should be the same", at: range)
        }
        throw RuntimeError("expected scalar type \(scalarTypeName(input.dtype)) but found \(scalarTypeName(weight.dtype))", at: range)
    }

    /// The input of a layer the autograd engine runs, as ``input(_:weight:bias:at:)`` takes it: a
    /// floating-point input that records nothing takes the layer's dtype; any other is left for
    /// the engine (and the plain forward's refusal).
    static func variableInput(_ x: Variable, for module: any Module) -> Variable {
        guard let dtype = dtype(of: module), x.dtype != dtype, x.dtype.isFloatingPoint, dtype.isFloatingPoint, !x.requiresGrad else {
            return x
        }
        return Variable(constant: x.data.converted(to: dtype))
    }

    /// The C++ type PyTorch's messages name for a dtype: `float`, `double`, `long int`, `bool`.
    static func cTypeName(_ dtype: DType) -> String { dtype.cTypeName }

    /// PyTorch's scalar type name for a dtype: `Float`, `Double`, `Long`, `Int`, `Bool`.
    static func scalarTypeName(_ dtype: DType) -> String { dtype.scalarTypeName }
}

/// A layer with floating-point buffers (BatchNorm1d's running statistics), which follow its
/// parameters' dtype (``LayerDTypes/convert(_:to:)``).
protocol DTypeBuffers: Module {
    func convertBuffers(to dtype: DType)
}
