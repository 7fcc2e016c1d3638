import ConvLang
import ConvNumerics

/// Runs a generated program the way a careful host would, under tight limits, and says what
/// went wrong: a program that does not parse (the generator's promise), a run that is not
/// repeatable, or an interpreter that is not usable after the run. A trap is found by the
/// process dying, a hang by the caller's timeout (libFuzzer's `-timeout`).
public enum ProgramCheck {
    /// Tight limits: small tensors and few steps keep each program to milliseconds. Tensors of
    /// 200,000 elements are past the memory budget's one-mebibyte threshold, so its check runs.
    public static let limits = Limits(maximumElements: 200_000, maximumCallDepth: 40, maximumSteps: 30_000,
                                      timeLimit: .seconds(2), maximumMemory: 2 << 30)

    /// Everything a run showed, as text: output events, then diagnostics.
    public struct Transcript: Equatable, Sendable {
        public var output: [String] = []
        public var diagnostics: [String] = []
        /// The kinds of the diagnostics.
        public var kinds: [Diagnostic.Kind] = []

        /// Whether a limit that depends on the machine rather than the program stopped the run:
        /// the clock, the process's heap, or an interrupt. Such runs need not repeat exactly.
        public var dependsOnTheMachine: Bool {
            kinds.contains { $0 == .limit(.time) || $0 == .limit(.memory) || $0 == .interrupted }
        }
    }

    /// A host function scripts can call, which throws for some arguments: `by=0` throws the
    /// host's error type, a negative `by` any other Swift error.
    public static let hostScale = HostFunction(
        name: "host_scale", parameters: [.required("x"), .optional("by", default: .number(2))],
        summary: "multiply by a number; fails for by <= 0"
    ) { arguments in
        let factor = try arguments.number("by")
        if factor == 0 { throw arguments.error("by must not be 0", at: "by") }
        if factor < 0 { throw HostRefusal(factor: factor) }
        let x = try arguments.tensor("x", allowNumber: true)
        return .tensor(Tensor(shape: x.shape, scalars: x.scalars.map { $0 * factor }) ?? x)
    }

    /// Any Swift error a host function may throw.
    struct HostRefusal: Error, CustomStringConvertible {
        var factor: Double
        var description: String { "refused a factor of \(factor)" }
    }

    /// What is wrong with running `source`; empty when nothing is.
    public static func problems(running source: String, limits: Limits = limits) -> [String] {
        check(source, limits: limits).problems
    }

    /// What is wrong with running `source`, and the first run's transcript.
    public static func check(_ source: String, limits: Limits = limits) -> (problems: [String], transcript: Transcript) {
        let first = transcript(of: source, limits: limits)
        var problems: [String] = []
        if first.kinds.contains(.syntax) {
            problems.append("a generated program does not parse: \(first.diagnostics.prefix(3))")
        }
        if first.diagnostics.count > 1, !first.kinds.contains(.syntax) {
            problems.append("a run ended with several runtime errors: \(first.diagnostics)")
        }
        let second = transcript(of: source, limits: limits)
        if first != second, !first.dependsOnTheMachine, !second.dependsOnTheMachine {
            problems.append("two runs in fresh interpreters differ:\n\(difference(first, second))")
        }
        return (problems, first)
    }

    /// One run in a fresh interpreter, then a check that the session still works.
    public static func transcript(of source: String, limits: Limits = limits) -> Transcript {
        var transcript = Transcript()
        var configuration = Interpreter.Configuration(seed: 0, limits: limits)
        configuration.hostFunctions = [hostScale]
        let interpreter = Interpreter(configuration: configuration) { event in
            transcript.output.append(event.text)
            transcript.output.append(event.json)
        }
        let result = interpreter.run(source, name: "generated.py")
        transcript.diagnostics = result.diagnostics.map { $0.rendered() }
        transcript.kinds = result.diagnostics.map(\.kind)
        let after = interpreter.run("1 + 1", name: "after.py")
        if !after.succeeded || after.lastValue.map(ValueFormatter.display) != "2" {
            transcript.diagnostics.append("the interpreter is not usable after the run: \(after.diagnostics.map(\.message))")
        }
        return transcript
    }

    /// The first place two transcripts differ.
    static func difference(_ first: Transcript, _ second: Transcript) -> String {
        let a = first.output + first.diagnostics
        let b = second.output + second.diagnostics
        guard let index = a.indices.first(where: { $0 < b.count && a[$0] != b[$0] }) else {
            return "one has \(a.count) lines, the other \(b.count)"
        }
        return "line \(index):\n\(a[index])\n---\n\(b[index])"
    }
}
