import ConvAutograd
import ConvNumerics

/// `explain loss.backward()`: the backward pass run exactly as `loss.backward()` runs it, with a
/// listener that keeps what every node received and gave; then the explanation of each node,
/// from the loss back to the leaves, and of each `.grad` the pass changed.
extension Explainer {
    /// Runs `call` (a bound `backward`) and shows how its gradients were computed.
    func backward(_ call: BuiltinCall) throws(RuntimeError) -> Value {
        let recorder = BackwardRecorder()
        let names = TensorNames(globals: context.evaluator?.globals)
        let root: Variable? = if case .variable(let box) = call.receiver, case .variable(let variable) = box.storage { variable } else { nil }
        let rootValue = call.receiver.asTensor
        let seeded: Bool = if case .none = call.value("gradient") { false } else { true }
        _ = try Backward.backward(call, observer: recorder)
        let text = BackwardExplanationText(recorder: recorder, names: names, root: root, rootValue: rootValue, seeded: seeded,
                                           elementLimit: context.limits.maximumElements, all: options.all)
        try context.showExplanation(text.render(), drawing: { text.figure(options.figure) },
                                    path: options.svgPath ?? nextFigurePath(), at: options.svgRange ?? call.range)
        return .none
    }
}

/// Lays a recorded backward pass out as text: a heading, one section per node in the order the
/// engine ran them, then the `.grad` of every leaf the pass reached.
struct BackwardExplanationText {
    let recorder: BackwardRecorder
    let names: TensorNames
    let root: Variable?
    let rootValue: Tensor?
    /// Whether backward was given the gradient to start from (`y.backward(g)`).
    let seeded: Bool
    let elementLimit: Int
    let all: Bool

    private typealias N = ExplanationNumbers

    func render() -> String {
        var lines = heading
        for (index, step) in recorder.steps.enumerated() {
            lines += [""] + nodeSection(step, number: index + 1)
        }
        lines += [""] + gradSection
        return lines.joined(separator: "\n") + "\n"
    }

    /// The figure: the backward step of the convolution nearest the loss.
    func figure(_ options: FigureOptions) -> String {
        for step in recorder.steps {
            if let conv = ConvBackwardExplanation(step, recorder: recorder, elementLimit: elementLimit) {
                return ConvBackwardSVG(conv, options: options).render()
            }
        }
        return ConvBackwardSVG.empty(title: "backward: no convolution on the path from \(rootName)")
    }

    private var rootName: String { names.name(of: root) ?? "the tensor" }

    private var heading: [String] {
        let count = N.count(recorder.steps.count, "node")
        let start = recorder.steps.first.map { BackwardValues.summary($0.upstream, all: all) } ?? "1"
        let called = names.name(of: root).map { "explain \($0).backward()" } ?? "explain backward()"
        guard !seeded else {
            return ["\(called): the gradient of L = Σ gradient·\(rootName) with respect to each tensor \(rootName) was computed from",
                    "the engine runs \(count), from \(rootName) back to the leaves; each gets ∂L/∂(its output) and sends ∂L/∂(each input) on",
                    "start: ∂L/∂\(rootName) = the gradient given to backward() = " + start]
        }
        let value = rootValue.map { $0.count == 1 ? " = " + N.number($0.scalars[0]) : " of shape \($0.shape)" } ?? ""
        return ["\(called): the gradient of L = \(rootName)\(value) with respect to each tensor it was computed from",
                "the engine runs \(count), from the loss back to the leaves; each gets ∂L/∂(its output) and sends ∂L/∂(each input) on",
                "start: ∂L/∂L = " + start]
    }

    // MARK: - Nodes

    private func nodeSection(_ step: BackwardStep, number: Int) -> [String] {
        let title = "node \(number): \(step.node.name)"
        let sources = BackwardSources(step: step, recorder: recorder, names: names)
        switch step.record {
        case .convolution?:
            if let conv = ConvBackwardExplanation(step, recorder: recorder, elementLimit: elementLimit) {
                return ConvBackwardText(conv, title: title, sources: sources, all: all).render()
            }
        case .maxPool?, .avgPool?:
            if let pool = PoolBackwardText(step, title: title, sources: sources, all: all) { return pool.render() }
        case .activation(let kind, let input, let output)?:
            return ElementwiseBackwardText(step: step, title: title, sources: sources, all: all)
                .activation(kind, input: input, output: output)
        case .pointwiseLoss(let kind, let input, let target, let reduction)?:
            return ElementwiseBackwardText(step: step, title: title, sources: sources, all: all)
                .loss(kind, input: input, target: target, reduction: reduction)
        case .transposedConvolution?:
            if let text = TransposeBackwardText(step, title: title, sources: sources, all: all) { return text.render() }
        case .linear?:
            if let text = LinearBackwardText(step, title: title, sources: sources, all: all) { return text.render() }
        case .normalization?:
            if let text = NormalizationBackwardText(step, title: title, sources: sources, all: all) { return text.render() }
        case .dropout(let mask, let p)?:
            return ElementwiseBackwardText(step: step, title: title, sources: sources, all: all).dropout(mask: mask, p: p)
        case .adaptivePool?:
            if let text = AdaptivePoolBackwardText(step, title: title, sources: sources, all: all) { return text.render() }
        case nil:
            break
        }
        return genericSection(step, title: title, sources: sources)
    }

    /// A node without a record of its own: what came in and what it sent each input.
    private func genericSection(_ step: BackwardStep, title: String, sources: BackwardSources) -> [String] {
        var lines = ["\(title): " + BackwardValues.passes(step.node.name),
                     "  upstream ∂L/∂out = " + BackwardValues.summary(step.upstream, all: all)]
        for (index, gradient) in step.gradients.enumerated() {
            guard let gradient else { continue }
            lines.append("  → \(sources.describe(index, role: "input \(index)")): ∂L/∂input = " + BackwardValues.summary(gradient, all: all))
        }
        return lines
    }

    // MARK: - .grad

    private var gradSection: [String] {
        guard !recorder.leaves.isEmpty else {
            return ["no leaf requires grad on this path, so no .grad changed"]
        }
        var lines = [".grad after the pass (each leaf's gradient summed over the nodes that fed it, added to what .grad held):"]
        for entry in recorder.leaves {
            let name = names.name(of: entry.leaf) ?? "a leaf of shape \(entry.leaf.shape)"
            let feeding = recorder.steps.indices.filter { index in
                recorder.steps[index].inputs.contains { $0 === entry.leaf }
            }.map { "\($0 + 1)" }
            let from = feeding.isEmpty ? "" : ", from " + (feeding.count == 1 ? "node " : "nodes ") + N.series(feeding)
            let now = entry.leaf.grad.map { BackwardValues.summary($0, all: all) } ?? "none"
            if let previous = entry.previous {
                lines.append("  \(name).grad = held before + this pass = " + BackwardValues.summary(previous, all: all, shape: false)
                             + " + " + BackwardValues.summary(entry.added, all: all, shape: false) + " = " + now + from)
            } else {
                lines.append("  \(name).grad = \(now)\(from)")
            }
        }
        return lines
    }
}

/// Where a node's inputs came from, in words: `w` (a leaf the program named), `node 3
/// (ReluBackward0)`, or a leaf without a name.
struct BackwardSources {
    let step: BackwardStep
    let recorder: BackwardRecorder
    let names: TensorNames

    /// Input `index` of the node, called `role` (`x`, `input 0`).
    func describe(_ index: Int, role: String) -> String {
        guard index < step.inputs.count, let input = step.inputs[index] else { return role }
        if let name = names.name(of: input) { return name == role ? role : "\(role) = \(name)" }
        if let node = input.gradFn, let at = recorder.steps.firstIndex(where: { $0.node === node }) {
            return "\(role) (the output of node \(at + 1), \(node.name))"
        }
        return "\(role) (a leaf of shape \(input.shape))"
    }

    /// Whether input `index` receives a gradient from this node.
    func receives(_ index: Int) -> Bool {
        index < step.gradients.count && step.gradients[index] != nil
    }
}

/// How the backward explanations write tensors and indices.
enum BackwardValues {
    private typealias N = ExplanationNumbers

    /// Elements shown before the middle of a long tensor is left out.
    static let headElements = 8, tailElements = 2

    /// `1`, `[−1.9, −3.4]`, `[0.5, …, 2] (shape [1, 1, 40])`.
    /// `shape: false` leaves the shape out (when the line gives it elsewhere).
    static func summary(_ t: Tensor, all: Bool, shape: Bool = true) -> String {
        let values = t.scalars
        if t.rank == 0 || (t.count == 1 && t.rank <= 1), let first = values.first { return N.number(first) }
        let shown = visibleIndices(values.count, head: headElements, tail: tailElements, all: all)
        let list = "[" + shown.map { $0.map { N.number(values[$0]) } ?? "…" }.joined(separator: ", ") + "]"
        return shape && (t.rank > 1 || shown.contains(nil)) ? list + " (shape \(t.shape))" : list
    }

    /// `[0.5, −1, …, 2]`: values in a row, the middle of a long one left out.
    static func list(_ values: [Double], all: Bool) -> String {
        let shown = visibleIndices(values.count, head: headElements, tail: tailElements, all: all)
        return "[" + shown.map { $0.map { N.number(values[$0]) } ?? "…" }.joined(separator: ", ") + "]"
    }

    /// `[3]` for a vector, `[0, 1, 3]` for element `flat` of a tensor of `shape`.
    static func index(_ flat: Int, shape: [Int]) -> String {
        var rest = flat
        var parts: [Int] = []
        for extent in shape.reversed() {
            let size = Swift.max(extent, 1)
            parts.append(rest % size)
            rest /= size
        }
        return "[" + parts.reversed().map(String.init).joined(separator: ", ") + "]"
    }

    /// What a node without a record of its own does with the gradient, by PyTorch's name.
    static func passes(_ name: String) -> String {
        let base = name.hasSuffix("0") || name.hasSuffix("1") ? String(name.dropLast()) : name
        return switch base {
        case "SumBackward": "a sum passes its gradient unchanged to every element it added"
        case "MeanBackward": "a mean passes its gradient to every element it averaged, divided by their count"
        case "AddBackward": "an addition passes its gradient unchanged to both operands (summed over broadcast dimensions)"
        case "SubBackward": "a subtraction passes its gradient to the left operand and its negation to the right"
        case "MulBackward": "a product sends each operand the gradient times the other operand"
        case "DivBackward": "a quotient a/b sends g/b to a and −g·a/b² to b"
        case "NegBackward": "a negation passes the gradient negated"
        case "PowBackward": "a power xⁿ sends g·n·xⁿ⁻¹"
        case "ViewBackward", "ReshapeAliasBackward", "UnsqueezeBackward", "SqueezeBackward", "PermuteBackward",
             "TransposeBackward", "ExpandBackward":
            "a change of shape passes the gradient back in the input's shape"
        case "ReflectionPad1DBackward", "ReplicationPad1DBackward", "CopySlices", "ConstantPadNdBackward":
            "padding sends each padded copy's gradient back to the element it copies (zero padding's is dropped)"
        default: "the gradient it received, and what it sent each input"
        }
    }
}
