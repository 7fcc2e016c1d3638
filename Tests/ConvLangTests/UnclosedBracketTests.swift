import Testing
import ConvLang

@Suite("Unclosed brackets say where they were opened")
struct UnclosedBracketTests {
    /// Each kind of bracket, left open on line 2 with more program on line 3.
    @Test(arguments: [
        ("let b = (1 +\n2\nlet c = 3\n", 9),              // a group
        ("let b = max(1,\n2\nlet c = 3\n", 12),           // a call: the parenthesis, not the callee
        ("let b = [1,\n2\nlet c = 3\n", 9),               // a list
        ("let b = a[0\nlet c = 3\n", 10),                 // an index
        ("let b = explain(conv(a, [1])\nlet c = 3\n", 16),   // the explain call
    ])
    func everyKindNotesItsOpeningBracket(source: String, column: Int) {
        let outcome = run("let a = [1, 2]\n" + source)
        #expect(outcome.diagnostics.count == 1, "\(outcome.errors)")
        let notes = outcome.diagnostics.first?.notes ?? []
        #expect(notes.contains("the bracket was opened at line 2, column \(column)"), "\(notes)")
    }

    @Test func aBracketClosedOnItsLineGetsNoNote() {
        let outcome = run("max(1 2)")
        #expect(outcome.diagnostics.first?.notes.contains { $0.hasPrefix("the bracket was opened") } == false)
    }
}
