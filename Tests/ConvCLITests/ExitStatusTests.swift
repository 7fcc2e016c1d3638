import ConvLang
import Testing
@testable import ConvCLI

/// The command's exit status comes from the outcome's kind: one program per kind, run through
/// the library (which names the kind) and through `conv` (which must exit with that kind's status).
@Suite("conv command: exit status per kind")
struct ExitStatusTests {
    struct Case: Sendable, CustomStringConvertible {
        var kind: Diagnostic.Kind
        var program: String
        var flags: [String] = []
        var limits = Limits()
        var description: String { "\(kind)" }
    }

    static let doubling = RobustnessPrograms.doubling(depth: 60)

    static let cases: [Case] = [
        Case(kind: .syntax, program: "let = 1"),
        Case(kind: .runtime, program: "conv([1, 2], nope)"),
        Case(kind: .assertion, program: "assert(1 == 2, \"sizes differ\")"),
        Case(kind: .limit(.elements), program: "zeros(11)", flags: ["--max-elements", "10"], limits: Limits(maximumElements: 10)),
        Case(kind: .limit(.callDepth), program: "fn f(n) = f(n + 1)\nf(0)", flags: ["--max-call-depth", "3"],
             limits: Limits(maximumCallDepth: 3)),
        Case(kind: .limit(.steps), program: doubling, flags: ["--max-steps", "100"], limits: Limits(maximumSteps: 100)),
        Case(kind: .limit(.time), program: doubling, flags: ["--max-steps", "1000000000000", "--timeout", "0.1"],
             limits: Limits(maximumSteps: 1_000_000_000_000, timeLimit: .milliseconds(100))),
        Case(kind: .limit(.nesting), program: String(repeating: "(", count: 2_000) + "1" + String(repeating: ")", count: 2_000)),
        Case(kind: .fileAccess, program: "load(\"no-such-file.csv\")"),
    ]

    @Test(arguments: cases)
    func eachKindExitsWithItsStatus(_ example: Case) throws {
        let files = InMemoryFileAccess()
        let result = Interpreter(configuration: .init(seed: 0, limits: example.limits, fileAccess: files)).run(example.program)
        #expect(result.diagnostics.map(\.kind) == [example.kind])
        let run = try CLIEndToEndTests.conv(example.flags + ["-e", example.program])
        #expect(run.status == ExitStatus(for: example.kind).rawValue, "\(run.stderr)")
        #expect(run.status == 1)
        #expect(run.stderr.contains("<-e>:"))
    }

    @Test func usageProblemsExitWithTheUsageStatus() throws {
        #expect(ExitStatus(for: .usage) == .usageError)
        let badFlag = try CLIEndToEndTests.conv(["--no-such-flag"])
        #expect(badFlag.status == ExitStatus(for: .usage).rawValue)
        let missing = try CLIEndToEndTests.conv(["no-such-script.conv"])
        #expect(missing.status == ExitStatus(for: .usage).rawValue)
        #expect(missing.status == 2)
    }

    /// The command line cannot interrupt a script (Ctrl-C ends the process there), so this kind
    /// is checked on the mapping alone.
    @Test func anInterruptedRunIsAProgramError() {
        #expect(ExitStatus(for: .interrupted) == .programError)
    }

    @Test func aRunWithoutDiagnosticsSucceedsAndTheFirstDiagnosticDecides() {
        #expect(ExitStatus(diagnostics: []) == .success)
        let source = SourceFile(name: "t", text: "x")
        let range = SourceRange(start: 0, end: 1)
        let diagnostics = [Diagnostic(kind: .usage, message: "a", range: range, source: source),
                           Diagnostic(kind: .runtime, message: "b", range: range, source: source)]
        #expect(ExitStatus(diagnostics: diagnostics) == .usageError)
    }
}

/// Programs that take as long as their limits let them.
enum RobustnessPrograms {
    /// `f_i` calls `f_{i-1}` twice: 2^depth calls from a program of `depth + 2` lines.
    static func doubling(depth: Int) -> String {
        var lines = ["fn f0(x) = x"]
        for level in 1...depth { lines.append("fn f\(level)(x) = f\(level - 1)(x) + f\(level - 1)(x)") }
        lines.append("f\(depth)(1)")
        return lines.joined(separator: "\n")
    }
}
