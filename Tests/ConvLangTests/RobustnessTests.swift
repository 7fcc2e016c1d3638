import Dispatch
import Testing
import ConvLang
import ConvNumerics

/// The host stays in control: every limit holds, hostile numbers are errors, and an interrupt
/// from another thread stops a run without losing the session.
@Suite("Robustness: limits, hostile input, interrupts")
struct RobustnessTests {
    // MARK: - Limits

    @Test func defaultLimitsAreSafe() {
        let limits = Limits()
        #expect(limits.maximumElements == 100_000_000)
        #expect(limits.maximumCallDepth == 200)
        #expect(limits.maximumSteps == 10_000_000)
        #expect(limits.timeLimit == nil)
    }

    @Test func elementLimitRefusesTensorsAndShapeOverflow() {
        let small = Limits(maximumElements: 1_000)
        #expect(run("zeros(10, 101)", limits: small).errors.first?.contains("more than the limit of 1000") == true)
        #expect(run("zeros(10, 100)", limits: small).diagnostics.isEmpty)
        // The element count itself overflows Int: refused before anything is allocated.
        #expect(run("zeros(4e9, 4e9, 4e9)").errors.first?.contains("too large to make") == true)
        #expect(run("conv(zeros(1, 4, 10), zeros(1e6, 4, 1))", limits: small).errors.first?.contains("limit") == true)
    }

    @Test func deepNestingIsASyntaxErrorNotAStackOverflow() {
        for (open, close) in [("(", ")"), ("[", "]"), ("-", ""), ("not ", ""), ("f(", ")")] {
            let source = String(repeating: open, count: 100_000) + "1" + String(repeating: close, count: 100_000)
            let outcome = run(source)
            #expect(outcome.kinds.contains(.limit(.nesting)), "\(open)…\(close): \(outcome.errors.prefix(1))")
        }
        // Long flat chains are nesting too: a left-leaning tree 100,000 deep.
        let chain = Array(repeating: "1", count: 100_000).joined(separator: " + ")
        #expect(run(chain).kinds.contains(.limit(.nesting)))
        // As deep as Python allows (200 parentheses) still runs.
        let fine = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
        #expect(run(fine).text == "1")
        #expect(run(String(repeating: "not ", count: 201) + "true").text == "false")
    }

    @Test func recursionEndsAtTheCallDepthLimit() {
        let outcome = run("fn f(n) = f(n + 1)\nf(0)", limits: Limits(maximumCallDepth: 7))
        #expect(outcome.errors == ["too many nested calls (more than 7); is 'f' recursive without end?"])
        #expect(run("fn g(n) = n + 1\nfn h(n) = g(g(n))\nh(1)", limits: Limits(maximumCallDepth: 2)).text == "3")
    }

    /// `f_i` calls `f_{i-1}` twice: 2^depth calls from a program of `depth + 2` lines.
    static func doublingProgram(depth: Int) -> String {
        var lines = ["fn f0(x) = x"]
        for level in 1...depth { lines.append("fn f\(level)(x) = f\(level - 1)(x) + f\(level - 1)(x)") }
        lines.append("f\(depth)(1)")
        return lines.joined(separator: "\n")
    }

    @Test func stepLimitStopsExponentialWork() {
        let limits = Limits(maximumSteps: 10_000)
        #expect(run(Self.doublingProgram(depth: 5), limits: limits).text == "32")
        let outcome = run(Self.doublingProgram(depth: 60), limits: limits)
        #expect(outcome.errors == ["the program took more than 10000 evaluation steps, the limit"])
        // With the default limit the same program also ends with an error, not after 2^60 calls.
        #expect(run(Self.doublingProgram(depth: 60), limits: Limits(maximumSteps: 100_000)).errors.first?
            .contains("evaluation steps") == true)
    }

    @Test func stepsAreCountedPerRun() {
        let interpreter = Interpreter(configuration: .init(seed: 0, limits: Limits(maximumSteps: 50)))
        for _ in 0..<20 { #expect(interpreter.run("let a = 1 + 2 * 3").succeeded) }
    }

    @Test func timeLimitStopsTheEvaluator() {
        let limits = Limits(maximumSteps: .max, timeLimit: .milliseconds(100))
        let outcome = run(Self.doublingProgram(depth: 60), limits: limits)
        #expect(outcome.errors == ["the program ran longer than its time limit of 0.1 s"])
    }

    @Test func timeLimitStopsALongKernel() {
        // About 3·10^11 multiply-adds: hours without the limit, so it must stop inside the kernel.
        let limits = Limits(timeLimit: .milliseconds(300))
        let interpreter = Interpreter(configuration: .init(seed: 0, limits: limits))
        let result = interpreter.run("let before = 1\nconv(zeros(1, 512, 20000), zeros(512, 512, 64))")
        #expect(result.diagnostics.map(\.message) == ["the program ran longer than its time limit of 0.3 s"])
        #expect(interpreter.value(of: "before") != nil)
        // The deadline belongs to that run only.
        #expect(interpreter.run("before + 1").succeeded)
    }

    @Test func hugeTimeLimitsDoNotOverflow() {
        for limit in [Duration.seconds(Int64.max), .seconds(-5), .zero] {
            let outcome = run("1 + 1", limits: Limits(timeLimit: limit))
            // A non-positive limit has already passed at the first check; a huge one never does.
            #expect(outcome.text == "2" || outcome.kinds == [.limit(.time)])
        }
        #expect(run("1 + 1", limits: Limits(timeLimit: .seconds(Int64.max))).text == "2")
    }

    // MARK: - Interrupts

    @Test func interruptFromAnotherThreadStopsALongConv() {
        let flag = InterruptFlagBox()
        let interpreter = Interpreter(configuration: .init(seed: 0)) { event in
            // The run is under way once it prints; raise the flag a moment later, elsewhere.
            if case .printed = event { flag.raiseSoon() }
        }
        flag.target = interpreter.interrupt
        let result = interpreter.run("""
            let x = zeros(1, 512, 20000)
            let w = zeros(512, 512, 64)
            print("go")
            let y = conv(x, w)
            """)
        #expect(result.diagnostics.map(\.kind) == [.interrupted])
        #expect(result.diagnostics.map(\.message) == ["interrupted"])
        #expect(interpreter.value(of: "x") != nil && interpreter.value(of: "w") != nil)
        #expect(interpreter.value(of: "y") == nil)
        #expect(interpreter.run("x.shape").succeeded, "the session goes on")
    }

    @Test func interruptFromAnotherThreadStopsTheEvaluator() {
        let flag = InterruptFlagBox()
        let interpreter = Interpreter(configuration: .init(seed: 0, limits: Limits(maximumSteps: .max))) { event in
            if case .printed = event { flag.raiseSoon() }
        }
        flag.target = interpreter.interrupt
        let result = interpreter.run("let kept = 7\nprint(\"go\")\n" + Self.doublingProgram(depth: 60))
        #expect(result.diagnostics.map(\.kind) == [.interrupted])
        #expect(result.diagnostics.map(\.message) == ["interrupted"])
        #expect(interpreter.run("kept * 2").lastValue.map { "\($0)" }?.contains("14") == true)
    }

    // MARK: - Hostile numbers

    /// Each hostile input and the start of the error it must give.
    static let hostileInputs: [(String, String)] = [
        ("conv([1, 2], [1], k=1e300)", "conv's argument 'k' is too large"),
        ("conv([1, 2], [1], s=0)", "stride must be at least 1"),
        ("conv([1, 2], [1], p=-1)", "padding cannot be negative"),
        ("Conv1d(1, 1, 2.5)", "Conv1d's argument 'k' must be a whole number, not 2.5"),
        ("arange(10)[1e20]", "an index is too large"),
        ("zeros(1e12)", "a tensor of shape [1000000000000] would have"),
        ("rand(1e9, 1e9)", "a tensor of shape [1000000000, 1000000000] would have"),
        ("conv(zeros(1000), [1, 1], d=1e18)", "conv's argument 'd' is too large"),
        ("conv(zeros(1000), [1, 1], d=1e15)", "padded length 1000"),
        ("arange(1e15)", "arange would make"),
        ("arange(0, 1, 1e-300)", "arange would make"),
        ("linspace(0, 1, 1e15)", "linspace's argument 'n' must be between"),
        ("arange(10)[-1e18:1e18]", "a slice bound is too large"),
        ("arange(10)[::0]", "a slice step cannot be zero"),
        ("ones(-1)", ""),
        ("seed(1e30)", ""),
    ]

    @Test func hostileNumbersAreErrors() {
        for (source, message) in Self.hostileInputs {
            let errors = run(source).errors
            #expect(errors.count == 1 && errors[0].hasPrefix(message), "\(source): \(errors)")
        }
    }

    @Test func notANumberAndInfinityInEveryIntegerPosition() {
        let positions = [
            "conv([1, 2, 3], [1], s=X)", "conv([1, 2, 3], [1], p=X)", "conv([1, 2, 3], [1], d=X)",
            "conv([1, 2, 3], [1], g=X)", "conv([1, 2, 3], [1], k=X)", "conv([1, 2, 3], [1], p=(X, 1))",
            "conv([1, 2, 3], [1], p=(1, X))", "conv([1, 2, 3], [1], s=(X,))", "zeros(X)", "ones(2, X)",
            "rand(X)", "arange(X)", "arange(0, X)", "arange(0, 1, X)", "linspace(0, 1, X)", "seed(X)",
            "Conv1d(X, 1, 1)", "Conv1d(1, X, 1)", "Conv1d(1, 1, X)", "Conv1d(1, 1, 1, s=X)",
            "Conv1d(1, 1, 1, p=X)", "Conv1d(1, 1, 1, d=X)", "Conv1d(1, 1, 1, g=X)", "[1, 2, 3][X]",
            "[1, 2, 3][X:]", "[1, 2, 3][:X]", "[1, 2, 3][::X]", "[[1, 2]][0, X]",
        ]
        for position in positions {
            for hostile in ["0/0", "1/0", "-1/0", "1e308*10", "-2**1024"] {
                // A slice bound beyond 64 bits is clamped, as in Python (`xs[:-2**1024]` is `[]`).
                if hostile == "-2**1024", position.contains(":") { continue }
                let source = position.replacingOccurrences(of: "X", with: hostile)
                let outcome = run(source)
                // None of these positions takes a NaN or an infinity: each is one clear error.
                #expect(outcome.diagnostics.count == 1, "\(source) gave \(outcome.text)")
            }
        }
    }

    @Test func bigProgramsRun() {
        // 100,000 lines.
        let lines = Array(repeating: "let a = 1 + 2", count: 100_000).joined(separator: "\n") + "\na"
        #expect(run(lines).text == "3")
        // One line of a megabyte: a list of 250,000 numbers.
        let list = "[" + Array(repeating: "1.5", count: 250_000).joined(separator: ",") + "].shape"
        #expect(run(list).text == "(250000,)")
        // A megabyte-long name and string.
        #expect(run("let " + String(repeating: "a", count: 1 << 20) + " = 1").diagnostics.isEmpty)
        #expect(run("len(\"" + String(repeating: "é", count: 1 << 19) + "\")").errors.count <= 1)
    }

    @Test func oddCharactersAreDiagnosedNotTrapped() {
        for source in ["\u{0}", "1 +\u{0} 2", "\"a\u{0}b\"", "\u{FFFD}\u{FFFD}", "let é = 1\né", "x = \"\\", "'''", "#\u{0}\n1",
                       "\u{202E}1", "1\r\n2\r", "\\", "1 \\\n + 2", "𝔵 = 1"] {
            let outcome = run(source)
            #expect(outcome.diagnostics.count + outcome.lines.count >= 0, "\(source)")
        }
        #expect(run("1 \\\n + 2").text == "3")
    }

    @Test func hugePaddingAndStrideAllocateOnlyTheOutput() {
        #expect(run("conv(zeros(1000), [1, 1], s=1e15, p=1e15)").text == "[0, 0, 0]")
        #expect(run("conv([1, 2], [1, 1], p=1e8, s=1e8)").text == "[0, 3, 0]")
    }

    @Test func printingHugeTensorsIsSummarised() {
        let outcome = run("print(zeros(10000000))")
        #expect(outcome.lines == ["[0, 0, 0, ..., 0, 0, 0] (shape [10000000])"])
    }
}

/// Holds the flag to raise and raises it from another thread a little later.
final class InterruptFlagBox: @unchecked Sendable {
    var target: InterruptFlag?

    func raiseSoon() {
        guard let target else { return }
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(100)) { target.raise() }
    }
}
