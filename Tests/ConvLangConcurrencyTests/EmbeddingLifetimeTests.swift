import Dispatch
import Testing
import ConvLang
import ConvNumerics

/// A host's cancellation, failing host functions and dropped references, with interpreters on
/// several threads, under the thread sanitizer (`make test-tsan`).
@Suite("Embedding on several threads")
struct EmbeddingLifetimeTests {
    /// Fails as a host function may: `by=0` with the host's error type, `by<0` with any error.
    static let divide = HostFunction(name: "divide", parameters: [.required("x"), .optional("by", default: .number(1))],
                                     summary: "x / by; fails for by <= 0") { arguments in
        let by = try arguments.number("by")
        if by == 0 { throw arguments.error("cannot divide by 0", at: "by") }
        if by < 0 { throw Refusal() }
        return .number(try arguments.number("x") / by)
    }

    struct Refusal: Error, CustomStringConvertible {
        var description: String { "negative divisors are refused" }
    }

    /// Holds a reference across threads; each test orders its uses with semaphores or joins.
    final class Handle<Object: AnyObject>: @unchecked Sendable {
        var strong: Object?
        weak var weak: Object?
    }

    static func interpreter(steps: Int = 10_000_000) -> Interpreter {
        var configuration = Interpreter.Configuration(seed: 0, limits: Limits(maximumSteps: steps))
        configuration.hostFunctions = [divide]
        return Interpreter(configuration: configuration)
    }

    @Test func aHostCancelsManyEndlessRunsFromItsOwnThread() {
        let workers = 6
        let started = DispatchSemaphore(value: 0)
        let flags = Locked([InterruptFlag]())
        let outcomes = Locked([[Diagnostic.Kind]]())
        let group = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) {
                let interpreter = Interpreter(configuration: .init(seed: 0, limits: Limits(maximumSteps: .max))) { event in
                    if case .printed = event { started.signal() }
                }
                flags.withLock { $0.append(interpreter.interrupt) }
                // `n` is bound before the run says it is under way, so the next run can read it.
                let result = interpreter.run("n = 0\nprint(\"go\")\nwhile True:\n    n += 1")
                let after = interpreter.run("n >= 0")
                outcomes.withLock { $0.append(result.diagnostics.map(\.kind) + (after.succeeded ? [] : [.runtime])) }
            }
        }
        // The host's thread: once every run is under way, cancel them all.
        for _ in 0..<workers { started.wait() }
        for flag in flags.withLock({ $0 }) { flag.raise() }
        group.wait()
        #expect(outcomes.withLock { $0 } == Array(repeating: [.interrupted], count: workers))
    }

    @Test func aThrowingHostFunctionIsAnErrorAtItsCallAndTheInterpreterGoesOn() {
        let failures = Locked([String]())
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            let interpreter = Self.interpreter()
            var problems: [String] = []
            // The host's own error type points at the argument it names.
            let named = interpreter.run("a = \(worker)\nb = divide(6, by=0)").diagnostics
            let namedText = named.first.map { $0.source.text(of: $0.range) } ?? ""
            if named.map(\.kind) != [.runtime] || !["0", "by=0"].contains(namedText) { problems.append("named: \(named)") }
            // Any other error points at the whole call, with the error's description.
            let other = interpreter.run("c = 1\nd = divide(1, by=-1) + c").diagnostics
            if other.map(\.message) != ["divide: negative divisors are refused"]
                || other.first.map({ $0.source.text(of: $0.range) }) != "divide(1, by=-1)"
                || other.first?.location.line != 2 {
                problems.append("other: \(other.map(\.description))")
            }
            // The session goes on with what ran before each error.
            let after = interpreter.run("divide(6, by=3) + a + c")
            if after.lastValue != .number(Double(3 + worker)) { problems.append("after: \(after.diagnostics.map(\.message))") }
            failures.withLock { $0 += problems }
        }
        #expect(failures.withLock { $0 }.isEmpty)
    }

    @Test func aHostFunctionsErrorIsCaughtAsPythonsRuntimeError() {
        let program = """
        caught = []
        for by in [2, 0, -1]:
            try:
                caught.append(divide(4, by=by) == 2)
            except RuntimeError as error:
                caught.append(str(error))
        try:
            divide(1, by=0)
        except ValueError:
            caught.append("not a ValueError")
        except Exception as error:
            caught.append(type(error).__name__)
        print(caught)
        """
        var shown: [String] = []
        var configuration = Interpreter.Configuration(seed: 0)
        configuration.hostFunctions = [Self.divide]
        let interpreter = Interpreter(configuration: configuration) { shown.append($0.text) }
        let result = interpreter.run(program)
        #expect(result.succeeded, "\(result.diagnostics.map(\.message))")
        #expect(shown == ["[True, 'cannot divide by 0', 'divide: negative divisors are refused', 'RuntimeError']"])
    }

    @Test func aHostMayDropItsLastReferenceWhileARunIsUnderWay() {
        let handle = Handle<Interpreter>()
        let started = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let flag = Locked<InterruptFlag?>(nil)
        let kinds = Locked([Diagnostic.Kind]())
        // The host makes the interpreter, starts a run on another thread, and keeps only the flag.
        handle.strong = Interpreter(configuration: .init(seed: 0, limits: Limits(maximumSteps: .max))) { event in
            if case .printed = event { started.signal() }
        }
        handle.weak = handle.strong
        flag.withLock { $0 = handle.strong?.interrupt }
        DispatchQueue.global().async {
            // The running thread's own reference: the run keeps the interpreter alive.
            let running = handle.strong
            started.signal()
            let result = running?.run("print(\"go\")\nwhile True:\n    pass")
            kinds.withLock { $0 = result?.diagnostics.map(\.kind) ?? [] }
            finished.signal()
        }
        started.wait()
        started.wait()
        handle.strong = nil  // the host's last reference goes while the run is under way
        flag.withLock { $0?.raise() }  // cancel then release: the flag outlives the interpreter
        finished.wait()
        #expect(kinds.withLock { $0 } == [.interrupted])
        // Once the run returned and its thread let go, the interpreter is gone; raising its flag is harmless.
        DispatchQueue.global().sync {}
        flag.withLock { $0?.raise() }
    }

    @Test func anInterpreterReleasedAfterAnInterruptIsFreed() {
        let handle = Handle<Interpreter>()
        let group = DispatchGroup()
        let flag = Locked<InterruptFlag?>(nil)
        let ready = DispatchSemaphore(value: 0)
        DispatchQueue.global().async(group: group) {
            let interpreter = Interpreter(configuration: .init(seed: 0, limits: Limits(maximumSteps: .max))) { event in
                if case .printed = event { ready.signal() }
            }
            handle.weak = interpreter
            flag.withLock { $0 = interpreter.interrupt }
            _ = interpreter.run("print(1)\nwhile True:\n    pass")
        }
        ready.wait()
        flag.withLock { $0?.raise() }
        group.wait()
        #expect(handle.weak == nil, "the interpreter is freed when the thread that ran it lets go")
    }
}
