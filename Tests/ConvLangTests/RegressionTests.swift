import Foundation
import Testing
import ConvLang
import TestSupport

/// Inputs that once went wrong, and the fuzz corpus: each must end in values or diagnostics.
@Suite("Regressions and the fuzz corpus")
struct RegressionTests {
    /// The limits the fuzzer runs with (Sources/conv-fuzz/FuzzTarget.swift).
    static let fuzzLimits = Limits(maximumElements: 100_000, maximumCallDepth: 50, maximumSteps: 200_000,
                                   timeLimit: .seconds(20))

    static let corpus = RepositoryFolder.root.appendingPathComponent("Fuzz/corpus")

    /// Every seed and every input the fuzzer found worth keeping runs to an end, as the fuzzer
    /// runs it: lenient UTF-8, then a second run in the same session.
    @Test func everyFuzzCorpusInputEnds() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted()
        #expect(names.count >= 50)
        for name in names {
            let data = try Data(contentsOf: Self.corpus.appendingPathComponent(name))
            let interpreter = Interpreter(configuration: .init(seed: 0, limits: Self.fuzzLimits)) { event in
                _ = event.text
                _ = event.json
            }
            let result = interpreter.run(String(decoding: data, as: UTF8.self), name: name)
            for diagnostic in result.diagnostics { _ = diagnostic.rendered() }
            // A deadline stops a run only when it is far too slow for the fuzzer's taste.
            #expect(!result.diagnostics.contains { $0.kind == .limit(.time) }, "\(name)")
            #expect(interpreter.run("print(1)").succeeded, "\(name): the session goes on")
        }
    }

    /// `not not x` was a syntax error (the operand of `not` could not itself be a `not`).
    @Test func notNot() {
        #expect(show("not not true") == "true")
        #expect(show("true and not not false") == "false")
        #expect(show("1 < not 2").hasPrefix("error: expected an expression"))
    }

    /// `zeros(1e12, 0)` is empty, so it passed the element limit, and showing it then built
    /// 10^12 empty rows: the process died allocating 8 TB.
    @Test func emptyTensorsWithHugeShapes() {
        #expect(show("zeros(1e12, 0)") == "error: a tensor of shape [1000000000000, 0] is empty, but its shape is larger than the limit of 100000000 elements")
        #expect(show("zeros(1e5, 1, 1) + zeros(1, 1e5, 0)").hasPrefix("error: a tensor of shape [100000, 100000, 0] is empty"))
        #expect(show("zeros(1e5, 0)") == "[[],\n [],\n [],\n ...,\n [],\n [],\n []] (shape [100000, 0])")
        #expect(show("zeros(2, 0)") == "[[],\n []]")
    }

    /// NumPy's convolve and correlate never polled the interrupt flag: two long signals ran for
    /// hours whatever the time limit.
    @Test func convolveHonoursTheTimeLimit() {
        let limits = Limits(timeLimit: .milliseconds(200))
        for call in ["convolve", "correlate"] {
            let outcome = run("\(call)(zeros(5000000), zeros(5000000), mode=\"same\")", limits: limits)
            #expect(outcome.errors == ["the program ran longer than its time limit of 0.2 s"], "\(call)")
        }
    }

    /// A whole number beyond 2^53 was reported as "must be a whole number".
    @Test func hugeWholeNumbersSayTooLarge() {
        #expect(show("conv([1, 2], [1], d=1e18)") == "error: conv's argument 'd' is too large: 1e+18 is beyond ±2^53")
        #expect(show("[1, 2][1e20]") == "error: an index is too large: 1e+20 is beyond ±2^53")
    }
}
