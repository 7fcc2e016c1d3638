import Testing

/// Plots of extreme values: the scale must stay finite, never trap.
@Suite("plot with extreme values")
struct PlotExtremesTests {
    @Test func valuesNearTheLargestDoubleDrawWithoutTrapping() {
        let outcome = run("plot([1e308, -1e308, 0])")
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.text.contains("1e+308 ┤█"))
    }

    @Test func notANumberAndInfinitiesAreLeftBlank() {
        let outcome = run("plot([1, 0/0, 1/0, -1/0, 3])")
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.text.contains("5 samples"))
    }
}
