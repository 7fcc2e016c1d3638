/// The exit statuses of `conv`, documented in the README.
public enum ExitStatus: Int32, Sendable {
    /// The program ran to the end.
    case success = 0
    /// The program has a syntax error, or stopped with a runtime error or a failed assert.
    case programError = 1
    /// The command line was wrong, or the script could not be read.
    case usageError = 2
}
