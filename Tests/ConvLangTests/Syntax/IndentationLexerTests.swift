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

    @Test func backslashContinuesALineWhateverTheNextLinesIndentation() {
        let text = "if a:\n    b = 1 + \\\n2\n    c = 3"
        #expect(Syntax.tree(text) == "(if (a ((let b (+ 1 2)) (let c 3))))")
    }

    @Test func windowsLineEndingsAreLines() {
        let text = "if a:\r\n    b = 1\r\n\r\n    c = 2 + \\\r\n  3\r\nd = 4\r\n"
        #expect(Syntax.tree(text) == "(if (a ((let b 1) (let c (+ 2 3))))) (let d 4)")
    }

    @Test func tabsAdvanceToMultiplesOfEight() {
        // A tab and eight spaces are the same column, but only when tabs count as one they differ: Python's TabError.
        #expect(Syntax.errors("if a:\n\tb\n        c") == ["3:1 inconsistent use of tabs and spaces in indentation"])
        #expect(Syntax.errors("if a:\n        b\n\tc") == ["3:1 inconsistent use of tabs and spaces in indentation"])
        // Tabs alone, or tabs consistently followed by spaces, are fine.
        #expect(Syntax.tree("if a:\n\tb\n\tif c:\n\t\td") == "(if (a (b (if (c (d))))))")
        #expect(Syntax.tree("if a:\n\t  b\n\t  c") == "(if (a (b c)))")
    }

    @Test func aDedentToNoEnclosingLevelIsAnErrorAtThatLine() {
        let errors = Syntax.errors("if a:\n    b\n  c\nd")
        #expect(errors == ["3:1 unindent does not match any outer indentation level"])
        // The lines after it at that level are not reported again.
        #expect(Syntax.errors("if a:\n    b\n  c\n  d\ne") == ["3:1 unindent does not match any outer indentation level"])
    }

    @Test func anUnexpectedIndentIsAnErrorAtTheIndent() {
        let diagnostic = Syntax.firstError("a = 1\n    b = 2\nc = 3")
        #expect(diagnostic?.message == "unexpected indent")
        #expect(diagnostic.map { Syntax.span($0.range, in: $0.source) } == "2:1-2:5")
    }

    @Test func theFirstLinesIndentationIsTheMargin() {
        // As a notebook removes a cell's common indentation, an entry pasted with leading spaces reads at the top level.
        #expect(Syntax.tree("  a = 1\n  if a:\n      b = 2\n  c = 3") == "(let a 1) (if (a ((let b 2)))) (let c 3)")
        #expect(Syntax.tree("\n   \n  # comment\n  a = 1") == "(let a 1)")
        #expect(Syntax.errors("  a = 1\nb = 2") == ["2:1 unindent does not match any outer indentation level"])
    }

    @Test func tooManyLevelsAreRefused() {
        var text = ""
        for level in 0...100 { text += String(repeating: " ", count: level) + "if a:\n" }
        text += String(repeating: " ", count: 101) + "pass"
        #expect(Syntax.errors(text) == ["102:1 too many levels of indentation (more than 100)"])
        let staircase = (0..<20_000).map { String(repeating: " ", count: $0) + "a" }.joined(separator: "\n")
        #expect(Syntax.errors(staircase) == ["2:1 unexpected indent"])
    }

    @Test func anIndentedBlockLeftOpenNeedsAnEmptyLineInASession() {
        #expect(Syntax.continuation("if a:\n    b = 1") == .insideBlock)
        #expect(Syntax.continuation("def f(x):\n    return x") == .insideBlock)
        #expect(Syntax.continuation("if a:\n    b = 1\n    # more to come") == .insideBlock)
        #expect(Syntax.isComplete("if a:\n    b = 1\n"))
        #expect(Syntax.isComplete("if a:\n    b = 1\n   "))
        #expect(Syntax.isComplete("if a:\n    b = 1\nc = 2"))
        #expect(Syntax.isComplete("b = 1"))
    }
}
