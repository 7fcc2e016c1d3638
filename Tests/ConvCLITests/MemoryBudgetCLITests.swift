import Testing

/// The memory budget end to end, in a process of its own so that no other test's memory counts:
/// a 400 MB budget holds one 300 MB tensor, not two.
@Suite("Memory budget end to end")
struct MemoryBudgetCLITests {
    /// 37.5 million float64 elements: 300 MB.
    static let large = "zeros(37500000)"

    static func conv(_ program: String) throws -> CLIEndToEndTests.Run {
        try CLIEndToEndTests.conv(["--max-memory", "400MB", "-e", program])
    }

    @Test func goingOverTheBudgetIsAnOutOfMemoryErrorWithExitStatus1() throws {
        let run = try Self.conv("let a = \(Self.large)\nprint(\"made a\")\nlet b = \(Self.large)\nprint(\"made b\")")
        #expect(run.status == 1)
        #expect(run.stdout == "made a\n")
        #expect(run.stderr.contains("<-e>:3:9: error: out of memory: this needs 300 MB more, and 300 MB of the 400 MB memory budget is in use"),
                "\(run.stderr)")
        #expect(run.stderr.contains("free memory with del"))
    }

    @Test func rebindingGivesTheMemoryBack() throws {
        let run = try Self.conv("let a = \(Self.large)\nlet a = 0\nlet b = \(Self.large)\nshape(b)")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "(37500000,)\n")
    }

    @Test func elementwiseResultsAndKernelOutputsCountToo() throws {
        for expression in ["a * 2", "relu(a)", "exp(a)", "conv(a, [1, 2])", "a + a"] {
            let run = try Self.conv("let a = \(Self.large)\nlet b = \(expression)")
            #expect(run.status == 1, "\(expression)")
            #expect(run.stderr.contains("error: out of memory"), "\(expression): \(run.stderr)")
        }
        // Small results are never refused, whatever the heap holds.
        let small = try Self.conv("let a = \(Self.large)\nshape(a)\nsum(a)")
        #expect(small.status == 0, "\(small.stderr)")
    }

    @Test func badSizesAreUsageErrors() throws {
        let run = try CLIEndToEndTests.conv(["--max-memory", "12x", "-e", "1"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--max-memory 12x"))
    }
}
