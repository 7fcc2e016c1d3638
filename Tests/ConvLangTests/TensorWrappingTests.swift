import Testing
import ConvLang
import ConvNumerics

@Suite("Tensors wrap at a line width")
struct TensorWrappingTests {
    private func value(_ source: String) -> Value {
        var shown: Value = .none
        let interpreter = Interpreter(configuration: .init(seed: 0)) { event in
            if case .value(let value) = event { shown = value }
        }
        _ = interpreter.run(source)
        return shown
    }

    @Test func aLongRowWrapsAsNumPyDoesWithAlignedElements() {
        let text = ValueFormatter.display(value("arange(40)"), lineWidth: 75)
        #expect(text == """
        [ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,
         18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
         36, 37, 38, 39]
        """)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 75 })
    }

    @Test func rowsOfAMatrixWrapUnderTheirFirstElement() {
        let text = ValueFormatter.display(value("ones(2, 30) * 10"), lineWidth: 40)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 40 }, "\(lines)")
        #expect(lines[0].hasPrefix("[[10, 10,"))
        #expect(lines[1].hasPrefix("  10, 10,"))
        #expect(lines.contains { $0.hasPrefix(" [10, 10,") })
        #expect(text.hasSuffix("10]]"))
    }

    @Test func whatFitsAndWhatIsNotATensorIsUnchanged() {
        #expect(ValueFormatter.display(value("arange(5)"), lineWidth: 75) == "[0, 1, 2, 3, 4]")
        #expect(!ValueFormatter.display(value("arange(40)")).contains("\n"), "no width, no wrapping")
        let tuple = value("(arange(30), 1)")
        #expect(ValueFormatter.display(tuple, lineWidth: 40) == ValueFormatter.display(tuple))
        let summarised = value("arange(5000)")
        #expect(ValueFormatter.display(summarised, lineWidth: 75) == "[0, 1, 2, ..., 4997, 4998, 4999] (shape [5000])")
    }

    @Test func printedTensorsWrapButPrintedTextDoesNot() {
        #expect(OutputEvent.printed([value("arange(40)")]).text(lineWidth: 75).contains("\n"))
        let long = String(repeating: "word ", count: 30)
        #expect(OutputEvent.printed([.string(long)]).text(lineWidth: 75) == long)
        #expect(OutputEvent.printed([.string("x"), value("arange(40)")]).text(lineWidth: 75).contains("\n") == false)
    }
}
