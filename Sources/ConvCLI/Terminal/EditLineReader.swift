import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Computes completions for the line being edited: the buffer and the cursor's UTF-8 offset in,
/// the offset where the completed word starts and the candidates out.
public typealias Completer = (_ buffer: String, _ cursorUTF8Offset: Int) -> CompletionReply

/// How an `EditLineReader` is set up.
public struct EditLineConfiguration {
    /// Where history is loaded from and saved to; nil keeps history in memory only.
    public var historyFile: HistoryFile?
    /// Whether to read the user's editline start-up file (`$EDITRC` or `~/.editrc`).
    public var readsEditrc: Bool
    /// What Tab offers; nil makes Tab beep.
    public var completer: Completer?
    /// Receives warnings (a damaged history file, a failed save) as one line of text each.
    public var warn: (String) -> Void

    /// Sets every part explicitly.
    public init(historyFile: HistoryFile?, readsEditrc: Bool, completer: Completer?, warn: @escaping (String) -> Void) {
        self.historyFile = historyFile
        self.readsEditrc = readsEditrc
        self.completer = completer
        self.warn = warn
    }

    /// The usual set-up: the history file from `HistoryLocation`, and the editrc unless
    /// `CONV_NO_EDITRC` is set.
    public init(environment: [String: String], completer: Completer?, warn: @escaping (String) -> Void) {
        self.init(
            historyFile: HistoryFile(environment: environment),
            readsEditrc: environment["CONV_NO_EDITRC"] == nil,
            completer: completer,
            warn: warn
        )
    }
}

/// A line editor on the terminal, built on libedit's native API: emacs keys, history with Up/Down
/// (by prefix when text is typed) and Ctrl-R search, Tab completion, and Ctrl-C / Ctrl-D told
/// apart.
///
/// libedit's own signal handling is off: `cel_read_char` reads the keys and answers Ctrl-C and
/// Ctrl-\ (the line is discarded), window resizes and Ctrl-Z / fg (the line is drawn again), and
/// the shim's handlers keep the terminal sane when the process stops or is killed.
///
/// Use it only when standard input and output are terminals, from one thread. Prompts may carry
/// colour when each escape sequence is bracketed by `TerminalStyle.promptEscape`.
public final class EditLineReader: LineReader {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    /// libedit keeps the pointer the prompt callback returns, so the text lives here until replaced.
    private var promptText: UnsafeMutablePointer<CChar>?
    /// The prompt of the line being read, without the search prompt that may stand in for it.
    private(set) var linePrompt = ""
    private(set) var entries: HistoryList
    /// Up and Down since the line was started.
    var navigation = HistoryNavigation()
    /// The Ctrl-R search in progress, if any.
    var search: HistorySearch?
    private let historyFile: HistoryFile?
    let completer: Completer?
    private let warn: (String) -> Void
    private var saveFailureReported = false

    /// Sets up libedit on standard input/output; nil if libedit cannot be initialised.
    public init?(configuration: EditLineConfiguration) {
        Self.selectUTF8Locale()
        guard let editLine = el_init("conv", cel_stdin(), cel_stdout(), cel_stderr()) else { return nil }
        guard let history = history_init() else {
            el_end(editLine)
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.entries = HistoryList()
        self.historyFile = configuration.historyFile
        self.completer = configuration.completer
        self.warn = configuration.warn
        configureEditor(readsEditrc: configuration.readsEditrc)
        loadHistory()
    }

    deinit {
        el_end(editLine)
        history_end(history)
        free(promptText)
    }

    /// Shows `prompt` and edits one line. Ctrl-C gives `.interrupt` (after writing `^C` and a line
    /// break, which libedit does not do); Ctrl-D on an empty line gives `.endOfInput` (after a line
    /// break, so the shell's prompt starts on a fresh line).
    public func readLine(prompt: String) -> LineInput {
        linePrompt = prompt
        setPrompt(prompt)
        navigation.reset()
        search = nil
        var count: Int32 = 0
        cel_begin_editing()
        // libedit switches the terminal to its modes only at the first key, after the prompt is
        // out: keys typed in between would meet the cooked terminal (Ctrl-D there is lost).
        _ = cel_prepare_terminal(editLine, 1)
        cel_clear_errno()
        let raw = el_gets(editLine, &count)
        let error = cel_errno()
        cel_end_editing()
        guard let raw else {
            return inputEnded(count: count, error: error)
        }
        // The buffer belongs to libedit and changes on the next call: copy it now.
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Adds `entry` to the in-memory history (Up, Ctrl-R) and rewrites the history file.
    /// Blank entries and repeats of the newest entry are skipped.
    public func addHistory(_ entry: String) {
        guard entries.add(entry) else { return }
        _ = cel_hist_enter(history, entry)
        saveHistory()
    }

    /// The editor's idea of the terminal width, 80 when unknown.
    var terminalColumns: Int {
        let columns = Int(cel_terminal_columns(editLine))
        return columns > 0 ? columns : 80
    }

    // MARK: Set-up

    /// libedit silently drops non-ASCII keys unless the C library's character type is UTF-8, so
    /// take the user's locale and fall back to C.UTF-8 when that is not UTF-8. Only LC_CTYPE is
    /// touched: number formatting stays in the C locale.
    private static func selectUTF8Locale() {
        setlocale(LC_CTYPE, "")
        guard let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" else {
            setlocale(LC_CTYPE, "C.UTF-8")
            return
        }
    }

    /// Editor mode, signals, prompt, history, key bindings and the user's editrc.
    private func configureEditor(readsEditrc: Bool) {
        // Callbacks are plain C functions; they find this object through the client data pointer.
        _ = cel_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = cel_set_editor(editLine, "emacs")
        // Signals are the shim's: libedit's handlers re-raise to the whole process group and only
        // redraw on the next key, so keys are read by cel_read_char, which reacts at once.
        _ = cel_set_signal(editLine, 0)
        _ = cel_set_getcfn(editLine, cel_read_char)
        _ = cel_set_prompt_esc(editLine, editLinePrompt, CChar(bitPattern: UInt8(ascii: "\u{1}")))
        // A fresh History keeps nothing until given a size.
        _ = cel_hist_setsize(history, Int32(HistoryList.defaultLimit))
        _ = cel_hist_setunique(history, 1)
        _ = cel_set_hist(editLine, history)
        bindKeys()
        if readsEditrc { _ = el_source(editLine, nil) }
        // Without a handler Ctrl-C at the prompt would end the process.
        _ = InterruptSignal.installHandler()
        _ = cel_install_terminal_handlers()
    }

    /// Loads the saved history into the editor; problems become a warning, never a failure.
    private func loadHistory() {
        guard let historyFile else { return }
        let loaded = historyFile.load()
        if let warning = loaded.warning { warn(warning) }
        entries = HistoryList(loaded.entries, limit: historyFile.limit)
        for entry in entries.entries { _ = cel_hist_enter(history, entry) }
    }

    /// Rewrites the history file; the first failure is reported, later ones stay quiet.
    private func saveHistory() {
        guard let historyFile else { return }
        do {
            try historyFile.save(entries.entries)
        } catch {
            guard !saveFailureReported else { return }
            saveFailureReported = true
            warn(error.description)
        }
    }

    // MARK: Reading

    /// Replaces the text the prompt callback hands to libedit.
    func setPrompt(_ prompt: String) {
        free(promptText)
        promptText = strdup(prompt)
    }

    /// The prompt callback's answer.
    fileprivate var currentPrompt: UnsafeMutablePointer<CChar>? { promptText }

    /// el_gets returned nothing: an interrupted read means Ctrl-C (or Ctrl-\), anything else
    /// ends the input.
    private func inputEnded(count: Int32, error: Int32) -> LineInput {
        if count == -1 && error == EINTR {
            write(cel_last_interrupt_signal() == SIGQUIT ? "^\\\n" : "^C\n")
            return .interrupt
        }
        write("\n")
        return .endOfInput
    }

    /// Writes `text` to the terminal at once.
    func write(_ text: String) {
        fputs(text, cel_stdout())
        fflush(cel_stdout())
    }

    /// The reader registered as client data of `editLine`.
    static func from(_ editLine: OpaquePointer?) -> EditLineReader? {
        guard let editLine, let raw = cel_get_clientdata(editLine) else { return nil }
        return Unmanaged<EditLineReader>.fromOpaque(raw).takeUnretainedValue()
    }

    /// The line being edited: its text and the cursor as a UTF-8 offset.
    var editedLine: (text: String, cursor: Int) {
        guard let info = el_line(editLine) else { return ("", 0) }
        let start = info.pointee.buffer
        let length = info.pointee.lastchar.map { end in start.map { end - $0 } ?? 0 } ?? 0
        let cursor = info.pointee.cursor.map { end in start.map { end - $0 } ?? 0 } ?? 0
        guard let start, length > 0 else { return ("", 0) }
        let bytes = UnsafeRawBufferPointer(start: start, count: length)
        return (String(decoding: bytes, as: UTF8.self), min(max(cursor, 0), length))
    }

    /// Inserts `text` at the cursor.
    func insert(_ text: String) {
        guard !text.isEmpty else { return }
        _ = el_insertstr(editLine, text)
    }

    /// Deletes `characters` characters before the cursor.
    func deleteBeforeCursor(characters: Int) {
        guard characters > 0 else { return }
        el_deletestr(editLine, Int32(characters))
    }

    /// Makes the whole line read `text`, with the cursor `cursor` characters (Unicode scalars)
    /// from its start, or at its end.
    func replaceLine(with text: String, cursor: Int? = nil) {
        let (current, offset) = editedLine
        let bytes = Array(current.utf8)
        let before = String(decoding: bytes[..<offset], as: UTF8.self).unicodeScalars.count
        let total = current.unicodeScalars.count
        _ = el_cursor(editLine, Int32(total - before))
        deleteBeforeCursor(characters: total)
        insert(text)
        let length = text.unicodeScalars.count
        if let cursor, cursor < length { _ = el_cursor(editLine, Int32(cursor - length)) }
    }

    /// Queues `keys` as if typed next.
    func push(_ keys: String) {
        el_push(editLine, keys)
    }

    /// Reads one key for a command that takes over the keyboard (the search); nil for Ctrl-C,
    /// Ctrl-\ or the end of input.
    func readKey() -> Character? {
        var key: wchar_t = 0
        guard el_wgetc(editLine, &key) == 1, let scalar = Unicode.Scalar(UInt32(bitPattern: key)) else { return nil }
        return Character(scalar)
    }
}

/// The prompt callback: libedit asks for the prompt each time it draws the line.
private func editLinePrompt(_ editLine: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
    if let prompt = EditLineReader.from(editLine)?.currentPrompt { return prompt }
    // Unreachable once the reader is set up (client data is set before any read); libedit must
    // not receive NULL, so hand it an empty string of its own.
    return strdup("")
}

/// The Tab callback registered as `conv-complete`.
private func editLineComplete(_ editLine: OpaquePointer?, _ key: Int32) -> UInt8 {
    guard let reader = EditLineReader.from(editLine) else { return UInt8(CC_ERROR) }
    return reader.completeAtCursor().rawValue
}

/// The callbacks of the history keys: Up, Down, Ctrl-R and the search's own steps.
private func editLineOlder(_ editLine: OpaquePointer?, _ key: Int32) -> UInt8 {
    EditLineReader.from(editLine)?.recallOlder().rawValue ?? UInt8(CC_ERROR)
}

private func editLineNewer(_ editLine: OpaquePointer?, _ key: Int32) -> UInt8 {
    EditLineReader.from(editLine)?.recallNewer().rawValue ?? UInt8(CC_ERROR)
}

private func editLineSearch(_ editLine: OpaquePointer?, _ key: Int32) -> UInt8 {
    EditLineReader.from(editLine)?.startSearch().rawValue ?? UInt8(CC_ERROR)
}

private func editLineSearchStep(_ editLine: OpaquePointer?, _ key: Int32) -> UInt8 {
    EditLineReader.from(editLine)?.continueSearch().rawValue ?? UInt8(CC_ERROR)
}

extension EditLineReader {
    /// Keys no terminal sends (C1 controls cannot be typed on a UTF-8 terminal): the redraw that
    /// `cel_read_char` answers after a resize or fg, and the search's next step, pushed as input.
    static let redrawKey = "\u{91}", searchStepKey = "\u{92}"

    /// Tab, the history keys (emacs and arrows, both cursor-key modes), Ctrl-R and the private keys.
    fileprivate func bindKeys() {
        _ = cel_addfn(editLine, "conv-complete", "complete conv names", editLineComplete)
        _ = cel_addfn(editLine, "conv-older", "older history entry, by the typed prefix", editLineOlder)
        _ = cel_addfn(editLine, "conv-newer", "newer history entry, by the typed prefix", editLineNewer)
        _ = cel_addfn(editLine, "conv-search", "reverse incremental history search", editLineSearch)
        _ = cel_addfn(editLine, "conv-search-step", "next key of the history search", editLineSearchStep)
        _ = cel_bind(editLine, "^I", "conv-complete")
        for key in ["^P", "^[[A", "^[OA"] { _ = cel_bind(editLine, key, "conv-older") }
        for key in ["^N", "^[[B", "^[OB"] { _ = cel_bind(editLine, key, "conv-newer") }
        _ = cel_bind(editLine, "^R", "conv-search")
        _ = cel_bind(editLine, Self.searchStepKey, "conv-search-step")
        _ = cel_bind(editLine, Self.redrawKey, "ed-redisplay")
    }
}
