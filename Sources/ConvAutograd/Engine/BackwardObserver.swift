import ConvNumerics

/// What a recorded operation computed, kept on its node so that an explanation of the
/// backward pass can show the arithmetic of each step (`explain loss.backward()`). Only the
/// operations such an explanation works through carry one; the tensors are the ones the
/// backward function saved anyway (tensors share their storage), and they are freed with it.
public enum OperationRecord: Sendable {
    /// A convolution as it was called: the input before any padding of a `padding_mode` other
    /// than zeros (that padding is the node feeding this one), and the parameters as given.
    case convolution(input: Tensor, weight: Tensor, bias: Tensor?, parameters: ConvolutionParameters)
    /// `max_pool1d`.
    case maxPool(input: Tensor, parameters: PoolingParameters)
    /// `avg_pool1d`.
    case avgPool(input: Tensor, parameters: PoolingParameters)
    /// An elementwise activation, with its input and output.
    case activation(ActivationKind, input: Tensor, output: Tensor)
    /// A loss of the difference `input − target`, reduced.
    case pointwiseLoss(LossKind, input: Tensor, target: Tensor, reduction: LossReduction)

    /// The activations a record names.
    public enum ActivationKind: Sendable, Equatable {
        case relu, sigmoid, tanh, leakyReLU(slope: Double), gelu
    }

    /// The pointwise losses a record names.
    public enum LossKind: Sendable, Equatable {
        case squared, smoothL1(beta: Double), huber(delta: Double)
    }
}

/// One node of a backward pass as it ran: what it received and what it gave each input.
public struct BackwardStep {
    /// The node (its `name` is PyTorch's, such as `ConvolutionBackward0`).
    public let node: Node
    /// What the operation computed, when it keeps a record.
    public let record: OperationRecord?
    /// The gradient of the loss with respect to the node's output, all inflow summed.
    public let upstream: Tensor
    /// The node's inputs (`nil` where an input needs no gradient), as its ``gradients`` are.
    public let inputs: [Variable?]
    /// The gradient the node sent each input.
    public let gradients: [Tensor?]
}

/// Hears a backward pass as the engine runs it, without changing it.
public protocol BackwardObserver: AnyObject {
    /// A node ran, in the order the engine runs them (from the roots towards the leaves).
    func nodeRan(_ step: BackwardStep)
    /// A leaf's `.grad` was given this pass's gradient: `previous` (nil if it had none) plus `added`.
    func leafAccumulated(_ leaf: Variable, previous: Tensor?, added: Tensor)
}
