import ConvNumerics

/// Why an autograd operation, a loss or an optimizer refused its arguments.
///
/// The first cases are PyTorch's own refusals, worded as PyTorch words them (``description``),
/// so that a front end can show the message a PyTorch user expects; the rest wrap the refusals
/// of ConvNumerics' kernels or name a shape, dtype or argument problem.
public enum AutogradError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `backward()` reached a node whose saved tensors a previous backward pass freed.
    case graphFreed
    /// `backward()` or `grad()` on a tensor that neither requires grad nor has a grad_fn.
    case doesNotRequireGrad
    /// `backward()` without a gradient on an output of more than one element.
    case implicitGradientNeedsScalar
    /// The gradient given to `backward` does not have the output's shape.
    case gradientShapeMismatch(gradient: [Int], output: [Int])
    /// `grad(outputs, inputs)` where an input does not take part in computing the outputs.
    case unusedInput
    /// `grad(outputs, inputs)` where an input does not require grad.
    case inputDoesNotRequireGrad
    /// `requires_grad` changed on a tensor that is not a leaf.
    case requiresGradOnNonLeaf
    /// `requires_grad=True` on a tensor that is not floating point.
    case requiresGradNeedsFloatingPoint(DType)
    /// Two operands of different shapes where equal shapes are needed, or shapes that do not
    /// broadcast.
    case shapeMismatch(operation: String, left: [Int], right: [Int])
    /// Operands of different dtypes; nothing is converted implicitly.
    case dtypeMismatch(operation: String, left: DType, right: DType)
    /// An operation that computes only in float32 or float64.
    case unsupportedDType(operation: String, DType)
    /// A dimension outside `-rank..<rank`.
    case dimensionOutOfRange(dim: Int, rank: Int)
    /// Any other argument PyTorch refuses, with a sentence saying which and why.
    case invalidArgument(String)
    /// A tensor a node saved for its backward was changed in place afterwards.
    case modifiedInPlace(ModifiedTensor)
    /// An in-place operation, with grad mode on, on a leaf that requires grad (`view`: on an
    /// element or slice of one, as `x[0] = 1` is).
    case leafInPlace(view: Bool)
    /// An in-place operation whose result does not have its receiver's shape.
    case inPlaceShape(output: [Int], broadcast: [Int])
    /// A convolution kernel's refusal.
    case convolution(ConvolutionError)
    /// A transposed convolution kernel's refusal.
    case convolutionTranspose(ConvolutionTransposeError)
    /// A pooling kernel's refusal.
    case pooling(PoolingError)
    /// An elementwise kernel's refusal.
    case tensor(TensorError)
    /// A failure of code outside the engine that a node ran (a program's own backward
    /// function), carried through the pass unchanged for the front end to report.
    case external(ExternalFailure)

    public var description: String {
        switch self {
        case .graphFreed:
            return "Trying to backward through the graph a second time (or directly access saved tensors after "
                + "they have already been freed). Saved intermediate values of the graph are freed when you call "
                + ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the "
                + "graph a second time or if you need to access saved tensors after calling backward."
        case .doesNotRequireGrad:
            return "element 0 of tensors does not require grad and does not have a grad_fn"
        case .implicitGradientNeedsScalar:
            return "grad can be implicitly created only for scalar outputs"
        case .gradientShapeMismatch(let gradient, let output):
            return "Mismatch in shape: grad_output[0] has a shape of \(Self.size(gradient)) and output[0] has a shape of \(Self.size(output))."
        case .unusedInput:
            return "One of the differentiated Tensors appears to not have been used in the graph. "
                + "Set allow_unused=True if this is the desired behavior."
        case .inputDoesNotRequireGrad:
            return "One of the differentiated Tensors does not require grad"
        case .requiresGradOnNonLeaf:
            return "you can only change requires_grad flags of leaf variables."
        case .requiresGradNeedsFloatingPoint:
            return "only Tensors of floating point and complex dtype can require gradients"
        case .shapeMismatch(let operation, let left, let right):
            return "\(operation): shapes \(Self.size(left)) and \(Self.size(right)) do not match"
        case .dtypeMismatch(let operation, let left, let right):
            return "\(operation): expected both operands to have the same dtype, but got \(left) and \(right)"
        case .unsupportedDType(let operation, let dtype):
            return "\(operation) computes only in float32 or float64, not \(dtype)"
        case .dimensionOutOfRange(let dim, let rank):
            let low = -Swift.max(rank, 1), high = Swift.max(rank, 1) - 1
            return "Dimension out of range (expected to be in range of [\(low), \(high)], but got \(dim))"
        case .invalidArgument(let text):
            return text
        case .modifiedInPlace(let tensor):
            return tensor.description
        case .leafInPlace(let view):
            return "a \(view ? "view of a " : "")leaf Variable that requires grad is being used in an in-place operation."
        case .inPlaceShape(let output, let broadcast):
            return "output with shape \(Self.list(output)) doesn't match the broadcast shape \(Self.list(broadcast))"
        case .convolution(let error): return error.description
        case .convolutionTranspose(let error): return error.description
        case .pooling(let error): return error.description
        case .tensor(let error): return error.description
        case .external(let failure): return failure.message
        }
    }

    /// PyTorch's `[2, 3]` spelling of a shape in its messages.
    static func list(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// PyTorch's `torch.Size([2, 3])` spelling of a shape.
    static func size(_ shape: [Int]) -> String {
        "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])"
    }
}

/// The error a program's own backward function raised, as ``AutogradError/external(_:)``
/// carries it: the front end gets back exactly what it threw.
public struct ExternalFailure: Equatable, Sendable {
    public let error: any Error
    public let message: String

    public init(_ error: any Error, message: String) {
        self.error = error
        self.message = message
    }

    public static func == (left: ExternalFailure, right: ExternalFailure) -> Bool { left.message == right.message }
}
