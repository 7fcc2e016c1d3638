import Testing
@testable import ConvLang

@Suite("Lexer: indentation")
struct IndentationLexerTests {
    private func layout(_ text: String) -> String {
        Syntax.kinds(text).map { kind -> String in
            switch kind {
            case .newline: "NL"
            case .indent: "IN"
            case .dedent: "DE"
            case .eof: "EOF"
            default: "x"
            }
        }.joined(separator: " ")
    }

    @Test func blocksOpenAndCloseWithIndentAndDedent() {
        #expect(layout("a\nif b:\n    c\n    d\ne") == "x NL x x x NL IN x NL x NL DE x EOF")
        #expect(layout("if a:\n  if b:\n    c\nd") == "x x x NL IN x x x NL IN x NL DE DE x EOF")
    }

    @Test func theEndOfInputClosesEveryOpenBlock() {
        #expect(layout("if a:\n  if b:\n    c") == "x x x NL IN x x x NL IN x DE DE EOF")
        #expect(layout("if a:\n    b\n") == "x x x NL IN x NL DE EOF")
    }

    @Test func unindentedProgramsLexAsBefore() {
        // Blank lines still give NEWLINEs, no implicit NEWLINE at the end: the short language's streams.
        #expect(layout("a\n\nb") == "x NL NL x EOF")
        #expect(layout("a; b\n") == "x x x NL EOF")
        #expect(Syntax.kinds("let x = 1\n") == [.kwLet, .identifier, .equal, .integer(1), .newline, .eof])
    }

    @Test func blankAndCommentLinesAtAnyIndentationDoNotCount() {
        let text = "if a:\n    b\n\n        \n  # a comment\n# another\n            # deep\n    c\nd"
        #expect(layout(text) == "x x x NL IN x NL NL NL NL NL NL x NL DE x EOF")
        #expect(Syntax.errors(text).isEmpty)
    }

    @Test func continuationLinesInsideBracketsIgnoreIndentation() {
        let text = "if a:\n    b = (1 +\n  2,\n          3)\n    c = [\n]\nd"
        #expect(layout(text) == "x x x NL IN x x x x x x x x x NL x x x x NL DE x EOF")
        #expect(Syntax.errors(text).isEmpty)
    }

    @Test func tabsAdvanceToMultiplesOfEight() {
        // A tab and eight spaces are the same column, but only when tabs count as one they differ: Python's TabError.
        #expect(Syntax.errors("if a:\n\tb\n        c") == ["3:1 inconsistent use of tabs and spaces in indentation"])
        #expect(Syntax.errors("if a:\n        b\n\tc") == ["3:1 inconsistent use of tabs and spaces in indentation"])
        // Tabs alone, or tabs consistently followed by spaces, are fine.
        #expect(Syntax.errors("if a:\n\tb\n\tif c:\n\t\td").isEmpty)
        #expect(Syntax.errors("if a:\n\t  b\n\t  c").isEmpty)
    }

    @Test func aDedentToNoEnclosingLevelIsAnErrorAtThatLine() {
        let errors = Syntax.errors("if a:\n    b\n  c\nd")
        #expect(errors == ["3:1 unindent does not match any outer indentation level"])
        // The lines after it at that level are not reported again.
        #expect(Syntax.errors("if a:\n    b\n  c\n  d\ne") == ["3:1 unindent does not match any outer indentation level"])
    }

    @Test func anIndentedBlockLeftOpenNeedsAnEmptyLineInASession() {
        #expect(Interpreter.endsInsideBlock("if a:\n    b = 1"))
        #expect(!Interpreter.endsInsideBlock("if a:\n    b = 1\n"))
        #expect(!Interpreter.endsInsideBlock("if a:\n    b = 1\nc = 2"))
        #expect(!Interpreter.endsInsideBlock("b = 1"))
    }
}
