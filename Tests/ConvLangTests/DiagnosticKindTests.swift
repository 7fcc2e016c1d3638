import Testing
import ConvLang
import ConvNumerics

/// Every outcome has a kind, set where it is raised; hosts decide by the kind, never by wording.
@Suite("Diagnostic kinds")
struct DiagnosticKindTests {
    private func kinds(_ source: String, limits: Limits = Limits(), files: (any FileAccess)? = nil) -> [Diagnostic.Kind] {
        Interpreter(configuration: .init(seed: 0, limits: limits, fileAccess: files)).run(source).diagnostics.map(\.kind)
    }

    @Test func syntaxErrorsAreSyntax() {
        #expect(kinds("let = 1\n1 +* 2") == [.syntax, .syntax])
        #expect(kinds("\"open") == [.syntax])
        #expect(kinds("3 − 1") == [.syntax])
    }

    @Test func programMistakesAreRuntime() {
        #expect(kinds("nope") == [.runtime])
        #expect(kinds("conv([1, 2, 3], [1, 1, 1, 1, 1])") == [.runtime])
        #expect(kinds("conv([1, 2], q=2)") == [.runtime])
        #expect(kinds("max_pool1d([1, 2], 5)") == [.runtime])
        #expect(kinds("convolve([], [1])") == [.runtime])
        #expect(kinds("Sequential(Conv1d(2, 1, 1))([[1, 2]])") == [.runtime])
    }

    @Test func aFailedAssertIsAnAssertion() {
        #expect(kinds("assert(1 == 2)") == [.assertion])
        #expect(kinds("assert(false, \"sizes differ\")") == [.assertion])
        #expect(kinds("assert(1 == 1)").isEmpty)
        // A wrong argument to assert is the program's mistake, not a failed assertion.
        #expect(kinds("assert(nope)") == [.runtime])
    }

    @Test func eachLimitNamesItself() {
        let small = Limits(maximumElements: 10)
        #expect(kinds("zeros(11)", limits: small) == [.limit(.elements)])
        #expect(kinds("[[1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]]", limits: small) == [.limit(.elements)])
        #expect(kinds("zeros(4e9, 4e9, 4e9)") == [.limit(.elements)])
        #expect(kinds("arange(100)", limits: small) == [.limit(.elements)])
        #expect(kinds("conv(zeros(1, 1, 8), zeros(1, 1, 1), p=4)", limits: small) == [.limit(.elements)])
        #expect(kinds("conv_transpose1d(zeros(1, 1, 8), zeros(1, 1, 4), s=2)", limits: small) == [.limit(.elements)])
        #expect(kinds("convolve(zeros(8), zeros(8))", limits: small) == [.limit(.elements)])
        #expect(kinds("Conv1d(4, 4, 4)", limits: small) == [.limit(.elements)])
        #expect(kinds("Sequential(Conv1d(1, 1, 1, p=8))(zeros(1, 1, 8))", limits: Limits(maximumElements: 20))
                == [.limit(.elements)])
        #expect(kinds("fn f(n) = f(n + 1)\nf(0)", limits: Limits(maximumCallDepth: 7)) == [.limit(.callDepth)])
        #expect(kinds(RobustnessTests.doublingProgram(depth: 60), limits: Limits(maximumSteps: 1_000)) == [.limit(.steps)])
        #expect(kinds(RobustnessTests.doublingProgram(depth: 60), limits: Limits(maximumSteps: .max, timeLimit: .milliseconds(50)))
                == [.limit(.time)])
        #expect(kinds(String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)) == [.limit(.nesting)])
        // The evaluator's own nesting guard, reached through deep recursion the call-depth limit allows.
        #expect(kinds("fn f(n) = f(n + 1)\nf(0)", limits: Limits(maximumCallDepth: 100_000)) == [.limit(.nesting)])
    }

    @Test func aLongKernelStoppedByTheTimeLimitIsTheTimeLimit() {
        let limits = Limits(timeLimit: .milliseconds(100))
        #expect(kinds("conv(zeros(1, 512, 20000), zeros(512, 512, 64))", limits: limits) == [.limit(.time)])
        #expect(kinds("Sequential(Conv1d(512, 512, 64))(zeros(1, 512, 20000))", limits: limits) == [.limit(.time)])
    }

    @Test func aHostInterruptIsInterrupted() {
        // Raised from inside the run (when it prints), so no timing is involved: the next check stops it.
        let reference = InterruptReference()
        let interpreter = Interpreter(configuration: .init(seed: 0, limits: Limits(maximumSteps: .max))) { event in
            if case .printed = event { reference.flag?.raise() }
        }
        reference.flag = interpreter.interrupt
        let result = interpreter.run("print(1)\n" + RobustnessTests.doublingProgram(depth: 40))
        #expect(result.diagnostics.map(\.kind) == [.interrupted])
        #expect(interpreter.run("1").succeeded, "the next run lowers the flag")
    }

    @Test func fileProblemsAreFileAccessButBadDataIsRuntime() {
        #expect(kinds("load(\"a.csv\")") == [.fileAccess])
        #expect(kinds("save(\"a.csv\", [1])") == [.fileAccess])
        #expect(kinds("explain(conv([1, 2], [1]), svg=\"a.svg\")") == [.fileAccess])
        let files = InMemoryFileAccess(files: ["bad.csv": Array("1,x\n".utf8), "big.csv": Array("1,2,3,4,5,6,7,8,9,10,11\n".utf8)])
        #expect(kinds("load(\"missing.csv\")", files: files) == [.fileAccess])
        #expect(kinds("load(\"bad.csv\")", files: files) == [.runtime])
        #expect(kinds("load(\"big.csv\")", limits: Limits(maximumElements: 10), files: files) == [.limit(.elements)])
        #expect(kinds("save(\"x.csv\", zeros(1, 1, 2))", files: files) == [.runtime])
    }

    @Test func kindsReadAsTheirNames() {
        #expect(Diagnostic.Kind.limit(.callDepth).description == "limit(callDepth)")
        #expect(Diagnostic.Kind.fileAccess.description == "fileAccess")
    }
}

/// Lets an output closure reach an interpreter made after it.
final class InterruptReference: @unchecked Sendable {
    var flag: InterruptFlag?
}
