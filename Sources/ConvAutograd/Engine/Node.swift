import ConvNumerics

/// One recorded operation of the graph: PyTorch's `grad_fn`.
///
/// A node knows the variables its operation read (``inputs``, `nil` where an input needs no
/// gradient) and how to turn the gradient of its output into one gradient per input. The
/// backward function holds what the operation saved (inputs, outputs, indices); a backward
/// pass without `retainGraph` drops it from every node that saved tensors, and a second pass
/// through such a node is refused with PyTorch's message (``AutogradError/graphFreed``).
/// Nodes that saved nothing (an addition, a sum) keep working, as PyTorch's do.
public final class Node {
    /// The gradient function, taking the output's gradient to one gradient per input.
    typealias Backward = (Tensor) throws(AutogradError) -> [Tensor?]

    /// PyTorch's class name for this node, such as `ConvolutionBackward0`.
    public let name: String
    /// The operation's differentiable inputs, in order; `nil` for inputs that need no gradient.
    let inputs: [Variable?]
    /// Whether the backward function holds saved tensors (and so is freed after a pass).
    let savesTensors: Bool
    private var backward: Backward?
    /// What the operation computed, for an explanation of the backward pass; freed with the
    /// saved tensors.
    public private(set) var record: OperationRecord?
    /// The tensors the backward function reads, with the versions it saw.
    var saved: [SavedVersion] = []

    init(name: String, inputs: [Variable?], savesTensors: Bool, record: OperationRecord? = nil,
         backward: @escaping Backward) {
        self.name = name
        self.inputs = inputs
        self.savesTensors = savesTensors
        self.record = record
        self.backward = backward
    }

    /// The gradients for ``inputs``; frees the saved tensors unless `retainGraph`.
    func apply(_ gradient: Tensor, retainGraph: Bool) throws(AutogradError) -> [Tensor?] {
        guard let backward else { throw .graphFreed }
        for tensor in saved { try tensor.check(savedBy: name) }
        let result = try backward(gradient)
        if !retainGraph, savesTensors { (self.backward, self.record) = (nil, nil) }
        return result
    }

    /// The nodes feeding this one (PyTorch's `next_functions`, without the leaf accumulators).
    public var nextNodes: [Node] { inputs.compactMap { $0?.gradFn } }

    /// Where each input's gradient goes, in input order (PyTorch's `next_functions`).
    public var nextFunctions: [NextFunction] {
        inputs.map { input in
            guard let input else { return .none }
            if let node = input.gradFn { return .node(node) }
            return input.requiresGrad ? .accumulate(input) : .none
        }
    }

    /// One entry of ``nextFunctions``.
    public enum NextFunction {
        /// The node that made the input.
        case node(Node)
        /// A leaf that requires grad: its gradient accumulates into `.grad` (`AccumulateGrad`).
        case accumulate(Variable)
        /// An input that needs no gradient.
        case none
    }
}
