import ConvLang
import Foundation
import Testing

/// The record format of `conv --json` and `conv --serve` (docs/json.md).
@Suite("Output records")
struct OutputRecordTests {
    /// The records of `source` parsed back, with figures as events.
    static func records(_ source: String) -> [[String: Any]] {
        var lines: [String] = []
        var configuration = Interpreter.Configuration(seed: 0)
        configuration.figuresAsEvents = true
        let interpreter = Interpreter(recording: configuration) { lines.append($0.json) }
        let result = interpreter.run(source, name: "test.conv")
        lines += result.diagnostics.map { OutputRecord.diagnostic($0).json }
        return lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test func everyRecordNamesTheLineOfItsStatement() {
        let records = Self.records("let x = [2, 3, 4]\n\nprint(x)\nconv(x,\n  [1, 1])")
        #expect(records.map { $0["kind"] as? String } == ["print", "value"])
        #expect(records.map { $0["line"] as? Int } == [3, 4])
    }

    @Test func listsTuplesAndPrintsAreToldApart() {
        let records = Self.records("[1, 2]\n(1, 2)\nprint(1, 2)")
        #expect(records[0]["type"] as? String == "tensor")
        #expect(records[0]["shape"] as? [Int] == [2])
        #expect(records[1]["type"] as? String == "tuple")
        #expect((records[1]["items"] as? [[String: Any]])?.count == 2)
        #expect(records[2]["kind"] as? String == "print")
        #expect((records[2]["values"] as? [[String: Any]])?.compactMap { $0["value"] as? Double } == [1, 2])
    }

    @Test func nonFiniteNumbersAreNullWithTheirIndices() {
        let record = Self.records("[[1, 0/0], [1/0, -1/0]]")[0]
        #expect((record["value"] as? [[Any]])?.flatMap { $0 }.filter { $0 is NSNull }.count == 3)
        let nonfinite = record["nonfinite"] as? [String: [Int]]
        #expect(nonfinite == ["NaN": [1], "Infinity": [2], "-Infinity": [3]])
        #expect(Self.records("[1, 2]")[0]["nonfinite"] == nil)
    }

    /// The interpreter has no file access: the drawings come without any file.
    @Test func explanationsAndPlotsCarryTheirDrawing() {
        let records = Self.records("explain conv([2, 3, 4], [0.5, -1])\nplot([1, 2, 3])\nlengths(L=3, k=2)")
        #expect(records.map { $0["kind"] as? String } == ["explain", "value", "plot", "explain", "value"])
        #expect((records[0]["svg"] as? String)?.contains("<svg") == true)
        #expect((records[2]["svg"] as? String)?.contains("<svg") == true)
        #expect(records[3]["svg"] is NSNull, "lengths has no drawing")
    }

    @Test func diagnosticsHaveKindRangeNotesAndText() {
        let runtime = Self.records("1\nconv([1, 2, 3], q=2)")
        let record = runtime[1]
        #expect(record["kind"] as? String == "diagnostic")
        #expect(record["diagnostic_kind"] as? String == "runtime")
        #expect(record["severity"] as? String == "error")
        #expect(record["message"] as? String == "conv has no argument 'q'")
        let range = record["range"] as? [String: [String: Int]]
        #expect(range?["start"] == ["line": 2, "column": 17])
        #expect(range?["end"] == ["line": 2, "column": 18])
        #expect((record["notes"] as? [String])?.isEmpty == false)
        #expect((record["text"] as? String)?.hasPrefix("test.conv:2:17: error: conv has no argument 'q'\n 2 | conv(") == true)
        let syntax = Self.records("let = 1")
        #expect(syntax.first?["diagnostic_kind"] as? String == "syntax")
    }
}
