/// Up and Down through the history, as IPython and Julia do it: with text typed on the line they
/// visit only the entries that start with that text; on an empty line they visit every entry.
///
/// The prefix is what was typed before the first Up; it stays while the user keeps moving, and
/// editing the recalled line starts a new walk from the edited text. Down past the newest match
/// gives back what was typed. Entries equal to the line shown are skipped, so a key press always
/// changes the line or rings the bell.
public struct HistoryNavigation: Sendable, Equatable {
    /// What was on the line when the walk began; also the prefix entries must start with.
    public private(set) var typed = ""
    /// The index of the entry shown; `nil` while the typed line is shown.
    public private(set) var index: Int?
    /// The line as this walk last left it; any other line means the user edited it.
    private var shown: String?

    /// A walk that has not begun.
    public init() {}

    /// Up: the next older entry that starts with the prefix, or nil (ring the bell) when there is none.
    public mutating func older(from line: String, in entries: [String]) -> String? {
        beginIfEdited(line)
        let start = min(index ?? entries.count, entries.count)
        guard let found = entries[..<start].lastIndex(where: { matches($0, showing: line) }) else { return nil }
        return show(found, entries)
    }

    /// Down: the next newer entry that starts with the prefix; past the newest, the typed line.
    /// Nil (ring the bell) when the typed line is already shown.
    public mutating func newer(from line: String, in entries: [String]) -> String? {
        beginIfEdited(line)
        guard let current = index else { return nil }
        let start = min(current + 1, entries.count)
        if let found = entries[start...].firstIndex(where: { matches($0, showing: line) }) {
            return show(found, entries)
        }
        index = nil
        shown = typed
        return typed
    }

    /// Forgets the walk (a new line is being read).
    public mutating func reset() { self = HistoryNavigation() }

    private mutating func beginIfEdited(_ line: String) {
        guard line != shown else { return }
        typed = line
        index = nil
        shown = line
    }

    private func matches(_ entry: String, showing line: String) -> Bool {
        entry.hasPrefix(typed) && entry != line
    }

    private mutating func show(_ found: Int, _ entries: [String]) -> String {
        index = found
        shown = entries[found]
        return entries[found]
    }
}
