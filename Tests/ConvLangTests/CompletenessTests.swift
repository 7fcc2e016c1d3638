import Testing
import ConvLang

/// The REPL asks the language's own lexer and parser whether an entry is complete, and what the
/// cursor is inside of for completion; these are the cases the REPL relies on.
@Suite("Completeness of an entry")
struct CompletenessTests {
    private func continuation(_ text: String) -> Interpreter.Continuation? {
        if case .incomplete(let continuation) = Interpreter.completeness(of: text) { return continuation }
        return nil
    }

    private func isComplete(_ text: String) -> Bool {
        if case .complete = Interpreter.completeness(of: text) { return true }
        return false
    }

    private func invalid(_ text: String) -> Diagnostic? {
        if case .invalid(let diagnostic) = Interpreter.completeness(of: text) { return diagnostic }
        return nil
    }

    @Test func completeEntries() {
        for text in ["1 + 2", "let t = 1,", "let w = [1,\n2]", "conv(x,\n  s=2)", "s = \"\"\"a\nb\"\"\"", "x # note", "", "import torch"] {
            #expect(isComplete(text), "\(text)")
        }
    }

    @Test func openBracketsContinueWithALineBreak() {
        for text in ["let w = [1,", "conv([1, 2, 3],", "f(", "[[1, 2],\n [3", "conv(x, # the input"] {
            #expect(continuation(text) == .insideBrackets, "\(text)")
        }
        #expect(Interpreter.Continuation.insideBrackets.joiner == "\n")
    }

    @Test func anOpenTripleQuotedStringContinuesWithALineBreak() {
        #expect(continuation("s = \"\"\"first") == .insideString)
        #expect(continuation("print('''a\nb") == .insideString)
        #expect(continuation("conv(x, p=\"\"\"same") == .insideString)
        #expect(Interpreter.Continuation.insideString.joiner == "\n")
    }

    @Test func aTrailingOperatorOrCommaContinuesOnTheSameLine() {
        for text in ["1 +", "let t = 1 *", "x = ", "a and", "fn f(a) =", "a, b ="] {
            #expect(continuation(text) == .afterOperator, "\(text)")
        }
        #expect(Interpreter.Continuation.afterOperator.joiner == " ")
    }

    @Test func anOpenOneLineStringIsInvalidAtTheOpenQuote() throws {
        for text in ["\"abc", "conv(x, p=\"sa", "print('it"] {
            let diagnostic = try #require(invalid(text), "\(text)")
            #expect(diagnostic.kind == .syntax)
            #expect(diagnostic.range.start == Array(text.utf8).firstIndex { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") })
            #expect(!diagnostic.isUnexpectedEnd)
        }
    }

    @Test func errorsNoLineCanFixAreInvalid() {
        #expect(invalid("1 +* 2")?.location.column == 4)
        #expect(invalid(")") != nil)
        #expect(invalid("1 2") != nil)
        #expect(invalid("1 +* 2\n[1,") != nil, "an error before the open bracket stays")
        // A comment after a trailing operator would swallow the next line.
        #expect(invalid("1 + # more to come") != nil)
    }
}

@Suite("What the cursor is inside of")
struct CursorContextTests {
    private func call(_ text: String) -> CursorContext.OpenCall? { Interpreter.cursorContext(before: text).innermostCall }

    @Test func theInnermostOpenCallWithItsGivenNamesAndFinishedArguments() {
        #expect(call("conv(x, [1, 2], s=2, ") == .init(callee: "conv", givenNames: ["s"], finishedArguments: 3))
        #expect(call("conv(x, k = 3, p=\"same\", ")?.givenNames == ["k", "p"])
        #expect(call("conv(x, ones(")?.callee == "ones")
        #expect(call("conv(ones(n=3), s=1, ") == .init(callee: "conv", givenNames: ["s"], finishedArguments: 2))
        #expect(call("nn.Conv1d(1, ")?.callee == "nn.Conv1d")
        #expect(call("torch.nn.functional.conv1d(")?.callee == "torch.nn.functional.conv1d")
    }

    @Test func comparisonsAreNotNamedArguments() {
        #expect(call("conv(x, s==2, ")?.givenNames == [])
        #expect(call("conv(x, s<=2, ")?.givenNames == [])
    }

    @Test func bracketsThatAreNotCallsHideTheCall() {
        #expect(call("conv(x, [1, ") == nil)
        #expect(call("(x") == nil)
        #expect(call("x[0](") == nil)
        #expect(call("y = conv(x,\n  s=2, ")?.givenNames == ["s"])
    }

    @Test func stringsAndCommentsAreRead() {
        #expect(call("conv(x, \"(\", ")?.callee == "conv")
        #expect(call("conv(x, ')', s=1, ")?.givenNames == ["s"])
        #expect(call("conv(x, \"a\\\"(\", ")?.finishedArguments == 2)
        #expect(Interpreter.cursorContext(before: "conv(x, p=\"sa").isInStringOrComment)
        #expect(Interpreter.cursorContext(before: "s = \"\"\"a\nb").isInStringOrComment)
        #expect(Interpreter.cursorContext(before: "x # co").isInStringOrComment)
        #expect(!Interpreter.cursorContext(before: "x # co\ny").isInStringOrComment)
        #expect(!Interpreter.cursorContext(before: "\"done\" + ").isInStringOrComment)
    }
}
