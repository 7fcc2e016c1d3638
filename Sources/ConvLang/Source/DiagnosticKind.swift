extension Diagnostic {
    /// What kind of outcome a diagnostic reports, so that a host decides what to do (an exit
    /// status, a retry, a message to the user) by the kind and never by the message's wording,
    /// which may change.
    public enum Kind: Sendable, Hashable, CustomStringConvertible {
        /// The program is not well formed; nothing of it ran.
        case syntax
        /// The program ran and went wrong: an unknown name, a refused convolution, a wrong type.
        case runtime
        /// A failed `assert(...)`.
        case assertion
        /// The host raised ``Interpreter/interrupt`` (the REPL's Ctrl-C).
        case interrupted
        /// The program reached one of the limits that protect its host (see ``Limits``).
        case limit(Limit)
        /// A file could not be read or written: the host gave no ``FileAccess``, refused the
        /// path, or the file system failed.
        case fileAccess
        /// A front end's own usage error (a wrong command line, a script it cannot read). The
        /// library never reports it; it is here so that a front end decides its exit status
        /// from one kind for every outcome.
        case usage

        /// `syntax`, `runtime`, `limit(steps)`, ...
        public var description: String {
            switch self {
            case .syntax: "syntax"
            case .runtime: "runtime"
            case .assertion: "assertion"
            case .interrupted: "interrupted"
            case .limit(let limit): "limit(\(limit.rawValue))"
            case .fileAccess: "fileAccess"
            case .usage: "usage"
            }
        }
    }

    /// Which limit a program reached.
    public enum Limit: String, Sendable, Hashable, CaseIterable {
        /// A tensor would have more elements than ``Limits/maximumElements``.
        case elements
        /// User functions called each other more deeply than ``Limits/maximumCallDepth``.
        case callDepth
        /// The run took more than ``Limits/maximumSteps`` evaluation steps.
        case steps
        /// The run took longer than ``Limits/timeLimit``.
        case time
        /// A tensor would take the heap past ``Limits/maximumMemory``, or the operating system
        /// refused the memory.
        case memory
        /// An expression is nested more deeply than the parser or the evaluator allow; these
        /// keep far from the end of the stack and are not configurable.
        case nesting
    }
}
