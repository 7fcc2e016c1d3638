import Testing
@testable import ConvLang

@Suite("f-strings")
struct FStringTests {
    @Test func fieldsAreOrdinaryTokensBetweenTheText() {
        #expect(Syntax.kinds(#"f"a{x!r:>{w}}b""#) ==
                [.fstringStart, .fstringMiddle("a"), .leftBrace, .identifier, .bang, .identifier, .colon, .fstringMiddle(">"),
                 .leftBrace, .identifier, .rightBrace, .rightBrace, .fstringMiddle("b"), .fstringEnd, .eof])
        #expect(Syntax.kinds("f'{a:{b}}' 1") ==
                [.fstringStart, .leftBrace, .identifier, .colon, .leftBrace, .identifier, .rightBrace, .rightBrace,
                 .fstringEnd, .integer(1), .eof])
    }
}
