import ConvNumerics

/// The layer calls a program's own layer (``UserModule``) makes while its `forward` runs, in
/// the order they start, with the shape each was given and the tensor each gave.
///
/// `forward` is Python code, so the layers a `class Net(nn.Module)` holds say nothing about how
/// data flows between them: `summary(net, shape)` and `explain shape net(L=...)` run it once on
/// zeros and read the flow from this record instead.
final class LayerTrace {
    struct Entry {
        var module: any Module
        var input: [Int]?
        var output: Tensor?
        /// How many recorded calls it runs inside.
        var depth: Int
    }

    private(set) var entries: [Entry] = []
    private var open: [Int] = []

    /// Notes that `module` starts on `call`; give the result to ``end(_:_:)``.
    func begin(_ module: any Module, _ call: ModuleCall) -> Int {
        let input: [Int]? = if case .tensor(let tensor)? = call.arguments.first?.value { tensor.shape } else { nil }
        entries.append(Entry(module: module, input: input, depth: open.count))
        open.append(entries.count - 1)
        return entries.count - 1
    }

    func end(_ index: Int, _ output: Value) {
        if case .tensor(let tensor) = output { entries[index].output = tensor }
        open.removeAll { $0 == index }
    }

    /// Runs `module` on zeros of `shape` while recording; the output with every call made inside.
    static func run(
        _ module: UserModule, shape: [Int], range: SourceRange, context: EvaluationContext
    ) throws(RuntimeError) -> (output: Tensor, entries: [Entry]) {
        try context.checkElementCount(of: shape, at: range)
        guard let input = Tensor(repeating: 0, shape: shape) else { throw RuntimeError("invalid shape \(shape)", at: range) }
        return try run(module, input: input, range: range, context: context)
    }

    /// Runs `module` on `input` while recording; the output with every call made inside.
    static func run(
        _ module: UserModule, input: Tensor, range: SourceRange, context: EvaluationContext
    ) throws(RuntimeError) -> (output: Tensor, entries: [Entry]) {
        guard let evaluator = context.evaluator else {
            throw RuntimeError("\(module.typeName) can only be run while its program runs", at: range)
        }
        let trace = LayerTrace()
        let outer = evaluator.python.layerTrace
        evaluator.python.layerTrace = trace
        defer { evaluator.python.layerTrace = outer }
        let call = ModuleCall(arguments: [.init(value: .tensor(input), range: range)], range: range, context: context)
        guard case .tensor(let output) = try module.forward(call) else {
            throw RuntimeError("\(module.typeName).forward gave no tensor", at: range)
        }
        return (output, trace.entries)
    }

    /// The rows of `summary(net, shape)`: each call made inside, named by its path in `root`.
    static func steps(of entries: [Entry], in root: UserModule) -> [ModuleStep] {
        let paths = pathsByLayer(in: root)
        return entries.compactMap { entry in
            guard let output = entry.output else { return nil }
            return ModuleStep(path: paths[ObjectIdentifier(entry.module)] ?? "?", layer: entry.module, output: output,
                              depth: entry.depth)
        }
    }

    /// `explain shape` for a program's layer: its builtin layers in the order they ran, when
    /// each took what the one before gave (a chain, as a Sequential is); nil when forward does
    /// more than chain them (adds, joins, reuses an input).
    static func chain(of entries: [Entry], in root: UserModule, input: [Int], output: [Int]) -> [ShapeWalk.Entry]? {
        let paths = pathsByLayer(in: root)
        let leaves = entries.filter { !($0.module is UserModule) && !($0.module is any ModuleSequence) }
        var expected = input
        for leaf in leaves {
            guard leaf.input == expected, let produced = leaf.output?.shape else { return nil }
            expected = produced
        }
        guard expected == output else { return nil }
        return leaves.map { ShapeWalk.Entry(path: paths[ObjectIdentifier($0.module)] ?? "?", layer: $0.module) }
    }

    private static func pathsByLayer(in root: UserModule) -> [ObjectIdentifier: String] {
        var paths: [ObjectIdentifier: String] = [:]
        for (path, module) in UserModule.namedModules(of: root) where !path.isEmpty { paths[ObjectIdentifier(module)] = path }
        return paths
    }
}

extension ShapeWalk {
    /// A walk through the layers `forward` chained, as recorded.
    init(modelName: String, chain: [Entry]) {
        self.modelName = modelName
        self.entries = chain
    }

    /// The walk `explain shape` shows for `model`: by its layers' settings, or, for a program's
    /// own layer, by running it once on zeros (1, channels, length) and reading the chain of its
    /// layers from the run.
    static func of(
        _ model: any Module, length: Int, channels: Int?, range: SourceRange, context: EvaluationContext
    ) throws(RuntimeError) -> ShapeWalk {
        guard let user = model as? UserModule else { return ShapeWalk(model) }
        let firstChannels = UserModule.namedModules(of: user).lazy.compactMap { $0.module.shapeRule.inChannels }.first
        guard let inChannels = channels ?? firstChannels else {
            throw RuntimeError("explain shape needs the input channels for \(user.typeName)", at: range,
                               notes: ["give them as C=: explain shape net(L=64, C=2)"])
        }
        let shape = [1, inChannels, length]
        let run = try LayerTrace.run(user, shape: shape, range: range, context: context)
        return try chained(user, run, input: shape, range: range)
    }

    /// The walk through the layers a recorded run of `user` chained, or the refusal.
    static func chained(
        _ user: UserModule, _ run: (output: Tensor, entries: [LayerTrace.Entry]), input: [Int], range: SourceRange
    ) throws(RuntimeError) -> ShapeWalk {
        guard let chain = LayerTrace.chain(of: run.entries, in: user, input: input, output: run.output.shape) else {
            throw RuntimeError("explain shape follows layers that pass each output to the next; \(user.typeName).forward does more than that",
                               at: range, notes: ["summary(net, \(SummaryTable.shapeText(input))) runs it and shows what each layer gives"])
        }
        return ShapeWalk(modelName: user.typeName, chain: chain)
    }
}
