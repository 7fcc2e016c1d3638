import ConvNumerics

/// One thing a run produced, in the record format that `conv --json` and `conv --serve` write
/// and docs/json.md describes: one JSON object per line, told apart by its `kind`.
///
/// ```json
/// {"kind":"value","line":2,"type":"tensor","dtype":"float64","shape":[2],"value":[-1.9,-2.4],"text":"[-1.9, -2.4]"}
/// ```
///
/// Every record has `kind` (`value`, `print`, `explain`, `plot` or `diagnostic`), `line` (the line
/// of the top-level statement that produced it, or null) and `text` (what a person reads).
/// Numbers keep full precision; NaN and the infinities, which JSON cannot spell, are `null` in
/// `value` and listed by kind and flat index in `nonfinite`, so that both jq and
/// `numpy.array(record["value"], dtype=float)` read every record.
public enum OutputRecord: Sendable {
    /// An event, with the line of the statement that produced it.
    case event(OutputEvent, line: Int?)
    /// An error or warning about the program.
    case diagnostic(Diagnostic)

    /// The record as one line of JSON, without a line break.
    public var json: String {
        switch self {
        case .event(let event, let line): Self.json(of: event, line: line)
        case .diagnostic(let diagnostic): Self.json(of: diagnostic)
        }
    }

    /// What a person reads: the value as the terminal shows it, or the rendered diagnostic.
    public var text: String {
        switch self {
        case .event(let event, _): event.text
        case .diagnostic(let diagnostic): diagnostic.rendered()
        }
    }

    private static func json(of event: OutputEvent, line: Int?) -> String {
        JSONEncoding.object(fields(of: event, line: line) + [("text", JSONEncoding.string(event.text))])
    }

    /// The fields of an event's record before its `text`; a rendered event has its inner
    /// event's fields.
    private static func fields(of event: OutputEvent, line: Int?) -> [(String, String)] {
        switch event {
        case .value(let value):
            return [("kind", JSONEncoding.string("value"))] + lineField(line) + JSONEncoding.typedFields(value)
        case .printed(let values):
            let typed = values.map { JSONEncoding.object(JSONEncoding.typedFields($0)) }
            return [("kind", JSONEncoding.string("print"))] + lineField(line) + [("values", "[" + typed.joined(separator: ",") + "]")]
        case .explanation:
            return [("kind", JSONEncoding.string("explain"))] + lineField(line) + [("svg", "null")]
        case .figure(let figure):
            let kind = figure.kind == .plot ? "plot" : "explain"
            return [("kind", JSONEncoding.string(kind))] + lineField(line) + [("svg", JSONEncoding.string(figure.svg))]
        case .rendered(let inner, _):
            return fields(of: inner, line: line)
        }
    }

    private static func json(of diagnostic: Diagnostic) -> String {
        let start = diagnostic.location
        let end = diagnostic.source.location(of: diagnostic.range.end)
        func position(_ location: SourceLocation) -> String {
            JSONEncoding.object([("line", "\(location.line)"), ("column", "\(location.column)")])
        }
        return JSONEncoding.object([
            ("kind", JSONEncoding.string("diagnostic")), ("line", "\(start.line)"),
            ("diagnostic_kind", JSONEncoding.string(diagnostic.kind.description)),
            ("severity", JSONEncoding.string(diagnostic.severity.rawValue)),
            ("message", JSONEncoding.string(diagnostic.message)),
            ("source", JSONEncoding.string(diagnostic.source.name)),
            ("range", JSONEncoding.object([("start", position(start)), ("end", position(end))])),
            ("notes", "[" + diagnostic.notes.map(JSONEncoding.string).joined(separator: ",") + "]"),
            ("text", JSONEncoding.string(diagnostic.rendered())),
        ])
    }

    private static func lineField(_ line: Int?) -> [(String, String)] {
        [("line", line.map(String.init) ?? "null")]
    }
}

extension OutputEvent {
    /// The event's record (see ``OutputRecord``) as one line of JSON, with no line number.
    public var json: String { OutputRecord.event(self, line: nil).json }
}

extension Interpreter {
    /// Makes an interpreter whose output arrives as records, each with the line of the top-level
    /// statement that produced it (for `conv --json` and `conv --serve`).
    public convenience init(recording configuration: Configuration, records: @escaping (OutputRecord) -> Void) {
        let position = StatementPosition()
        self.init(configuration: configuration) { event in records(.event(event, line: position.line)) }
        evaluator.context.position = position
    }
}

/// Where a run is: the program and the start of the top-level statement running now. Setting it
/// costs one store per statement; the line is worked out only when a record asks for it.
final class StatementPosition: @unchecked Sendable {
    // Written by the thread that runs the program, read by the output closure on that thread.
    var source: SourceFile?
    var offset = 0

    /// The 1-based line of the statement running now, or nil before any run.
    var line: Int? { source?.location(of: offset).line }
}
