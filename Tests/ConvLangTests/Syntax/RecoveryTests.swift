import Testing
@testable import ConvLang

/// After a syntax error the parser resumes at the next logical line at the same or a lower
/// indentation, so one run reports every error, inside blocks too; and a program that merely
/// stops early is marked so that a session asks for more.
@Suite("Parser: recovery and unexpected ends")
struct RecoveryTests {
    @Test func errorsInsideBlocksAreAllReported() {
        let text = """
        def f(x):
            y = x +
            return y
        z = 1 +
        def g(a b):
            pass
        w = 2 *
        """
        #expect(Syntax.errors(text) == ["2:12 expected an expression after '+'", "4:8 expected an expression after '+'",
                                        "5:9 expected ')' after the parameters, found a name", "7:8 expected an expression after '*'"])
    }

    @Test func aBrokenHeaderSkipsItsBlock() {
        let text = "if x y:\n    a = 1\n    b = 2 +\nc = 3 +\nd = 4"
        #expect(Syntax.errors(text) == ["1:6 expected ':' after the 'if' statement header, found a name", "4:8 expected an expression after '+'"])
        let (_, statements) = Syntax.statements(text)
        #expect(ASTPrinter.render(statements) == "(let d 4)")
    }

    @Test func theRestOfABlockStillParsesAfterAnError() {
        let (_, statements) = Syntax.statements("def f():\n    a = )\n    b = 1\nc = 2")
        #expect(ASTPrinter.render(statements) == "(def f () ((let b 1))) (let c 2)")
        let text = "for x in y:\n    a = 1 +\n    b = 2\n    if b:\n        c = )\n    d = 3\ne = 4"
        #expect(Syntax.errors(text) == ["2:12 expected an expression after '+'", "5:13 expected an expression, found ')'"])
        #expect(ASTPrinter.render(Syntax.statements(text).1) == "(for x y ((let b 2) (if (b ())) (let d 3))) (let e 4)")
    }

    @Test func aMissingBlockIsOneErrorAndTheNextLineStillParses() {
        #expect(Syntax.errors("if x:\ny = 1 +\nz") == ["2:1 expected an indented block after 'if' statement on line 1",
                                                       "2:8 expected an expression after '+'"])
    }

    @Test func theShortLanguagesRecoveryIsUnchanged() {
        let diagnostics = Parser.parse(SourceFile(name: "t", text: "let = 1\nconv(x,, 2)\n3 +\nlet y = 2")).diagnostics
        #expect(diagnostics.map { $0.location.line } == [1, 2, 3])
    }

    @Test func openBlocksBracketsAndOperatorsGoOnInASession() {
        let cases: [(String, Interpreter.Continuation)] = [
            ("def f():", .insideBlock), ("if x:", .insideBlock), ("if a:\n    b\nelse:", .insideBlock),
            ("class A(B):", .insideBlock), ("@property", .insideBlock), ("try:\n    x = 1", .insideBlock),
            ("def f(x):\n    return x", .insideBlock), ("for x in", .afterOperator), ("lambda x:", .afterOperator),
            ("while (a and", .insideBrackets), ("def f(x):\n    return (x +", .insideBrackets), ("x = [1, 2,", .insideBrackets),
            ("f(x for x in", .insideBrackets), ("{1: ", .insideBrackets), ("x = 1 + \\", .afterBackslash),
            ("try: x = 1", .insideBlock), ("if x:\n    y = 1 +", .afterOperator),
        ]
        for (text, continuation) in cases {
            #expect(Syntax.continuation(text) == continuation, "\(text)")
        }
        for complete in ["def f(): pass", "if x: y", "if a:\n    b\n", "x = 1", "x = 1 \\\n"] {
            #expect(Syntax.isComplete(complete), "\(complete)")
        }
        // An empty line after a header ends the entry without its block, as in Python's REPL.
        for invalid in ["return", "else:", "1 2", "if x y:", "def f():\n", "@property\n", "if x:\n    # nothing yet\n",
                        "try:\n    x = 1\n"] {
            #expect(Syntax.isInvalid(invalid), "\(invalid)")
        }
        #expect(Interpreter.Continuation.insideBlock.joiner == "\n")
        #expect(Interpreter.Continuation.afterBackslash.joiner == "\n")
    }

    @Test func anUnexpectedEndIsMarkedOnTheDiagnostic() {
        let diagnostic = Syntax.firstError("if x:")
        #expect(diagnostic?.message == "expected an indented block after 'if' statement on line 1")
        #expect(diagnostic?.isUnexpectedEnd == true)
        #expect(Syntax.firstError("if x:\ny")?.isUnexpectedEnd == false)
    }
}
