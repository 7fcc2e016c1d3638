import ConvNumerics

/// `ModuleList([layer, ...])`: PyTorch's `nn.ModuleList`, layers held in a list so that their
/// parameters belong to the model: indexed (`layers[i]`, `layers[1:3]`), walked (`for layer in
/// layers`), counted (`len`) and grown (`append`, `extend`, `insert`). It is not a model: calling
/// it is PyTorch's NotImplementedError; a program's `forward` calls its layers.
// @unchecked Sendable: an interpreter and the values it made are used by one thread at a time.
final class ModuleList: ModuleSequence, @unchecked Sendable {
    private(set) var layers: [any Module]
    let trainingFlag = TrainingFlag()

    init(layers: [any Module]) { self.layers = layers }

    var description: String { ModuleSequenceText.groupedRepr("ModuleList", children) }

    var typeDescription: String { "ModuleList(\(layers.count) layer\(layers.count == 1 ? "" : "s"))" }

    func selecting(_ positions: [Int]) -> any Module { ModuleList(layers: positions.map { layers[$0] }) }

    func forward(_ call: ModuleCall) throws(RuntimeError) -> Value {
        throw RuntimeError("Module [ModuleList] is missing the required \"forward\" function", at: call.range,
                           notes: ["call its layers in a forward method: for layer in self.layers: x = layer(x)"],
                           raising: .notImplementedError)
    }

    var members: [(name: String, value: Value)] {
        Self.methods.map { method in (method.name, Value.function(Function(.boundBuiltin(receiver: .layer(Layer(self)), method)))) }
           
    }

    // MARK: - Methods

    private static let methods = [append, extend, insert]

    private static func receiver(_ call: BuiltinCall) -> ModuleList? {
        if case .layer(let layer) = call.receiver { layer.module as? ModuleList } else { nil }
    }

    private static func layer(_ value: Value, at range: SourceRange) throws(RuntimeError) -> any Module {
        guard case .layer(let layer) = value else {
            throw RuntimeError("ModuleList holds layers, not \(value.typeDescription)", at: range, raising: .typeError)
        }
        return layer.module
    }

    private static let append = Builtin(
        name: "append", parameters: [.required("module")], summary: "adds a layer at the end", details: "append(module)",
        body: { call throws(RuntimeError) in
            guard let list = receiver(call) else { return .none }
            list.layers.append(try layer(call.value("module"), at: call.range(of: "module")))
            return .none
        })

    private static let extend = Builtin(
        name: "extend", parameters: [.required("modules")], summary: "adds layers at the end", details: "extend(modules)",
        takesPythonValues: true,
        body: { call throws(RuntimeError) in
            guard let list = receiver(call) else { return .none }
            for item in try call.items("modules") { list.layers.append(try layer(item, at: call.range(of: "modules"))) }
            return .none
        })

    private static let insert = Builtin(
        name: "insert", parameters: [.required("index"), .required("module")], summary: "puts a layer before position index",
        details: "insert(index, module)",
        body: { call throws(RuntimeError) in
            guard let list = receiver(call) else { return .none }
            let count = list.layers.count
            let raw = try call.integer("index")
            let index = Swift.min(Swift.max(raw < 0 ? raw + count : raw, 0), count)
            list.layers.insert(try layer(call.value("module"), at: call.range(of: "module")), at: index)
            return .none
        })

    // MARK: - The constructor

    static let constructor = Builtin(
        name: "ModuleList", aliases: ["torch.nn.ModuleList"], parameters: [.optional("modules", default: .none)],
        summary: "layers held in a list, as PyTorch's nn.ModuleList",
        details: """
        ModuleList(modules=none)

        Holds layers so that a model's parameters() include theirs: index it, walk it, len() it,
        append, extend and insert layers. It has no forward of its own: a class's forward calls
        the layers, e.g.
          self.layers = nn.ModuleList([nn.Linear(4, 4) for _ in range(3)])
          ...
          for layer in self.layers: x = layer(x)
        """,
        takesPythonValues: true, constructsLayer: true,
        body: { call throws(RuntimeError) in
            var layers: [any Module] = []
            let given: Bool = if case .none = call.value("modules") { false } else { true }
            if given {
                for item in try call.items("modules") { layers.append(try layer(item, at: call.range(of: "modules"))) }
            }
            return .layer(Layer(ModuleList(layers: layers)))
        })
}
