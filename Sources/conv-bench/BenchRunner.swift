import CConvKernels
import ConvNumerics
import Glibc

/// Command-line options of the benchmark.
struct BenchOptions {
    var runs = 11
    var conv = ".build/release/conv"
    var peers = "Benchmarks/peers.py"
    /// The Python that runs the peers (PyTorch is measured when it can import torch).
    var python = "python3"
    /// Workloads to run (`W1`, `W2f`, `W4`, …), or every one when empty.
    var only: Set<String> = []
    var child: String?

    init(_ arguments: ArraySlice<String>) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--runs": runs = iterator.next().flatMap { Int($0) } ?? runs
            case "--conv": conv = iterator.next() ?? conv
            case "--peers": peers = iterator.next() ?? peers
            case "--python": python = iterator.next() ?? python
            case "--only": only = Set((iterator.next() ?? "").split(separator: ",").map(String.init))
            case "--child": child = iterator.next()
            default: print("ignoring unknown argument \(argument)")
            }
        }
    }
}

/// One row of the table.
struct BenchRow {
    var workload: String
    var summary: String
    var milliseconds: Double
    var gflops: Double?
    var peakMiB: Double?
    var target: String
    /// `nil`: not measurable here (a missing peer).
    var met: Bool?
    var note: String = ""
}

struct BenchRunner {
    let options: BenchOptions

    /// One run of a numeric workload in this process, for a child measured from outside.
    static func runChild(_ name: String) -> Bool {
        if name == "idle" { return true }
        guard let workload = NumericWorkload.named(name), let (input, weight) = workload.makeOperands() else { return false }
        return (try? Convolution.conv1d(input, weight: weight, bias: nil, parameters: workload.parameters)) != nil
    }

    /// Whether `--only` (or its absence) selects the workload named `name`.
    /// (`W5` also selects `W5c`, the first round's form of the same workload.)
    func selects(_ name: String) -> Bool {
        options.only.isEmpty || options.only.contains(name) || (name == "W5c" && options.only.contains("W5"))
    }

    func run() {
        print("conv-bench: \(options.runs) runs per workload, median; \(conv_kernels_processor_count_text()); \(loadAverageText())")
        var rows: [BenchRow] = []
        let idlePeakMiB = ChildProcess.peakMiB([ChildProcess.ownPath(), "--child", "idle"])
        for workload in NumericWorkload.all where selects(workload.name) {
            rows.append(measure(workload, idlePeakMiB: idlePeakMiB))
        }
        if selects("W4") { rows.append(contentsOf: measureStartUp()) }
        if selects("W5c") { rows.append(measureScript()) }
        var peers = measurePeers()
        if selects(TrainingWorkload.name) { rows.append(measureTraining(into: &peers)) }
        rows.append(contentsOf: measureInterpreters(into: &peers))
        BenchTable.print(rows: rows.filter { selects($0.workload) }, peers: peers)
        print("At the end: \(loadAverageText())")
    }

    private func measure(_ workload: NumericWorkload, idlePeakMiB: Double) -> BenchRow {
        guard let (input, weight) = workload.makeOperands() else {
            return BenchRow(workload: workload.name, summary: workload.summary, milliseconds: .nan, target: "", met: false)
        }
        var output: Tensor?
        let times = (try? Timing.medians(runs: options.runs) {
            output = try Convolution.conv1d(input, weight: weight, bias: nil, parameters: workload.parameters)
        }) ?? (.nan, .nan)
        let milliseconds = times.wall
        let outputCount = output?.count ?? 0
        let childPeakMiB = ChildProcess.peakMiB([ChildProcess.ownPath(), "--child", workload.name])
        let aboveIdle = childPeakMiB - idlePeakMiB
        let allowanceMiB = 2 * workload.operandBytes(outputCount: outputCount) / 1_048_576
        let gflops = workload.flops(outputCount: outputCount) / milliseconds / 1e6
        var met = workload.target.isMet(milliseconds: milliseconds, gflops: gflops)
        var note = "processor time \(formatFixed(times.cpu, digits: 2)) ms (all threads); "
        note += String(format1(aboveIdle)) + " MiB above start-up"
        if workload.limitsMemory {
            met = met && aboveIdle <= allowanceMiB
            note += " (allowed \(format1(allowanceMiB)))"
        }
        if workload.checksError, let output {
            let error = DirectCheck.relativeError(output, input: input, weight: weight)
            note += "; max error vs float64 direct \(formatScientific(error))"
            if let maximumError = workload.maximumError {
                met = met && error <= maximumError
                note += " (allowed \(formatScientific(maximumError)))"
            }
        }
        return BenchRow(
            workload: workload.name, summary: workload.summary, milliseconds: milliseconds, gflops: gflops,
            peakMiB: childPeakMiB, target: workload.target.text, met: met, note: note)
    }

    /// W4: the release `conv` starting, evaluating `1`, and running the walkthrough sample.
    private func measureStartUp() -> [BenchRow] {
        let commands: [(String, [String])] = [
            ("conv -e '1'", [options.conv, "-e", "1"]),
            ("conv walkthrough-k2-s2-p1", [options.conv, "Samples/walkthrough-k2-s2-p1.conv"]),
        ]
        // Start-up targets: `conv -e '1'` in a blink (≤ 3 ms, ≤ 12 MiB, beside Lua's 2 ms); the
        // walkthrough keeps the first round's ≤ 20 ms, ≤ 20 MiB.
        let limits: [(milliseconds: Double, mebibytes: Double)] = [(3, 12), (20, 20)]
        let lua = (0..<options.runs).map { _ in ChildProcess.run(["/usr/bin/env", "lua5.4", "-e", "x=1"]) }
        let luaNote = lua.allSatisfy(\.succeeded) ? "lua5.4 -e 'x=1' \(formatFixed(Timing.median(lua.map(\.milliseconds)), digits: 2)) ms" : ""
        return zip(commands, limits).map { command, limit in
            let (label, arguments) = command
            let results = (0..<options.runs).map { _ in ChildProcess.run(arguments) }
            let milliseconds = Timing.median(results.map(\.milliseconds))
            let peak = ChildProcess.peakMiB(arguments)
            let ok = results.allSatisfy(\.succeeded)
            return BenchRow(
                workload: "W4", summary: label, milliseconds: milliseconds, peakMiB: peak,
                target: "≤ \(formatFixed(limit.milliseconds, digits: 0)) ms, ≤ \(formatFixed(limit.mebibytes, digits: 0)) MiB",
                met: ok && milliseconds <= limit.milliseconds && peak <= limit.mebibytes,
                note: ok ? luaNote : "command failed")
        }
    }

    /// W5c, W5 as the first round had it: a generated 100,000-line script of chained scalar `let`
    /// statements, start-up included (the literal lines beside Lua are in InterpreterWorkloads).
    private func measureScript() -> BenchRow {
        var script = "let a0 = 1.0\n"
        for index in 1..<100_000 { script += "let a\(index) = a\(index - 1) * 0.5 + \(index % 97)\n" }
        let path = "/tmp/conv-bench-w5.conv"
        guard ChildProcess.write(script, to: path) else {
            return BenchRow(workload: "W5c", summary: "", milliseconds: .nan, target: "", met: false)
        }
        let results = (0..<max(3, options.runs / 3)).map { _ in ChildProcess.run([options.conv, path]) }
        let milliseconds = Timing.median(results.map(\.milliseconds))
        let ok = results.allSatisfy(\.succeeded)
        return BenchRow(
            workload: "W5c", summary: "100,000 chained scalar let lines", milliseconds: milliseconds,
            peakMiB: ChildProcess.peakMiB([options.conv, path]), target: "≤ 200 ms", met: ok && milliseconds <= 200,
            note: ok ? "" : "script failed")
    }

    /// The peers' medians by workload, from `Benchmarks/peers.py` run now. OpenBLAS's
    /// processor overrides are removed for this command alone: they slow current NumPy.
    private func measurePeers() -> PeerResults {
        let path = "/tmp/conv-bench-peers.tsv"
        let environment = ChildProcess.environment(removing: ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"])
        let result = ChildProcess.run(
            ["/usr/bin/env", options.python, options.peers, String(max(3, options.runs / 2)),
             options.only.sorted().joined(separator: ",")],
            environment: environment, outputPath: path)
        return PeerResults(lines: ChildProcess.lines(ofFile: path), ran: result.succeeded)
    }
}

private func conv_kernels_processor_count_text() -> String {
    let level = ["baseline", "AVX2 + FMA", "AVX2 + FMA + AVX-512"][Int(conv_kernels_uses_wide_vectors())]
    return "\(conv_kernels_processor_count()) processors, kernels: \(level)"
}

/// The load averages over 1, 5 and 15 minutes: medians mean little on a loaded machine.
private func loadAverageText() -> String {
    var loads = [Double](repeating: .nan, count: 3)
    let count = getloadavg(&loads, 3)
    guard count == 3 else { return "load average unknown" }
    return "load average " + loads.map { formatFixed($0, digits: 2) }.joined(separator: ", ")
}

func format1(_ value: Double) -> String { formatFixed(value, digits: 1) }

func formatFixed(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return "–" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((abs(value) * scale).rounded())
    let whole = scaled / Int(scale)
    let fraction = String(scaled % Int(scale))
    let sign = value < 0 && scaled != 0 ? "-" : ""
    guard digits > 0 else { return sign + String(whole) }
    return sign + String(whole) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
}

func formatScientific(_ value: Double) -> String {
    guard value.isFinite, value > 0 else { return value == 0 ? "0" : "–" }
    var exponent = 0
    var mantissa = value
    while mantissa >= 10 { mantissa /= 10; exponent += 1 }
    while mantissa < 1 { mantissa *= 10; exponent -= 1 }
    return formatFixed(mantissa, digits: 1) + "e" + String(exponent)
}
