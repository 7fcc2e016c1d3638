/// What `help()` is made of: the builtins grouped by what they are for, and the pages that are not
/// one builtin's (the language, `explain`).
///
/// Builtins are listed by name here, in one place, rather than each declaring its topic: a
/// builtin in no topic still shows, under `other`, so none is ever missing from `help()`.
enum HelpTopics {
    /// One topic: `help("convolution")`.
    struct Topic {
        let name: String
        /// One line for `help("topics")`.
        let summary: String
        /// The builtins it lists, in order (names that no builtin has are skipped).
        let builtins: [String]
        /// What the topic page shows before its builtins.
        var introduction: String = ""
        /// The builtins `help()` names for the topic, when not all of them fit its screen
        /// (the losses' layers, each of which has its function beside it on the topic's page).
        var overview: Set<String>? = nil
    }

    /// Every topic in the order `help()` lists them.
    static let all: [Topic] = [
        Topic(name: "convolution", summary: "convolutions, as PyTorch and NumPy compute them, and their lengths",
              builtins: ["conv", "conv_transpose1d", "convolve", "correlate", "lengths", "pad", "ZeroPad1d", "ConstantPad1d",
                         "ReflectionPad1d", "ReplicationPad1d", "CircularPad1d"]),
        Topic(name: "layers", summary: "layers with their own weights, and models made of them",
              // The pooling layers are listed under pooling, beside their functions.
              builtins: ["Conv1d", "ConvTranspose1d", "Linear", "linear", "Embedding", "embedding", "RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell", "BatchNorm1d", "LayerNorm", "GroupNorm", "InstanceNorm1d", "batch_norm", "layer_norm", "group_norm", "instance_norm", "Dropout", "Flatten", "Unflatten",
                         "Upsample", "Sequential", "ModuleList", "OrderedDict", "Identity"],
              // The functional forms are on the topic's page.
              overview: ["Conv1d", "ConvTranspose1d", "Linear", "Embedding", "RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell",
                         "BatchNorm1d", "LayerNorm", "GroupNorm", "InstanceNorm1d", "Dropout", "Flatten", "Unflatten", "Upsample",
                         "Sequential", "ModuleList", "OrderedDict", "Identity"]),
        Topic(name: "activations", summary: "activation functions, and the same as layers",
              builtins: ["relu", "leaky_relu", "sigmoid", "tanh", "gelu", "softmax", "log_softmax",
                         "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU", "Softmax", "normalize", "cosine_similarity",
                         "silu", "elu", "softplus", "mish", "SiLU", "ELU", "Softplus", "Mish", "LogSoftmax",
                         "hardtanh", "relu6", "selu", "celu", "logsigmoid", "softsign", "hardswish", "hardsigmoid", "softmin", "tanhshrink",
                         "softshrink", "hardshrink", "threshold", "glu", "prelu", "Hardtanh", "ReLU6", "SELU", "CELU", "LogSigmoid", "Softsign",
                         "Hardswish", "Hardsigmoid", "Softmin", "Tanhshrink", "Softshrink", "Hardshrink", "Threshold", "GLU", "PReLU"],
              // Each layer's function (nn.ReLU, F.relu) is beside it on the topic's page.
              overview: ["ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU", "Softmax", "LogSoftmax", "SiLU", "ELU", "Softplus", "Mish",
                         "Hardtanh", "ReLU6", "SELU", "CELU", "LogSigmoid", "Softsign", "Hardswish", "Hardsigmoid", "Softmin",
                         "Tanhshrink", "Softshrink", "Hardshrink", "Threshold", "GLU", "PReLU", "normalize", "cosine_similarity"]),
        Topic(name: "pooling", summary: "the largest or the mean value of each window, and resampling to a new length",
              builtins: ["max_pool1d", "avg_pool1d", "MaxPool1d", "AvgPool1d", "AdaptiveAvgPool1d", "AdaptiveMaxPool1d", "MaxUnpool1d",
                         "interpolate"]),
        Topic(name: "training", summary: "gradients, losses and optimizers, as PyTorch's autograd and torch.optim",
              builtins: ["Parameter", "grad", "no_grad", "enable_grad", "inference_mode", "set_grad_enabled",
                         "is_grad_enabled", "SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "StepLR", "ExponentialLR",
                         "MultiStepLR", "CosineAnnealingLR", "LinearLR", "LambdaLR", "OneCycleLR", "ReduceLROnPlateau"],
              overview: ["Parameter", "grad", "no_grad", "SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "StepLR", "ExponentialLR",
                         "MultiStepLR", "CosineAnnealingLR", "LinearLR", "LambdaLR", "OneCycleLR", "ReduceLROnPlateau"]),
        Topic(name: "losses", summary: "PyTorch's losses, as functions and as layers",
              builtins: Loss.all.flatMap { [$0.function, $0.layer] } + ComposedLoss.all.flatMap { [$0.function, $0.layer] },
              overview: Set(Loss.all.map(\.layer) + ComposedLoss.all.map(\.layer))),
        Topic(name: "tensors", summary: "making and measuring tensors",
              builtins: ["tensor", "zeros", "ones", "empty", "full", "arange", "linspace", "shape", "len", "one_hot"]),
        Topic(name: "random", summary: "random numbers from the seeded stream, bit for bit as PyTorch draws them",
              builtins: ["seed", "rand", "randn", "rand_like", "randn_like", "randint", "randint_like", "randperm", "normal",
                         "bernoulli", "dropout", "calculate_gain"]),
        Topic(name: "init", summary: "nn.init: filling a tensor or a layer's weight as PyTorch initialises it",
              builtins: ["kaiming_uniform_", "kaiming_normal_", "xavier_uniform_", "xavier_normal_", "normal_", "uniform_",
                         "trunc_normal_", "constant_", "zeros_", "ones_"]),
        Topic(name: "math", summary: "elementwise functions, reductions and comparisons",
              builtins: ["sum", "mean", "min", "max", "abs", "sqrt", "exp", "log", "sin", "cos", "all", "any", "allclose", "round"]),
        Topic(name: "explain", summary: "how a convolution computes its output, step by step",
              // summary: a model's layers and the shapes through them, as explain shape shows them.
              builtins: ["plot", "lengths", "summary"], introduction: explainPage),
        Topic(name: "files", summary: "reading and writing NumPy .npy and CSV files",
              builtins: ["load", "save"]),
        Topic(name: "python", summary: "Python's lists, dicts, sets, strings, conversions and iteration",
              builtins: ["list", "tuple", "dict", "set", "frozenset", "int", "float", "bool", "str", "repr", "format", "ascii", "ord", "chr",
                         "type", "isinstance", "issubclass", "super", "range", "enumerate", "zip", "map", "filter", "sorted", "reversed",
                         "iter", "next",
                         "Counter", "defaultdict"]),
        Topic(name: "program", summary: "printing, checking, help, and members named by strings",
              builtins: ["print", "assert", "help", "set_printoptions", "getattr", "hasattr", "setattr", "Tensor"]),
        Topic(name: "methods", summary: "tensor methods (x.view(2, -1), x.sum(dim=1)) and torch.cat, torch.stack, ...",
              builtins: [], introduction: TensorMethods.helpPage),
        Topic(name: "language", summary: "names, functions, operators, indexing, PyTorch names",
              builtins: [], introduction: languagePage),
    ]

    /// The topic named `name`, or the one that covers the keyword `name` (`help(if)` reads as
    /// `help("if")` and shows the language; `explain` has its own); nil for anything else.
    static func topic(_ name: String) -> Topic? {
        let isKeyword = name != "explain" && TokenKind.keywordSpellings.contains(name)
        let topicName = isKeyword ? "language" : name
        if topicName == "other" { return otherTopic }
        return all.first { $0.name == topicName }
    }

    /// The builtins no topic lists; nil when there are none.
    static var otherTopic: Topic? {
        let listed = Set(all.flatMap(\.builtins))
        let rest = BuiltinLibrary.all.map(\.name).filter { !listed.contains($0) }
        return rest.isEmpty ? nil : Topic(name: "other", summary: "builtins of no other topic", builtins: rest)
    }

    /// The topics with at least something to show, `other` last when needed.
    static var shown: [Topic] { all + (otherTopic.map { [$0] } ?? []) }

    /// The builtins of `topic` that exist.
    static func builtins(of topic: Topic) -> [Builtin] {
        topic.builtins.compactMap { BuiltinLibrary.byName[$0] }
    }

    // MARK: Pages

    /// `help()`: a screen, about 24 lines: the language in three lines, the builtins by topic.
    static var overview: String {
        let lines = shown.filter { !builtins(of: $0).isEmpty || $0.name == "explain" }.flatMap { topic in
            let listed = builtins(of: topic).map(\.name).filter { topic.overview?.contains($0) ?? true }
            let names = (topic.name == "explain" ? ["explain"] : []) + listed
            return wrap(names, label: topic.name, width: 80)
        }
        return """
        conv: a small language for 1-D convolution, with PyTorch's exact semantics.
          let x = [2, 3, 4]                         bind a name
          conv(x, [0.5, -1], b=0.1, s=2, p=1)       an expression shows its value
          explain conv(x, [0.5, -1], b=0.1, s=2)    how it computes, step by step

        Builtins by topic (also torch.X, nn.X, F.X); help(NAME), help("TOPIC"|"topics"):
        \(lines.joined(separator: "\n"))
        """
    }

    /// `help("topics")`.
    static var topicList: String {
        let width = (shown.map(\.name.count).max() ?? 0) + 2
        let lines = shown.map { "  " + $0.name + String(repeating: " ", count: width - $0.name.count) + $0.summary }
        return "Help topics (help(\"TOPIC\") shows one):\n" + lines.joined(separator: "\n")
    }

    /// `help("TOPIC")`: the introduction, then each builtin with its summary.
    static func page(_ topic: Topic) -> String {
        let listed = builtins(of: topic)
        var parts = [topic.introduction.isEmpty ? "\(topic.name): \(topic.summary)" : topic.introduction]
        if !listed.isEmpty {
            let width = (listed.map(\.name.count).max() ?? 0) + 2
            let lines = listed.map { "  " + $0.name + String(repeating: " ", count: width - $0.name.count) + $0.summary }
            let heading = topic.introduction.isEmpty ? "" : "Related builtins:\n"
            parts.append(heading + lines.joined(separator: "\n") + "\n\nhelp(NAME) explains one, with examples.")
        }
        return parts.joined(separator: "\n\n")
    }

    /// `label  a b c`, continued on indented lines so no line is wider than `width`.
    static func wrap(_ words: [String], label: String, width: Int) -> [String] {
        let indent = String(repeating: " ", count: 15)
        var lines: [String] = []
        var line = "  " + label + String(repeating: " ", count: max(1, 13 - label.count))
        var lineHasWords = false
        for word in words {
            if lineHasWords, line.count + 1 + word.count > width {
                lines.append(line)
                line = indent
                lineHasWords = false
            }
            line += (lineHasWords ? " " : "") + word
            lineHasWords = true
        }
        lines.append(line)
        return lines
    }

    static let explainPage = """
    explain: how a convolution computes its output, step by step

      explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)

    shows the settings and the output length with its formula and the numbers put in, the input
    as the kernel sees it (padding marked), one step per output element with its products and
    sum and a drawing of the kernel under the input, then what was never used and why, and last
    the value. It works for conv, Conv1d layers, pooling and transposed convolution.

      explain shape model(L=64)             only the shapes, layer by layer, without data
      explain(conv(x, w), all=true)         every step, channel and position
      explain(conv(x, w), svg="steps.svg")  also draw the steps as an SVG figure
      explain loss.backward()               the backward pass, node by node: each conv weight's
                                            gradient as Σ g·x, the bias's as Σ g, the input's as
                                            g scattered back through the kernel; pooling, ReLU,
                                            sigmoid, tanh and the loss; then every .grad
                                            (explain backward loss says the same)
      explain opt.step()                    SGD's or Adam's update with its numbers, then the step

    explain is a keyword: it goes before a whole expression. conv --explain FILE explains
    every convolution of a script (--svg DIR draws each), and :explain on does the same in
    the interactive session.

    plot(x, conv(x, w)) draws signals; pasted pyplot code draws the same plots:
    import matplotlib.pyplot as plt, then plt.plot(x, y, "r--", label="loss"), scatter,
    title, xlabel, ylabel, legend, figure, show (in the terminal, or drawn in a notebook,
    which also shows a cell's figures when it ends) and savefig("loss.svg").
    """

    static let languagePage = """
    language: the syntax in brief

      let x = [2, 3, 4]              bind a name (x = ... works too); # starts a comment
      fn smooth(v, n=3) = conv(v, ones(n) / n, p="same")
                                     a one-expression function with defaults
      a, b = (1, 2)                  unpack a tuple, or a tensor along its first axis
      x + 1, x * w, x ** 2, -x       elementwise arithmetic with broadcasting; also // %
      x == y, x < 2, a and not b     comparisons and logic
      x[0], x[1:3], m[0].weight      indexing, slices and members
      "same", 'same', \"\"\"...\"\"\"      strings; true, false, none
      import torch                   torch, numpy, math, random, time, copy, typing,
                                     collections, itertools and functools import

    torch.X, nn.X, F.X and torch.nn.functional.X name the builtin of the same meaning, so
    PyTorch snippets paste as they are. A statement ends at the end of its line, or at ;.
    """
}
