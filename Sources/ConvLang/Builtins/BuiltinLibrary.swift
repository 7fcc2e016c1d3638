import ConvNumerics

/// Every builtin, the constants, and the PyTorch-style namespaces (`torch`, `nn`, `F`).
///
/// The tables are immutable and built once; nothing here is mutable global state.
enum BuiltinLibrary {
    /// Every builtin function, in the order `:help` lists them.
    static let all: [Builtin] = Array([
        ConvBuiltins.all, [Conv1d.constructor],
        TensorBuiltins.all, MathBuiltins.all, ProgramBuiltins.all, ExplainBuiltins.all,
        TransposeBuiltins.all, [ConvTranspose1d.constructor],
        PoolingBuiltins.all, [MaxPool1d.constructor, AvgPool1d.constructor],
        ActivationBuiltins.all,
        [ReLU.constructor, LeakyReLU.constructor, Sigmoid.constructor, Tanh.constructor, GELU.constructor, Softmax.constructor],
        PointwiseActivationBuiltins.all, [SiLU.constructor, ELU.constructor, Softplus.constructor, Mish.constructor, LogSoftmax.constructor],
        PiecewiseActivationBuiltins.all, ActivationLayers.piecewise, PaddingLayer.constructors,
        [Sequential.constructor], ModelBuiltins.all, SignalBuiltins.all, DataBuiltins.all,
        [Identity.constructor], TorchLayerLibrary.constructors, PythonBuiltins.all, PythonConversions.all, PythonSequenceBuiltins.all,
        TextBuiltins.all, RandomBuiltins.all, InitBuiltins.all, DisplayBuiltins.all, ClassBuiltins.all, AttributeBuiltins.all,
        AutogradBuiltins.all, IteratorBuiltins.all, CollectionsModule.all,
    ].joined())

    /// Builtins reached only by their dotted names, kept out of the top-level names: PyTorch's
    /// functions that are tensor methods too (`torch.cat`, `torch.where`: ``TensorMethods``), the
    /// functions of Python's `math` (`math.sqrt`: ``MathModule``), the adaptive pools'
    /// functional forms (`F.adaptive_avg_pool1d`: ``AdaptivePooling``), and `torch.device` with
    /// `torch.cuda.is_available()` (``DeviceBuiltins``), and `torch.utils.data`'s datasets and
    /// loader (``TorchDataBuiltins``), `np.random` (``NumPyRandom``), `torch.save` with
    /// `torch.load` (``TorchSerialization``), `torch.einsum` (``EinsumFunction``), `torch.Generator`
    /// (``GeneratorBuiltins``), and Python's `random` (``RandomModule``), `time` (``TimeModule``),
    /// `copy` (``CopyModule``), `itertools` (``ItertoolsModule``), `functools` (``FunctoolsModule``)
    /// and `matplotlib.pyplot` (``PyplotModule``).
    static let dottedOnly: [Builtin] = TensorMethods.functions + MathModule.all + AdaptivePooling.functions + DeviceBuiltins.all
        + TorchDataBuiltins.all + NumPyRandom.all + [NumPyRandomStateObject.constructor, EinsumFunction.einsum] + GeneratorBuiltins.dottedOnly
        + TorchSerialization.all + RandomModule.all + TimeModule.all + CopyModule.all + ItertoolsModule.all + FunctoolsModule.all
        + PyplotModule.all

    private static let dottedOnlyByName: [String: Builtin] = Dictionary(dottedOnly.map { ($0.name, $0) }) { first, _ in first }

    /// A builtin by its canonical name, top-level or dotted-only.
    static func builtin(named name: String) -> Builtin? { byName[name] ?? dottedOnlyByName[name] }

    /// Builtins by every name they answer to at the top level: their own and their undotted aliases.
    static let byName: [String: Builtin] = {
        var table: [String: Builtin] = [:]
        for builtin in all {
            table[builtin.name] = builtin
            for alias in builtin.aliases where !alias.contains(".") { table[alias] = builtin }
        }
        return table
    }()

    /// `__name__` is `"__main__"`: every program runs as a script, so `if __name__ == "__main__":` runs.
    static let constants: [String: Value] = ["pi": .number(Double.pi), "__name__": .string("__main__")]

    /// `torch.__version__`: the release whose behaviour conv follows (its printout, dtypes,
    /// random streams and messages were checked against PyTorch 2.15 on the CPU), without a
    /// build suffix such as `+cpu`, since conv is no build of PyTorch.
    static let torchVersion = "2.15.0"

    /// The dotted aliases by namespace: `torch.nn.functional` → `conv1d` → `conv`.
    static let namespaces: [String: [String: String]] = {
        var table: [String: [String: String]] = [:]
        for builtin in all + dottedOnly {
            for alias in builtin.aliases {
                guard let (namespace, member) = split(alias) else { continue }
                table[namespace, default: [:]][member] = builtin.name
            }
        }
        return table
    }()

    /// Namespaces reachable as members of others (`torch.nn`, `nn.functional`): every prefix of
    /// a namespace's dotted name.
    static let subnamespaces: [String: [String: String]] = {
        var table: [String: [String: String]] = [:]
        var pending = Array(namespaces.keys)
        while let namespace = pending.popLast() {
            guard let (parent, member) = split(namespace) else { continue }
            if table[parent]?[member] == nil { pending.append(parent) }
            table[parent, default: [:]][member] = namespace
        }
        return table
    }()

    /// `torch.nn.functional.conv1d` → (`torch.nn.functional`, `conv1d`); `nil` for a name without a dot.
    private static func split(_ dotted: String) -> (String, String)? {
        guard let dot = dotted.lastIndex(of: ".") else { return nil }
        return (String(dotted[..<dot]), String(dotted[dotted.index(after: dot)...]))
    }

    /// The short names the usual imports bind: `import torch.nn as nn`, `import torch.nn.functional
    /// as F`, `import numpy as np`.
    private static let importNames = ["nn": "torch.nn", "F": "torch.nn.functional", "np": "numpy", "optim": "torch.optim", "plt": "matplotlib.pyplot"]

    /// Top-level names for namespaces: the import names, and each outermost namespace (`torch`,
    /// `numpy`) by its own name.
    static let namespaceNames: [String: String] = {
        var table = importNames
        for namespace in namespaces.keys {
            let outermost = String(namespace.prefix { $0 != "." })
            table[outermost] = outermost
        }
        return table
    }()

    /// The shortest way to write a dotted name, as help shows it: `F.conv1d` for
    /// `torch.nn.functional.conv1d`, `np.convolve` for `numpy.convolve`.
    static func shortestSpelling(of name: String) -> String {
        guard let (namespace, member) = split(name) else { return name }
        let spellings = namespaceNames.filter { $0.value == namespace }.keys
        guard let shortest = spellings.min(by: { ($0.count, $0) < ($1.count, $1) }) else {
            return shortestSpelling(of: namespace) + "." + member
        }
        return shortest + "." + member
    }

    /// Every top-level builtin name, for suggestions and completion.
    static let globalNames: [String] = (Array(byName.keys) + Array(constants.keys) + Array(namespaceNames.keys)).sorted()

    /// The builtin, constant or namespace a top-level name denotes.
    static func value(named name: String) -> Value? {
        if let builtin = byName[name] { return .function(function(for: builtin)) }
        if let constant = constants[name] { return constant }
        if let namespace = namespaceNames[name] { return .namespace(Namespace(name: namespace)) }
        return PythonClasses.value(named: name)
    }

    /// `torch.zeros`, `nn.Conv1d`, `torch.nn.functional`, ...
    static func member(_ name: String, of namespace: Namespace) -> Value? {
        if let torchForm = TorchConstructors.member(name, of: namespace.name) ?? TorchFunctionForms.member(name, of: namespace.name) {
            return torchForm
        }
        if let numpyForm = NumPyLibrary.member(name, of: namespace.name) { return numpyForm }
        if let target = namespaces[namespace.name]?[name], let builtin = builtin(named: target) {
            return .function(function(for: builtin))
        }
        if let child = subnamespaces[namespace.name]?[name] { return .namespace(Namespace(name: child)) }
        if namespace.name == "torch", name == "__version__" { return .string(torchVersion) }
        if namespace.name == "torch", let constant = constants[name] ?? DTypeValues.names[name].map(DTypeValues.value) {
            return constant
        }
        if namespace.name == "math", let constant = MathModule.constants[name] { return constant }
        return PythonClasses.member(name, of: namespace)
    }

    static func memberNames(of namespace: Namespace) -> [String] {
        Set((namespaces[namespace.name].map { Array($0.keys) } ?? []) + (subnamespaces[namespace.name].map { Array($0.keys) } ?? [])
         + (namespace.name == "math" ? Array(MathModule.constants.keys) : [])
         + (namespace.name == "torch" ? TorchConstructors.extraNames : []) + NumPyLibrary.extraNames(of: namespace.name))
            .sorted()
    }

    /// One shared `Function` object per builtin, so that `conv == conv1d` holds.
    private static let functions: [String: Function] = {
        var table: [String: Function] = [:]
        for builtin in dottedOnly + all { table[builtin.name] = Function(.builtin(builtin)) }
        return table
    }()

    private static func function(for builtin: Builtin) -> Function {
        functions[builtin.name] ?? Function(.builtin(builtin))
    }
}
