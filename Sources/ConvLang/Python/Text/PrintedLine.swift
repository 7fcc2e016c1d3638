/// Python's `print(*values, sep=" ", end="\n")` for hosts that take output a line at a time:
/// every event is one line, and the host ends it. Text that `end` leaves without a line break
/// waits here until a later `print` completes the line, another event is shown, or the run ends,
/// so `print("a", end=""); print("b")` shows the one line `ab`.
struct PrintedLine {
    /// Text printed since the last line break.
    private var pending = ""

    /// The events one `print` call shows. The common call (default `sep` and `end`, no pending
    /// text) keeps its values, so hosts see them typed (`--json`) and tensors wrap as displayed.
    mutating func print(
        _ values: [Value], separator: String, terminator: String, tensors: TensorDisplay = .conv
    ) -> [OutputEvent] {
        if separator == " " && terminator == "\n" && pending.isEmpty { return [.printed(values)] }
        let text = pending + values.map { PythonText.str($0, tensors: tensors) }.joined(separator: separator) + terminator
        // By code point: "\r\n" is one Character, which is not "\n".
        let scalars = text.unicodeScalars
        guard let lastBreak = scalars.lastIndex(of: "\n") else {
            pending = text
            return []
        }
        pending = String(scalars[scalars.index(after: lastBreak)...])
        return [.printed([.string(String(scalars[..<lastBreak]))])]
    }

    /// The pending text as a line of its own, if there is any; nothing is pending afterwards.
    mutating func flush() -> OutputEvent? {
        guard !pending.isEmpty else { return nil }
        defer { pending = "" }
        return .printed([.string(pending)])
    }
}

extension EvaluationContext {
    /// Shows one `print` call (see ``PrintedLine``).
    func print(_ values: [Value], separator: String, terminator: String) {
        for event in printedLine.print(values, separator: separator, terminator: terminator, tensors: display) {
            deliver(event)
        }
    }
}
