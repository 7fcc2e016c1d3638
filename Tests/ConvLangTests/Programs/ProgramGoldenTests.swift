import Testing

/// The programs under `Tests/Programs`, each run through the interpreter and compared with the
/// text it must show. One runner for every file: a new case is a new pair of files.
@Suite("Program goldens in Tests/Programs")
struct ProgramGoldenTests {
    @Test(arguments: ProgramGolden.all)
    func programShowsExactlyItsExpectedText(_ golden: ProgramGolden) throws {
        let source = try #require(ProgramGolden.text(at: golden.programPath), "\(golden.expectedPath) has no program \(golden.programPath)")
        let expected = try #require(ProgramGolden.text(at: golden.expectedPath), "\(golden.programPath) has no \(golden.expectedPath)")
        let actual = ProgramGolden.transcript(of: source, name: golden.programPath)
        if let difference = ProgramGolden.firstDifference(expected: expected, actual: actual) {
            Issue.record("\(golden.programPath) does not show \(golden.expectedPath): \(difference)")
        }
    }

    /// The runner finds the programs (a wrong folder would leave it nothing to run).
    @Test func theRunnerFindsEveryTopic() {
        let topics = Dictionary(grouping: ProgramGolden.all) { $0.name.prefix { $0 != "/" } }
        #expect(topics["explain"]?.count ?? 0 >= 31)
    }

    @Test func theFirstDifferenceNamesTheLineAndBothTexts() {
        #expect(ProgramGolden.firstDifference(expected: "a\nb\n", actual: "a\nb\n") == nil)
        #expect(ProgramGolden.firstDifference(expected: "a\nb\n", actual: "a\nc\n")
                == "first difference at line 2:\n  expected: \"b\"\n  actual:   \"c\"")
        #expect(ProgramGolden.firstDifference(expected: "a\n", actual: "a\nmore\n")
                == "first difference at line 2:\n  expected: \"\"\n  actual:   \"more\"")
        #expect(ProgramGolden.firstDifference(expected: "a\n", actual: "a")
                == "first difference at line 2:\n  expected: \"\"\n  actual:   (the text ends before this line)")
    }
}
