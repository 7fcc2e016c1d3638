import ConvLang

/// Writes `conv --serve` replies: one JSON object per line on standard output, each carrying the
/// id of the request it answers, flushed at once so a client sees records as they happen.
final class ServeWriter: @unchecked Sendable {
    // Written by the thread that runs a request (the main thread, or the evaluation's thread
    // while it runs); never by two at once, since requests are answered one at a time.
    private let stream = OutputStream.standardOutput
    /// The id of the request being answered, as JSON.
    private(set) var requestID = "null"
    /// Whether the request being answered has reported an error.
    private(set) var reportedError = false

    /// Starts answering the request with this id.
    func begin(id: String) {
        requestID = id
        reportedError = false
    }

    /// Writes one record of the request being answered.
    func record(_ record: OutputRecord) {
        if case .diagnostic = record { reportedError = true }
        send(record.json)
    }

    /// Text a command shows (`:vars`, `:type x`, `:help`): a `print` record.
    func commandOutput(_ text: String) {
        record(.event(.printed([.string(text)]), line: nil))
    }

    /// A command's error: a diagnostic record of kind `usage`, with no source range.
    func commandError(_ message: String, notes: [String]) {
        reportedError = true
        let text = (["error: " + message] + notes.map { "  " + $0 }).joined(separator: "\n")
        send(JSONEncoding.object([
            ("kind", JSONEncoding.string("diagnostic")), ("line", "null"),
            ("diagnostic_kind", JSONEncoding.string("usage")), ("severity", JSONEncoding.string("error")),
            ("message", JSONEncoding.string(message)), ("source", "null"), ("range", "null"),
            ("notes", "[" + notes.map(JSONEncoding.string).joined(separator: ",") + "]"),
            ("text", JSONEncoding.string(text)),
        ]))
    }

    /// The final reply to a request: `kind` is `<type>_reply`, then `status` and `fields`.
    func reply(_ type: String, status: String = "ok", _ fields: [(String, String)] = []) {
        send(JSONEncoding.object([("kind", JSONEncoding.string(type + "_reply")), ("status", JSONEncoding.string(status))] + fields))
    }

    /// Writes an object with the request's id put first.
    func send(_ object: String) {
        stream.writeLine("{\"id\":" + requestID + "," + object.dropFirst())
        stream.flush()
    }
}
