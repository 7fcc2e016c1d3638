import ArgumentParser
import ConvLang

/// `--display conv|torch|auto`: how tensors are shown.
///
/// `auto` starts in conv's display and switches to PyTorch's when the program imports `torch`.
/// It is the default of scripts (a file, `-e`, standard input, `--json`) and of the interactive
/// session, so a pasted PyTorch program prints what PyTorch prints while a program without
/// `import torch` keeps conv's display. `--serve` keeps `conv` unless given `--display`, so the
/// records an editor or notebook already reads keep their text.
enum DisplayChoice: String, CaseIterable, ExpressibleByArgument {
    case conv
    case torch
    case auto

    /// Sets the interpreter's display settings for this choice.
    func apply(to configuration: inout Interpreter.Configuration) {
        configuration.display = self == .torch ? .torch : .conv
        configuration.displayFollowsImports = self == .auto
    }
}
