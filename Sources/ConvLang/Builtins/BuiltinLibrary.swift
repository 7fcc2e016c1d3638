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
        [Sequential.constructor], ModelBuiltins.all, SignalBuiltins.all, DataBuiltins.all,
        [Identity.constructor],
    ].joined())

    /// Builtins by every name they answer to at the top level.
    static let byName: [String: Builtin] = {
        var table: [String: Builtin] = [:]
        for builtin in all { table[builtin.name] = builtin }
        for (alias, target) in aliases { table[alias] = table[target] }
        return table
    }()

    /// Other top-level names for builtins.
    static let aliases: [String: String] = ["conv1d": "conv", "manual_seed": "seed"]

    static let constants: [String: Value] = ["pi": .number(Double.pi)]

    /// Dotted PyTorch names, each mapped to a builtin (or a nested namespace).
    static let namespaces: [String: [String: String]] = [
        "torch": [
            "tensor": "tensor", "zeros": "zeros", "ones": "ones", "arange": "arange", "linspace": "linspace",
            "rand": "rand", "manual_seed": "seed", "relu": "relu", "sum": "sum", "mean": "mean", "min": "min",
            "max": "max", "abs": "abs", "allclose": "allclose", "conv1d": "conv", "sqrt": "sqrt", "exp": "exp",
            "log": "log", "sin": "sin", "cos": "cos", "all": "all", "any": "any",
            "conv_transpose1d": "conv_transpose1d", "max_pool1d": "max_pool1d", "avg_pool1d": "avg_pool1d",
            "sigmoid": "sigmoid", "tanh": "tanh", "softmax": "softmax", "load": "load", "save": "save",
        ],
        "torch.nn": [
            "Conv1d": "Conv1d", "ConvTranspose1d": "ConvTranspose1d", "MaxPool1d": "MaxPool1d", "AvgPool1d": "AvgPool1d",
            "ReLU": "ReLU", "LeakyReLU": "LeakyReLU", "Sigmoid": "Sigmoid", "Tanh": "Tanh", "GELU": "GELU",
            "Softmax": "Softmax", "Sequential": "Sequential", "Identity": "Identity",
        ],
        "torch.nn.functional": [
            "conv1d": "conv", "relu": "relu", "conv_transpose1d": "conv_transpose1d", "max_pool1d": "max_pool1d",
            "avg_pool1d": "avg_pool1d", "leaky_relu": "leaky_relu", "sigmoid": "sigmoid", "tanh": "tanh",
            "gelu": "gelu", "softmax": "softmax",
        ],
        "numpy": ["convolve": "convolve", "correlate": "correlate", "load": "load", "save": "save"],
    ]

    /// Namespaces reachable as members of others (`torch.nn`, `nn.functional`).
    static let subnamespaces: [String: [String: String]] = [
        "torch": ["nn": "torch.nn"],
        "torch.nn": ["functional": "torch.nn.functional"],
    ]

    /// Top-level names for namespaces, as the usual imports bind them.
    static let namespaceNames: [String: String] = [
        "torch": "torch", "nn": "torch.nn", "F": "torch.nn.functional", "np": "numpy", "numpy": "numpy",
    ]

    /// Every top-level builtin name, for suggestions and completion.
    static let globalNames: [String] = (Array(byName.keys) + Array(constants.keys) + Array(namespaceNames.keys)).sorted()

    /// The builtin, constant or namespace a top-level name denotes.
    static func value(named name: String) -> Value? {
        if let builtin = byName[name] { return .function(function(for: builtin)) }
        if let constant = constants[name] { return constant }
        if let namespace = namespaceNames[name] { return .namespace(Namespace(name: namespace)) }
        return nil
    }

    /// `torch.zeros`, `nn.Conv1d`, `torch.nn.functional`, ...
    static func member(_ name: String, of namespace: Namespace) -> Value? {
        if let target = namespaces[namespace.name]?[name], let builtin = byName[target] {
            return .function(function(for: builtin))
        }
        if let child = subnamespaces[namespace.name]?[name] { return .namespace(Namespace(name: child)) }
        if namespace.name == "torch", let constant = constants[name] { return constant }
        return nil
    }

    static func memberNames(of namespace: Namespace) -> [String] {
        ((namespaces[namespace.name].map { Array($0.keys) } ?? []) + (subnamespaces[namespace.name].map { Array($0.keys) } ?? []))
            .sorted()
    }

    /// One shared `Function` object per builtin, so that `conv == conv1d` holds.
    private static let functions: [String: Function] = {
        var table: [String: Function] = [:]
        for builtin in all { table[builtin.name] = Function(.builtin(builtin)) }
        return table
    }()

    private static func function(for builtin: Builtin) -> Function {
        functions[builtin.name] ?? Function(.builtin(builtin))
    }
}
