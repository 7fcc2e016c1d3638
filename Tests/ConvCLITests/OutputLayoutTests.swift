import ConvLang
import Testing
@testable import ConvCLI

@Suite("Output that fits the terminal")
struct OutputLayoutTests {
    /// What `source` explains, as the library writes it.
    private func explanation(_ source: String) -> String {
        var text = ""
        let interpreter = Interpreter(configuration: .init(seed: 0)) { event in
            if case .explanation(let shown) = event { text = shown }
        }
        _ = interpreter.run(source)
        return text
    }

    @Test func aWideInputTableFoldsIntoBlocksThatRepeatTheLabels() {
        let text = explanation("explain(conv(arange(200), [1, 2, 1], s=2, p=1), all=true)")
        #expect(text.split(separator: "\n").contains { $0.count > 1000 }, "the table is one very long line")
        let folded = TableFolding.fold(text, width: 80)
        let lines = folded.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let tableLines = lines.filter { TableFolding.isTableLine(Array($0)) }
        #expect(tableLines.allSatisfy { $0.count <= 80 }, "\(tableLines.filter { $0.count > 80 })")
        // Every position shows once, in order, each block labelled.
        let positions = lines.filter { $0.hasPrefix("  position ") }
        #expect(positions.count > 10)
        let numbers = positions.flatMap { $0.dropFirst("  position ".count).split(separator: " ").compactMap { Int($0) } }
        #expect(numbers == Array(0...201))
        #expect(lines.filter { $0.hasPrefix("  value ") }.count == positions.count)
        // Prose is left alone.
        #expect(lines.contains("steps (one per output element):"))
    }

    @Test func whatFitsIsUnchanged() {
        let text = explanation("explain conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)")
        #expect(TableFolding.fold(text, width: 80) == text)
        #expect(TableFolding.fold("a  b  c\nsome prose that is long", width: 10) == "a  b  c\nsome prose that is long")
    }

    @Test func aCellIsNeverCut() {
        let table = ["  value    " + (100..<130).map { "  \($0)" }.joined(), "  index    " + (0..<30).map { "  \($0 < 10 ? " " : "")\($0) " }.joined()]
        let folded = TableFolding.fold(table.joined(separator: "\n"), width: 40)
        let numbers = folded.split(separator: "\n").filter { $0.hasPrefix("  value") }.flatMap { $0.split(separator: " ").compactMap { Int($0) } }
        #expect(numbers == Array(100..<130))
    }

    @Test func outputThatIsNotATerminalWrapsAtNumPysWidthAndNeverFolds() throws {
        let piped = try CLIEndToEndTests.conv(["-e", "arange(40)"])
        #expect(piped.stdout == """
        [ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,
         18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
         36, 37, 38, 39]

        """)
        let json = try CLIEndToEndTests.conv(["--json", "-e", "arange(40)"])
        #expect(!json.stdout.dropLast().contains("\n"), "one JSON line")
        let explained = try CLIEndToEndTests.conv(["-e", "explain(conv(arange(60), [1, 1]), all=true)"])
        #expect(explained.stdout.split(separator: "\n").contains { $0.hasPrefix("  position") && $0.count > 200 })
    }
}
