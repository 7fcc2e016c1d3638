import Dispatch
import Testing
@testable import ConvLang

/// Generators run their bodies on threads of their own: none may be left behind, the run's
/// limits and interrupt reach a body, and errors keep their place in the body.
/// (What generators compute is in the golden Tests/Programs/python/generators.conv.)
@Suite("Python generators")
struct GeneratorTests {
    /// Runs `source` in an interpreter; gives what it printed, its errors as `line:column message`,
    /// and how many generator bodies are still suspended on their threads after the run.
    private func outcome(_ source: String, limits: Limits = Limits(), interpreter given: Interpreter? = nil)
        -> (lines: [String], errors: [String], suspended: Int) {
        let collector = Collector()
        let interpreter = given ?? Interpreter(recording: .init(seed: 0, limits: limits)) { record in
            collector.outcome.lines.append(record.text)
        }
        let result = interpreter.run(source, name: "test.conv")
        return (collector.outcome.lines, result.diagnostics.map { "\($0.location) \($0.message)" },
                interpreter.evaluator.generators.live.count)
    }

    @Test func aGeneratorDroppedUnfinishedIsClosedAndLeavesNoThread() {
        let run = outcome("""
            def numbers():
                try:
                    i = 0
                    while True:
                        yield i
                        i += 1
                finally:
                    print("closed")
            for n in numbers():
                if n == 2:
                    break
            print("after")
            """)
        #expect(run.errors.isEmpty)
        #expect(run.lines == ["closed", "after"])
        #expect(run.suspended == 0)
    }

    @Test func aGeneratorLeftSuspendedIsClosedWhenTheRunEnds() {
        let lines = Collector()
        let interpreter = Interpreter(recording: .init(seed: 0)) { lines.outcome.lines.append($0.text) }
        let first = outcome("""
            def gen():
                try:
                    yield 1
                    yield 2
                finally:
                    print("finally")
            g = gen()
            fresh = gen()
            print(next(g))
            """, interpreter: interpreter)
        #expect(first.errors.isEmpty)
        #expect(lines.outcome.lines == ["1", "finally"])
        #expect(first.suspended == 0)
        // The closed one is finished; the one never started runs in a later run.
        let second = outcome("print(next(g, 'done'), list(fresh))", interpreter: interpreter)
        #expect(second.errors.isEmpty)
        #expect(Array(lines.outcome.lines.suffix(2)) == ["finally", "done [1, 2]"])
        #expect(second.suspended == 0)
    }

    @Test func inASessionAGeneratorGoesOnInTheNextRunAndEndsWithTheSession() {
        let lines = Collector()
        var configuration = Interpreter.Configuration(seed: 0)
        configuration.generatorsOutliveRuns = true
        var interpreter: Interpreter? = Interpreter(configuration: configuration) { lines.outcome.lines.append($0.text) }
        _ = interpreter?.run("def gen():\n    try:\n        yield 1\n        yield 2\n    finally:\n        print('finally')\ng = gen()\nprint(next(g))")
        #expect(lines.outcome.lines == ["1"])
        #expect(interpreter?.evaluator.generators.live.count == 1)
        _ = interpreter?.run("print(next(g))")
        #expect(lines.outcome.lines == ["1", "2"])
        // Dropping it closes it at once; one still suspended is closed by reset and by the end
        // of the session.
        // (`next(h)` shows its value, as an expression statement in a session does.)
        _ = interpreter?.run("g = None\nh = gen()\nnext(h)")
        #expect(lines.outcome.lines == ["1", "2", "finally", "1"])
        interpreter?.reset()
        #expect(lines.outcome.lines == ["1", "2", "finally", "1", "finally"])
        _ = interpreter?.run("def gen():\n    try:\n        yield 1\n    finally:\n        print('last')\nk = gen()\nprint(next(k))")
        interpreter = nil
        #expect(lines.outcome.lines == ["1", "2", "finally", "1", "finally", "1", "last"])
    }

    @Test func manySuspendedGeneratorsAreAllClosed() {
        let run = outcome("""
            def count(n):
                while True:
                    yield n
                    n += 1
            live = [count(i) for i in range(40)]
            print(sum(next(g) for g in live))
            """)
        #expect(run.errors.isEmpty)
        #expect(run.lines == ["780"])
        #expect(run.suspended == 0)
    }

    @Test func suspendedGeneratorsAreBoundedAndAllClosedAtTheLimit() {
        let run = outcome("def g():\n    yield 1\n    yield 2\ngens = [g() for _ in range(1001)]\nfor x in gens:\n    next(x)")
        #expect(run.errors == ["6:5 more than 1000 generators started and not finished at once"])
        #expect(run.suspended == 0)
    }

    @Test func anErrorInTheBodyIsLocatedInTheBody() {
        let run = outcome("""
            def batches():
                yield 1
                yield 1 // 0
            for b in batches():
                print(b)
            """)
        #expect(run.lines == ["1"])
        #expect(run.errors == ["3:13 integer division or modulo by zero"])
        #expect(run.suspended == 0)
        #expect(outcome("def g():\n    yield missing\nnext(g())").errors == ["2:11 unknown name 'missing'"])
        #expect(outcome("def g():\n    raise StopIteration\n    yield\nlist(g())").errors.first?.hasSuffix("generator raised StopIteration") == true)
        #expect(outcome("def g():\n    yield\nx = g()\nnext(x)\nnext(x)").errors == ["5:1 StopIteration"])
    }

    @Test func limitsReachABodyThatNeverYields() {
        let run = outcome("""
            def spin():
                while True:
                    pass
                yield 1
            next(spin())
            """, limits: Limits(maximumSteps: 10_000))
        #expect(run.errors.count == 1)
        #expect(run.errors.first?.hasPrefix("2:11 the program took more than 10000 evaluation steps") == true)
        #expect(run.suspended == 0)
        let recursive = outcome("def f(n):\n    return f(n + 1)\ndef g():\n    yield f(0)\nlist(g())")
        #expect(recursive.errors.count == 1)
        #expect(recursive.errors.first?.contains("too many nested calls") == true)
        // Past any call limit, the nesting bound of the body's smaller stack stops it, not a crash.
        let deep = outcome("def f(n):\n    return f(n + 1)\ndef g():\n    yield f(0)\nlist(g())", limits: Limits(maximumCallDepth: 1_000_000))
        #expect(deep.errors.count == 1)
        #expect(deep.errors.first?.contains("nested too deeply") == true)
        #expect(deep.suspended == 0)
        let nested = outcome("def nest(n):\n    if n == 0:\n        yield 0\n    else:\n        yield from nest(n - 1)\nprint(list(nest(100)))")
        #expect(nested.errors.isEmpty)
        #expect(nested.lines == ["[0]"])
    }

    @Test func anInterruptStopsABodyThatLoopsForever() {
        let flag = InterruptFlagBox()
        let collector = Collector()
        let interpreter = Interpreter(recording: .init(seed: 0, limits: Limits(maximumSteps: .max))) { record in
            collector.outcome.lines.append(record.text)
            flag.raiseSoon()
        }
        flag.target = interpreter.interrupt
        let run = outcome("""
            def forever():
                print("go")
                yield 0
                while True:
                    pass
            for x in forever():
                pass
            """, interpreter: interpreter)
        #expect(run.errors == ["4:11 interrupted"])
        #expect(run.suspended == 0)
        #expect(interpreter.run("print('still here')").succeeded)
    }

    @Test func theBodyStartsWithTheGradModeOfItsFirstNext() {
        let run = outcome("""
            import torch
            w = torch.ones(2, requires_grad=True)
            def scaled():
                yield w * 2
            with torch.no_grad():
                for y in scaled():
                    print(y.requires_grad)
            for y in scaled():
                print(y.requires_grad)
            """)
        #expect(run.errors.isEmpty)
        #expect(run.lines == ["False", "True"])
    }

    @Test func aGeneratorShowsAsAGeneratorObject() {
        let run = outcome("def data_iter():\n    yield 1\ng = data_iter()\nprint(g)\nprint(type(g).__name__, iter(g) is g)")
        #expect(run.lines == ["<generator object data_iter>", "generator True"])
        #expect(outcome("class C:\n    def items(self):\n        yield 1\nprint(C().items())").lines == ["<generator object C.items>"])
    }
}
