import ConvLang
import Testing
@testable import ConvCLI

/// A host that embeds the session with functions of its own: Tab and `:help` see them.
@Suite("REPL session: host functions")
struct REPLHostFunctionTests {
    @Test func completionAndHelpSeeTheHostsFunctions() {
        var configuration = Interpreter.Configuration(seed: 0)
        configuration.hostFunctions = [
            HostFunction(name: "gain", parameters: [.required("x"), .optional("db", default: .number(6))],
                         summary: "amplify", help: "gain(x, db=6)") { arguments in arguments["x"] },
        ]
        var written: [String] = []
        let session = ReplSession(settings: ReplSettings(version: "0", configuration: configuration),
                                  output: ReplOutput(write: { written.append($0) }, writeError: { written.append($0) }))
        let words = session.complete("gain(1, ", cursor: 8).candidates.map(\.description)
        #expect(words.contains("db="))
        #expect(!words.contains("x="))
        #expect(session.complete("gai", cursor: 3).candidates.map(\.description) == ["gain("])
        session.run(reader: ScriptedLineReader(lines: [":help gain", "gain(2)"]))
        #expect(written == ["gain(x, db=6)", "2"])
    }
}
