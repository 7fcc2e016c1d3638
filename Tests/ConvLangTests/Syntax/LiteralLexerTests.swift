import Testing
@testable import ConvLang

@Suite("Lexer: numbers, strings and operators")
struct LiteralLexerTests {
    @Test func integersAndFloatsStayApart() {
        #expect(Syntax.kinds("7 0x1f 0o17 0b101 1_000 0 00") ==
                [.integer(7), .integer(31), .integer(15), .integer(5), .integer(1000), .integer(0), .integer(0), .eof])
        #expect(Syntax.kinds("2. .5 1e-3 7.0 1E5 1_0.5") ==
                [.float(2), .float(0.5), .float(0.001), .float(7), .float(100_000), .float(10.5), .eof])
    }

    @Test func integersAreExactAtAnySize() {
        #expect(Syntax.kinds("9223372036854775807") == [.integer(Int64.max), .eof])
        #expect(Syntax.kinds("9007199254740993") == [.integer(9_007_199_254_740_993), .eof])
        // Beyond 64 bits a literal is a big int, in every base and with `_` between digits.
        for literal in ["9223372036854775808", "0x8000000000000000", "0o1_000_000_000_000_000_000_000", "1_000_000_000_000_000_000_000"] {
            let kinds = Syntax.kinds(literal)
            guard case .bigInteger? = kinds.first else { Issue.record("\(literal) lexed as \(kinds)"); continue }
            #expect(kinds.count == 2)
        }
        // Python's compiler refuses a decimal literal past its 4300-digit limit; hexadecimal has none.
        let diagnostic = Syntax.firstError("x = " + String(repeating: "7", count: 4301))
        #expect(diagnostic?.message.hasPrefix("Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits") == true)
        #expect(diagnostic?.location.column == 5)
        #expect(Syntax.errors("0x" + String(repeating: "f", count: 5000)) == [])
    }

    @Test func malformedNumbersAreOneError() {
        #expect(Syntax.errors("0b102") == ["1:1 invalid digit '2' in a base-2 integer"])
        #expect(Syntax.errors("0x") == ["1:1 malformed number '0x'"])
        #expect(Syntax.errors("0x1g") == ["1:1 '0x1g' is not a number or a name; is an operator missing, as in '2 * x'?"])
    }

    @Test func integersRunAsTheNumbersTheyWereBefore() {
        #expect(show("7 // 2") == "3")
        #expect(show("0x10 + 0b1") == "17")
        #expect(show("[1, 2, 3]") == "[1, 2, 3]")
    }

    @Test func escapesAsPythonReadsThem() {
        #expect(Syntax.kinds(#""a\tb\n\\\'\"\r\0""#) == [.string, .eof])
        #expect(Syntax.texts(#""a\tb\n\\\'\"\r\0""#) == ["a\tb\n\\'\"\r\u{0}"])
        #expect(Syntax.kinds(#""\x41\u00e9\U0001F600\101\7""#) == [.string, .eof])
        #expect(Syntax.texts(#""\x41\u00e9\U0001F600\101\7""#) == ["Aé😀A\u{7}"])
        #expect(Syntax.kinds(#""\a\b\f\v""#) == [.string, .eof])
        #expect(Syntax.texts(#""\a\b\f\v""#) == ["\u{7}\u{8}\u{C}\u{B}"])
    }

    @Test func unknownEscapesAreKeptAsWritten() {
        #expect(Syntax.kinds(#""C:\data\I\q.csv""#) == [.string, .eof])
        #expect(Syntax.texts(#""C:\data\I\q.csv""#) == [#"C:\data\I\q.csv"#])
        #expect(Syntax.kinds(#""\I""#) == [.string, .eof])
        #expect(Syntax.texts(#""\I""#) == [#"\I"#])
    }

    @Test func aBackslashAtTheEndOfALineJoinsTheLines() {
        #expect(Syntax.kinds("\"ab\\\ncd\"") == [.string, .eof])
        #expect(Syntax.texts("\"ab\\\ncd\"") == ["abcd"])
        #expect(Syntax.kinds("\"ab\\\r\ncd\"") == [.string, .eof])
        #expect(Syntax.texts("\"ab\\\r\ncd\"") == ["abcd"])
    }

    @Test func badEscapesAreLocated() {
        let diagnostic = Syntax.firstError(#"s = "ab\x4""#)
        #expect(diagnostic?.message == #"truncated \xXX escape"#)
        #expect(diagnostic?.location.column == 8)
        #expect(Syntax.errors(#""\ud800""#) == [#"1:2 '\ud800' is not a valid character"#])
    }

    @Test func rawStringsKeepBackslashes() {
        #expect(Syntax.kinds(#"r"a\nb\"c" R'\d+'"#) == [.string, .string, .eof])
        #expect(Syntax.texts(#"r"a\nb\"c" R'\d+'"#) == [#"a\nb\"c"#, #"\d+"#])
    }

    @Test func adjacentLiteralsJoin() {
        #expect(Syntax.tree(#""a" 'b' r"\c""#) == #""ab\c""#)
        let (source, statements) = Syntax.statements("x = (\"one\"\n     \"two\")")
        guard case .assign(_, _, .string(let value, let range), _)? = statements.first else {
            Issue.record("expected a string")
            return
        }
        #expect(value == "onetwo")
        #expect(Syntax.span(range, in: source) == "1:6-2:11")
    }

    @Test func tripleQuotedStringsAsBefore() {
        #expect(Syntax.kinds("'''a\n\"b\"'''") == [.string, .eof])
        #expect(Syntax.texts("'''a\n\"b\"'''") == ["a\n\"b\""])
    }

    @Test func bytesAreRefused() {
        #expect(Syntax.errors(#"x = b"abc""#) == [#"1:5 conv runs a subset of Python: bytes literals (b"...") are not part of it"#])
        #expect(Syntax.firstError(#"rb'\x00'"#)?.notes == ["use a plain string"])
    }

    @Test func stringPrefixesAreNotNames() {
        #expect(Syntax.kinds("u'x' f b r") == [.string, .identifier, .identifier, .identifier, .eof])
        #expect(Syntax.texts("u'x' f b r") == ["x"])
        #expect(Syntax.kinds("rf'a'").first == .fstringStart)
    }

    @Test func newOperatorsLexLongestFirst() {
        #expect(Syntax.kinds("+= -= *= /= //= %= **= @= &= |= ^= >>= <<=") ==
                [.augmentedAssign(.add), .augmentedAssign(.subtract), .augmentedAssign(.multiply), .augmentedAssign(.divide),
                 .augmentedAssign(.floorDivide), .augmentedAssign(.remainder), .augmentedAssign(.power),
                 .augmentedAssign(.matrixMultiply), .augmentedAssign(.bitAnd), .augmentedAssign(.bitOr),
                 .augmentedAssign(.bitXor), .augmentedAssign(.shiftRight), .augmentedAssign(.shiftLeft), .eof])
        #expect(Syntax.kinds("@ -> := { } & | ^ ~ << >> ... .") ==
                [.at, .arrow, .colonEqual, .leftBrace, .rightBrace, .ampersand, .pipe, .caret, .tilde, .lessLess,
                 .greaterGreater, .ellipsis, .dot, .eof])
    }

    @Test func bracesContinueLinesLikeOtherBrackets() {
        #expect(Syntax.kinds("{1:\n2}") == [.leftBrace, .integer(1), .colon, .integer(2), .rightBrace, .eof])
    }

    @Test func pythonKeywordsAndSoftKeywords() {
        #expect(Syntax.kinds("def return if elif else for in while break continue pass class lambda") ==
                [.kwDef, .kwReturn, .kwIf, .kwElif, .kwElse, .kwFor, .kwIn, .kwWhile, .kwBreak, .kwContinue, .kwPass,
                 .kwClass, .kwLambda, .eof])
        #expect(Syntax.kinds("global nonlocal del with try except finally raise assert is yield async await") ==
                [.kwGlobal, .kwNonlocal, .kwDel, .kwWith, .kwTry, .kwExcept, .kwFinally, .kwRaise, .kwAssert, .kwIs,
                 .kwYield, .kwAsync, .kwAwait, .eof])
        #expect(Syntax.kinds("match case type print letter lets") == Array(repeating: .identifier, count: 6) + [.eof])
    }

    @Test func everyKeywordFitsTheLookUp() {
        for spelling in TokenKind.keywordSpellings {
            #expect(spelling.utf8.count <= TokenKind.longestKeyword)
            #expect(TokenKind.keyword(spelling)?.isKeyword == true, "\(spelling)")
        }
        #expect(TokenKind.keyword("lets") == nil)
        #expect(TokenKind.keyword("") == nil)
    }
}
