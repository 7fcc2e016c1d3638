import Testing
import ConvNumerics
@testable import ConvLang

/// How builtins bind their arguments, beyond what a program can reach through today's builtins.
@Suite("Builtin arguments")
struct BuiltinArgumentTests {
    /// `f(x, args..., **kwargs)`, as a constructor that takes anything would declare it.
    private let takesAnything = Builtin(
        name: "f", parameters: [.required("x"), .variadic("args"), .namedVariadic("kwargs")],
        summary: "", details: "", body: { _ throws(RuntimeError) in .none })

    private func bind(_ arguments: [(String?, Double)]) throws(RuntimeError) -> BuiltinCall {
        let evaluator = Evaluator(context: EvaluationContext(seed: 0, limits: Limits(), interrupt: InterruptFlag(),
                                                             output: { _ in }))
        let range = SourceRange(start: 0, end: 0)
        return try evaluator.bindBuiltin(takesAnything, arguments.map {
            Evaluator.EvaluatedArgument(label: $0.0, labelRange: range, value: .number($0.1), range: range)
        }, range: range)
    }

    @Test func namedArgumentsNoParameterTakesAreCollected() throws {
        let call = try bind([(nil, 1), (nil, 2), ("a", 3), ("x_scale", 4)])
        #expect(call.rest.count == 1)
        #expect(call.namedRest.map(\.label) == ["a", "x_scale"])
        #expect(call.namedRest.compactMap(\.value.asNumber) == [3, 4])
    }

    @Test func aParameterStillTakesItsOwnName() throws {
        let call = try bind([("x", 5), ("y", 6)])
        #expect(call.value("x").asNumber == 5)
        #expect(call.namedRest.map(\.label) == ["y"])
    }

    @Test func aCollectedNameGivenTwiceIsRefused() {
        #expect(throws: RuntimeError.self) { try bind([(nil, 1), ("a", 2), ("a", 3)]) }
    }

    @Test func theCollectorIsNeitherNamedNorShownAsAnArgument() {
        #expect(takesAnything.argumentNames == ["x"])
        #expect(takesAnything.signature == "f(x, args..., **kwargs)")
    }
}
