import ConvNumerics

/// A layer that applies the layers it holds one after another, and is indexed like a list:
/// `model[i]`, `model[1:3]`, `len(model)` (PyTorch's `Sequential`).
protocol ModuleSequence: TensorModule {
    var layers: [any Module] { get }
    /// A layer of the same kind holding the layers at `positions` (the same objects), for `model[a:b]`.
    func selecting(_ positions: [Int]) -> any Module
}

/// One row of a model's trace: the layer's path (`"2"`, `"3.1"`), the layer and what it gave.
struct ModuleStep {
    var path: String
    var layer: any Module
    var output: Tensor
    var depth: Int
}

extension ModuleSequence {
    var children: [(name: String, module: any Module)] { layers.enumerated().map { ("\($0.offset)", $0.element) } }

    func forward(_ input: Tensor, _ call: ModuleCall) throws(RuntimeError) -> Tensor {
        try trace(input, call).output
    }

    /// Runs the layers in order, recording each output (nested models row by row); a failure
    /// names the layer's path, type and the shape it was given.
    func trace(
        _ input: Tensor, _ call: ModuleCall, pathPrefix: String = "", depth: Int = 0
    ) throws(RuntimeError) -> (output: Tensor, steps: [ModuleStep]) {
        var current = input
        var steps: [ModuleStep] = []
        for (index, layer) in layers.enumerated() {
            let path = pathPrefix + "\(index)"
            let layerTrace = call.context.evaluator?.python.layerTrace
            let traced = layerTrace?.begin(layer, call.passing(current))
            defer { if let traced { layerTrace?.end(traced, .tensor(current)) } }
            if let inner = layer as? any ModuleSequence {
                // A nested model's errors already name their layer.
                let nested = try inner.trace(current, call, pathPrefix: path + ".", depth: depth + 1)
                steps.append(ModuleStep(path: path, layer: layer, output: nested.output, depth: depth))
                steps += nested.steps
                current = nested.output
                continue
            }
            do throws(RuntimeError) {
                guard let output = try layer.forward(call.passing(current)).asTensor else {
                    throw RuntimeError("it gave no tensor", at: call.range)
                }
                current = output
            } catch {
                throw Self.layerFailure(error, path: path, layer: layer, inputShape: current.shape, range: call.range)
            }
            steps.append(ModuleStep(path: path, layer: layer, output: current, depth: depth))
        }
        return (current, steps)
    }

    /// An error from inside a model, said where it happened.
    private static func layerFailure(
        _ error: RuntimeError, path: String, layer: any Module, inputShape: [Int], range: SourceRange
    ) -> RuntimeError {
        // A stop (the host's interrupt or the time limit) is not the layer's doing.
        if error.kind == .interrupted || error.kind == .limit(.time) { return error }
        // An exception a program's layer raised stays as it was raised, as Python's would.
        if error.exception != nil { return error }
        var failure = RuntimeError("layer \(path) (\(layer.typeName)) cannot take an input of shape \(inputShape): \(error.message)",
                                   at: range, notes: ["the layer is \(layer.description)"] + error.notes, kind: error.kind)
        failure.pythonClass = error.pythonClass
        return failure
    }
}

/// How layers that hold layers show: PyTorch's `Name(`, one `(name): layer` line per child
/// (nested ones indented), `)`; `Name()` when empty.
enum ModuleSequenceText {
    static func repr(_ typeName: String, _ children: [(name: String, module: any Module)]) -> String {
        lines(typeName, children.map { ($0.name, $0.module.description) })
    }

    /// PyTorch's ModuleList repr: a run of equal layers is one line, `(0-1): 2 x Conv1d(...)`.
    static func groupedRepr(_ typeName: String, _ children: [(name: String, module: any Module)]) -> String {
        var rows: [(String, String)] = []
        var start = 0
        while start < children.count {
            let text = children[start].module.description
            var end = start
            while end + 1 < children.count, children[end + 1].module.description == text { end += 1 }
            rows.append(end == start ? (children[start].name, text)
                        : ("\(children[start].name)-\(children[end].name)", "\(end - start + 1) x \(text)"))
            start = end + 1
        }
        return lines(typeName, rows)
    }

    private static func lines(_ typeName: String, _ rows: [(name: String, text: String)]) -> String {
        guard !rows.isEmpty else { return typeName + "()" }
        var lines = [typeName + "("]
        for row in rows {
            let childLines = row.text.split(separator: "\n", omittingEmptySubsequences: false)
            lines.append("  (\(row.name)): " + (childLines.first.map(String.init) ?? ""))
            lines += childLines.dropFirst().map { "  " + $0 }
        }
        lines.append(")")
        return lines.joined(separator: "\n")
    }
}
