import Dispatch
import Testing
import ConvLang
import ConvNumerics

/// The threading rules of ``Interpreter``, exercised under the thread sanitizer (`make test-tsan`):
/// many interpreters run at once on different threads, each used by one thread at a time, and an
/// interrupt may be raised from any thread.
@Suite("Interpreters on several threads")
struct ConcurrencyTests {
    /// One host function shared by every interpreter: its body runs on each interpreter's thread.
    static let calls = Locked(0)
    static let tally = HostFunction(name: "tally", parameters: [.required("x")], summary: "count a call") { arguments in
        calls.withLock { $0 += 1 }
        return arguments["x"]
    }

    /// A program whose output depends only on the seed and the worker's number.
    static func program(worker: Int) -> String {
        """
        seed(\(worker))
        m = nn.Conv1d(2, 3, 3, p=1)
        x = rand(1, 2, 64) * \(worker + 1)
        fn smooth(v, n=3) = conv(v, ones(n) / n, p="same")
        y = tally(sum(relu(m(x))))
        print(len(smooth(arange(100), n=5)))
        y
        """
    }

    /// What one worker's interpreter shows and returns, run on whichever thread calls it.
    static func work(worker: Int) -> [String] {
        var shown: [String] = []
        var configuration = Interpreter.Configuration(seed: 0)
        configuration.hostFunctions = [tally]
        let interpreter = Interpreter(configuration: configuration) { shown.append($0.text) }
        let result = interpreter.run(program(worker: worker))
        guard result.succeeded else { return result.diagnostics.map(\.message) }
        let called = try? interpreter.call("smooth", [.tensor(Tensor([3, 0, 3, 0]))], named: ["n": .number(3)])
        interpreter["z"] = called
        return shown + [interpreter["z"].map(ValueFormatter.display) ?? "none"]
    }

    /// What `work` gives for each worker run one after another, and run all at once on
    /// several threads.
    static func oneThreadAndSeveral(workers: Int, _ work: @escaping @Sendable (Int) -> [String])
        -> (expected: [[String]], concurrent: [[String]]) {
        let expected = (0..<workers).map(work)
        let results = Locked([[String]](repeating: [], count: workers))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let shown = work(worker)
            results.withLock { $0[worker] = shown }
        }
        return (expected, results.withLock { $0 })
    }

    @Test func manyInterpretersRunAtOnceAndAgreeWithOneThread() {
        let workers = 8
        let (expected, concurrent) = Self.oneThreadAndSeveral(workers: workers, Self.work(worker:))
        #expect(concurrent == expected)
        #expect(expected.allSatisfy { $0.count == 3 && $0[0] == "100" && $0[2] == "[1, 2, 1, 1]" })
        #expect(Self.calls.withLock { $0 } >= 2 * workers)
    }

    @Test func anInterruptFromAnotherThreadStopsARunWhileOthersGoOn() {
        let started = DispatchSemaphore(value: 0)
        let interpreter = Interpreter(configuration: .init(seed: 0, limits: Limits(maximumSteps: .max))) { event in
            if case .printed = event { started.signal() }
        }
        let flag = interpreter.interrupt
        // Another thread raises the flag once the run has shown that it is under way.
        let raiser = DispatchQueue(label: "raiser")
        raiser.async {
            started.wait()
            flag.raise()
        }
        let bystanders = Locked([[String]]())
        let group = DispatchGroup()
        for worker in 0..<3 {
            DispatchQueue.global().async(group: group) {
                let shown = Self.work(worker: worker)
                bystanders.withLock { $0.append(shown) }
            }
        }
        var program = ["print(\"go\")", "fn f0(x) = x"]
        for level in 1...60 { program.append("fn f\(level)(x) = f\(level - 1)(x) + f\(level - 1)(x)") }
        program.append("f60(1)")
        let result = interpreter.run(program.joined(separator: "\n"))
        group.wait()
        #expect(result.diagnostics.map(\.kind) == [.interrupted])
        #expect(interpreter.run("1 + 1").succeeded, "the next run lowers the flag")
        #expect(bystanders.withLock { $0.count } == 3)
        #expect(bystanders.withLock { $0 }.allSatisfy { $0.count == 3 }, "other interpreters are not interrupted")
    }

    @Test func aLongKernelIsInterruptedFromAnotherThread() {
        let started = DispatchSemaphore(value: 0)
        let interpreter = Interpreter(configuration: .init(seed: 0)) { event in
            if case .printed = event { started.signal() }
        }
        let flag = interpreter.interrupt
        DispatchQueue.global().async {
            started.wait()
            flag.raise()
        }
        let result = interpreter.run("x = zeros(1, 256, 20000)\nw = zeros(256, 256, 64)\nprint(1)\nconv(x, w)")
        #expect(result.diagnostics.map(\.kind) == [.interrupted])
        #expect(interpreter["x"] != nil)
    }

    /// A program whose generators hand control back and forth with the loops that read them,
    /// run one to its end inside zip, and leave one suspended in a name (closed as the run ends).
    static func generatorProgram(worker: Int) -> String {
        """
        import torch
        torch.manual_seed(\(worker))
        def batches(features, size):
            try:
                for i in range(0, len(features), size):
                    yield features[i:i + size], i
            finally:
                print("closed", size)
        def naturals():
            n = 0
            while True:
                yield n
                n += 1
        features = torch.randn(12, 2)
        total = 0.0
        for X, i in batches(features, 4):
            total += float(X.sum()) + i
        print(round(total, 4))
        print(len(list(zip(naturals(), batches(features, 5)))))
        kept = batches(features, 3)
        print(next(kept)[1], sum(n for n, _ in zip(naturals(), range(\(worker + 3)))))
        """
    }

    /// What one worker's generator program shows, and its errors.
    static func generatorWork(worker: Int) -> [String] {
        var shown: [String] = []
        let interpreter = Interpreter(configuration: .init(seed: 0)) { shown.append($0.text) }
        let result = interpreter.run(generatorProgram(worker: worker))
        return shown + result.diagnostics.map(\.message)
    }

    @Test func generatorsRunInInterpretersOnSeveralThreads() {
        let (expected, concurrent) = Self.oneThreadAndSeveral(workers: 6, Self.generatorWork(worker:))
        #expect(concurrent == expected)
        #expect(expected.allSatisfy { $0.count == 6 && $0[0] == "closed 4" && $0[2] == "closed 5" && $0[5] == "closed 3" })
    }
}
