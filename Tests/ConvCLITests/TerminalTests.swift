import Testing
@testable import ConvCLI

@Suite("Terminal style")
struct TerminalStyleTests {
    @Test func colourOnlyOnATerminal() {
        #expect(TerminalStyle.shouldColor(isTerminal: true, environment: ["TERM": "xterm"]))
        #expect(!TerminalStyle.shouldColor(isTerminal: false, environment: ["TERM": "xterm"]))
    }

    @Test func noColorMustBeNonEmpty() {
        #expect(!TerminalStyle.shouldColor(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(TerminalStyle.shouldColor(isTerminal: true, environment: ["NO_COLOR": ""]))
    }

    @Test func dumbTerminalGetsNoColour() {
        #expect(!TerminalStyle.shouldColor(isTerminal: true, environment: ["TERM": "dumb"]))
    }

    @Test func clicolorForceColoursEvenWithoutATerminal() {
        #expect(TerminalStyle.shouldColor(isTerminal: false, environment: ["CLICOLOR_FORCE": "1"]))
        #expect(TerminalStyle.shouldColor(isTerminal: true, environment: ["CLICOLOR_FORCE": "1", "TERM": "dumb"]))
        #expect(!TerminalStyle.shouldColor(isTerminal: false, environment: ["CLICOLOR_FORCE": "0"]))
        #expect(!TerminalStyle.shouldColor(isTerminal: false, environment: ["CLICOLOR_FORCE": ""]))
        // An explicit opt-out wins over a force.
        #expect(!TerminalStyle.shouldColor(isTerminal: true, environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": "1"]))
    }

    @Test func promptEscapesAreBracketedForTheEditor() {
        let prompt = TerminalStyle(usesColor: true).prompt("conv> ")
        // The reset is not the prompt's last part: libedit drops an escape at the very end.
        #expect(prompt == "\u{1}\u{1B}[1;32m\u{1}conv>\u{1}\u{1B}[0m\u{1} ")
        #expect(TerminalStyle.removingPromptEscapes(prompt) == "conv> ")
        #expect(TerminalStyle(usesColor: false).prompt("conv> ") == "conv> ")
    }

    @Test func errorText() {
        #expect(TerminalStyle(usesColor: true).error("error:") == "\u{1B}[1;31merror:\u{1B}[0m")
        #expect(TerminalStyle(usesColor: false).error("error:") == "error:")
    }
}

@Suite("Scripted line reader")
struct TerminalScriptedReaderTests {
    @Test func replaysInputsRecordsPromptsAndHistory() {
        let reader = ScriptedLineReader([.line("let x = [1,"), .interrupt, .line("x")])
        #expect(reader.readLine(prompt: "conv> ") == .line("let x = [1,"))
        #expect(reader.readLine(prompt: "...> ") == .interrupt)
        reader.addHistory("x")
        #expect(reader.readLine(prompt: "conv> ") == .line("x"))
        #expect(reader.readLine(prompt: "conv> ") == .endOfInput)
        #expect(reader.prompts == ["conv> ", "...> ", "conv> ", "conv> "])
        #expect(reader.history == ["x"])
    }

    @Test func linesConvenience() {
        let reader = ScriptedLineReader(lines: ["a"])
        #expect(reader.readLine(prompt: "") == .line("a"))
        #expect(reader.readLine(prompt: "") == .endOfInput)
    }
}

@Suite("Pager")
struct PagerTests {
    @Test func pagerVariableFirstThenLessWhenInstalled() {
        #expect(Pager.choose(environment: ["PAGER": "most -s"], lessIsInstalled: true)?.command == "most -s")
        #expect(Pager.choose(environment: [:], lessIsInstalled: true)?.command == "less -R")
        #expect(Pager.choose(environment: [:], lessIsInstalled: false) == nil)
        // An empty PAGER turns paging off.
        #expect(Pager.choose(environment: ["PAGER": ""], lessIsInstalled: true) == nil)
    }

    @Test func onlyTextTallerThanTheScreenIsPaged() {
        let text = Array(repeating: "line", count: 23).joined(separator: "\n")
        #expect(Pager.isLong(text, rows: 24))
        #expect(!Pager.isLong(text, rows: 30))
        #expect(!Pager.isLong(text, rows: 0))
    }
}
