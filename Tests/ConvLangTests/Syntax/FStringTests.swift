import Testing
@testable import ConvLang

@Suite("f-strings")
struct FStringTests {
    @Test func fieldsAreOrdinaryTokensBetweenTheText() {
        #expect(Syntax.kinds(#"f"a{x!r:>{w}}b""#) ==
                [.fstringStart, .fstringMiddle, .leftBrace, .identifier, .bang, .identifier, .colon, .fstringMiddle,
                 .leftBrace, .identifier, .rightBrace, .rightBrace, .fstringMiddle, .fstringEnd, .eof])
        #expect(Syntax.texts(#"f"a{x!r:>{w}}b""#) == ["a", ">", "b"])
        #expect(Syntax.kinds("f'{a:{b}}' 1") ==
                [.fstringStart, .leftBrace, .identifier, .colon, .leftBrace, .identifier, .rightBrace, .rightBrace,
                 .fstringEnd, .integer(1), .eof])
    }

    @Test func literalTextAndFields() {
        #expect(Syntax.tree(#"f"a{x}b{y + 1}""#) == #"(f "a" {x} "b" {(+ y 1)})"#)
        #expect(Syntax.tree(#"f''"#) == "(f)")
        #expect(Syntax.tree(#"F"{x}""#) == "(f {x})")
    }

    @Test func conversionsAndSelfDocumentingFields() {
        #expect(Syntax.tree(#"f"{x!r}{x!s}{x!a}""#) == "(f {x !r} {x !s} {x !a})")
        // The text before the value keeps the spaces as written, as Python shows it.
        #expect(Syntax.tree(#"f"{x=}{ y = !r}{z=:>4}""#) == #"(f {x ="x="} {y =" y = " !r} {z ="z=" :">4"})"#)
        #expect(Syntax.tree(#"f"{a==b}""#) == "(f {(== a b)})")
        #expect(Syntax.tree(#"f"{a!=b}""#) == "(f {(!= a b)})")
    }

    @Test func formatSpecsMayHoldFields() {
        #expect(Syntax.tree(#"f"{v:{w}.{p}f}""#) == #"(f {v :{w} "." {p} "f"})"#)
        #expect(Syntax.tree(#"f"{v:>10}""#) == #"(f {v :">10"})"#)
        #expect(Syntax.tree(#"f"{v:}""#) == "(f {v :})")
    }

    @Test func doubledBracesAreLiteral() {
        #expect(Syntax.tree(#"f"{{x}} {{{y}}}""#) == #"(f "{x} {" {y} "}")"#)
    }

    @Test func escapesAndRawFStrings() {
        #expect(Syntax.tree(#"f"a\tb{x}\n""#) == "(f \"a\tb\" {x} \"\n\")")
        #expect(Syntax.tree(#"rf"\d{x}\n""#) == #"(f "\d" {x} "\n")"#)
        #expect(Syntax.tree(#"fr'\d'"#) == #"(f "\d")"#)
    }

    @Test func fieldsHoldAnyExpression() {
        #expect(Syntax.tree(#"f"{d['k']:>{n}} {xs[1:3]} {f(a, b=2)} {a if c else b} {x, y}""#) ==
                #"(f {(index d "k") :">" {n}} " " {(index xs (slice 1 3 _))} " " {(call f a b=2)} " " {(ifexp c a b)} " " {(tuple x y)})"#)
        #expect(Syntax.tree(#"f"{ {'a': 1}['a'] }""#) == #"(f {(index (dict ("a" 1)) "a")})"#)
        #expect(Syntax.tree(#"f"{f'{x}'}""#) == "(f {(f {x})})")
    }

    @Test func tripleQuotedFStringsSpanLines() {
        #expect(Syntax.tree("f\"\"\"a\n{x +\n 1}\n\"\"\"") == "(f \"a\n\" {(+ x 1)} \"\n\")")
        #expect(Syntax.tree("f'''{d[\"k\"]}'''") == #"(f {(index d "k")})"#)
    }

    @Test func adjacentLiteralsJoinIntoOneFString() {
        #expect(Syntax.tree(#""a" f"b{x}" "c" 'd'"#) == #"(f "ab" {x} "cd")"#)
    }

    @Test func expressionsInsideKeepTheirPlaceInTheSource() {
        let (source, statements) = Syntax.statements(#"s = f"ab{x + y!r:>{w}}""#)
        guard case .assign(_, _, .fstring(let parts, let range), _)? = statements.first,
              case .field(let field) = parts.last, case .field(let nested)? = field.formatSpec?.last else {
            Issue.record("expected an f-string with a nested field")
            return
        }
        #expect(Syntax.span(range, in: source) == "1:5-1:24")
        #expect(Syntax.span(field.range, in: source) == "1:9-1:23")
        #expect(Syntax.span(field.expression.range, in: source) == "1:10-1:15")
        #expect(Syntax.span(nested.expression.range, in: source) == "1:20-1:21")
    }

    @Test func errorsInsideAFieldPointIntoTheString() {
        #expect(Syntax.errors(#"s = f"ab{x +}""#) == ["1:13 expected an expression, found '}'"])
        #expect(Syntax.errors(#"s = f"{x!z}""#) == ["1:10 f-string: invalid conversion character 'z'"])
        #expect(Syntax.errors(#"s = f"{}""#) == ["1:7 f-string: empty expression not allowed"])
        #expect(Syntax.errors(#"s = f"{x"+"1""#) == ["1:7 f-string: expecting '}'"])
        #expect(Syntax.errors(#"s = f"a}b""#) == ["1:8 f-string: single '}' is not allowed"])
        #expect(Syntax.errors(#"f"{x # no}""#) == ["1:6 unexpected character '#'"])
        #expect(Syntax.errors(#"f"{\u00e9}""#).first?.hasPrefix("1:4") == true)
    }

    @Test func onlyATripleQuotedFStringLeftOpenGoesOn() {
        for open in ["f'''{x}\n", "f'''{x\n", "f\"\"\"a {x:\n"] {
            #expect(Syntax.continuation(open) == .insideString, "\(open)")
        }
        // Like any string in quotes, a one-line f-string ends on its own line: more lines cannot close it.
        for open in [#"f"{x"#, #"f"{x:"#, #"f"abc"#] {
            #expect(Syntax.isInvalid(open), "\(open)")
        }
        let diagnostic = Syntax.firstError("f\"{x\ny = 1")
        #expect(diagnostic?.message == "unterminated f-string")
        #expect(diagnostic?.isUnexpectedEnd == false)
        #expect(Syntax.errors("f\"{x\ny = 1") == ["1:1 unterminated f-string"])
    }

    @Test func fStringsAreEvaluatedAndTheirErrorsPointAtTheField() {
        #expect(run(#"x = 1; y = f"<{x}>"; print(y)"#).lines == ["<1>"])
        let outcome = run(#"x = 1.5; y = f"a{x:d}""#)
        #expect(outcome.errors == ["ValueError: Unknown format code 'd' for object of type 'float'"])
        #expect(outcome.diagnostics.first?.location.column == 17)
    }
}
