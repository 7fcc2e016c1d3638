/// Where Python and PyTorch define the types conv's builtins make, so that a type shows as
/// Python shows it: `print(type(x))` is `<class 'torch.Tensor'>`, `print(int)` is
/// `<class 'int'>`, `type(nn.Linear(2, 1))` is `<class 'torch.nn.modules.linear.Linear'>`.
/// (A builtin that is no type, such as `len`, stays `<built-in function len>`.)
enum PythonTypeModules {
    /// The module defining the type `name`, nil when no type has that name.
    static func module(ofType name: String) -> String? { modules[name] }

    /// Python's name for the type `name`: qualified by its module, except Python's own types.
    static func qualifiedName(ofType name: String) -> String? {
        module(ofType: name).map { $0 == "builtins" ? name : $0 + "." + name }
    }

    private static let modules: [String: String] = {
        var table: [String: String] = [:]
        for name in ["int", "float", "str", "bool", "list", "tuple", "dict", "set", "frozenset", "range", "object"] { table[name] = "builtins" }
        for name in ["Tensor", "Size", "device", "dtype"] { table[name] = "torch" }
        table["OrderedDict"] = "collections"
        table["Parameter"] = "torch.nn.parameter"
        let layers: [String: [String]] = [
            "conv": ["Conv1d", "ConvTranspose1d"],
            "linear": ["Linear", "Identity"],
            "activation": ["ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU", "Softmax", "SiLU", "ELU", "Softplus", "Mish", "LogSoftmax",
                           "Hardtanh", "ReLU6", "SELU", "CELU", "LogSigmoid", "Softsign", "Hardswish", "Hardsigmoid", "Softmin", "Tanhshrink",
                           "Softshrink", "Hardshrink", "Threshold", "GLU", "PReLU"],
            "pooling": ["MaxPool1d", "AvgPool1d", "AdaptiveAvgPool1d", "AdaptiveMaxPool1d", "MaxUnpool1d"],
            "batchnorm": ["BatchNorm1d"],
            "normalization": ["LayerNorm", "GroupNorm"],
            "instancenorm": ["InstanceNorm1d"],
            "dropout": ["Dropout"],
            "flatten": ["Flatten", "Unflatten"],
            "container": ["Sequential", "ModuleList"],
            "upsampling": ["Upsample"],
            "padding": ["ConstantPad1d", "ZeroPad1d", "ReflectionPad1d", "ReplicationPad1d", "CircularPad1d"],
            "sparse": ["Embedding"],
            "rnn": ["RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell"],
            "loss": ["MSELoss", "L1Loss", "SmoothL1Loss", "HuberLoss", "CrossEntropyLoss", "NLLLoss", "BCELoss", "BCEWithLogitsLoss", "KLDivLoss", "PoissonNLLLoss", "GaussianNLLLoss", "MarginRankingLoss", "HingeEmbeddingLoss", "SoftMarginLoss", "CosineEmbeddingLoss", "MultiLabelSoftMarginLoss", "TripletMarginLoss"],
            "module": ["Module"],
        ]
        for (file, names) in layers { for name in names { table[name] = "torch.nn.modules." + file } }
        for (file, name) in [("sgd", "SGD"), ("adam", "Adam"), ("adamw", "AdamW"), ("rmsprop", "RMSprop"), ("adagrad", "Adagrad")] {
            table[name] = "torch.optim." + file
        }
        for name in ["StepLR", "ExponentialLR", "MultiStepLR", "CosineAnnealingLR", "LinearLR", "LambdaLR", "OneCycleLR", "ReduceLROnPlateau"] { table[name] = "torch.optim.lr_scheduler" }
        for name in ["TensorDataset", "Subset"] { table[name] = "torch.utils.data.dataset" }
        table["DataLoader"] = "torch.utils.data.dataloader"
        return table
    }()
}
