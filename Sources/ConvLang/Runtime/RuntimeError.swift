import PythonFormatting

/// An error raised while evaluating: a message, the range of the code that caused it, notes,
/// and its kind, set where it is raised (a limit, an interrupt, a failed assert, file access).
///
/// The evaluator only throws these; ``Interpreter`` turns them into ``Diagnostic``s.
struct RuntimeError: Error, Sendable {
    var message: String
    var range: SourceRange
    var notes: [String]
    var kind: Diagnostic.Kind
    /// Why it was raised, when that decides which Python exception it is (never read from the
    /// message); nil for conv's own errors.
    var reason: Reason?

    /// The typed causes of errors that are Python exceptions.
    enum Reason: Sendable, Equatable {
        /// Python's text formatting refused (format specs, `%`, `str.format`, string methods);
        /// the error names its exception class (`ValueError`, `TypeError`, ...).
        case pythonFormat(PythonFormatError)
        /// A name bound nowhere (Python's NameError).
        case undefinedName(String)
        /// A local read before the function assigned it (UnboundLocalError).
        case unboundLocal(String)
        /// A captured variable read before the enclosing function assigned it (NameError).
        case unboundFree(String)
        /// A scope declaration Python's compiler refuses (`nonlocal` with no enclosing binding,
        /// a parameter declared `global`): SyntaxError.
        case syntax
    }

    /// The Python exception class this error is (`IndexError`, `KeyError`...), nil for conv's own
    /// errors; see ``PythonErrorClass``.
    var pythonClass: PythonErrorClass?
    /// The exception object `raise` threw, or the one an `except` handler made of this error.
    var exception: PythonInstance?

    init(_ message: String, at range: SourceRange, notes: [String] = [], kind: Diagnostic.Kind = .runtime,
         reason: Reason? = nil) {
        self.message = message
        self.range = range
        self.notes = notes
        self.kind = kind
        self.reason = reason
    }

    /// The diagnostic a host sees, in `source`.
    func diagnostic(in source: SourceFile) -> Diagnostic {
        Diagnostic(kind: kind, message: message, range: range, source: source, notes: notes)
    }
}

/// Suggestions for misspelt names and arguments.
enum Suggestion {
    /// The candidate closest to `word` by edit distance, when it is close enough to be a likely
    /// typo (at most a third of the word's length, and at least one edit allowed).
    static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
        // One edit turns any short name into many others, so names of one or two characters
        // are only matched when they differ in case.
        let limit = word.count <= 2 ? 0 : Swift.max(1, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = Swift.min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
