import ConvFuzzing
import ConvLang
import Testing

/// Programs from ``ProgramGenerator`` (the short language and Python mixed: loops, `def`,
/// classes and `nn.Module` layers, `try`, f-strings, containers, convolutions with random and
/// sometimes invalid parameters, `explain`) from fixed seeds, under tight limits: every one
/// parses, runs to a value or one clear error, leaves a usable interpreter, and repeats byte for
/// byte in a fresh interpreter. The same check runs under libFuzzer (`make fuzz FUZZ_TARGET=programs`).
@Suite("Generated mixed programs")
struct GeneratedPythonProgramTests {
    static let seeds: ClosedRange<UInt64> = 1...250

    @Test func generatedProgramsRunCleanlyAndRepeat() {
        var kinds: [String: Int] = [:]
        for seed in Self.seeds {
            let source = ProgramGenerator.program(FuzzChoices(seed: seed))
            let (problems, transcript) = ProgramCheck.check(source)
            #expect(problems.isEmpty, "seed \(seed):\n\(source)\n\(problems.joined(separator: "\n"))")
            let ending = transcript.kinds.first.map { "\($0)" } ?? "success"
            kinds[ending, default: 0] += 1
        }
        // Both endings are common, so the check covers finished runs and errors alike.
        #expect(kinds["success", default: 0] > Self.seeds.count / 10, "\(kinds)")
        #expect(kinds["runtime", default: 0] > Self.seeds.count / 10, "\(kinds)")
    }

    @Test func theSameChoicesMakeTheSameProgram() {
        let bytes: [UInt8] = (0..<500).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        #expect(ProgramGenerator.program(FuzzChoices(bytes: bytes)) == ProgramGenerator.program(FuzzChoices(bytes: bytes)))
        #expect(ProgramGenerator.program(FuzzChoices(seed: 7)) == ProgramGenerator.program(FuzzChoices(seed: 7)))
        #expect(ProgramGenerator.program(FuzzChoices(seed: 7)) != ProgramGenerator.program(FuzzChoices(seed: 8)))
    }

    @Test func noBytesMakeTheSmallestProgram() {
        let source = ProgramGenerator.program(FuzzChoices(bytes: []))
        #expect(source.split(separator: "\n").count == 5, "\(source)")
        #expect(ProgramCheck.problems(running: source).isEmpty)
    }

    @Test func theCheckReportsAProgramThatDoesNotParse() {
        #expect(ProgramCheck.problems(running: "print(1").first?.contains("does not parse") == true)
        #expect(ProgramCheck.problems(running: "print(1)").isEmpty)
    }
}
