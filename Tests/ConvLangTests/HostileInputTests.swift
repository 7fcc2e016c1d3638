import ConvLang
import ConvNumerics
import Testing

/// Inputs built to hurt: deep blocks, deep f-strings, enormous lines. Each ends in a value or a
/// clear error, quickly; none traps or hangs.
@Suite("Hostile input")
struct HostileInputTests {
    @Test func thousandsOfNestedBlocksAreANestingErrorNotAStackOverflow() {
        let depth = 5_000
        let source = (0..<depth).map { String(repeating: " ", count: $0) + "if 1:" }.joined(separator: "\n")
            + "\n" + String(repeating: " ", count: depth) + "x = 1\n"
        let outcome = run(source)
        #expect(!outcome.diagnostics.isEmpty)
        #expect(outcome.kinds.allSatisfy { $0 == .syntax || $0 == .limit(.nesting) }, "\(outcome.errors.prefix(2))")
        // Nesting as deep as real code goes runs.
        let fine = (0..<20).map { String(repeating: "    ", count: $0) + "if 1:" }.joined(separator: "\n")
            + "\n" + String(repeating: "    ", count: 20) + "print(\"deep\")\n"
        #expect(run(fine).text == "deep")
    }

    @Test func deeplyNestedFStringsAreAnErrorNotAStackOverflow() {
        let depth = 3_000
        let source = String(repeating: "f\"{", count: depth) + "1" + String(repeating: "}\"", count: depth)
        let outcome = run(source)
        #expect(!outcome.diagnostics.isEmpty)
        #expect(outcome.kinds.allSatisfy { $0 == .syntax || $0 == .limit(.nesting) }, "\(outcome.errors.prefix(2))")
    }

    @Test func aMillionColumnsOnOneCSVLineDecodeOrAreRefusedByTheLimit() throws {
        let line = Array(repeating: "1.5", count: 1_000_000).joined(separator: ",") + "\n"
        let tensor = try CSVFormat.decode(Array(line.utf8))
        #expect(tensor.count == 1_000_000)
        #expect(throws: CSVFormat.Failure.self) { try CSVFormat.decode(Array(line.utf8), elementLimit: 1_000) }
    }

    @Test func npyHeadersThatLieAboutTheirSizeAreRefusedBeforeAllocating() {
        for shape in ["(1000000000000,)", "(9223372036854775807, 2)", "(4, 4)"] {
            let header = "{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }"
            let padded = header + String(repeating: " ", count: 63 - (10 + header.utf8.count) % 64) + "\n"
            let bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(padded.utf8.count % 256),
                                                                 UInt8(padded.utf8.count / 256)]
                + Array(padded.utf8) + [UInt8](repeating: 0, count: 16)
            #expect(throws: NPYFormat.Failure.self, "\(shape)") { try NPYFormat.decode(bytes) }
        }
    }
}

/// A program too large to read within the limits stops while it is read, with the limit's error
/// and nothing run, instead of taking minutes and gigabytes before the first statement.
@Suite("Reading limits")
struct ReadingLimitTests {
    static let manyLines = String(repeating: "x = 1\n", count: 10_000)

    @Test func theMemoryBudgetStopsReadingAnEnormousProgram() {
        let interpreter = Interpreter(configuration: .init(seed: 0, limits: Limits(maximumMemory: 1)))
        let result = interpreter.run(Self.manyLines)
        #expect(result.diagnostics.map(\.kind) == [.limit(.memory)])
        #expect(result.diagnostics.first?.message.hasPrefix("out of memory while reading the program") == true)
        #expect(interpreter["x"] == nil, "nothing of it ran")
        // A program shorter than the check interval is read whole, and runs.
        #expect(interpreter.run("y = 2\ny").lastValue.map(ValueFormatter.display) == "2")
    }

    @Test func withinTheLimitsAnEnormousProgramIsReadWhole() {
        let interpreter = Interpreter(configuration: .init(seed: 0))
        #expect(interpreter.run(Self.manyLines + "x + 1").lastValue.map(ValueFormatter.display) == "2")
    }
}
