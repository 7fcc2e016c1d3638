import ConvLang

/// The exit statuses of `conv`, documented in the README.
public enum ExitStatus: Int32, Sendable {
    /// The program ran to the end.
    case success = 0
    /// The program has a syntax error, or stopped with a runtime error, a failed assert, a
    /// limit, an interrupt or a refused file access.
    case programError = 1
    /// The command line was wrong, or the script could not be read.
    case usageError = 2

    /// The status for an outcome of kind `kind`: decided by the kind alone, never by a message.
    public init(for kind: Diagnostic.Kind) {
        switch kind {
        case .syntax, .runtime, .assertion, .interrupted, .limit, .fileAccess: self = .programError
        case .usage: self = .usageError
        }
    }

    /// The status for a run that reported `diagnostics`: success without any, else the first one's kind.
    public init(diagnostics: [Diagnostic]) {
        self = diagnostics.first.map { ExitStatus(for: $0.kind) } ?? .success
    }
}
