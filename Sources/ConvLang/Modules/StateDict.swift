import ConvNumerics

/// `m.state_dict()` and `m.load_state_dict(sd)`: a layer's parameters and buffers by PyTorch's
/// key names (`weight`, `0.bias`, `conv1.weight`, `1.running_mean`, `1.num_batches_tracked`),
/// in PyTorch's order: each layer's parameters, then its buffers, then the layers it holds.
enum StateDict {
    /// Every entry of `root`'s state, in order.
    static func entries(of root: any Module) -> [(key: String, tensor: Tensor, isBuffer: Bool)] {
        UserModule.namedModules(of: root).flatMap { path, module in
            let prefix = path.isEmpty ? "" : path + "."
            let parameters = module.parameters.map { (prefix + $0.name, $0.tensor, false) }
            let buffers = (module as? any BufferedModule)?.buffers.map { (prefix + $0.name, $0.tensor, true) } ?? []
            return parameters + buffers
        }
    }

    static let stateDict = Builtin(
        name: "state_dict", parameters: [.required("self")], summary: "the parameters and buffers by name",
        details: "state_dict(self)",
        body: { call throws(RuntimeError) in
            let dict = PythonDict()
            dict.isOrdered = true
            for entry in entries(of: try layer(call)) { dict.store(.tensor(entry.tensor), for: .string(entry.key)) }
            return .dict(dict)
        })

    static let loadStateDict = Builtin(
        name: "load_state_dict", parameters: [.required("self"), .required("state_dict"), .optional("strict", default: .bool(true))],
        summary: "copies parameters and buffers from a state dict", details: "load_state_dict(self, state_dict, strict=True)",
        takesPythonValues: true,
        body: { call throws(RuntimeError) in
            let root = try layer(call)
            guard case .dict(let given) = call.value("state_dict") else {
                throw call.error("Expected state_dict to be dict-like, got \(call.value("state_dict").typeName).", at: "state_dict",
                                 raising: .typeError)
            }
            let problems = try load(given, into: root, at: call.range(of: "state_dict"))
            let strict = try call.bool("strict")
            var messages: [String] = []
            // A checkpoint from before BatchNorm counted its batches has no num_batches_tracked; PyTorch accepts that.
            let missing = problems.missing.filter { !$0.hasSuffix("num_batches_tracked") }
            if strict, !missing.isEmpty { messages.append("Missing key(s) in state_dict: \(quoted(missing)). ") }
            if strict, !problems.unexpected.isEmpty { messages.append("Unexpected key(s) in state_dict: \(quoted(problems.unexpected)). ") }
            messages += problems.mismatches
            guard messages.isEmpty else {
                throw call.error("Error(s) in loading state_dict for \(root.typeName):\n\t" + messages.joined(separator: "\n\t"))
            }
            return .object(ObjectBox(IncompatibleKeys(missing: missing, unexpected: problems.unexpected)))
        })

    /// Copies every entry whose key and shape match; the keys missing, the keys unexpected and
    /// PyTorch's size-mismatch sentences.
    private static func load(
        _ given: PythonDict, into root: any Module, at range: SourceRange
    ) throws(RuntimeError) -> (missing: [String], unexpected: [String], mismatches: [String]) {
        var values: [String: Tensor] = [:]
        var givenKeys: [String] = []
        for (key, value) in zip(given.keys, given.values) {
            guard case .string(let name) = key, let tensor = value.asTensor else { continue }
            values[name] = tensor
            givenKeys.append(name)
        }
        var missing: [String] = [], mismatches: [String] = []
        var expected: Set<String> = []
        for (path, module) in UserModule.namedModules(of: root) {
            let prefix = path.isEmpty ? "" : path + "."
            let buffers = (module as? any BufferedModule)?.buffers ?? []
            for (name, current) in module.parameters + buffers {
                let key = prefix + name
                expected.insert(key)
                guard let tensor = values[key] else { missing.append(key); continue }
                guard tensor.shape == current.shape else {
                    mismatches.append("size mismatch for \(key): copying a param with shape \(size(tensor.shape)) from checkpoint, "
                        + "the shape in current model is \(size(current.shape)).")
                    continue
                }
                if let buffered = module as? any BufferedModule, buffers.contains(where: { $0.name == name }) {
                    buffered.setBuffer(name, tensor)
                } else {
                    try module.assign(name, .tensor(tensor.converted(to: current.dtype)), nameRange: range, valueRange: range)
                }
            }
        }
        return (missing, givenKeys.filter { !expected.contains($0) }, mismatches)
    }

    private static func layer(_ call: BuiltinCall) throws(RuntimeError) -> any Module {
        guard case .layer(let layer) = call.value("self") else {
            throw call.error("this method needs a layer, not \(call.value("self").typeDescription)", at: "self", raising: .typeError)
        }
        return layer.module
    }

    private static func quoted(_ keys: [String]) -> String { keys.map { "\"\($0)\"" }.joined(separator: ", ") }

    private static func size(_ shape: [Int]) -> String { "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])" }

    /// `OrderedDict(pairs)` from `collections`: a dict, which keeps insertion order as Python's
    /// dicts do (what `nn.Sequential(OrderedDict([...]))` and state dicts need).
    static let orderedDict = Builtin(
        name: "OrderedDict", aliases: ["collections.OrderedDict"],
        parameters: [.optional("entries", default: .none), .namedVariadic("named")],
        summary: "a dict that keeps insertion order, as Python's collections.OrderedDict",
        details: """
        OrderedDict(entries=none, **named)

        A dict from (key, value) pairs or named arguments; conv's dicts keep insertion order, so
        this is dict() under the name `from collections import OrderedDict` binds, shown as
        Python shows an OrderedDict:
          nn.Sequential(OrderedDict([("conv", nn.Conv1d(1, 4, 3)), ("act", nn.ReLU())]))
        """,
        takesPythonValues: true,
        body: { call throws(RuntimeError) in
            let dict = PythonDict()
            dict.isOrdered = true
            if case .none = call.value("entries") {} else {
                try DictMethods.merge(call.value("entries"), into: dict, at: call.range(of: "entries"), elements: ElementRule(call.context))
            }
            for entry in call.namedRest { dict.store(entry.value, for: .string(entry.label)) }
            return .dict(dict)
        })
}

/// What `load_state_dict` gives, as PyTorch's `_IncompatibleKeys`: shown as `<All keys matched
/// successfully>` when nothing was missing or unexpected (what a notebook cell shows after
/// loading), else with the keys (`strict=False`).
final class IncompatibleKeys: TorchObject {
    let missing: [String]
    let unexpected: [String]

    init(missing: [String], unexpected: [String]) { (self.missing, self.unexpected) = (missing, unexpected) }

    var typeName: String { "_IncompatibleKeys" }

    var description: String {
        guard !missing.isEmpty || !unexpected.isEmpty else { return "<All keys matched successfully>" }
        func listed(_ keys: [String]) -> String { "[" + keys.map { PythonText.repr(.string($0)) }.joined(separator: ", ") + "]" }
        return "_IncompatibleKeys(missing_keys=\(listed(missing)), unexpected_keys=\(listed(unexpected)))"
    }

    func member(_ name: String) throws(RuntimeError) -> Value? {
        switch name {
        case "missing_keys": .list(PythonList(missing.map(Value.string)))
        case "unexpected_keys": .list(PythonList(unexpected.map(Value.string)))
        default: nil
        }
    }

    var memberNames: [String] { ["missing_keys", "unexpected_keys"] }
}
