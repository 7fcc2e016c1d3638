import ConvLang
import ConvNumerics
import Testing

/// The memory budget: a program that asks for more than it allows gets a `limit(memory)` error
/// and keeps its session; memory given back by rebinding counts again.
///
/// The budget counts the whole process's heap, and other suites run beside these tests, so each
/// budget is set a few hundred megabytes above what the heap holds when the test starts and the
/// tensors are large enough that the others' comings and goings cannot decide the outcome.
@Suite("Memory budget", .serialized)
struct MemoryBudgetTests {
    /// 37.5 million float64 elements: 300 MB.
    static let large = 37_500_000

    /// Limits whose budget leaves 400 MB above the heap in use now.
    static func limits() -> Limits {
        Limits(maximumMemory: MemoryBudget.heapBytesInUse + 400_000_000)
    }

    @Test func goingOverTheBudgetIsALimitErrorAndTheSessionGoesOn() {
        let collector = Collector()
        let interpreter = Interpreter(recording: .init(seed: 0, limits: Self.limits())) { record in
            collector.outcome.lines.append(record.text)
        }
        #expect(interpreter.run("let keep = 7\nlet a = zeros(\(Self.large))").diagnostics.isEmpty)
        let refused = interpreter.run("let b = zeros(\(Self.large))").diagnostics
        #expect(refused.map(\.kind) == [.limit(.memory)])
        #expect(refused.first?.message.hasPrefix("out of memory: this needs 300 MB more") == true)
        #expect(refused.first?.notes.first?.contains("del") == true)
        // The bindings are intact, and rebinding gives the memory back.
        #expect(interpreter.run("keep\nshape(a)").diagnostics.isEmpty)
        #expect(collector.outcome.lines.suffix(2) == ["7", "(37500000,)"])
        #expect(interpreter.run("let a = 0\nlet b = zeros(\(Self.large))").diagnostics.isEmpty)
    }

    @Test func elementwiseResultsAndKernelOutputsCountToo() {
        let program = "let a = zeros(\(Self.large))\n"
        #expect(run(program + "let b = a * 2", limits: Self.limits()).kinds == [.limit(.memory)])
        #expect(run(program + "let b = relu(a)", limits: Self.limits()).kinds == [.limit(.memory)])
        #expect(run(program + "let b = conv(a, [1, 2])", limits: Self.limits()).kinds == [.limit(.memory)])
        // Small results are never refused, whatever the heap holds.
        #expect(run(program + "shape(a)\nsum(a)", limits: Self.limits()).diagnostics.isEmpty)
    }

    @Test func withoutABudgetOnlyWhatTheSystemRefusesIsAnError() {
        let unlimited = Limits(maximumElements: .max, maximumMemory: nil)
        // 2^52 float64 elements (32 PB): no machine grants it; an error, never a trap.
        let outcome = run("zeros(4503599627370496)", limits: unlimited)
        #expect(outcome.kinds == [.limit(.memory)])
        #expect(outcome.errors.first?.contains("the system refused") == true)
    }

    @Test func theDefaultBudgetIsHalfTheMachineAtMostEightGiB() {
        let budget = Limits().maximumMemory
        #expect(budget == MemoryBudget.defaultLimit)
        #expect((budget ?? 0) > 0 && (budget ?? .max) <= 8 << 30)
    }
}
