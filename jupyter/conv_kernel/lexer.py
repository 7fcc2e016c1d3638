"""A Pygments lexer for conv, registered as `conv` (entry point `pygments.lexers`), so that
notebooks exported by nbconvert and documentation built with Sphinx highlight conv code.

conv's own words (`let`, `fn`, `explain`, `explain shape`), Python's keywords (the language
takes pasted PyTorch code and is growing Python statements), its builtins and PyTorch's module
names, numbers, strings (also triple-quoted and f-strings), comments and the session's
`:commands`.
"""
from pygments.lexer import RegexLexer, bygroups, include, words
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text, Whitespace

CONV_KEYWORDS = ("let", "fn", "explain")
PYTHON_KEYWORDS = (
    "and", "as", "assert", "async", "await", "break", "case", "class", "continue", "def", "del", "elif", "else",
    "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "match", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
)
CONSTANTS = ("true", "false", "none", "True", "False", "None", "pi")
BUILTINS = (
    "conv", "conv1d", "Conv1d", "tensor", "zeros", "ones", "arange", "linspace", "rand", "shape", "len", "sum",
    "mean", "min", "max", "abs", "relu", "sqrt", "exp", "log", "sin", "cos", "all", "any", "allclose", "seed",
    "manual_seed", "print", "assert", "help", "plot", "lengths", "conv_transpose1d", "ConvTranspose1d",
    "max_pool1d", "avg_pool1d", "MaxPool1d", "AvgPool1d", "leaky_relu", "sigmoid", "tanh", "gelu", "softmax",
    "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU", "Softmax", "Sequential",
    "silu", "elu", "softplus", "mish", "SiLU", "ELU", "Softplus", "Mish", "LogSoftmax",
    "hardtanh", "relu6", "selu", "celu", "logsigmoid", "softsign", "hardswish", "hardsigmoid", "softmin", "tanhshrink", "softshrink", "hardshrink", "threshold", "glu", "Hardtanh", "ReLU6", "SELU", "CELU", "LogSigmoid", "Softsign", "Hardswish", "Hardsigmoid", "Softmin", "Tanhshrink", "Softshrink", "Hardshrink", "Threshold", "GLU", "prelu", "PReLU",
    "ConstantPad1d", "ZeroPad1d", "ReflectionPad1d", "ReplicationPad1d", "CircularPad1d", "summary", "convolve", "correlate",
    "load", "save", "Identity", "range", "enumerate", "zip", "map", "filter", "empty", "full", "randn", "rand_like",
    "randn_like", "randint", "randint_like", "randperm", "normal", "bernoulli", "dropout", "kaiming_uniform_",
    "kaiming_normal_", "xavier_uniform_", "xavier_normal_", "normal_", "uniform_", "trunc_normal_",
    "constant_", "zeros_", "ones_", "calculate_gain", "str", "repr", "format", "ascii", "ord", "chr",
    "set_printoptions", "list", "tuple", "dict", "set", "frozenset", "int", "float", "bool", "Tensor", "type", "isinstance",
    "sorted", "reversed", "round", "issubclass", "super", "iter", "next",
    "Parameter", "grad", "no_grad", "enable_grad", "inference_mode", "set_grad_enabled", "is_grad_enabled", "SGD",
    "Adam", "AdamW", "RMSprop", "Adagrad", "StepLR", "ExponentialLR", "log_softmax", "pad",
    "mse_loss", "MSELoss", "l1_loss", "L1Loss", "smooth_l1_loss", "SmoothL1Loss", "huber_loss", "HuberLoss",
    "cross_entropy", "CrossEntropyLoss", "nll_loss", "NLLLoss", "binary_cross_entropy", "BCELoss", "binary_cross_entropy_with_logits", "BCEWithLogitsLoss",
    "Linear", "BatchNorm1d", "LayerNorm", "Dropout", "Flatten", "Unflatten", "AdaptiveAvgPool1d", "AdaptiveMaxPool1d",
    "MaxUnpool1d", "ModuleList", "OrderedDict", "Upsample", "interpolate", "one_hot", "linear", "Embedding", "embedding", "RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell", "getattr", "hasattr", "setattr",
    "Counter", "defaultdict", "normalize", "cosine_similarity",
    "kl_div", "KLDivLoss", "poisson_nll_loss", "PoissonNLLLoss", "gaussian_nll_loss", "GaussianNLLLoss", "margin_ranking_loss", "MarginRankingLoss", "hinge_embedding_loss", "HingeEmbeddingLoss", "soft_margin_loss", "SoftMarginLoss", "cosine_embedding_loss", "CosineEmbeddingLoss", "multilabel_soft_margin_loss", "MultiLabelSoftMarginLoss", "triplet_margin_loss", "TripletMarginLoss",
    "GroupNorm", "InstanceNorm1d", "batch_norm", "layer_norm", "group_norm", "instance_norm",
    "MultiStepLR", "CosineAnnealingLR", "LinearLR", "LambdaLR", "OneCycleLR", "ReduceLROnPlateau",
)
MODULES = ("torch", "nn", "F", "np", "numpy", "functional", "init")


class ConvLexer(RegexLexer):
    """conv: a small language for 1-D convolution."""

    name = "conv"
    aliases = ["conv"]
    filenames = ["*.conv"]
    mimetypes = ["text/x-conv"]

    tokens = {
        "root": [
            (r"\n", Whitespace),
            (r"^(\s*)(:[a-z?]+)(.*?)$", bygroups(Whitespace, Keyword.Pseudo, Text)),
            (r"[ \t\f\r]+", Whitespace),
            (r"\\\n", Whitespace),
            (r"#.*$", Comment.Single),
            (r"(explain)(\s+)(shape)\b", bygroups(Keyword, Whitespace, Keyword)),
            (r"(fn|def|class)(\s+)([A-Za-z_]\w*)", bygroups(Keyword, Whitespace, Name.Function)),
            (words(CONV_KEYWORDS + PYTHON_KEYWORDS, suffix=r"\b"), Keyword),
            (words(CONSTANTS, suffix=r"\b"), Keyword.Constant),
            (words(MODULES, suffix=r"\b"), Name.Namespace),
            (words(BUILTINS, suffix=r"\b"), Name.Builtin),
            include("strings"),
            include("numbers"),
            (r"[A-Za-z_]\w*", Name),
            (r"\*\*|//|==|!=|<=|>=|->|[-+*/%<>=@&|^~]", Operator),
            (r"[()\[\]{},;:.]", Punctuation),
        ],
        "numbers": [
            (r"(\d+\.\d*|\.\d+)([eE][+-]?\d+)?j?", Number.Float),
            (r"\d+[eE][+-]?\d+j?", Number.Float),
            (r"0[xX][0-9a-fA-F_]+", Number.Hex),
            (r"\d[\d_]*", Number.Integer),
        ],
        "strings": [
            (r'(?i)(f|rf|fr)(""")', bygroups(String.Affix, String.Double), "fstring-triple-double"),
            (r"(?i)(f|rf|fr)(''')", bygroups(String.Affix, String.Single), "fstring-triple-single"),
            (r'(?i)(f|rf|fr)(")', bygroups(String.Affix, String.Double), "fstring-double"),
            (r"(?i)(f|rf|fr)(')", bygroups(String.Affix, String.Single), "fstring-single"),
            (r'(?i)(r|b|rb|br)?"""', String.Double, "triple-double"),
            (r"(?i)(r|b|rb|br)?'''", String.Single, "triple-single"),
            (r'(?i)(r|b|rb|br)?"', String.Double, "double"),
            (r"(?i)(r|b|rb|br)?'", String.Single, "single"),
        ],
        "escape": [(r"\\(.|\n)", String.Escape)],
        "double": [include("escape"), (r'[^"\\\n]+', String.Double), (r'"', String.Double, "#pop"), (r"\n", String.Double, "#pop")],
        "single": [include("escape"), (r"[^'\\\n]+", String.Single), (r"'", String.Single, "#pop"), (r"\n", String.Single, "#pop")],
        "triple-double": [include("escape"), (r'"""', String.Double, "#pop"), (r'[^"\\]+|"', String.Double)],
        "triple-single": [include("escape"), (r"'''", String.Single, "#pop"), (r"[^'\\]+|'", String.Single)],
        "interpolation": [
            (r"\{\{|\}\}", String.Escape),
            (r"\{", String.Interpol, "expression"),
        ],
        "expression": [
            (r"\}", String.Interpol, "#pop"),
            (r"![rsa]|:[^{}]*", String.Interpol),
            (r"\{", Punctuation, "#push"),
            include("root-expression"),
        ],
        "root-expression": [
            (r"[ \t]+", Whitespace),
            (words(CONSTANTS, suffix=r"\b"), Keyword.Constant),
            (words(BUILTINS, suffix=r"\b"), Name.Builtin),
            include("numbers"),
            (r"'[^'\n]*'|\"[^\"\n]*\"", String),
            (r"[A-Za-z_]\w*", Name),
            (r"\*\*|//|==|!=|<=|>=|[-+*/%<>=@&|^~]", Operator),
            (r"[()\[\],.]", Punctuation),
        ],
        "fstring-double": [include("escape"), include("interpolation"), (r'[^"\\{}\n]+', String.Double),
                           (r'"', String.Double, "#pop"), (r"\n", String.Double, "#pop")],
        "fstring-single": [include("escape"), include("interpolation"), (r"[^'\\{}\n]+", String.Single),
                           (r"'", String.Single, "#pop"), (r"\n", String.Single, "#pop")],
        "fstring-triple-double": [include("escape"), include("interpolation"), (r'"""', String.Double, "#pop"),
                                  (r'[^"\\{}]+|"', String.Double)],
        "fstring-triple-single": [include("escape"), include("interpolation"), (r"'''", String.Single, "#pop"),
                                  (r"[^'\\{}]+|'", String.Single)],
    }
