import ConvLang

/// Runs a program and keeps what it showed, split into explanations, other lines and values.
final class ExplainRun {
    private(set) var events: [OutputEvent] = []
    let diagnostics: [Diagnostic]
    let files: InMemoryFileAccess

    init(_ source: String, explainCalls: Bool = false, figureDirectory: String? = nil, figuresAsEvents: Bool = false) {
        let files = InMemoryFileAccess()
        var configuration = Interpreter.Configuration(seed: 0, fileAccess: files)
        configuration.explainCalls = explainCalls
        configuration.explainFigureDirectory = figureDirectory
        configuration.figuresAsEvents = figuresAsEvents
        var collected: [OutputEvent] = []
        let interpreter = Interpreter(configuration: configuration) { collected.append($0) }
        diagnostics = interpreter.run(source, name: "test").diagnostics
        events = collected
        self.files = files
        FigureCheck.checkEverySVG(in: files)
        FigureCheck.check(figures.map(\.svg), from: "a figure event")
    }

    var explanations: [String] {
        events.compactMap { if case .explanation(let text) = $0 { text } else { nil } }
    }

    var figures: [Figure] {
        events.compactMap { if case .figure(let figure) = $0 { figure } else { nil } }
    }

    var values: [String] {
        events.compactMap { if case .value = $0 { $0.text } else { nil } }
    }

    /// The text of the file written at `path`, if any.
    func file(_ path: String) -> String? {
        files[path].map { String(decoding: $0, as: UTF8.self) }
    }

    var firstError: String { diagnostics.first?.message ?? "" }
}
