import ConvLang
import ConvNumerics
import Testing

/// The memory budget in the library. The budget counts the whole process's heap, and other
/// suites run beside these tests, so what depends on the heap's size is checked in a process of
/// its own (Tests/ConvCLITests/MemoryBudgetCLITests.swift); here only what does not.
@Suite("Memory budget")
struct MemoryBudgetTests {
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
