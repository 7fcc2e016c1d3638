import ConvLang

/// What a program showed and what went wrong, for assertions.
struct Outcome {
    var lines: [String] = []
    /// Every record (docs/json.md) as its line of JSON.
    var json: [String] = []
    var diagnostics: [Diagnostic] = []

    var text: String { lines.joined(separator: "\n") }
    var errors: [String] { diagnostics.map(\.message) }
    var kinds: [Diagnostic.Kind] { diagnostics.map(\.kind) }
}

/// Runs `source` in a fresh, seeded interpreter and collects everything it shows.
func run(_ source: String, seed: UInt64 = 0, limits: Limits = Limits()) -> Outcome {
    let collector = Collector()
    let interpreter = Interpreter(recording: .init(seed: seed, limits: limits)) { record in
        collector.outcome.lines.append(record.text)
        collector.outcome.json.append(record.json)
    }
    let result = interpreter.run(source, name: "test.conv")
    collector.outcome.diagnostics = result.diagnostics
    return collector.outcome
}

/// The text of one expression's value.
func show(_ expression: String) -> String {
    let outcome = run(expression)
    return outcome.diagnostics.isEmpty ? outcome.text : "error: " + outcome.errors.joined(separator: "; ")
}

final class Collector: @unchecked Sendable {
    var outcome = Outcome()
}
