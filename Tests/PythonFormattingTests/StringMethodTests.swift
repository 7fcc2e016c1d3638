import Testing
import PythonFormatting

/// Python's str methods count code points, where Swift counts grapheme clusters.
@Suite("str methods")
struct StringMethodTests {
    @Test func lengthsAndIndicesAreByCodePoint() throws {
        let cafe = "cafe\u{301}"  // one Swift Character at the end, two code points
        #expect(cafe.count == 4)
        #expect(PythonString.length(cafe) == 5)
        #expect(try PythonString.character(cafe, at: -1) == "\u{301}")
        #expect(try PythonString.slice(cafe, stop: 4) == "cafe")
        #expect(try PythonString.slice("abcdef", start: -2, step: -2) == "eca")
        #expect(PythonString.find(cafe, "\u{301}") == 4)
        #expect(try PythonString.center(cafe, 7, fill: "*") == "*cafe\u{301}*")
    }

    @Test func errorsAreTyped() {
        #expect(throws: PythonFormatError.emptySeparator) { try PythonString.split("a b", separator: "") }
        #expect(throws: PythonFormatError.sliceStepZero) { try PythonString.slice("abc", step: 0) }
        #expect(throws: PythonFormatError.indexOutOfRange) { try PythonString.character("abc", at: 3) }
        #expect(throws: PythonFormatError.substringNotFound) { try PythonString.index("abc", "d") }
        #expect(throws: PythonFormatError.fillCharacterNotSingle) { try PythonString.ljust("a", 3, fill: "ab") }
        #expect(throws: PythonFormatError.resultTooLarge) { try PythonString.zfill("1", 1 << 40) }
    }

    @Test func tutorialLines() throws {
        #expect(try PythonString.split("  loss: 0.25  acc: 0.9 ") == ["loss:", "0.25", "acc:", "0.9"])
        #expect(try PythonString.rsplit("a.b.c", separator: ".", maxSplit: 1) == ["a.b", "c"])
        #expect(PythonString.join(", ", ["conv1", "relu", "pool"]) == "conv1, relu, pool")
        #expect(PythonString.startsWith("model.pt", ["x", "model"]))
        #expect(PythonString.title("hello world") == "Hello World")
        #expect(PythonString.repr("it's") == "\"it's\"")
    }
}
