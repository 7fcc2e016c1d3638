import ConvNumerics

/// A tensor with autograd identity: PyTorch's `torch.Tensor` as the engine sees it.
///
/// A variable is a reference: the same variable can be an input of many operations, and its
/// ``grad`` accumulates across backward passes until it is cleared, as PyTorch's `.grad` does.
/// A variable made by the user is a *leaf*; one made by a recorded operation carries the
/// ``gradFn`` that made it. ``data`` is the tensor itself (ConvNumerics' value type).
public final class Variable {
    /// The values.
    public private(set) var data: Tensor
    /// The accumulated gradient of a leaf that requires grad, or `nil` before any backward pass
    /// (and after `zero_grad(set_to_none=True)`).
    public var grad: Tensor?
    /// The operation that made this variable, or `nil` for a leaf.
    public let gradFn: Node?
    private var requiresGradFlag: Bool
    /// Shared with the variables in-place operations leave (the same tensor to the program).
    let versionCounter: VersionCounter

    /// A leaf holding `data`; `requiresGrad` makes backward passes accumulate into ``grad``
    /// (only for float32 and float64 tensors, as in PyTorch).
    public init(_ data: Tensor, requiresGrad: Bool = false) throws(AutogradError) {
        if requiresGrad, !data.dtype.isFloatingPoint { throw .requiresGradNeedsFloatingPoint(data.dtype) }
        self.data = data
        self.gradFn = nil
        self.requiresGradFlag = requiresGrad
        self.versionCounter = VersionCounter()
    }

    /// A leaf that never requires grad: a constant operand, or a view of a gradient's values.
    public convenience init(constant data: Tensor) {
        self.init(result: data, gradFn: nil)
    }

    /// The result of a recorded operation (or, with `gradFn == nil`, one that needs no grad).
    init(result data: Tensor, gradFn: Node?, versionCounter: VersionCounter? = nil) {
        self.data = data
        self.gradFn = gradFn
        self.requiresGradFlag = gradFn != nil
        self.versionCounter = versionCounter ?? VersionCounter(producer: gradFn?.name)
    }

    /// How many times the values were changed in place (PyTorch's `x._version`).
    public var version: Int { versionCounter.value }

    /// Whether gradients flow to or through this variable.
    public var requiresGrad: Bool { requiresGradFlag }

    /// Sets `requires_grad` of a leaf (`x.requires_grad_()`); refused on a non-leaf.
    public func setRequiresGrad(_ flag: Bool) throws(AutogradError) {
        guard gradFn == nil else { throw .requiresGradOnNonLeaf }
        if flag, !data.dtype.isFloatingPoint { throw .requiresGradNeedsFloatingPoint(data.dtype) }
        requiresGradFlag = flag
    }

    /// Whether this variable was made by the user rather than by a recorded operation
    /// (PyTorch's `is_leaf`: also true of results that do not require grad).
    public var isLeaf: Bool { gradFn == nil }

    /// The shape of ``data``.
    public var shape: [Int] { data.shape }
    /// The dtype of ``data``.
    public var dtype: DType { data.dtype }

    /// A new leaf sharing the values but cut from the graph (`x.detach()`).
    public func detach() -> Variable {
        Variable(result: data, gradFn: nil)
    }

    /// Replaces the values in place, as an optimizer step or `with torch.no_grad(): w -= …`
    /// does, recording nothing; the shape and dtype must stay the same. The version counter
    /// moves on, so a graph that saved the old values refuses to use them.
    /// `countsAsChange: false` is PyTorch's `x.data = t` and `x.data.fill_(v)`, which autograd
    /// does not see.
    public func assign(_ values: Tensor, countsAsChange: Bool = true) throws(AutogradError) {
        guard values.shape == data.shape else { throw .shapeMismatch(operation: "copy_", left: data.shape, right: values.shape) }
        guard values.dtype == data.dtype else { throw .dtypeMismatch(operation: "copy_", left: data.dtype, right: values.dtype) }
        data = values
        if countsAsChange { versionCounter.bump() }
    }

    /// Converts the values (and any gradient) to `dtype` in place, as PyTorch's `module.to(dtype)`
    /// converts a layer's parameters: the variable stays the same object, so whatever holds it
    /// (a layer, an optimizer) sees the new dtype. Only a leaf is converted; a recorded result
    /// keeps its dtype, as its graph was made for it.
    public func convert(to dtype: DType) {
        guard isLeaf, dtype != data.dtype else { return }
        data = data.converted(to: dtype)
        grad = grad?.converted(to: dtype)
    }

    /// Computes the gradient of this variable with respect to every leaf that requires grad and
    /// adds it to their ``grad`` (`out.backward()` / `out.backward(gradient)`).
    ///
    /// Without `gradient` the variable must hold one element. Unless `retainGraph`, the saved
    /// tensors of the graph are freed and a second pass through it is refused. `observer` hears
    /// each node and each leaf's accumulation as the pass runs (to explain it).
    public func backward(
        _ gradient: Tensor? = nil, retainGraph: Bool = false, observer: BackwardObserver? = nil
    ) throws(AutogradError) {
        let seed = try Engine.seedGradient(for: self, gradient)
        _ = try Engine.run(roots: [(self, seed)], retainGraph: retainGraph, capturing: nil, observer: observer)
    }
}

/// `torch.autograd.grad`: gradients of outputs with respect to chosen inputs, returned instead
/// of accumulated into `.grad`.
public enum Autograd {
    /// The gradient of the sum of `outputs` (each weighted by its entry of `gradOutputs`, or 1
    /// for a one-element output when omitted) with respect to each of `inputs`.
    ///
    /// Refuses inputs that do not require grad and inputs the outputs do not depend on, unless
    /// `allowUnused`, when their gradient is `nil`.
    public static func grad(
        outputs: [Variable], inputs: [Variable], gradOutputs: [Tensor?]? = nil,
        retainGraph: Bool = false, allowUnused: Bool = false
    ) throws(AutogradError) -> [Tensor?] {
        for input in inputs where !input.requiresGrad { throw .inputDoesNotRequireGrad }
        var roots: [(Variable, Tensor)] = []
        for (index, output) in outputs.enumerated() {
            let given = gradOutputs.flatMap { index < $0.count ? $0[index] : nil }
            roots.append((output, try Engine.seedGradient(for: output, given)))
        }
        let grads = try Engine.run(roots: roots, retainGraph: retainGraph, capturing: inputs)
        if !allowUnused, grads.contains(where: { $0 == nil }) { throw .unusedInput }
        return grads
    }
}
