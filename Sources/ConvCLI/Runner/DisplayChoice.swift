import ArgumentParser
import ConvLang

/// `--display conv|torch|auto`: how tensors are shown.
///
/// `auto` starts in conv's display and switches to PyTorch's when the program imports `torch`.
/// Without the option, scripts (a file, `-e`, standard input) and `--serve` use `conv`, so
/// that existing scripts print what they always printed, and the interactive session uses
/// `auto`, where PyTorch code is pasted line by line.
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
