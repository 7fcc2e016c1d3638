import ConvLang
import Foundation
import Testing
@testable import ConvCLI

/// What a session wrote, line by line.
private final class Captured {
    var output: [String] = []
    var errors: [String] = []

    var outputText: String { output.joined(separator: "\n") }
    var errorText: String { errors.joined(separator: "\n") }
}

/// A session fed `inputs` to the end, seeded so random values repeat; its files are those of
/// the temporary folder, as `conv --allow` would grant it.
private func runSession(
    _ inputs: [LineInput], banner: Bool = false, environment: [String: String] = [:],
    granting folders: [String] = [FileManager.default.temporaryDirectory.path]
) -> (session: ReplSession, reader: ScriptedLineReader, captured: Captured) {
    let captured = Captured()
    let output = ReplOutput(write: { captured.output.append($0) }, writeError: { captured.errors.append($0) })
    let files = DirectoryFileAccess(granting: folders, base: folders.first ?? ".")
    let settings = ReplSettings(version: "9.9.9", showsBanner: banner, configuration: .init(seed: 0, fileAccess: files),
                                environment: environment)
    let session = ReplSession(settings: settings, output: output)
    let reader = ScriptedLineReader(inputs)
    session.run(reader: reader)
    return (session, reader, captured)
}

private func runSession(lines: [String]) -> (session: ReplSession, reader: ScriptedLineReader, captured: Captured) {
    runSession(lines.map(LineInput.line))
}

/// The words Tab offers at the end of `line`, as `text+suffix`.
private func offered(_ session: ReplSession, _ line: String) -> [String] {
    session.complete(line, cursor: line.utf8.count).candidates.map(\.description)
}

@Suite("REPL session: entries")
struct REPLEntryTests {
    @Test func bannerAndPrompts() {
        let (_, reader, captured) = runSession([.line("let w = [1,"), .line("2]")], banner: true)
        #expect(captured.output.first == "conv 9.9.9 — type :help for help, :quit to leave")
        #expect(reader.prompts == ["conv> ", "...> ", "conv> "])
    }

    @Test func noBannerUnlessAsked() {
        let (_, _, captured) = runSession(lines: ["1 + 1"])
        #expect(captured.output == ["2"])
    }

    @Test func openBracketContinuesAndTheBlockIsOneHistoryEntry() {
        let (_, reader, captured) = runSession(lines: ["let w = [1,", "", "  2]", "w"])
        #expect(reader.history == ["let w = [1,\n\n  2]", "w"])
        #expect(captured.output == ["w: tensor[2]", "[1, 2]"])
        #expect(captured.errors.isEmpty)
    }

    @Test func trailingOperatorAndCommaContinue() {
        let (_, reader, captured) = runSession(lines: ["1 +", "2", "conv([1, 2, 3],", "[1, 1])", "let t = 1 *", "", "2"])
        #expect(captured.output == ["3", "[3, 5]", "t: int"])
        #expect(captured.errors.isEmpty)
        #expect(reader.prompts == ["conv> ", "...> ", "conv> ", "...> ", "conv> ", "...> ", "...> ", "conv> "])
        #expect(reader.history == ["1 + 2", "conv([1, 2, 3],\n[1, 1])", "let t = 1 *  2"])
    }

    @Test func anOpenStringIsReportedAtOnceSinceStringsEndOnTheirLine() {
        let (_, reader, captured) = runSession(lines: ["\"abc", "1"])
        #expect(reader.prompts == ["conv> ", "conv> ", "conv> "])
        #expect(captured.errorText.contains("unterminated string"))
        #expect(captured.output == ["1"])
    }

    @Test func aTripleQuotedStringContinuesOverLines() {
        let (_, reader, captured) = runSession(lines: ["s = \"\"\"first", "second\"\"\"", "len(s)"])
        #expect(reader.prompts == ["conv> ", "...> ", "conv> ", "conv> "])
        #expect(reader.history.first == "s = \"\"\"first\nsecond\"\"\"")
        #expect(captured.output == ["s: string", "12"])
        #expect(captured.errors.isEmpty)
    }

    @Test func anEntryRecalledFromHistoryWithLineBreaksIsComplete() {
        let (_, reader, captured) = runSession(lines: ["let v = [1,\n2]"])
        #expect(captured.output == ["v: tensor[2]"])
        #expect(reader.prompts == ["conv> ", "conv> "])
    }

    @Test func valuesEchoAndBindingsConfirmTypeAndShape() {
        let (_, _, captured) = runSession(lines: [
            "let x = [2, 3, 4]",
            "conv(x, [0.5, -1], b=0.1, s=2, p=1)",
            "y = 2.5",
            "let m = nn.Conv1d(1, 1, 2)",
            "fn smooth(v, n=3) = conv(v, ones(n) / n)",
            "let a = 1; let a = [1, 2]; f = ones",
        ])
        #expect(captured.output[0] == "x: tensor[3]")
        #expect(captured.output[1] == "[-1.9, -2.4]")
        #expect(captured.output[2] == "y: number")
        #expect(captured.output[3].hasPrefix("m: "))
        #expect(captured.output[4] == "fn smooth(v, n=…)")
        #expect(captured.output[5] == "a: tensor[2]")
        #expect(captured.output[6].hasPrefix("f: ones("))
        #expect(captured.output.count == 7)
    }

    @Test func underscoreHoldsTheLastValue() {
        let (_, _, captured) = runSession(lines: ["tensor([1, 2]) * 3", "let z = 5", "_ + 1"])
        #expect(captured.output == ["[3, 6]", "z: int", "[4, 7]"])
    }

    @Test func interruptDiscardsTheOpenBlock() {
        let (_, reader, captured) = runSession([.line("let w = [1,"), .interrupt, .line("w")])
        #expect(reader.prompts == ["conv> ", "...> ", "conv> ", "conv> "])
        #expect(captured.output.isEmpty)
        #expect(captured.errorText.contains("unknown name 'w'"))
        #expect(reader.history == ["w"])
    }

    @Test func endOfInputEndsTheSessionWithSuccess() {
        let captured = Captured()
        let session = ReplSession(settings: ReplSettings(version: "0"), output: ReplOutput(write: { captured.output.append($0) }, writeError: { _ in }))
        #expect(session.run(reader: ScriptedLineReader([.endOfInput, .line("1")])) == .success)
        #expect(captured.output.isEmpty)
    }

    @Test func unicodeNamesAndStringsSurvive() {
        let (_, _, captured) = runSession(lines: ["let µ = [1]", "\"héllo → ✓\"  # ç"])
        #expect(captured.output == ["µ: tensor[1]", "\"héllo → ✓\""])
    }

    @Test func everyEntryIsEvaluatedThroughTheAroundEvaluationHook() {
        let captured = Captured()
        let session = ReplSession(settings: ReplSettings(version: "0"), output: ReplOutput(write: { captured.output.append($0) }, writeError: { _ in }))
        var wrapped = 0
        session.aroundEvaluation = { body in
            wrapped += 1
            body()
        }
        session.run(reader: ScriptedLineReader(lines: ["1", ":type [1, 2]", ":vars"]))
        #expect(wrapped == 2)
        #expect(captured.output == ["1", "tensor[2]", "no names yet: let x = [2, 3, 4] makes one"])
    }
}

@Suite("REPL session: errors")
struct REPLErrorTests {
    @Test func errorsPointIntoTheEntryAndTheSessionGoesOn() {
        let (_, _, captured) = runSession(lines: ["let x = [2, 3, 4]", "conv(x, q=2)", "x"])
        #expect(captured.errors.count == 1)
        let lines = captured.errorText.split(separator: "\n").map(String.init)
        #expect(lines[0] == "<repl:2>:1:9: error: conv has no argument 'q'")
        #expect(lines[1] == " 1 | conv(x, q=2)")
        #expect(lines[2] == "   |         ^")
        #expect(captured.output == ["x: tensor[3]", "[2, 3, 4]"])
        #expect(!captured.errorText.contains("\u{1B}["))
    }

    @Test func syntaxErrorsNameTheirEntry() {
        let (_, _, captured) = runSession(lines: ["1", "2 +* 3"])
        #expect(captured.errorText.hasPrefix("<repl:2>:1:"))
    }

    @Test func statementsBeforeARuntimeErrorKeepTheirBindings() {
        let (_, _, captured) = runSession(lines: ["let a = [1]; let b = nope; let c = 2", "a", "c"])
        #expect(captured.output == ["a: tensor[1]", "[1]"])
        #expect(captured.errorText.contains("unknown name 'nope'"))
        #expect(captured.errorText.contains("unknown name 'c'"))
    }

    @Test func bindingsSurviveEveryKindOfError() {
        let (session, _, _) = runSession(lines: ["let k = [1, 1]", "conv([1], k)", "zeros(1e12)", "k[5]", ")"])
        #expect(session.interpreter.value(of: "k")?.typeDescription == "tensor[2]")
    }
}

@Suite("REPL session: commands")
struct REPLCommandTests {
    @Test func helpListsCommandsAndKeys() {
        let (_, reader, captured) = runSession(lines: [":help"])
        #expect(captured.outputText.contains(":load FILE"))
        #expect(captured.outputText.contains(":type EXPR"))
        #expect(captured.outputText.contains("Ctrl-R"))
        #expect(captured.outputText.contains("help() lists the builtins by topic"))
        #expect(reader.history == [":help"])
    }

    @Test func bareHelpIsTheSameAsTheCommand() {
        #expect(runSession(lines: ["help"]).captured.output == runSession(lines: [":help"]).captured.output)
    }

    @Test func helpOnATopic() {
        let (_, _, captured) = runSession(lines: [":help conv", ":help F.conv1d", ":help load", "fn f(a) = a", ":help f", ":help nothing",
                                                  ":help :load"])
        #expect(captured.output[0] == HelpText.topic("conv"))
        #expect(captured.output[1] == HelpText.topic("conv"))
        // The builtin first, then the command of the same name.
        #expect(captured.output[2].hasPrefix(HelpText.topic("load") ?? "-"))
        #expect(captured.output[2].hasSuffix("The session command :load FILE: run a script in this session."))
        #expect(captured.output[4] == "fn f(a)")
        #expect(captured.errorText.contains("no help for 'nothing'"))
        #expect(captured.output[5] == "The session command :load FILE: run a script in this session.")
    }

    @Test func helpExplainShowsTheFeatureThenTheSwitch() {
        let (_, _, captured) = runSession(lines: [":help explain", "help(explain)", "help(\"explain\")"])
        #expect(captured.errors.isEmpty, "\(captured.errors)")
        let feature = HelpText.topic("explain") ?? "-"
        #expect(captured.output[0].hasPrefix(feature))
        #expect(captured.output[0].contains(":explain on|off"))
        #expect(captured.output[0].contains("explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)"))
        #expect(captured.output[1] == feature && captured.output[2] == feature)
    }

    @Test func longHelpGoesToThePagerAndNothingElseDoes() {
        var paged: [String] = []
        var written: [String] = []
        var output = ReplOutput(write: { written.append($0) }, writeError: { _ in })
        output.page = { paged.append($0) }
        let session = ReplSession(settings: ReplSettings(version: "0"), output: output)
        session.run(reader: ScriptedLineReader(lines: ["help()", ":help", "help(\"topics\")", "1 + 1", "print(\"help()\")",
                                                       "let help = 3", "help * 2"]))
        #expect(paged == [HelpText.overview, ReplSession.sessionHelp, HelpText.topic("topics") ?? "-"])
        #expect(written == ["2", "help()", "help: int", "6"])
    }

    @Test func varsListsNamesWithTypesButNotUnderscore() {
        let (_, _, captured) = runSession(lines: ["let x = [2, 3, 4]", "let k = 2", "x * 2", ":vars"])
        #expect(captured.output.last == "x: tensor[3]\nk: int")
    }

    @Test func typeShowsTypeAndShapeWithoutTheValue() {
        let (session, _, captured) = runSession(lines: ["let x = [2, 3, 4]", ":type conv(x, [1, 1])", ":t x", "print(\"shown\")", ":type print(1)"])
        #expect(captured.output == ["x: tensor[3]", "tensor[2]", "tensor[3]", "shown", "none"])
        #expect(session.interpreter.value(of: "_") == nil)
    }

    @Test func typeRefusesStatementsAndReportsErrors() {
        let (session, _, captured) = runSession(lines: [":type let y = 1", ":type nope", ":type", ":type (1,"])
        #expect(session.interpreter.value(of: "y") == nil)
        #expect(captured.errors.count == 4)
        #expect(captured.errors[0].contains(":type takes one expression"))
        #expect(captured.errors[1].contains("unknown name 'nope'"))
        #expect(captured.errors[2].contains("missing argument: :type EXPR"))
    }

    @Test func explainSwitchesOnAndOff() {
        let (_, _, captured) = runSession(lines: [":explain", ":explain on", "conv([1, 2, 3], [1, 1])", ":explain off", "conv([1, 2, 3], [1, 1])", ":explain maybe"])
        #expect(captured.output[0] == "explain is off")
        #expect(captured.output[1].hasPrefix("explain is on"))
        let explained = captured.output[2..<(captured.output.count - 2)].joined(separator: "\n")
        #expect(explained.contains("[3, 5]"))
        #expect(explained.count > "[3, 5]".count + 20)
        #expect(captured.output.suffix(2) == ["explain is off", "[3, 5]"])
        #expect(captured.errorText.contains(":explain on|off"))
    }

    @Test func resetForgetsEveryName() {
        let (session, _, captured) = runSession(lines: ["let x = 1", ":reset", "x"])
        #expect(session.interpreter.bindings.isEmpty)
        #expect(captured.output.contains("session reset: every name is forgotten"))
        #expect(captured.errorText.contains("unknown name 'x'"))
    }

    @Test func quitStopsReading() {
        for word in [":quit", ":q", "exit", "quit", "quit()", "  :q  "] {
            let (_, reader, captured) = runSession(lines: [word, "1"])
            #expect(reader.remaining == [.line("1")], "\(word)")
            #expect(captured.output.isEmpty)
        }
    }

    @Test func unknownCommandListsTheCommands() {
        let (_, _, captured) = runSession(lines: [":frobnicate"])
        #expect(captured.errorText.contains("unknown command ':frobnicate'"))
        #expect(captured.errorText.contains(":help :vars :type :load :save :reset :explain :quit"))
    }

    @Test func commandsOnlyAtTheStartOfAnEntry() {
        let (_, _, captured) = runSession(lines: ["let t = (1,", ":vars)"])
        #expect(captured.errors.count == 1)
        #expect(!captured.outputText.contains("no names"))
    }

    @Test func saveThenLoadRebuildsTheSession() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("repl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("session.conv").path
        let first = runSession(lines: [
            "let x = [2, 3,", "4]", "conv(x, nope)", "let w = [0.5, -1]", "conv(x, w, s=2)", ":save \(path)",
        ])
        #expect(first.captured.output.last == "saved 3 entries to \(path)")
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        #expect(saved == "let x = [2, 3,\n4]\nlet w = [0.5, -1]\nconv(x, w, s=2)\n")

        let second = runSession(lines: [":load \(path)", "x + 1"])
        #expect(second.captured.output == ["[-2]", "loaded \(path): x, w", "[3, 4, 5]"])
        #expect(second.captured.errors.isEmpty)
    }

    @Test func saveAndLoadExpandTildeAndReportProblems() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("repl-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let (_, _, captured) = runSession(
            [.line(":save ~/a.conv"), .line("1"), .line(":save ~/a.conv"), .line(":load '~/missing.conv'"),
             .line(":save ~/no/such/dir/a.conv")],
            environment: ["HOME": home.path]
        )
        #expect(captured.errors[0].contains("nothing to save yet"))
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("a.conv").path))
        #expect(captured.errors[1].contains("cannot read '\(home.path)/missing.conv'"))
        #expect(captured.errors[2].contains("the folder of '\(home.path)/no/such/dir/a.conv' does not exist"))
    }

    @Test func saveRefusesToReplaceAFileUnlessForced() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("repl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kept.conv").path
        try "precious\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (_, _, captured) = runSession(lines: ["let a = 1", ":save \(path)", ":save! \(path)", ":vars!"])
        #expect(captured.errors[0].contains("\(path) exists; :save! \(path) replaces it"))
        #expect(captured.output.last == "saved 1 entry to \(path)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "let a = 1\n")
        // Only :save has something to force.
        #expect(captured.errors[1].contains("unknown command ':vars!'"))
    }

    @Test func loadAndSaveFollowTheSessionsFolders() throws {
        let tree = try SandboxTree()
        let (_, _, captured) = runSession(
            ["let a = 1", ":save \(tree.outside)/s.conv", ":load \(tree.outside)/secret.csv", ":save s.conv"].map(LineInput.line),
            granting: [tree.granted])
        #expect(captured.errors.count == 2)
        #expect(captured.errors.allSatisfy { $0.contains("outside the folders this program may use (\(tree.granted))") })
        #expect(captured.errors.allSatisfy { $0.contains("conv --allow DIR") })
        #expect(!FileManager.default.fileExists(atPath: tree.outside + "/s.conv"))
        // A relative path starts at the session's folder.
        #expect(FileManager.default.fileExists(atPath: tree.granted + "/s.conv"))
    }

    @Test func aFailedLoadReportsItsErrorInTheFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).conv").path
        try "let a = 1\nlet b = zz\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (session, _, captured) = runSession(lines: [":load \(path)", ":save \(path).out"])
        #expect(captured.errorText.hasPrefix("\(path):2:9: error: unknown name 'zz'"))
        #expect(session.interpreter.value(of: "a") != nil)
        #expect(captured.errorText.contains("nothing to save yet"))
    }
}

@Suite("REPL session: completion")
struct REPLCompletionTests {
    private let session = runSession(lines: [
        "let x = [2, 3, 4]", "let xs = 1", "let m = nn.Conv1d(1, 1, 2)", "fn smooth(v, n=3) = conv(v, ones(n) / n)", "1",
    ]).session

    @Test func builtinsKeywordsAndNames() {
        #expect(offered(session, "co").contains("conv("))
        #expect(offered(session, "conv").contains("conv1d("))
        #expect(offered(session, "le").contains("len("))
        #expect(offered(session, "le").contains("let"))
        #expect(!offered(session, "le").contains("x"))
        #expect(offered(session, "x") == ["x", "xavier_normal_(", "xavier_uniform_(", "xs"])
        #expect(offered(session, "sm") == ["smooth("])
        #expect(!offered(session, "").contains("_"))
    }

    @Test func namedArgumentsLeaveOutFilledParametersAndLongSpellings() {
        let words = offered(session, "conv(x, ")
        #expect(words.contains("b="))
        #expect(words.contains("k="))
        #expect(words.contains("s="))
        #expect(words.contains("w="))
        #expect(words.contains("x"))
        #expect(!words.contains("x="))
        #expect(!words.contains("input="))
        #expect(!words.contains("stride="))
        #expect(!words.contains("conv("))
        #expect(!offered(session, "conv(x, [1, 1], ").contains("w="))
        #expect(offered(session, "conv(x, stri") == ["stride="])
        let afterNamed = offered(session, "conv(x, stride=2, ")
        #expect(!afterNamed.contains("s="))
        #expect(afterNamed.contains("p="))
    }

    @Test func aLayerThatTakesAnythingOffersNoArgumentNames() {
        #expect(offered(session, "nn.Ide") == ["Identity("])
        #expect(offered(session, "Identity(").filter { $0.hasSuffix("=") }.isEmpty)
    }

    @Test func userFunctionsOfferTheirParameters() {
        #expect(offered(session, "smooth(x, ") .contains("n="))
        #expect(!offered(session, "smooth(x, ").contains("v="))
    }

    @Test func membersAndModules() {
        #expect(offered(session, "m.we") == ["weight"])
        #expect(offered(session, "x.sh") == ["shape"])
        #expect(offered(session, "F.con").contains("conv1d("))
        #expect(offered(session, "torch.nn.functional.co").contains("conv1d("))
        #expect(offered(session, "nn.C").contains("Conv1d("))
        #expect(!offered(session, "nn.C").contains("conv("))
        #expect(offered(session, "tor") == ["torch."])
        #expect(offered(session, "nn.Conv1d(1, 1, ").contains("mode="))
        #expect(!offered(session, "nn.Conv1d(1, 1, ").contains("padding_mode="))
    }

    @Test func commandsAtTheStartOfALine() {
        #expect(offered(session, ":lo") == [":load"])
        #expect(offered(session, ":help sm") == ["smooth"])
        // After :load comes a file name, never a builtin such as seed.
        #expect(!offered(session, ":load se").contains("seed"))
    }

    @Test func earlierLinesOfAnOpenEntryAreContext() {
        let captured = Captured()
        let session = ReplSession(settings: ReplSettings(version: "0"), output: ReplOutput(write: { captured.output.append($0) }, writeError: { _ in }))
        final class Probe: LineReader {
            weak var session: ReplSession?
            var seen: [String] = []
            var inputs = ["conv([1, 2], s=2,", "  "]
            func readLine(prompt: String) -> LineInput {
                guard !inputs.isEmpty else { return .endOfInput }
                if let session, !session.pendingBlock.isEmpty {
                    seen = session.complete("  ", cursor: 2).candidates.map(\.description)
                }
                return .line(inputs.removeFirst())
            }
            func addHistory(_ entry: String) {}
        }
        let probe = Probe()
        probe.session = session
        session.run(reader: probe)
        #expect(probe.seen.contains("p="))
        #expect(!probe.seen.contains("s="))
        #expect(!probe.seen.contains("stride="))
    }

    @Test func aClassBeingTypedOffersItsLocalsAndSelfMembers() {
        let session = ReplSession(settings: ReplSettings(version: "0"), output: ReplOutput(write: { _ in }, writeError: { _ in }))
        final class Probe: LineReader {
            weak var session: ReplSession?
            var selfMembers: [String] = []
            var locals: [String] = []
            var inputs = ["class Net(nn.Module):", "    def __init__(self, channels):",
                          "        self.conv1 = nn.Conv1d(1, channels, 3)", "        hidden = 2 * channels",
                          "    def forward(self, x):", "        y = self.conv1(x)", ""]
            func readLine(prompt: String) -> LineInput {
                guard !inputs.isEmpty else { return .endOfInput }
                if let session, inputs.count == 1 {
                    selfMembers = session.complete("        return self.", cursor: 20).candidates.map(\.description)
                    locals = session.complete("        return ", cursor: 15).candidates.map(\.description)
                }
                return .line(inputs.removeFirst())
            }
            func addHistory(_ entry: String) {}
        }
        let probe = Probe()
        probe.session = session
        session.run(reader: probe)
        #expect(probe.selfMembers.contains("conv1"))
        #expect(probe.selfMembers.contains("forward"))
        #expect(!probe.selfMembers.contains("__init__"))
        for name in ["x", "y", "channels", "hidden", "Net"] { #expect(probe.locals.contains(name), "\(name)") }
    }
}
