/// Ctrl-R, reverse incremental search through the history, as bash and Python's REPL do it:
/// each typed character narrows the pattern and shows the newest entry containing it, Ctrl-R
/// again goes to an older match, Backspace undoes the last step, and cancelling (Ctrl-C,
/// Ctrl-G) gives back the line as it was before the search.
public struct HistorySearch: Sendable, Equatable {
    /// The entries searched, oldest first.
    public let entries: [String]
    /// The line before the search began.
    public let original: String
    /// What has been typed.
    public private(set) var pattern = ""
    /// The entry shown, or nil when no entry has matched yet.
    public private(set) var match: Int?
    /// Whether the pattern found nothing (the last match stays shown).
    public private(set) var failed = false
    /// The state before each step, so Backspace can undo it.
    private var undo: [Step] = []

    private struct Step: Sendable, Equatable {
        var pattern: String
        var match: Int?
        var failed: Bool
    }

    /// Starts a search over `entries` from the line `original`.
    public init(entries: [String], original: String) {
        self.entries = entries
        self.original = original
    }

    /// The prompt shown while searching: `(reverse-i-search)'pat': `.
    public var prompt: String {
        (failed ? "(failed reverse-i-search)'" : "(reverse-i-search)'") + pattern + "': "
    }

    /// The line shown: the match, or the original line before anything matched.
    public var line: String { match.map { entries[$0] } ?? original }

    /// Where the pattern starts in `line`, counted in Unicode scalars (the editor's characters);
    /// the end of the line when nothing matched.
    public var cursor: Int {
        let shown = line
        guard !pattern.isEmpty, let range = shown.firstRange(of: pattern) else { return shown.unicodeScalars.count }
        return shown.unicodeScalars[..<range.lowerBound].count
    }

    /// Adds `text` to the pattern and shows the newest match at or before the current one.
    public mutating func type(_ text: String) {
        save()
        pattern += text
        find(from: match ?? entries.count - 1)
    }

    /// Ctrl-R: the next older entry that contains the pattern.
    public mutating func older() {
        save()
        find(from: (match ?? entries.count) - 1)
    }

    /// Backspace: back to the state before the last typed character or Ctrl-R.
    public mutating func undoLast() {
        guard let last = undo.popLast() else { return }
        pattern = last.pattern
        match = last.match
        failed = last.failed
    }

    private mutating func save() {
        undo.append(Step(pattern: pattern, match: match, failed: failed))
    }

    /// Looks for the pattern at `start` and older; a failure keeps the last match on screen.
    private mutating func find(from start: Int) {
        guard !pattern.isEmpty else { return }
        var candidate = min(start, entries.count - 1)
        while candidate >= 0 {
            if entries[candidate].contains(pattern) {
                match = candidate
                failed = false
                return
            }
            candidate -= 1
        }
        failed = true
    }
}
