import Testing
@testable import ConvLang

/// Each construct of Python that conv refuses gives its one message, at its first token.
@Suite("Unsupported Python constructs")
struct UnsupportedSyntaxTests {
    private func refusal(_ text: String) -> String? {
        let diagnostics = Parser.parse(SourceFile(name: "t", text: text)).diagnostics
        guard diagnostics.count == 1, let diagnostic = diagnostics.first else {
            return "\(diagnostics.count) diagnostics: \(diagnostics.map(\.message))"
        }
        return "\(diagnostic.location) \(diagnostic.message)"
    }

    private static let prefix = "conv runs a subset of Python: "

    @Test func yieldInsideAnExpression() {
        let refused = "\(Self.prefix)'yield' inside an expression is not part of it"
        #expect(refusal("def f():\n    x = yield") == "2:9 \(refused)")
        #expect(refusal("def f():\n    return (yield)") == "2:13 \(refused)")
        #expect(refusal("def f():\n    print((yield 1))") == "2:12 \(refused)")
        #expect(refusal("def f():\n    x += yield") == "2:10 \(refused)")
        #expect(Syntax.firstError("def f():\n    x = yield 1")?.notes
            == ["write 'yield' as a statement of its own ('yield v' or 'yield from xs'); values sent into a generator are not supported"])
    }

    @Test func yieldAsAStatementParsesInsideADefOnly() {
        #expect(refusal("def f():\n    yield 1") == "0 diagnostics: []")
        #expect(refusal("def f():\n    yield\n    yield a, b\n    yield from g()") == "0 diagnostics: []")
        #expect(refusal("yield 1") == "1:1 'yield' outside function")
        #expect(refusal("class C:\n    yield 1") == "2:5 'yield' outside function")
    }

    @Test func asyncAndAwait() {
        #expect(refusal("async def f(): pass") == "1:1 \(Self.prefix)'async' is not part of it")
        #expect(refusal("def f():\n    async with a: pass") == "2:5 \(Self.prefix)'async' is not part of it")
        #expect(refusal("def f():\n    async for x in y: pass") == "2:5 \(Self.prefix)'async' is not part of it")
        #expect(refusal("@d\nasync def f(): pass") == "2:1 \(Self.prefix)'async' is not part of it")
        #expect(refusal("def f():\n    return await g()") == "2:12 \(Self.prefix)'await' is not part of it")
        #expect(refusal("[x async for x in y]") == "1:4 \(Self.prefix)'async' is not part of it")
    }

    @Test func matchStatementsButNotTheName() {
        #expect(refusal("match command:\n    case 1:\n        pass") == "1:1 \(Self.prefix)the 'match' statement is not part of it")
        #expect(refusal("match (a, b):\n    case (1, 2): pass") == "1:1 \(Self.prefix)the 'match' statement is not part of it")
        #expect(Syntax.tree("match = re.match(p, s)\nmatch(x)\ncase = 1\ntype = 2") ==
                "(let match (call (. re match) p s)) (call match x) (let case 1) (let type 2)")
    }

    @Test func walrusAtItsTarget() {
        #expect(refusal("if (n := len(a)) > 10: pass") == "1:5 \(Self.prefix)the assignment expression ':=' is not part of it")
        #expect(refusal("print(x := 5)") == "1:7 \(Self.prefix)the assignment expression ':=' is not part of it")
        #expect(Syntax.firstError("while (line := read()): pass")?.notes == ["assign on a line of its own first, as in: n = len(x)"])
    }

    @Test func python2Forms() {
        #expect(refusal("print \"hello\"") == "1:1 \(Self.prefix)the Python 2 'print' statement is not part of it")
        #expect(refusal("print x") == "1:1 \(Self.prefix)the Python 2 'print' statement is not part of it")
        #expect(refusal("print >>f, x") == "1:1 \(Self.prefix)'print >>file' is not part of it")
        #expect(refusal("x = `y`") == "1:5 \(Self.prefix)backticks are not part of it")
        #expect(refusal("a <> b") == "1:3 \(Self.prefix)'<>' is not part of it")
        #expect(Syntax.tree("print(x); print (x); print") == "(call print x) (call print x) print")
    }

    @Test func literalsConvHasNoValueFor() {
        #expect(refusal("x = b'abc'") == "1:5 \(Self.prefix)bytes literals (b\"...\") are not part of it")
        #expect(refusal("x = 2j") == "1:5 \(Self.prefix)complex numbers are not part of it")
        #expect(refusal(#"x = "\N{BULLET}""#) == #"1:6 \#(Self.prefix)the escape '\N{...}' is not part of it"#)
    }

    @Test func exceptStar() {
        #expect(refusal("try: pass\nexcept* E: pass") == "2:1 \(Self.prefix)'except*' is not part of it")
    }

    @Test func everyMessageHasItsConstructAndOneHomeOfWords() {
        let all: [UnsupportedSyntax] = [.yield, .async, .await, .matchStatement, .walrus, .decorator("x"), .printStatement,
                                        .printChevron, .backtick, .diamondOperator, .bytesLiteral, .complexNumber,
                                        .namedEscape, .exceptStar]
        for construct in all {
            #expect(construct.message.hasPrefix(Self.prefix))
            #expect(construct.message.contains(construct.construct))
        }
    }
}
