/// W7–W9: the evaluator's own speed on Python loops and calls, the command measured as a whole
/// (start-up included) beside CPython on the same source and Lua 5.4 on its equivalent. The
/// programs run in turn, one of each per round, so a busy machine slows them alike.
struct InterpreterWorkload {
    var name: String
    var summary: String
    /// The program conv runs.
    var conv: String
    /// The same program for CPython (nil: the conv source itself).
    var python: String?
    /// Its equivalent in Lua 5.4.
    var lua: String
    var target: BenchTarget
    /// What the peers run, when it differs from conv's source.
    var peerNote = ""

    static let w7Python = "s = 0.0\nfor i in range(10**6):\n    s += i * 0.5\nprint(s)\n"

    static let all: [InterpreterWorkload] = [
        InterpreterWorkload(
            name: "W7", summary: "for i in range(10**6): s += i * 0.5", conv: w7Python,
            lua: "local s = 0.0\nfor i = 0, 10^6 - 1 do\n    s = s + i * 0.5\nend\nprint(s)\n", target: .milliseconds(50)),
        InterpreterWorkload(
            name: "W8", summary: "recursive fib(25)",
            conv: "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\nprint(fib(25))\n",
            lua: "local function fib(n)\n    if n < 2 then return n end\n    return fib(n - 1) + fib(n - 2)\nend\nprint(fib(25))\n",
            target: .milliseconds(100)),
        InterpreterWorkload(
            name: "W9", summary: "corr1d loop, L=100,000, w=9",
            conv: """
                import torch

                def corr1d(X, K):
                    w = K.shape[0]
                    Y = torch.zeros((X.shape[0] - w + 1))
                    for i in range(Y.shape[0]):
                        Y[i] = torch.sum(X[i: i + w] * K)
                    return Y

                X = torch.arange(100000) * 0.001
                K = torch.ones(9)
                print(corr1d(X, K).shape)

                """,
            python: """
                def corr1d(X, K):
                    w = len(K)
                    Y = [0.0] * (len(X) - w + 1)
                    for i in range(len(Y)):
                        Y[i] = sum(x * k for x, k in zip(X[i: i + w], K))
                    return Y

                X = [i * 0.001 for i in range(100000)]
                K = [1.0] * 9
                print(len(corr1d(X, K)))

                """,
            lua: """
                local function corr1d(X, K)
                    local w, Y = #K, {}
                    for i = 1, #X - w + 1 do
                        local s = 0.0
                        for j = 1, w do s = s + X[i + j - 1] * K[j] end
                        Y[i] = s
                    end
                    return Y
                end
                local X, K = {}, {}
                for i = 1, 100000 do X[i] = (i - 1) * 0.001 end
                for j = 1, 9 do K[j] = 1.0 end
                print(#corr1d(X, K))

                """,
            target: .milliseconds(1000), peerNote: "peers: the same loop over lists (no torch)"),
    ]
}

extension BenchRunner {
    /// W7–W9 with their peers, in alternating rounds; each peer's median goes into `peers`.
    func measureInterpreters(into peers: inout PeerResults) -> [BenchRow] {
        InterpreterWorkload.all.filter { selects($0.name) }.map { workload in
            let base = "/tmp/conv-bench-\(workload.name)"
            let programs: [(peer: String?, path: String, text: String, command: [String])] = [
                (nil, base + ".conv", workload.conv, [options.conv, base + ".conv"]),
                ("CPython", base + ".py", workload.python ?? workload.conv, ["/usr/bin/env", "python3", base + ".py"]),
                ("Lua 5.4", base + ".lua", workload.lua, ["/usr/bin/env", "lua5.4", base + ".lua"]),
            ]
            guard programs.allSatisfy({ ChildProcess.write($0.text, to: $0.path) }) else {
                return BenchRow(workload: workload.name, summary: workload.summary, milliseconds: .nan, target: "", met: false)
            }
            var samples = [[Double]](repeating: [], count: programs.count)
            var succeeded = [Bool](repeating: true, count: programs.count)
            for _ in 0..<max(3, options.runs / 2) {
                for (index, program) in programs.enumerated() {
                    let result = ChildProcess.run(program.command)
                    samples[index].append(result.milliseconds)
                    succeeded[index] = succeeded[index] && result.succeeded
                }
            }
            for (index, program) in programs.enumerated().dropFirst() where succeeded[index] {
                peers.byWorkload[workload.name, default: []].append((program.peer ?? "", Timing.median(samples[index])))
            }
            let milliseconds = Timing.median(samples[0])
            var note = succeeded[0] ? workload.peerNote : "script failed"
            if succeeded.dropFirst().contains(false) { note += (note.isEmpty ? "" : "; ") + "a peer is missing or failed" }
            return BenchRow(
                workload: workload.name, summary: workload.summary, milliseconds: milliseconds,
                peakMiB: ChildProcess.peakMiB(programs[0].command), target: workload.target.text,
                met: succeeded[0] && workload.target.isMet(milliseconds: milliseconds, gflops: 0), note: note)
        }
    }
}
