import Testing
@testable import ConvLang

@Suite("Lexer")
struct LexerTests {
    private func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(SourceFile(name: "t", text: text)).tokens.map(\.kind)
    }

    @Test func numbersInEveryForm() {
        #expect(kinds("2 2. .5 1e-3 1_000") == [.integer(2), .float(2), .float(0.5), .float(0.001), .integer(1000), .eof])
    }

    @Test func stringsWithEitherQuote() {
        #expect(kinds("'same' \"valid\"") == [.string, .string, .eof])
        #expect(Syntax.texts("'same' \"valid\"") == ["same", "valid"])
    }

    @Test func tripleQuotedStringsSpanLines() {
        #expect(kinds("\"\"\"two\nlines\"\"\" '\'\'x\'\'\'") == [.string, .string, .eof])
        #expect(Syntax.texts("\"\"\"two\nlines\"\"\" '\'\'x\'\'\'") == ["two\nlines", "x"])
        let (_, diagnostics, _) = Lexer.tokenize(SourceFile(name: "t", text: "s = \"\"\"open"))
        #expect(diagnostics.map(\.message) == ["unterminated string"])
        #expect(diagnostics.first?.isUnexpectedEnd == true)
        #expect(Interpreter.completeness(of: "s = \"\"\"open\nstill open").needsMoreInput)
    }

    @Test func keywordsIncludingPythonSpellings() {
        #expect(kinds("let fn True None false") == [.kwLet, .kwFn, .kwTrue, .kwNone, .kwFalse, .eof])
    }

    @Test func operatorsLongestMatchFirst() {
        #expect(kinds("** * // / == = <= < >= > !=") ==
                [.starStar, .star, .slashSlash, .slash, .equalEqual, .equal, .lessEqual, .less, .greaterEqual, .greater, .bangEqual, .eof])
    }

    @Test func newlinesInsideBracketsAreSkipped() {
        #expect(kinds("(1,\n2)\n3") == [.leftParen, .integer(1), .comma, .integer(2), .rightParen, .newline, .integer(3), .eof])
    }

    @Test func commentsRunToTheEndOfTheLine() {
        #expect(kinds("1 # a comment ( [\n2") == [.integer(1), .newline, .integer(2), .eof])
    }

    @Test func unicodeNamesAreIdentifiers() {
        let (tokens, diagnostics, _) = Lexer.tokenize(SourceFile(name: "t", text: "µ σ2"))
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.kind) == [.identifier, .identifier, .eof])
    }

    @Test func badCharactersAreReportedWithHints() {
        let (_, diagnostics, _) = Lexer.tokenize(SourceFile(name: "t", text: "3 − 1"))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message == "unexpected character '−'")
        #expect(diagnostics.first?.notes.first?.contains("Unicode minus") == true)
    }

    @Test func numberGluedToANameIsOneError() {
        let (_, diagnostics, _) = Lexer.tokenize(SourceFile(name: "t", text: "2x"))
        #expect(diagnostics.map(\.message) == ["'2x' is not a number or a name; is an operator missing, as in '2 * x'?"])
    }

    @Test func anOpenOneLineStringIsNeverAnUnexpectedEnd() {
        // More lines cannot close a string in single quotes, so a REPL reports it at once.
        let (_, diagnostics, _) = Lexer.tokenize(SourceFile(name: "t", text: "conv(x, p=\"sa"))
        #expect(diagnostics.map(\.message) == ["unterminated string"])
        #expect(diagnostics.first?.isUnexpectedEnd == false)
        #expect(diagnostics.first?.range.start == 10)
    }
}

@Suite("Parser")
struct ParserTests {
    /// Parses one expression statement and renders it as an s-expression.
    private func tree(_ text: String) -> String {
        let (statements, diagnostics) = Parser.parse(SourceFile(name: "t", text: text))
        guard diagnostics.isEmpty else { return "error: " + diagnostics.map(\.message).joined(separator: "; ") }
        return ASTPrinter.render(statements)
    }

    @Test func precedenceFollowsPython() {
        #expect(tree("1 + 2 * 3") == "(+ 1 (* 2 3))")
        #expect(tree("-2 ** 2") == "(- (** 2 2))")
        #expect(tree("2 ** -1") == "(** 2 (- 1))")
        #expect(tree("2 ** 3 ** 2") == "(** 2 (** 3 2))")
        #expect(tree("1 - 2 - 3") == "(- (- 1 2) 3)")
        #expect(tree("a < b + 1") == "(< a (+ b 1))")
        #expect(tree("not a == b") == "(not (== a b))")
        #expect(tree("a or b and c") == "(or a (and b c))")
    }

    @Test func comparisonsChainAsInPython() {
        #expect(tree("a < b < c") == "(and (< a b) (< b c))")
    }

    @Test func callsWithPositionalAndNamedArguments() {
        #expect(tree("conv(x, [0.5, -1], b=0.1, s=2)") == "(call conv x (list 0.5 (- 1)) b=0.1 s=2)")
    }

    @Test func postfixChains() {
        #expect(tree("m.weight[0][0][1]") == "(index (index (index (. m weight) 0) 0) 1)")
        #expect(tree("torch.nn.functional.conv1d") == "(. (. (. torch nn) functional) conv1d)")
        #expect(tree("x[1:3]") == "(index x (slice 1 3 _))")
        #expect(tree("x[::2]") == "(index x (slice _ _ 2))")
        #expect(tree("x[0, 1]") == "(index x 0 1)")
    }

    @Test func tuplesAndGroups() {
        #expect(tree("a, b, c") == "(tuple a b c)")
        #expect(tree("(a)") == "a")
        #expect(tree("(a,)") == "(tuple a)")
        #expect(tree("()") == "(tuple)")
        #expect(tree("[[[2., 3., 4.,]]]") == "(list (list (list 2 3 4)))")
    }

    @Test func statements() {
        #expect(tree("let x = 1") == "(let x 1)")
        #expect(tree("x = 1, 2") == "(let x (tuple 1 2))")
        #expect(tree("m.weight = w") == "(set m weight w)")
        #expect(tree("w0, w1 = w") == "(let (w0 w1) w)")
        #expect(tree("a, 1 = w") == "error: cannot assign to this expression")
        #expect(tree("fn f(v, n=3) = v * n") == "(fn f v n=3 (* v n))")
        #expect(tree("import torch.nn as nn") == "(import torch.nn as nn)")
        #expect(tree("from torch import nn; 1") == "(from torch import nn) 1")
    }

    @Test func rangesPointAtTheSource() {
        let source = SourceFile(name: "t", text: "let y = conv(x, w)")
        let (statements, _) = Parser.parse(source)
        guard case .assign(_, let nameRange, let value, _)? = statements.first else {
            Issue.record("expected an assignment")
            return
        }
        #expect(source.text(of: nameRange) == "y")
        #expect(source.text(of: value.range) == "conv(x, w)")
    }

    @Test func everySyntaxErrorIsReported() {
        let (_, diagnostics) = Parser.parse(SourceFile(name: "t", text: "let = 1\nconv(x,, 2)\n3 +\nlet y = 2"))
        #expect(diagnostics.count == 3)
        #expect(diagnostics.map { $0.location.line } == [1, 2, 3])
    }

    @Test func positionalAfterNamedIsRefused() {
        #expect(tree("conv(x, s=2, w)") == "error: a positional argument cannot follow the named argument 's'")
    }

    @Test func unexpectedEndIsMarkedForTheREPL() {
        for incomplete in ["conv(x,", "[1, 2", "1 +", "let x =", "fn f(a) ="] {
            #expect(Interpreter.completeness(of: incomplete).needsMoreInput, "\(incomplete)")
        }
        for complete in ["conv(x)", "1 + 2", "let x = 1", ")", "1 2"] {
            #expect(!Interpreter.completeness(of: complete).needsMoreInput, "\(complete)")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        let (_, diagnostics) = Parser.parse(SourceFile(name: "t", text: deep))
        #expect(diagnostics.first?.kind == .limit(.nesting))
        let long = (0..<20_000).map { _ in "1" }.joined(separator: " + ")
        let (_, longDiagnostics) = Parser.parse(SourceFile(name: "t", text: long))
        #expect(longDiagnostics.first?.kind == .limit(.nesting))
        let unary = String(repeating: "-", count: 100_000) + "1"
        #expect(Parser.parse(SourceFile(name: "t", text: unary)).diagnostics.isEmpty == false)
    }
}
