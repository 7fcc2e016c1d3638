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
    /// `conv_transpose1d`, with the parameters as given.
    case transposedConvolution(input: Tensor, weight: Tensor, bias: Tensor?, parameters: ConvolutionTransposeParameters)
    /// `F.linear(x, W, b)`.
    case linear(input: Tensor, weight: Tensor, bias: Tensor?)
    /// A batch norm or a layer norm, with the statistics it normalised by.
    case normalization(NormalizationRecord)
    /// Dropout in training: `mask` is 0 where an element was dropped and `1/(1 − p)` where kept.
    case dropout(mask: Tensor, p: Double)
    /// An adaptive max or average pooling, with the positions of each window along the last axis.
    case adaptivePool(max: Bool, input: Tensor, windows: [Range<Int>])

    /// The activations a record names.
    public enum ActivationKind: Sendable, Equatable {
        case relu, sigmoid, tanh, leakyReLU(slope: Double), gelu
        /// SiLU, ELU, Softplus or Mish, by PyTorch's function name.
        case pointwise(name: String)
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

/// What a batch norm or layer norm computed: which elements were normalised together, by
/// which mean and variance, and the affine weight and bias.
public struct NormalizationRecord: Sendable {
    /// How the elements group.
    public enum Layout: Sendable, Equatable {
        /// Batch norm: one group per channel of an `(N, C)` or `(N, C, L)` input.
        case channels(count: Int, length: Int)
        /// Layer norm: one group per row of the last `size` elements.
        case rows(size: Int)
    }

    public let layout: Layout
    public let input: Tensor
    public let weight: Tensor?
    public let bias: Tensor?
    /// Each group's mean and (biased, or running) variance.
    public let mean: Tensor
    public let variance: Tensor
    public let eps: Double
    /// Whether the statistics are the input's own (training), so the input's gradient goes
    /// through them too.
    public let usesInputStatistics: Bool

    public init(layout: Layout, input: Tensor, weight: Tensor?, bias: Tensor?, mean: Tensor, variance: Tensor, eps: Double,
                usesInputStatistics: Bool) {
        (self.layout, self.input, self.weight, self.bias) = (layout, input, weight, bias)
        (self.mean, self.variance, self.eps, self.usesInputStatistics) = (mean, variance, eps, usesInputStatistics)
    }

    /// The group of flat element `i`.
    public func group(of i: Int) -> Int {
        switch layout {
        case .channels(let count, let length): (i / Swift.max(length, 1)) % Swift.max(count, 1)
        case .rows(let size): i / Swift.max(size, 1)
        }
    }

    /// The entry of the weight and bias that scales flat element `i`.
    public func affine(of i: Int) -> Int {
        switch layout {
        case .channels: group(of: i)
        case .rows(let size): i % Swift.max(size, 1)
        }
    }
}
