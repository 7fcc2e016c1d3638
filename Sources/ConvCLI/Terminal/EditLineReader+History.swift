/// The history keys on top of libedit: Up/Down by prefix (`HistoryNavigation`) and Ctrl-R
/// (`HistorySearch`), drawn by libedit itself.
///
/// libedit's own incremental search cannot be used: its prompt is a bare `bck:`, and Ctrl-C
/// during it reads as the end of input, which would end the session. This search shows its state
/// in the prompt (`(reverse-i-search)'pat': `) and the match as the line, so libedit redraws
/// both. A bound function cannot ask libedit to redraw and then wait for the next key, so each
/// step reads one key, updates the line, and pushes `searchStepKey` back as input: libedit
/// redraws, reads that key, and calls the next step.
extension EditLineReader {
    /// Up (or Ctrl-P).
    func recallOlder() -> EditorAction {
        let line = editedLine.text
        guard let entry = navigation.older(from: line, in: entries.entries) else { return .refreshBeep }
        replaceLine(with: entry)
        return .refresh
    }

    /// Down (or Ctrl-N).
    func recallNewer() -> EditorAction {
        let line = editedLine.text
        guard let entry = navigation.newer(from: line, in: entries.entries) else { return .refreshBeep }
        replaceLine(with: entry)
        return .refresh
    }

    /// Ctrl-R: shows the search prompt and waits for the first key.
    func startSearch() -> EditorAction {
        let state = HistorySearch(entries: entries.entries, original: editedLine.text)
        search = state
        show(state)
        push(Self.searchStepKey)
        return .refresh
    }

    /// One key of the search: narrow, go older, undo, redraw, cancel, or accept the match and
    /// let the key do what it always does (Enter runs the line, an arrow moves in it).
    func continueSearch() -> EditorAction {
        guard var state = search else { return .refresh }
        guard let key = readKey() else {
            // Ctrl-C, as in bash: the search ends and the line is as it was before it.
            endSearch(showing: state.original, cursor: nil)
            return .refresh
        }
        switch key {
        case "\u{12}": state.older()
        case "\u{7F}", "\u{08}": state.undoLast()
        case "\u{07}":
            endSearch(showing: state.original, cursor: nil)
            return .refresh
        case Character(Self.redrawKey):
            push(Self.searchStepKey)
            return .redisplay
        default:
            guard Self.isTyped(key) else {
                endSearch(showing: state.line, cursor: state.cursor)
                push(String(key))
                return .refresh
            }
            state.type(String(key))
        }
        search = state
        show(state)
        push(Self.searchStepKey)
        return state.failed ? .refreshBeep : .refresh
    }

    /// Puts the search's prompt and line on screen (libedit draws them when the step returns).
    private func show(_ state: HistorySearch) {
        setPrompt(state.prompt)
        replaceLine(with: state.line, cursor: state.cursor)
    }

    /// Back to the line's own prompt, showing `line`.
    private func endSearch(showing line: String, cursor: Int?) {
        search = nil
        setPrompt(linePrompt)
        replaceLine(with: line, cursor: cursor)
    }

    /// Whether `key` is text for the pattern rather than an editing key.
    private static func isTyped(_ key: Character) -> Bool {
        guard let scalar = key.unicodeScalars.first else { return false }
        return scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80..<0xA0).contains(scalar.value)
    }
}
