import Testing
import ConvNumerics
@testable import ConvLang

/// The evaluator reports each builtin and layer call to its observer, with the arguments bound,
/// before running it; explain is one such observer.
@Suite("Call observer")
struct CallObserverTests {
    /// Writes down every call it hears of, and answers for the builtin named `standIn`.
    private final class Recorder: CallObserver {
        var heard: [String] = []
        var standIn: String?

        func willCall(_ call: inout BuiltinCall) throws(RuntimeError) -> Value? {
            heard.append("\(call.builtin.name)(\(call.values.map(ValueFormatter.repr).joined(separator: ", ")))")
            return call.builtin.name == standIn ? .number(42) : nil
        }

        func willCall(_ layer: any Module, _ call: ModuleCall) throws(RuntimeError) -> Value? {
            heard.append("\(layer.typeName) on \(call.arguments.count) input")
            return nil
        }
    }

    private func run(_ source: String, observedBy recorder: Recorder) throws(RuntimeError) -> [Value] {
        let evaluator = Evaluator(context: EvaluationContext(seed: 0, limits: Limits(), interrupt: InterruptFlag(),
                                                             output: { _ in }))
        evaluator.callObserver = recorder
        var values: [Value] = []
        for statement in Parser.parse(SourceFile(name: "test", text: source)).statements {
            if let value = try evaluator.execute(statement) { values.append(value) }
        }
        return values
    }

    @Test func hearsEveryBuiltinAndLayerCallWithItsArgumentsBound() throws {
        let recorder = Recorder()
        _ = try run("fn f(v) = relu(v)\nm = Sequential(ReLU())\nm(f([-1, 2]))", observedBy: recorder)
        // `ReLU` and `relu` take PyTorch's `inplace=False`, bound like any other argument.
        #expect(recorder.heard == ["ReLU(false)", "Sequential((ReLU(),))", "relu([-1, 2], false)", "Sequential on 1 input"])
    }

    @Test func aValueFromTheObserverStandsForTheCall() throws {
        let recorder = Recorder()
        recorder.standIn = "conv"
        #expect(try run("conv([1, 2], [1]) + 1", observedBy: recorder).compactMap(\.asNumber) == [43])
        #expect(recorder.heard == ["conv([1, 2], [1], none, 1, 0, 1, 1, \"zeros\", none)"])
    }
}
