import Testing
import ConvNumerics
@testable import ConvLang

/// Range loops whose bodies only compute with ints and floats in names run on registers
/// (``NumericLoop``); the limits stop them as they stop any loop, and the names they bound
/// stay bound, as the general loop leaves them.
@Suite("Numeric range loops")
struct NumericLoopTests {
    private func stopped(_ source: String, limits: Limits) -> (Interpreter, Interpreter.RunResult) {
        let interpreter = Interpreter(configuration: .init(seed: 0, limits: limits))
        return (interpreter, interpreter.run(source))
    }

    @Test func theStepLimitStopsTheLoopAndKeepsItsNames() {
        let (interpreter, result) = stopped("s = 0.0\nfor i in range(10**12):\n    s += i * 0.5\n", limits: Limits(maximumSteps: 1_000))
        #expect(result.diagnostics.map(\.message) == ["the program took more than 1000 evaluation steps, the limit"])
        guard case .int(let i)? = interpreter.value(of: "i"), case .number(let s)? = interpreter.value(of: "s") else {
            Issue.record("the names are not bound: \(interpreter.bindings)")
            return
        }
        // Every pass that ran is in s, and no more.
        #expect(i > 0 && i < 1_000)
        #expect(s == Double(i * (i + 1)) * 0.25)
    }

    @Test func theTimeLimitStopsTheLoop() {
        let (_, result) = stopped("n = 0\nfor i in range(10**15):\n    n += 1\n",
                                  limits: Limits(maximumSteps: .max, timeLimit: .milliseconds(50)))
        #expect(result.diagnostics.map(\.message) == ["the program ran longer than its time limit of 0.05 s"])
    }

    @Test func aLoopStoppedOnItsFirstPassBindsNothing() {
        let (interpreter, result) = stopped("for i in range(10):\n    fresh = i * 2\n", limits: Limits(maximumSteps: 0))
        #expect(!result.succeeded)
        #expect(interpreter.value(of: "fresh") == nil)
    }

    @Test func anOverflowingPassGoesOnAsABigInt() {
        let interpreter = Interpreter(configuration: .init(seed: 0))
        let result = interpreter.run("a = 0\nb = 1\nfor i in range(10):\n    a = a + 1\n    b = b * 1000\na, str(b)")
        #expect(result.succeeded)
        if case .tuple(let items)? = result.lastValue, case .int(10) = items[0], case .string(let b) = items[1] {
            #expect(b == "1" + String(repeating: "0", count: 30))
        } else {
            Issue.record("unexpected \(String(describing: result.lastValue))")
        }
    }
}
