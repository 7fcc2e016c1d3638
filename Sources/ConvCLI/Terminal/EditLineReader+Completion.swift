import CEditLine

/// What the Tab handler tells libedit to do next (libedit's `CC_*` codes).
enum EditorAction: UInt8 {
    /// Redraw the edited line.
    case refresh = 4
    /// Redraw the prompt and line from scratch, below what was printed.
    case redisplay = 8
    /// Redraw and ring the bell.
    case refreshBeep = 9
}

extension EditLineReader {
    /// Tab: a paste gets a literal tab; otherwise complete the word before the cursor.
    ///
    /// One candidate inserts the rest of its text and its suffix. Several insert their longest
    /// common prefix, or, when that adds nothing, are listed in columns that fit the terminal.
    /// None rings the bell.
    func completeAtCursor() -> EditorAction {
        // libedit has no bracketed paste. A tab in pasted text arrives with more bytes already
        // waiting; completing there would swallow the tab and print a listing mid-paste.
        if cel_input_pending(STDIN_FILENO) == 1 {
            insert("\t")
            return .refresh
        }
        guard let completer else { return .refreshBeep }
        let (text, cursor) = editedLine
        let reply = completer(text, cursor)
        let bytes = Array(text.utf8)
        guard !reply.candidates.isEmpty, reply.replaceFrom >= 0, reply.replaceFrom <= cursor else {
            return .refreshBeep
        }
        let typed = String(decoding: bytes[reply.replaceFrom..<cursor], as: UTF8.self)
        return apply(reply.candidates, typed: typed)
    }

    /// Applies the completion policy for `candidates` replacing `typed`.
    private func apply(_ candidates: [CompletionCandidate], typed: String) -> EditorAction {
        if candidates.count == 1, let only = candidates.first {
            replace(typed, with: only.text + only.suffix)
            return .refresh
        }
        let common = CompletionListing.commonPrefix(candidates.map(\.text))
        if common.count > typed.count, common.hasPrefix(typed) {
            replace(typed, with: common)
            return .refresh
        }
        list(candidates)
        return .redisplay
    }

    /// Makes the word `typed` (just before the cursor) read `replacement`, touching as little as possible.
    private func replace(_ typed: String, with replacement: String) {
        if replacement.hasPrefix(typed) {
            insert(String(replacement.dropFirst(typed.count)))
        } else {
            deleteBeforeCursor(characters: typed.unicodeScalars.count)
            insert(replacement)
        }
    }

    /// Prints the candidates below the line in columns; libedit then redraws prompt and line.
    private func list(_ candidates: [CompletionCandidate]) {
        let rows = CompletionListing.columns(candidates.map(\.description), width: terminalColumns)
        write("\n" + rows.joined(separator: "\n") + "\n")
    }
}
