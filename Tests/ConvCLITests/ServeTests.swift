@testable import ConvCLI
import ConvLang
import Testing

/// The parts of `conv --serve` that need no process: positions, the name under the cursor,
/// and whether an entry is complete. Tests/python/test_serve.py drives the whole protocol.
@Suite("Serve session")
struct ServeTests {
    @Test func codePointsAndUTF8OffsetsConvert() {
        let text = "print(\"é\", x)"
        #expect(CodePoints.utf8Offset(of: 9, in: text) == 10)
        #expect(CodePoints.index(ofUTF8Offset: 10, in: text) == 9)
        #expect(CodePoints.clamp(nil, in: text) == 13)
        #expect(CodePoints.clamp(99, in: text) == 13)
        #expect(CodePoints.clamp(-3, in: text) == 0)
    }

    @Test func theNameUnderTheCursorOrTheCallItIsIn() {
        #expect(HelpLookup.name(in: "conv(x, [1, 1])", at: 2) == "conv")
        #expect(HelpLookup.name(in: "y = F.conv1d(x)", at: 8) == "F.conv1d")
        #expect(HelpLookup.name(in: "conv(x, [1, 1], ", at: 16) == "conv")
        #expect(HelpLookup.name(in: "12345", at: 2) == nil)
        #expect(HelpLookup.name(in: "", at: 0) == nil)
    }

    @Test func helpIsWhatHelpShows() {
        let interpreter = Interpreter(configuration: .init(seed: 0))
        interpreter.run("let x = [2, 3, 4]")
        #expect(HelpLookup.help(for: "x", in: interpreter) == "[2, 3, 4]: tensor[3]")
        #expect(HelpLookup.help(for: "nn.Conv1d", in: interpreter) == HelpText.topic("Conv1d"))
        #expect(HelpLookup.help(for: "x.shape", in: interpreter)?.contains("same as x.shape") == true)
        #expect(HelpLookup.help(for: "nowhere", in: interpreter) == nil)
    }

    @Test func completenessOfEntries() {
        #expect(EntryCompleteness.of("conv([1, 2], [1])") == .complete)
        #expect(EntryCompleteness.of("") == .complete)
        #expect(EntryCompleteness.of(":type x") == .complete)
        #expect(EntryCompleteness.of("conv([1, 2],") == .incomplete(indent: ""))
        #expect(EntryCompleteness.of("  w = [") == .incomplete(indent: "      "))
        #expect(EntryCompleteness.of("s = \"\"\"open\n  more") == .incomplete(indent: ""))
        #expect(EntryCompleteness.of("let = 2") == .invalid)
    }
}
