import Testing
@testable import ConvLang

@Suite("Lexer")
struct LexerTests {
    private func kinds(_ text: String) -> [TokenKind] {
        Lexer.tokenize(SourceFile(name: "t", text: text)).tokens.map(\.kind)
    }

    @Test func numbersInEveryForm() {
        #expect(kinds("2 2. .5 1e-3 1_000") == [.number(2), .number(2), .number(0.5), .number(0.001), .number(1000), .eof])
    }

    @Test func stringsWithEitherQuote() {
        #expect(kinds("'same' \"valid\"") == [.string("same"), .string("valid"), .eof])
    }

    @Test func tripleQuotedStringsSpanLines() {
        #expect(kinds("\"\"\"two\nlines\"\"\" '\'\'x\'\'\'") == [.string("two\nlines"), .string("x"), .eof])
        let (_, diagnostics) = Lexer.tokenize(SourceFile(name: "t", text: "s = \"\"\"open"))
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
        #expect(kinds("(1,\n2)\n3") == [.leftParen, .number(1), .comma, .number(2), .rightParen, .newline, .number(3), .eof])
    }

    @Test func commentsRunToTheEndOfTheLine() {
        #expect(kinds("1 # a comment ( [\n2") == [.number(1), .newline, .number(2), .eof])
    }

    @Test func unicodeNamesAreIdentifiers() {
        let (tokens, diagnostics) = Lexer.tokenize(SourceFile(name: "t", text: "µ σ2"))
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.kind) == [.identifier, .identifier, .eof])
    }

    @Test func badCharactersAreReportedWithHints() {
        let (_, diagnostics) = Lexer.tokenize(SourceFile(name: "t", text: "3 − 1"))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message == "unexpected character '−'")
        #expect(diagnostics.first?.notes.first?.contains("Unicode minus") == true)
    }

    @Test func numberGluedToANameIsOneError() {
        let (_, diagnostics) = Lexer.tokenize(SourceFile(name: "t", text: "2x"))
        #expect(diagnostics.map(\.message) == ["'2x' is not a number or a name; is an operator missing, as in '2 * x'?"])
    }

    @Test func anOpenOneLineStringIsNeverAnUnexpectedEnd() {
        // More lines cannot close a string in single quotes, so a REPL reports it at once.
        let (_, diagnostics) = Lexer.tokenize(SourceFile(name: "t", text: "conv(x, p=\"sa"))
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
        return statements.map(render).joined(separator: " ")
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
        #expect(tree("import torch.nn as nn") == "(import)")
        #expect(tree("from torch import nn; 1") == "(import) 1")
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

/// An s-expression for a statement, so tests can assert on the tree's shape.
private func render(_ statement: Stmt) -> String {
    switch statement {
    case .assign(let name, _, let value, _): "(let \(name) \(render(value)))"
    case .assignMany(let targets, let value, _): "(let (\(targets.map(\.name).joined(separator: " "))) \(render(value)))"
    case .assignMember(let object, let member, _, let value, _): "(set \(render(object)) \(member) \(render(value)))"
    case .function(let f):
        "(fn \(f.name) " + f.parameters.map { p in p.defaultValue.map { "\(p.name)=\(render($0))" } ?? p.name }.joined(separator: " ")
            + " \(render(f.body)))"
    case .expression(let e): render(e)
    case .importLine: "(import)"
    }
}

private func render(_ expr: Expr) -> String {
    switch expr {
    case .number(let x, _): ValueFormatter.format(x)
    case .string(let s, _): "\"\(s)\""
    case .bool(let b, _): b ? "true" : "false"
    case .none: "none"
    case .name(let n, _): n
    case .list(let items, _): "(list" + items.map { " " + render($0) }.joined() + ")"
    case .tuple(let items, _): "(tuple" + items.map { " " + render($0) }.joined() + ")"
    case .unary(let op, let e, _): "(\(op.rawValue) \(render(e)))"
    case .binary(let op, let l, let r, _, _): "(\(op.rawValue) \(render(l)) \(render(r)))"
    case .call(let callee, let args, _):
        "(call \(render(callee))" + args.map { a in " " + (a.label.map { "\($0)=" } ?? "") + render(a.value) }.joined() + ")"
    case .index(let base, let subs, _):
        "(index \(render(base))" + subs.map { s -> String in
            switch s {
            case .index(let e): " " + render(e)
            case .slice(let a, let b, let c, _): " (slice \(a.map(render) ?? "_") \(b.map(render) ?? "_") \(c.map(render) ?? "_"))"
            }
        }.joined() + ")"
    case .member(let object, let name, _, _): "(. \(render(object)) \(name))"
    case .explain(let target, let options, _):
        "(explain \(render(target))" + options.map { " \($0.label ?? "")=\(render($0.value))" }.joined() + ")"
    }
}
