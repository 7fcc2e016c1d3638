import Testing
import ConvLang

/// Every name a builtin answered to before the builtins declared their own aliases, written out
/// as the tables stood: each must still reach the same builtin, and each namespace must still
/// list the same members for completion.
@Suite("Builtin aliases and namespaces")
struct BuiltinAliasTests {
    static let aliases = ["conv1d": "conv", "manual_seed": "seed"]

    static let namespaces: [String: [String: String]] = [
        "torch": [
            "tensor": "tensor", "device": "device", "zeros": "zeros", "ones": "ones", "arange": "arange", "linspace": "linspace",
            "rand": "rand", "manual_seed": "seed", "set_printoptions": "set_printoptions", "relu": "relu", "sum": "sum", "mean": "mean", "min": "min",
            "max": "max", "abs": "abs", "allclose": "allclose", "amax": "amax", "amin": "amin", "conv1d": "conv", "sqrt": "sqrt", "exp": "exp",
            "log": "log", "sin": "sin", "cos": "cos", "all": "all", "any": "any",
            "as_tensor": "as_tensor", "from_numpy": "from_numpy", "FloatTensor": "FloatTensor", "DoubleTensor": "DoubleTensor", "LongTensor": "LongTensor",
            "BoolTensor": "BoolTensor", "get_default_dtype": "get_default_dtype", "set_default_dtype": "set_default_dtype",
            "conv_transpose1d": "conv_transpose1d", "max_pool1d": "max_pool1d", "avg_pool1d": "avg_pool1d",
            "sigmoid": "sigmoid", "tanh": "tanh", "softmax": "softmax", "load": "torch.load", "save": "torch.save",
            "empty": "empty", "full": "full", "randn": "randn", "rand_like": "rand_like", "randn_like": "randn_like",
            "randint": "randint", "randint_like": "randint_like", "randperm": "randperm", "normal": "normal",
            "selu": "selu", "celu": "celu", "threshold": "threshold", "hardshrink": "hardshrink", "prelu": "prelu",
            "bernoulli": "bernoulli", "dropout": "dropout",
            "Tensor": "Tensor",
            // The torch functions that are tensor methods too, reached only by their dotted names.
            "argmax": "argmax", "argmin": "argmin", "bmm": "bmm", "cat": "cat", "concat": "cat", "concatenate": "cat",
            "clamp": "clamp", "clip": "clamp", "clone": "clone", "dot": "dot", "equal": "equal", "eye": "eye",
            "flatten": "flatten", "flip": "flip", "full_like": "full_like", "isclose": "isclose", "matmul": "matmul",
            "mm": "mm", "neg": "neg", "negative": "neg", "numel": "numel", "ones_like": "ones_like", "permute": "permute",
            "pow": "pow", "prod": "prod", "reshape": "reshape", "squeeze": "squeeze", "stack": "stack", "std": "std",
            "swapaxes": "transpose", "swapdims": "transpose", "transpose": "transpose", "unsqueeze": "unsqueeze",
            "var": "var", "where": "where", "zeros_like": "zeros_like", "Size": "Size",
            "log_softmax": "log_softmax", "no_grad": "no_grad", "enable_grad": "enable_grad", "inference_mode": "inference_mode",
            "set_grad_enabled": "set_grad_enabled", "is_grad_enabled": "is_grad_enabled",
            "median": "median", "sort": "sort", "topk": "topk", "chunk": "chunk", "split": "split", "unbind": "unbind",
            "gather": "gather", "scatter": "scatter", "scatter_add": "scatter_add", "index_select": "index_select", "take": "take",
            "narrow": "narrow", "repeat_interleave": "repeat_interleave", "roll": "roll", "tril": "tril", "triu": "triu", "diag": "diag",
            "outer": "outer", "ger": "outer", "cumsum": "cumsum", "cumprod": "cumprod", "cummax": "cummax", "cummin": "cummin",
            "argsort": "argsort", "kthvalue": "kthvalue", "diff": "diff", "tril_indices": "tril_indices", "triu_indices": "triu_indices",
            "adaptive_avg_pool1d": "adaptive_avg_pool1d", "adaptive_max_pool1d": "adaptive_max_pool1d",
            "floor": "floor", "ceil": "ceil", "trunc": "trunc", "fix": "trunc", "frac": "frac", "sign": "sign",
            "square": "square", "reciprocal": "reciprocal", "rsqrt": "rsqrt", "log1p": "log1p", "expm1": "expm1",
            "exp2": "exp2", "log2": "log2", "log10": "log10", "erf": "erf", "masked_fill": "masked_fill", "norm": "norm",
            "add": "add", "sub": "sub", "subtract": "sub", "mul": "mul", "multiply": "mul", "div": "div", "divide": "div",
            "eq": "eq", "ne": "ne", "not_equal": "not_equal", "gt": "gt", "greater": "greater", "lt": "lt", "less": "less", "ge": "ge", "greater_equal": "greater_equal", "le": "le", "less_equal": "less_equal", "logical_and": "logical_and", "logical_or": "logical_or", "logical_xor": "logical_xor", "logical_not": "logical_not", "isnan": "isnan", "isinf": "isinf", "isposinf": "isposinf", "isneginf": "isneginf", "isfinite": "isfinite", "count_nonzero": "count_nonzero", "maximum": "maximum", "minimum": "minimum", "fmax": "fmax", "fmin": "fmin", "nan_to_num": "nan_to_num", "nonzero": "nonzero", "argwhere": "argwhere", "masked_select": "masked_select", "unique": "unique",
            "true_divide": "div", "einsum": "einsum",
            "hstack": "hstack", "vstack": "vstack", "row_stack": "row_stack", "dstack": "dstack", "column_stack": "column_stack",
            "atleast_1d": "atleast_1d", "atleast_2d": "atleast_2d", "atleast_3d": "atleast_3d", "meshgrid": "meshgrid",
            "empty_like": "empty_like", "finfo": "finfo", "iinfo": "iinfo", "is_tensor": "is_tensor",
            "is_floating_point": "is_floating_point", "is_nonzero": "is_nonzero", "logsumexp": "logsumexp",
            "remainder": "remainder", "floor_divide": "floor_divide", "cosine_similarity": "cosine_similarity",
            "Generator": "Generator", "multinomial": "multinomial",
            "lerp": "lerp", "addmm": "addmm", "addmv": "addmv", "addbmm": "addbmm", "baddbmm": "baddbmm", "fmod": "fmod", "atan2": "atan2", "arctan2": "arctan2", "hypot": "hypot", "logaddexp": "logaddexp", "xlogy": "xlogy", "erfinv": "erfinv", "clamp_min": "clamp_min", "clamp_max": "clamp_max", "sgn": "sgn", "signbit": "signbit", "trace": "trace", "kron": "kron", "dist": "dist", "tensordot": "tensordot", "block_diag": "block_diag", "cdist": "cdist", "flipud": "flipud", "fliplr": "fliplr", "rot90": "rot90", "ravel": "ravel", "bincount": "bincount", "histc": "histc", "searchsorted": "searchsorted", "bucketize": "bucketize", "logspace": "logspace", "std_mean": "std_mean", "var_mean": "var_mean", "cross": "cross",
            "layer_norm": "layer_norm", "group_norm": "group_norm", "batch_norm": "batch_norm", "instance_norm": "instance_norm",
        ],
        "torch.linalg": ["vector_norm": "vector_norm", "norm": "linalg_norm", "cross": "linalg_cross"],
        "torch.nn": [
            "Conv1d": "Conv1d", "ConvTranspose1d": "ConvTranspose1d", "MaxPool1d": "MaxPool1d", "AvgPool1d": "AvgPool1d",
            "ReLU": "ReLU", "LeakyReLU": "LeakyReLU", "Sigmoid": "Sigmoid", "Tanh": "Tanh", "GELU": "GELU",
            "Softmax": "Softmax", "Sequential": "Sequential", "Identity": "Identity", "Parameter": "Parameter",
            "MSELoss": "MSELoss", "L1Loss": "L1Loss", "SmoothL1Loss": "SmoothL1Loss", "HuberLoss": "HuberLoss",
            "CrossEntropyLoss": "CrossEntropyLoss", "NLLLoss": "NLLLoss", "BCELoss": "BCELoss", "BCEWithLogitsLoss": "BCEWithLogitsLoss",
            "Linear": "Linear", "BatchNorm1d": "BatchNorm1d", "LayerNorm": "LayerNorm", "Dropout": "Dropout", "Flatten": "Flatten",
            "Unflatten": "Unflatten", "AdaptiveAvgPool1d": "AdaptiveAvgPool1d", "AdaptiveMaxPool1d": "AdaptiveMaxPool1d",
            "MaxUnpool1d": "MaxUnpool1d", "ModuleList": "ModuleList", "Upsample": "Upsample", "Embedding": "Embedding",
            "RNN": "RNN", "LSTM": "LSTM", "GRU": "GRU", "RNNCell": "RNNCell", "LSTMCell": "LSTMCell", "GRUCell": "GRUCell",
            "SiLU": "SiLU", "ELU": "ELU", "Softplus": "Softplus", "Mish": "Mish", "LogSoftmax": "LogSoftmax",
            "GroupNorm": "GroupNorm", "InstanceNorm1d": "InstanceNorm1d",
            "KLDivLoss": "KLDivLoss", "PoissonNLLLoss": "PoissonNLLLoss", "GaussianNLLLoss": "GaussianNLLLoss", "MarginRankingLoss": "MarginRankingLoss", "HingeEmbeddingLoss": "HingeEmbeddingLoss", "SoftMarginLoss": "SoftMarginLoss", "CosineEmbeddingLoss": "CosineEmbeddingLoss", "MultiLabelSoftMarginLoss": "MultiLabelSoftMarginLoss", "TripletMarginLoss": "TripletMarginLoss",
            "Hardtanh": "Hardtanh", "ReLU6": "ReLU6", "SELU": "SELU", "CELU": "CELU", "LogSigmoid": "LogSigmoid", "Softsign": "Softsign", "Hardswish": "Hardswish", "Hardsigmoid": "Hardsigmoid", "Softmin": "Softmin", "Tanhshrink": "Tanhshrink", "Softshrink": "Softshrink", "Hardshrink": "Hardshrink", "Threshold": "Threshold", "GLU": "GLU", "PReLU": "PReLU",
            "ConstantPad1d": "ConstantPad1d", "ZeroPad1d": "ZeroPad1d", "ReflectionPad1d": "ReflectionPad1d", "ReplicationPad1d": "ReplicationPad1d", "CircularPad1d": "CircularPad1d",
        ],
        "collections": ["OrderedDict": "OrderedDict"],
        "torch.nn.functional": [
            "conv1d": "conv", "relu": "relu", "conv_transpose1d": "conv_transpose1d", "max_pool1d": "max_pool1d",
            "avg_pool1d": "avg_pool1d", "leaky_relu": "leaky_relu", "sigmoid": "sigmoid", "tanh": "tanh",
            "gelu": "gelu", "softmax": "softmax", "dropout": "dropout", "log_softmax": "log_softmax",
            "silu": "silu", "elu": "elu", "softplus": "softplus", "mish": "mish",
            "hardtanh": "hardtanh", "relu6": "relu6", "selu": "selu", "celu": "celu", "logsigmoid": "logsigmoid", "softsign": "softsign", "hardswish": "hardswish", "hardsigmoid": "hardsigmoid", "softmin": "softmin", "tanhshrink": "tanhshrink", "softshrink": "softshrink", "hardshrink": "hardshrink", "threshold": "threshold", "glu": "glu", "prelu": "prelu",
            "pad": "pad", "normalize": "normalize", "cosine_similarity": "cosine_similarity", "mse_loss": "mse_loss", "l1_loss": "l1_loss", "smooth_l1_loss": "smooth_l1_loss", "huber_loss": "huber_loss",
            "cross_entropy": "cross_entropy", "nll_loss": "nll_loss", "binary_cross_entropy": "binary_cross_entropy",
            "binary_cross_entropy_with_logits": "binary_cross_entropy_with_logits",
            "adaptive_avg_pool1d": "adaptive_avg_pool1d", "adaptive_max_pool1d": "adaptive_max_pool1d",
            "interpolate": "interpolate", "one_hot": "one_hot", "linear": "linear", "embedding": "embedding",
            "layer_norm": "layer_norm", "group_norm": "group_norm", "batch_norm": "batch_norm", "instance_norm": "instance_norm",
            "kl_div": "kl_div", "poisson_nll_loss": "poisson_nll_loss", "gaussian_nll_loss": "gaussian_nll_loss", "margin_ranking_loss": "margin_ranking_loss", "hinge_embedding_loss": "hinge_embedding_loss", "soft_margin_loss": "soft_margin_loss", "cosine_embedding_loss": "cosine_embedding_loss", "multilabel_soft_margin_loss": "multilabel_soft_margin_loss", "triplet_margin_loss": "triplet_margin_loss",
        ],
        "torch.nn.init": [
            "kaiming_uniform_": "kaiming_uniform_", "kaiming_normal_": "kaiming_normal_", "xavier_uniform_": "xavier_uniform_",
            "xavier_normal_": "xavier_normal_", "normal_": "normal_", "uniform_": "uniform_", "trunc_normal_": "trunc_normal_",
            "constant_": "constant_", "zeros_": "zeros_", "ones_": "ones_", "calculate_gain": "calculate_gain",
        ],
        "torch.autograd": [
            "grad": "grad", "no_grad": "no_grad", "enable_grad": "enable_grad", "inference_mode": "inference_mode",
            "set_grad_enabled": "set_grad_enabled",
        ],
        "torch.optim": ["SGD": "SGD", "Adam": "Adam", "AdamW": "AdamW", "RMSprop": "RMSprop", "Adagrad": "Adagrad"],
        "torch.optim.lr_scheduler": [
            "StepLR": "StepLR", "ExponentialLR": "ExponentialLR", "MultiStepLR": "MultiStepLR", "CosineAnnealingLR": "CosineAnnealingLR",
            "LinearLR": "LinearLR", "LambdaLR": "LambdaLR", "OneCycleLR": "OneCycleLR", "ReduceLROnPlateau": "ReduceLROnPlateau",
        ],
        // Devices (Sources/ConvLang/Torch/Device.swift), reached by their dotted names only.
        "torch.cuda": [
            "is_available": "cuda.is_available", "device_count": "cuda.device_count", "manual_seed": "cuda.manual_seed",
            "manual_seed_all": "cuda.manual_seed_all",
        ],
        "torch.backends.cuda": ["is_built": "cuda.is_available"],
        // Datasets and loading (Sources/ConvLang/Torch/Data), reached by their dotted names only.
        "torch.utils.data": [
            "TensorDataset": "TensorDataset", "DataLoader": "DataLoader", "random_split": "random_split", "Subset": "Subset",
        ],
        "torch.backends.mps": ["is_available": "backends.mps.is_available", "is_built": "backends.mps.is_available"],
        "numpy": [
            "convolve": "convolve", "correlate": "correlate", "load": "load", "save": "save",
            // NumPy's arrays (Sources/ConvLang/NumPy).
            "array": "array", "asarray": "array", "arange": "arange", "linspace": "linspace", "zeros": "zeros", "ones": "ones",
            "empty": "empty", "full": "full", "zeros_like": "zeros_like", "ones_like": "ones_like", "dot": "dot",
            "allclose": "allclose", "all": "all", "any": "any", "set_printoptions": "set_printoptions", "sum": "sum",
            "prod": "prod", "mean": "mean", "max": "max", "min": "min", "amax": "max", "amin": "min", "argmax": "argmax",
            "argmin": "argmin", "sqrt": "sqrt", "exp": "exp", "log": "log", "sin": "sin", "cos": "cos", "tanh": "tanh",
            "abs": "abs", "floor": "floor", "ceil": "ceil", "absolute": "abs", "log2": "log2", "log10": "log10", "log1p": "log1p",
            "expm1": "expm1", "sign": "sign",
            // NumPy's ufuncs (Sources/ConvLang/NumPy/NumPyUfuncs.swift).
            "add": "add", "subtract": "subtract", "multiply": "multiply", "divide": "divide", "true_divide": "true_divide",
            "floor_divide": "floor_divide", "power": "power", "mod": "mod", "remainder": "remainder", "maximum": "maximum",
            "minimum": "minimum", "fmax": "fmax", "fmin": "fmin", "square": "square", "negative": "negative",
            "reciprocal": "reciprocal", "clip": "clip",
            "stack": "stack", "concatenate": "concatenate", "vstack": "vstack", "hstack": "hstack", "round": "round", "around": "round",
        ],
        // NumPy's legacy random functions (Sources/ConvLang/NumPy/NumPyRandom.swift).
        "numpy.random": Dictionary(uniqueKeysWithValues: [
            "seed", "rand", "randn", "random", "random_sample", "randint", "normal", "uniform", "permutation", "shuffle", "choice",
            "RandomState",
        ].map { ($0, "random.\($0)") }),
        // Python's random module (Sources/ConvLang/Python/Builtins/RandomModule.swift), named as CPython's Random methods.
        "random": Dictionary(uniqueKeysWithValues: [
            "seed", "random", "uniform", "randint", "randrange", "choice", "choices", "shuffle", "sample", "gauss", "getrandbits",
        ].map { ($0, "Random.\($0)") }),
        // Python's time module (Sources/ConvLang/Python/Builtins/TimeModule.swift).
        "time": Dictionary(uniqueKeysWithValues: [
            "time", "perf_counter", "monotonic", "process_time", "time_ns", "perf_counter_ns", "monotonic_ns", "sleep",
        ].map { ($0, "time.\($0)") }),
        // Python's copy module (Sources/ConvLang/Python/Builtins/CopyModule.swift).
        "copy": ["copy": "copy.copy", "deepcopy": "copy.deepcopy"],
    ]

    /// Members of a namespace that are values rather than functions: NumPy's dtypes and constants.
    static let values: [String: [String]] = [
        "numpy": ["False_", "True_", "bool", "bool_", "double", "e", "float32", "float64", "inf", "int64", "int_", "nan", "pi", "single"],
    ]

    static let subnamespaces: [String: [String: String]] = [
        "torch": ["nn": "torch.nn", "autograd": "torch.autograd", "optim": "torch.optim", "cuda": "torch.cuda", "backends": "torch.backends",
                  "utils": "torch.utils", "linalg": "torch.linalg"],
        "torch.utils": ["data": "torch.utils.data"],
        "numpy": ["random": "numpy.random"],
        "torch.backends": ["cuda": "torch.backends.cuda", "mps": "torch.backends.mps"],
        "torch.nn": ["functional": "torch.nn.functional", "init": "torch.nn.init"],
        "torch.optim": ["lr_scheduler": "torch.optim.lr_scheduler"],
    ]

    static let namespaceNames = [
        "torch": "torch", "nn": "torch.nn", "F": "torch.nn.functional", "np": "numpy", "numpy": "numpy", "optim": "torch.optim",
        "random": "random",
    ]

    /// Every way to write each namespace: `F`, `nn.functional`, `torch.nn.functional`, ...
    static var spellings: [(spelling: String, namespace: String)] {
        var result: [(String, String)] = []
        func add(_ spelling: String, _ namespace: String) {
            result.append((spelling, namespace))
            for (member, child) in subnamespaces[namespace] ?? [:] { add(spelling + "." + member, child) }
        }
        for (name, namespace) in namespaceNames { add(name, namespace) }
        return result
    }

    private let interpreter = Interpreter(configuration: .init(seed: 0))

    private func functionName(_ source: String) -> String? {
        guard case .function(let function)? = interpreter.run(source).lastValue else { return nil }
        return function.name
    }

    @Test func everyTopLevelAliasNamesTheSameBuiltin() {
        for (alias, target) in Self.aliases {
            #expect(functionName(alias) == target, "\(alias)")
        }
    }

    @Test func everyDottedNameNamesTheSameBuiltin() {
        #expect(Self.spellings.count == 25)
        for (spelling, namespace) in Self.spellings {
            for (member, target) in Self.namespaces[namespace] ?? [:] {
                #expect(functionName("\(spelling).\(member)") == target, "\(spelling).\(member)")
            }
        }
    }

    @Test func everyNamespaceListsTheSameMembers() {
        for (spelling, namespace) in Self.spellings {
            let expected = Array((Self.namespaces[namespace] ?? [:]).keys) + Array((Self.subnamespaces[namespace] ?? [:]).keys)
                + (Self.values[namespace] ?? [])
            #expect(interpreter.run(spelling).lastValue?.memberNames == expected.sorted(), "\(spelling)")
        }
        #expect(interpreter.run("torch.pi").lastValue.map(ValueFormatter.display) == "3.1415927")
    }

    @Test func completionKnowsEverySpellingWithItsBuiltinsParameters() {
        let table = Interpreter.builtinParameters
        for (alias, target) in Self.aliases {
            #expect(table[alias] != nil && table[alias] == table[target], "\(alias)")
        }
        for (spelling, namespace) in Self.spellings {
            for (member, target) in Self.namespaces[namespace] ?? [:] {
                // A torch function that is a tensor method has no top-level name: torch.NAME is its own spelling.
                // NumPy's functions have NumPy's parameters: every spelling of one has the same.
                // torch.utils.data's, torch.linalg's, np.random's and Python's random module's have only their dotted names.
                let expected = namespace.hasPrefix("numpy") || namespace == "random" || namespace == "torch.linalg"
                    ? table["\(namespace).\(member)"]
                    : table[target] ?? table["torch.\(target)"] ?? table["torch.utils.data.\(target)"]
                #expect(table["\(spelling).\(member)"] != nil && table["\(spelling).\(member)"] == expected,
                        "\(spelling).\(member)")
            }
        }
    }

    @Test func helpNamesTheAliasesAfterTheSignature() {
        func lines(_ topic: String) -> [String] { (HelpText.topic(topic) ?? "").split(separator: "\n").map(String.init) }
        #expect(lines("conv").first == "conv(x, w, b=none, s=1, p=0, d=1, g=1, mode=\"zeros\", k=none)   also conv1d, F.conv1d, torch.conv1d")
        #expect(lines("manual_seed").first == "seed(n)   also manual_seed, torch.manual_seed")
        #expect(lines("nn.Conv1d").first?.hasSuffix("w=none, b=none)   also nn.Conv1d") == true)
        #expect(lines("np.convolve").first == "convolve(a, v, mode=\"full\")   also np.convolve")
        // A signature line that would grow past 100 columns leaves the aliases a line of their own.
        #expect(lines("F.avg_pool1d").prefix(2) == ["avg_pool1d(x, k, s=none, p=0, ceil_mode=false, count_include_pad=true)",
                                                    "    also F.avg_pool1d, torch.avg_pool1d"])
    }
}
