import ConvNumerics

/// `Sequential(layer, ...)`: PyTorch's `nn.Sequential`, layers applied one after another.
final class Sequential: ModuleSequence {
    let layers: [any Module]

    init(layers: [any Module]) { self.layers = layers }

    /// PyTorch's repr: one `(i): layer` line per layer, nested models indented.
    var description: String {
        guard !layers.isEmpty else { return "Sequential()" }
        var lines = ["Sequential("]
        for (index, layer) in layers.enumerated() {
            let child = layer.description.split(separator: "\n", omittingEmptySubsequences: false)
            lines.append("  (\(index)): " + (child.first.map(String.init) ?? ""))
            lines += child.dropFirst().map { "  " + $0 }
        }
        lines.append(")")
        return lines.joined(separator: "\n")
    }

    var typeDescription: String { "Sequential(\(layers.count) layer\(layers.count == 1 ? "" : "s"))" }

    func selecting(_ positions: [Int]) -> any Module { Sequential(layers: positions.map { layers[$0] }) }

    var jsonFields: [(String, String)] {
        [("layers", "[" + layers.map { JSONEncoding.encode(.layer(Layer($0))) }.joined(separator: ",") + "]")]
    }

    func explain(_ call: ModuleCall, by explainer: Explainer) throws(RuntimeError) -> Value? {
        try explainer.modelShapes(self, call)
    }

    // MARK: - The constructor

    static let constructor = Builtin(
        name: "Sequential", aliases: ["torch.nn.Sequential"], parameters: [.variadic("layers")],
        summary: "layers applied one after another, as PyTorch's nn.Sequential",
        details: """
        Sequential(layer, ...)

        A model that feeds its input through each layer in turn: model(x). model[i] is the
        i-th layer (model[1:3] a smaller Sequential), len(model) the number of layers, and
        summary(model, shape) shows each layer's output shape and parameter count.
        If a layer cannot take what the previous one gave, the error names that layer.

        Example:
          seed(0)
          model = Sequential(Conv1d(1, 4, 3, p=1), ReLU(), MaxPool1d(2))
          model(rand(1, 1, 8)).shape      # (1, 4, 4)
        """,
        constructsLayer: true,
        body: { call throws(RuntimeError) in
            var layers: [any Module] = []
            for (value, range) in call.rest {
                guard case .layer(let layer) = value else {
                    var notes: [String] = []
                    if case .function(let function) = value, case .builtin(let builtin) = function.kind,
                       let layerName = layerName(forFunction: builtin) {
                        notes.append("use the layer \(layerName)() rather than the function \(function.name)")
                    }
                    throw RuntimeError("Sequential takes layers, not \(value.typeDescription)", at: range, notes: notes)
                }
                layers.append(layer.module)
            }
            return .layer(Layer(Sequential(layers: layers)))
        })

    /// The layer for a function written by mistake inside Sequential, by PyTorch's naming:
    /// `F.max_pool1d` goes with `nn.MaxPool1d`, `F.conv1d` (here `conv`) with `nn.Conv1d`.
    private static func layerName(forFunction function: Builtin) -> String? {
        let spellings = Set(([function.name] + function.aliases).map { name in
            (name.split(separator: ".").last.map(String.init) ?? name).replacingAll("_", with: "")
        })
        return BuiltinLibrary.all.first { $0.constructsLayer && spellings.contains($0.name.lowercased()) }?.name
    }
}
