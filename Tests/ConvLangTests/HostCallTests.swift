import Testing
import ConvLang
import ConvNumerics

/// The host calls into a program and reads and sets its bindings; values compare structurally.
@Suite("Host calls and bindings")
struct HostCallTests {
    @Test func aHostCallsAProgramsFunctionWithNamedArguments() throws {
        let interpreter = Interpreter(configuration: .init(seed: 0))
        interpreter.run("fn smooth(v, n=3) = conv(v, ones(n) / n, p=\"same\")")
        let value = try interpreter.call("smooth", [.tensor(Tensor([3, 0, 3, 0]))], named: ["n": .number(3)])
        #expect(value == .tensor(Tensor([1, 2, 1, 1])))
        #expect(try interpreter.call("smooth", [.tensor(Tensor([2, 2]))], named: ["n": .number(1)]) == .tensor(Tensor([2, 2])))
    }

    @Test func aHostCallsBuiltinsLayersAndValuesItRead() throws {
        let interpreter = Interpreter(configuration: .init(seed: 0))
        #expect(try interpreter.call("conv", [.tensor(Tensor([2, 3, 4])), .tensor(Tensor([0.5, -1]))], named: ["b": .number(0.1), "s": .number(2), "p": .number(1)])
                == interpreter.run("conv([2, 3, 4], [0.5, -1], b=0.1, s=2, p=1)").lastValue)
        interpreter.run("m = nn.Conv1d(1, 1, 2, bias=false)\nm.weight = [[[1, 1]]]")
        // nn.Conv1d computes in float32, PyTorch's default dtype; a float64 input takes the layer's dtype.
        #expect(try interpreter.call("m", [.tensor(Tensor([1, 2, 3]))]) == .tensor(Tensor([3, 5] as [Float])))
        let layer = try #require(interpreter.value(of: "m"))
        #expect(try interpreter.call(function: layer, [.tensor(Tensor([1, 1]))]) == .tensor(Tensor([2] as [Float])))
    }

    @Test func failuresComeBackAsDiagnosticsWithKinds() {
        let interpreter = Interpreter(configuration: .init(seed: 0, limits: Limits(maximumCallDepth: 5)))
        interpreter.run("fn f(n) = f(n + 1)\nfn g(x, k=1) = x * k\nfn h(x) = assert(x > 0, \"positive\")")
        #expect(throws: Diagnostic.self) { try interpreter.call("nope") }
        let cases: [(String, [Value], Diagnostic.Kind, String, String)] = [
            ("nope", [], .runtime, "unknown name 'nope'", "nope()"),
            ("g", [.number(1)], .runtime, "g has no parameter 'q'", "g(1, q=2)"),
            ("f", [.number(0)], .limit(.callDepth), "too many nested calls (more than 5); is 'f' recursive without end?", "f(0)"),
            ("h", [.number(-1)], .assertion, "assertion failed: positive", "h(-1)"),
        ]
        for (name, arguments, kind, message, spelled) in cases {
            do {
                _ = try interpreter.call(name, arguments, named: name == "g" ? ["q": .number(2)] : [:])
                Issue.record("\(name) should fail")
            } catch {
                #expect(error.kind == kind, "\(name)")
                #expect(error.message == message, "\(name)")
                #expect(error.source.name == "<call>")
                #expect(error.source.text == spelled)
            }
        }
    }

    @Test func aCallIsARunWithTheLimitsAndTheOutput() throws {
        var shown: [String] = []
        let interpreter = Interpreter(configuration: .init(seed: 0, limits: Limits(maximumSteps: 50))) { shown.append($0.text) }
        interpreter.run("fn loud(x) = print(\"got\", x)")
        #expect(try interpreter.call("loud", [.string("a")]) == .none)
        #expect(shown == ["got a"])
        interpreter.run(RobustnessTests.doublingProgram(depth: 3))
        #expect(throws: Diagnostic.self) { try interpreter.call("f3", [.number(1)]) }
        #expect(try interpreter.call("f0", [.number(7)]) == .number(7), "steps count per call")
    }

    @Test func bindingsAreReadAndSet() throws {
        let interpreter = Interpreter(configuration: .init(seed: 0))
        interpreter["x"] = .tensor(Tensor([2, 3, 4]))
        interpreter.bind("k", to: .tensor(Tensor([1, 1])))
        #expect(interpreter.run("conv(x, k)").lastValue == .tensor(Tensor([5, 7])))
        interpreter.run("y = x * 2")
        #expect(interpreter["y"] == .tensor(Tensor([4, 6, 8])))
        #expect(interpreter.value(of: "y") == interpreter["y"])
        interpreter["y"] = nil
        #expect(interpreter["y"] == nil)
        #expect(interpreter.bindings.map(\.name) == ["x", "k"])
        #expect(interpreter.run("y").diagnostics.map(\.message) == ["unknown name 'y'"])
    }

    @Test func valuesCompareStructurallyAndFunctionsByIdentity() {
        let interpreter = Interpreter(configuration: .init(seed: 0))
        interpreter.run("""
            fn a(x) = x
            fn b(x) = x
            c = a
            m1 = nn.Conv1d(1, 1, 2)
            m2 = m1
            m3 = nn.Conv1d(1, 1, 2)
            t = (1, "s", true, none, [1, 2])
            """)
        #expect(interpreter["a"] == interpreter["c"])
        #expect(interpreter["a"] != interpreter["b"])
        #expect(interpreter.run("conv").lastValue == interpreter.run("conv1d").lastValue)
        #expect(interpreter["m1"] == interpreter["m2"])
        #expect(interpreter["m1"] != interpreter["m3"], "another layer")
        #expect(interpreter["t"] == .tuple([.number(1), .string("s"), .bool(true), .none, .list(PythonList([.int(1), .int(2)]))]))
        #expect(Value.number(1) != .tensor(Tensor(scalar: 1)))
        #expect(Value.number(.nan) != .number(.nan))
        #expect(interpreter.run("torch.nn").lastValue == interpreter.run("nn").lastValue)
    }
}
