import ConvNumerics

/// The backward pass: walks the graph from its roots in reverse topological order, so that a
/// node runs once, after every gradient flowing into its output has been summed.
enum Engine {
    /// The gradient a root starts from: the given one (checked against the output's shape,
    /// converted to its dtype) or, for a one-element output, 1.
    static func seedGradient(for output: Variable, _ gradient: Tensor?) throws(AutogradError) -> Tensor {
        guard output.requiresGrad else { throw .doesNotRequireGrad }
        if let gradient {
            guard gradient.shape == output.shape else {
                throw .gradientShapeMismatch(gradient: gradient.shape, output: output.shape)
            }
            return gradient.converted(to: output.dtype)
        }
        guard output.data.count == 1 else { throw .implicitGradientNeedsScalar }
        return try .filled(1, output.shape, dtype: output.dtype)
    }

    /// Runs the pass. With `capturing == nil` leaf gradients accumulate into `.grad`; otherwise
    /// the gradient of each captured variable is returned (nil where none flowed) and no
    /// `.grad` changes.
    static func run(
        roots: [(Variable, Tensor)], retainGraph: Bool, capturing: [Variable]?,
        observer: BackwardObserver? = nil
    ) throws(AutogradError) -> [Tensor?] {
        var pending: [ObjectIdentifier: Tensor] = [:]
        var leafOrder: [Variable] = []
        var leafGrads: [ObjectIdentifier: Tensor] = [:]
        var captured: [ObjectIdentifier: Tensor] = [:]

        func deliver(_ gradient: Tensor, to variable: Variable) throws(AutogradError) {
            let id = ObjectIdentifier(variable)
            if let node = variable.gradFn {
                let key = ObjectIdentifier(node)
                pending[key] = try accumulate(pending[key], gradient)
            } else if variable.requiresGrad {
                if capturing == nil, leafGrads[id] == nil { leafOrder.append(variable) }
                leafGrads[id] = try accumulate(leafGrads[id], gradient)
            }
        }

        var rootNodes: [Node] = []
        for (variable, gradient) in roots {
            try deliver(gradient, to: variable)
            if let node = variable.gradFn { rootNodes.append(node) }
        }
        // Non-leaf captured variables are read when their node runs (all inflow summed by then).
        var captureByNode: [ObjectIdentifier: ObjectIdentifier] = [:]
        for variable in capturing ?? [] {
            if let node = variable.gradFn { captureByNode[ObjectIdentifier(node)] = ObjectIdentifier(variable) }
        }
        for node in topologicalOrder(from: rootNodes) {
            let key = ObjectIdentifier(node)
            guard let gradient = pending.removeValue(forKey: key) else { continue }
            if let variableID = captureByNode[key] { captured[variableID] = gradient }
            let record = node.record
            let inputGrads = try node.apply(gradient, retainGraph: retainGraph)
            observer?.nodeRan(BackwardStep(node: node, record: record, upstream: gradient, inputs: node.inputs,
                                           gradients: inputGrads))
            for (input, inputGrad) in zip(node.inputs, inputGrads) {
                guard let input, let inputGrad else { continue }
                // An operation that promoted its operands (float32 · float64) hands each one its
                // gradient in its own dtype, as PyTorch's engine converts it.
                try deliver(input.dtype.isFloatingPoint ? inputGrad.converted(to: input.dtype) : inputGrad, to: input)
            }
        }
        guard let capturing else {
            for leaf in leafOrder {
                guard let gradient = leafGrads[ObjectIdentifier(leaf)] else { continue }
                observer?.leafAccumulated(leaf, previous: leaf.grad, added: gradient)
                leaf.grad = try accumulate(leaf.grad, gradient)
            }
            return []
        }
        return capturing.map { variable in
            let id = ObjectIdentifier(variable)
            return variable.gradFn == nil ? leafGrads[id] : captured[id]
        }
    }

    /// `existing + gradient`, or `gradient` when there is nothing yet.
    static func accumulate(_ existing: Tensor?, _ gradient: Tensor) throws(AutogradError) -> Tensor {
        guard let existing else { return gradient }
        return try TensorMath.binary(existing, gradient, .add)
    }

    /// Every node reachable from `roots`, each after all nodes that feed gradient into it
    /// (reverse post-order of a depth-first walk, without recursion).
    static func topologicalOrder(from roots: [Node]) -> [Node] {
        var visited = Set<ObjectIdentifier>()
        var postOrder: [Node] = []
        var stack: [(node: Node, nextInput: Int)] = []
        for root in roots where visited.insert(ObjectIdentifier(root)).inserted {
            stack.append((root, 0))
            while let top = stack.last {
                let inputs = top.node.inputs
                var index = top.nextInput
                var descended = false
                while index < inputs.count {
                    let child = inputs[index]?.gradFn
                    index += 1
                    if let child, visited.insert(ObjectIdentifier(child)).inserted {
                        stack[stack.count - 1].nextInput = index
                        stack.append((child, 0))
                        descended = true
                        break
                    }
                }
                if !descended {
                    stack.removeLast()
                    postOrder.append(top.node)
                }
            }
        }
        return postOrder.reversed()
    }
}
