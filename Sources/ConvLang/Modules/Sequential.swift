import ConvNumerics

/// `Sequential(layer, ...)`: PyTorch's `nn.Sequential`, layers applied one after another.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class Sequential: ModuleSequence, @unchecked Sendable {
    private(set) var layers: [any Module]
    /// The layers' names: `0`, `1`, ... unless made from an `OrderedDict` of named layers.
    private(set) var names: [String]
    let trainingFlag = TrainingFlag()

    init(layers: [any Module], names: [String]? = nil) {
        self.layers = layers
        self.names = names ?? layers.indices.map { "\($0)" }
    }

    /// `add_module(name, layer)`: the layer at the end, or in the place of the one named `name`.
    func add(_ module: any Module, named name: String) {
        if let index = names.firstIndex(of: name) {
            layers[index] = module
        } else {
            layers.append(module)
            names.append(name)
        }
    }

    /// PyTorch's repr: one `(name): layer` line per layer, nested models indented.
    var description: String { ModuleSequenceText.repr("Sequential", children) }

    var children: [(name: String, module: any Module)] { Array(zip(names, layers)) }

    /// Named layers read as members, as PyTorch's `model.conv` reads the layer named `conv`.
    var members: [(name: String, value: Value)] {
        children.filter { Int($0.name) == nil }.map { ($0.name, .layer(Layer($0.module))) }
    }

    var typeDescription: String { "Sequential(\(layers.count) layer\(layers.count == 1 ? "" : "s"))" }

    func selecting(_ positions: [Int]) -> any Module {
        Sequential(layers: positions.map { layers[$0] }, names: positions.map { names[$0] })
    }

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
            if call.rest.count == 1, case .dict(let dict) = call.rest[0].value { return try named(dict, at: call.rest[0].range) }
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

    /// `Sequential(OrderedDict([("conv", ...), ...]))`: layers under their names.
    private static func named(_ dict: PythonDict, at range: SourceRange) throws(RuntimeError) -> Value {
        var layers: [any Module] = [], names: [String] = []
        for (key, value) in zip(dict.keys, dict.values) {
            guard case .string(let name) = key, case .layer(let layer) = value else {
                throw RuntimeError("Sequential takes an OrderedDict of names and layers, not \(key.typeDescription): \(value.typeDescription)",
                                   at: range, raising: .typeError)
            }
            names.append(name)
            layers.append(layer.module)
        }
        return .layer(Layer(Sequential(layers: layers, names: names)))
    }

    /// The layer for a function written by mistake inside Sequential, by PyTorch's naming:
    /// `F.max_pool1d` goes with `nn.MaxPool1d`, `F.conv1d` (here `conv`) with `nn.Conv1d`.
    private static func layerName(forFunction function: Builtin) -> String? {
        let spellings = Set(([function.name] + function.aliases).map { name in
            (name.split(separator: ".").last.map(String.init) ?? name).replacingAll("_", with: "")
        })
        return BuiltinLibrary.all.first { $0.constructsLayer && spellings.contains($0.name.lowercased()) }?.name
    }
}
