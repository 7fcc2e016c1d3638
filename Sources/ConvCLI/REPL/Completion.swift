/// What Tab may offer: the words the session knows about at the moment the key is pressed.
///
/// The REPL rebuilds this from the interpreter's bindings before each completion, so it stays a
/// plain value and the completion logic stays a pure function.
public struct CompletionVocabulary: Sendable, Equatable {
    /// Language keywords (`let`, `fn`, `true`, ...), offered without a suffix.
    public var keywords: [String]
    /// Builtin or user function name → its named parameters. Dotted names (`nn.Conv1d`) are allowed.
    public var functions: [String: [String]]
    /// Bound variable names.
    public var names: [String]
    /// Variable name → its member names, e.g. `"m": ["weight", "bias"]`.
    public var members: [String: [String]]
    /// REPL commands including the colon, e.g. `":help"`.
    public var commands: [String]
    /// The commands whose argument is a file name (`:load`, `:save`).
    public var fileCommands: [String]

    /// Creates a vocabulary; every part defaults to empty.
    public init(
        keywords: [String] = [],
        functions: [String: [String]] = [:],
        names: [String] = [],
        members: [String: [String]] = [:],
        commands: [String] = [],
        fileCommands: [String] = []
    ) {
        self.keywords = keywords
        self.functions = functions
        self.names = names
        self.members = members
        self.commands = commands
        self.fileCommands = fileCommands
    }
}

/// One completion: the full word to stand in the replaced range, and the text that follows it
/// when it is the only match (`"("` after a function, `"="` after a named parameter).
public struct CompletionCandidate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The word itself, replacing the bytes from `replaceFrom` up to the cursor.
    public var text: String
    /// Appended only when this candidate is inserted on its own.
    public var suffix: String

    /// Creates a candidate.
    public init(_ text: String, suffix: String = "") {
        self.text = text
        self.suffix = suffix
    }

    /// How the candidate appears in a listing: the word and its suffix (`conv(`, `k=`).
    public var description: String { text + suffix }

    /// Orders by text, then suffix, so listings are stable.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.text, lhs.suffix) < (rhs.text, rhs.suffix)
    }
}

/// The answer to one Tab press: candidates for the bytes `replaceFrom..<cursor` of the buffer.
/// Offsets are UTF-8 byte offsets into the buffer that was passed in.
public typealias CompletionReply = (replaceFrom: Int, candidates: [CompletionCandidate])

/// Completes the word that ends at `cursor` (a UTF-8 byte offset into `buffer`).
///
/// - `:commands` at the start of an entry, help topics after `:help`, file names after the
///   commands that take a file (`:load`, `:save`);
/// - file names inside the string argument of `load(`, `save(` (also by their dotted names) and
///   `svg=`, from `files`; nothing inside other strings and comments;
/// - members after `name.` (`m.we` → `weight`) and dotted function names (`nn.Con` → `Conv1d(`);
/// - at an argument position of the innermost open call `f(`, the named parameters of `f` not yet
///   given in that call (as `k=`), together with bound names; once a prefix is typed, functions
///   and keywords match too;
/// - otherwise keywords, functions (suffix `(`) and bound names.
///
/// `context` is the text of the entry's earlier lines (a continuation block), so an argument list
/// opened on a previous line is still seen; the returned offset is relative to `buffer`.
/// Candidates are sorted and unique by text.
public func completions(
    in buffer: String,
    cursor: Int,
    vocabulary: CompletionVocabulary,
    context: String = "",
    files: FileNameCompletion = FileNameCompletion()
) -> CompletionReply {
    let line = Array(buffer.utf8)
    let cursor = min(max(cursor, 0), line.count)
    let before = Array(context.utf8) + (context.isEmpty ? [] : [UInt8(ascii: "\n")]) + line[..<cursor]
    let shift = before.count - cursor
    let reply = CompletionContext(text: before, vocabulary: vocabulary, files: files).reply()
    return (max(reply.replaceFrom - shift, 0), reply.candidates)
}
