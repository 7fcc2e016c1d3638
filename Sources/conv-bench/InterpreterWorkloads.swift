/// W5 and W7–W9: the evaluator's own speed on Python loops and calls, the command measured as a whole
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
    /// A time of its own to stay within, if any.
    var target: BenchTarget?
    /// conv is to take at most this many times Lua 5.4's time, if given.
    var luaRatio: Double?
    /// conv is to be at least this many times as fast as CPython, if given.
    var cpythonSpeedUp: Double?
    /// conv is to be this many times as fast as CPython + PyTorch running conv's own source (the
    /// whole process), when the Python given to the bench imports torch; nil: no PyTorch peer.
    var torchSpeedUp: Double?
    /// What the peers run, when it differs from conv's source.
    var peerNote = ""

    static let w7Python = "s = 0.0\nfor i in range(10**6):\n    s += i * 0.5\nprint(s)\n"

    /// W5's script: 100,000 lines of arithmetic on literals, a new name each (`let a17 = 17 * 2
    /// + 3.5 - 3 / 2`); `prefix` is `let ` for conv and nothing for CPython and Lua.
    static func literalLines(prefix: String) -> String {
        var script = ""
        script.reserveCapacity(100_000 * 40)
        for index in 0..<100_000 { script += "\(prefix)a\(index) = \(index) * 2 + 3.5 - 3 / 2\n" }
        return script
    }

    static let all: [InterpreterWorkload] = [
        InterpreterWorkload(
            name: "W5", summary: "100,000 lines a17 = 17 * 2 + 3.5 - 3 / 2", conv: literalLines(prefix: "let "),
            python: literalLines(prefix: ""), lua: literalLines(prefix: ""), luaRatio: 1,
            peerNote: "CPython and Lua: the same lines without let"),
        InterpreterWorkload(
            name: "W7", summary: "for i in range(10**6): s += i * 0.5", conv: w7Python,
            lua: "local s = 0.0\nfor i = 0, 10^6 - 1 do\n    s = s + i * 0.5\nend\nprint(s)\n", luaRatio: 1.5, cpythonSpeedUp: 10),
        InterpreterWorkload(
            name: "W8", summary: "corr1d loop, L=100,000, w=9",
            conv: """
                import torch

                def corr1d(X, K):
                    w = K.shape[0]
                    Y = torch.zeros(X.shape[0] - w + 1)
                    for i in range(Y.shape[0]):
                        Y[i] = (X[i:i+w] * K).sum()
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
            target: .milliseconds(1000), torchSpeedUp: 10,
            peerNote: "CPython + PyTorch: the same file; CPython and Lua: the same loop over lists"),
        InterpreterWorkload(
            name: "W9", summary: "recursive fib(25)",
            conv: "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\nprint(fib(25))\n",
            lua: "local function fib(n)\n    if n < 2 then return n end\n    return fib(n - 1) + fib(n - 2)\nend\nprint(fib(25))\n",
            target: .milliseconds(100)),
    ]
}

/// One program of a whole-process workload: conv's own (`peer` nil) or a peer's.
struct ProcessProgram {
    var peer: String?
    var path: String
    var text: String
    var command: [String]
}

/// What alternating rounds of whole-process runs measured for one program.
struct ProcessMeasurement {
    var milliseconds: Double
    var succeeded: Bool
}

extension BenchRunner {
    /// W7–W9 with their peers, in alternating rounds; each peer's median goes into `peers`. A
    /// workload with a PyTorch target also runs its own source in the Python `--python` names,
    /// when that Python imports torch.
    func measureInterpreters(into peers: inout PeerResults) -> [BenchRow] {
        let selected = InterpreterWorkload.all.filter { selects($0.name) }
        let importsTorch = selected.contains { $0.torchSpeedUp != nil }
            && ChildProcess.run(["/usr/bin/env", options.python, "-c", "import torch"]).succeeded
        return selected.map { workload in
            let base = "/tmp/conv-bench-\(workload.name)"
            var programs = [
                ProcessProgram(peer: nil, path: base + ".conv", text: workload.conv, command: [options.conv, base + ".conv"]),
                ProcessProgram(
                    peer: "CPython", path: base + ".py", text: workload.python ?? workload.conv,
                    command: ["/usr/bin/env", "python3", base + ".py"]),
                ProcessProgram(peer: "Lua 5.4", path: base + ".lua", text: workload.lua, command: ["/usr/bin/env", "lua5.4", base + ".lua"]),
            ]
            let torchIndex = programs.count
            if workload.torchSpeedUp != nil, importsTorch {
                programs.append(ProcessProgram(
                    peer: "CPython + PyTorch", path: base + "-torch.py", text: workload.conv,
                    command: ["/usr/bin/env", options.python, base + "-torch.py"]))
            }
            var targets = workload.target.map { [$0.text] } ?? []
            if let ratio = workload.luaRatio { targets.append("≤ \(format1(ratio))× Lua") }
            if let speedUp = workload.cpythonSpeedUp { targets.append("≥ \(formatFixed(speedUp, digits: 0))× CPython") }
            if let speedUp = workload.torchSpeedUp { targets.append("≥ \(formatFixed(speedUp, digits: 0))× CPython + PyTorch") }
            let target = targets.joined(separator: ", ")
            guard let measured = alternate(programs, workload: workload.name, into: &peers) else {
                return BenchRow(workload: workload.name, summary: workload.summary, milliseconds: .nan, target: target, met: false)
            }
            let conv = measured[0]
            var note = conv.succeeded ? workload.peerNote : "script failed"
            if measured.dropFirst().contains(where: { !$0.succeeded }) { note += (note.isEmpty ? "" : "; ") + "a peer is missing or failed" }
            var met: Bool? = conv.succeeded && (workload.target?.isMet(milliseconds: conv.milliseconds, gflops: 0) ?? true)
            // The peers' places in `measured`: CPython second, Lua third (see `programs`).
            let (cpython, lua) = (measured[1], measured[2])
            if let speedUp = workload.cpythonSpeedUp {
                met = cpython.succeeded ? met.map { $0 && cpython.milliseconds / conv.milliseconds >= speedUp } : nil
            }
            if let ratio = workload.luaRatio {
                met = lua.succeeded ? met.map { $0 && conv.milliseconds <= lua.milliseconds * ratio } : nil
                if lua.succeeded { note += (note.isEmpty ? "" : "; ") + "conv / Lua \(formatFixed(conv.milliseconds / lua.milliseconds, digits: 2))×" }
            }
            if let speedUp = workload.torchSpeedUp {
                if measured.count > torchIndex, measured[torchIndex].succeeded {
                    let ratio = measured[torchIndex].milliseconds / conv.milliseconds
                    note += "; CPython + PyTorch / conv \(format1(ratio))×"
                    met = (met ?? false) && ratio >= speedUp
                } else {
                    note += "; no PyTorch in \(options.python): no PyTorch ratio"
                    met = nil
                }
            }
            return BenchRow(
                workload: workload.name, summary: workload.summary, milliseconds: conv.milliseconds,
                peakMiB: ChildProcess.peakMiB(programs[0].command), target: target, met: met, note: note)
        }
    }

    /// Writes the programs, then runs them one of each per round (so a busy machine slows them
    /// alike); the median of each, in order. Each peer that always succeeded goes into `peers`
    /// under `workload`. `nil` when a program cannot be written.
    func alternate(_ programs: [ProcessProgram], workload: String, into peers: inout PeerResults) -> [ProcessMeasurement]? {
        guard programs.allSatisfy({ ChildProcess.write($0.text, to: $0.path) }) else { return nil }
        var samples = [[Double]](repeating: [], count: programs.count)
        var succeeded = [Bool](repeating: true, count: programs.count)
        for _ in 0..<max(3, options.runs / 2) {
            for (index, program) in programs.enumerated() {
                let result = ChildProcess.run(program.command)
                samples[index].append(result.milliseconds)
                succeeded[index] = succeeded[index] && result.succeeded
            }
        }
        let measured = zip(samples, succeeded).map { ProcessMeasurement(milliseconds: Timing.median($0), succeeded: $1) }
        for (program, result) in zip(programs, measured) where program.peer != nil && result.succeeded {
            peers.byWorkload[workload, default: []].append((program.peer ?? "", result.milliseconds))
        }
        return measured
    }
}
