import ConvNumerics

/// Checks the FFT result of W3 (and W3f) against direct dot products at sampled outputs.
enum DirectCheck {
    /// `max |fast − direct| / max |direct|` over 4,000 evenly spread outputs, the direct sums
    /// taken in float64 whatever the operands' dtype.
    static func relativeError(_ output: Tensor, input: Tensor, weight: Tensor) -> Double {
        let x = input.scalars
        let w = weight.scalars
        let y = output.scalars
        let count = output.count
        guard count > 0 else { return .nan }
        var worst = 0.0
        var largest = 0.0
        for sample in 0..<4_000 {
            let index = sample * (count - 1) / 3_999
            var sum = 0.0
            for tap in 0..<w.count { sum += w[tap] * x[index + tap] }
            worst = max(worst, abs(y[index] - sum))
            largest = max(largest, abs(sum))
        }
        return worst / max(largest, .leastNormalMagnitude)
    }
}

/// The peers' measurements: per workload, (peer, milliseconds).
struct PeerResults {
    var byWorkload: [String: [(peer: String, milliseconds: Double)]] = [:]
    var notes: [String] = []
    var ran: Bool

    init(lines: [String], ran: Bool) {
        self.ran = ran
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields.first == "#" {
                notes.append(fields.dropFirst().joined(separator: " "))
            } else if fields.count == 3, let milliseconds = Double(fields[2]) {
                byWorkload[fields[0], default: []].append((fields[1], milliseconds))
            }
        }
    }

    func best(for workload: String) -> (peer: String, milliseconds: Double)? {
        byWorkload[workload]?.min { $0.milliseconds < $1.milliseconds }
    }
}

/// Prints the results as a Markdown table, ready for the README.
enum BenchTable {
    static func print(rows: [BenchRow], peers: PeerResults) {
        Swift.print("")
        Swift.print("| workload | what | conv median | GFLOP/s | peak RSS | target | met | best peer | peer median | peer / conv | notes |")
        Swift.print("|---|---|---|---|---|---|---|---|---|---|---|")
        for row in rows {
            let peer = peers.best(for: row.workload)
            let cells = [
                row.workload, row.summary, formatFixed(row.milliseconds, digits: 2) + " ms",
                row.gflops.map { format1($0) } ?? "",
                row.peakMiB.map { format1($0) + " MiB" } ?? "",
                row.target, row.met.map { $0 ? "yes" : "**no**" } ?? "–",
                peer?.peer ?? "", peer.map { formatFixed($0.milliseconds, digits: 2) + " ms" } ?? "",
                peer.map { formatFixed($0.milliseconds / row.milliseconds, digits: 1) + "×" } ?? "",
                row.note,
            ]
            Swift.print("| " + cells.joined(separator: " | ") + " |")
        }
        Swift.print("")
        if !peers.ran { Swift.print("Peers: python3 with NumPy and SciPy did not run; no ratios.") }
        for (workload, results) in peers.byWorkload.sorted(by: { $0.key < $1.key }) {
            let listed = results.map { "\($0.peer) \(formatFixed($0.milliseconds, digits: 2)) ms" }
            Swift.print("\(workload) peers: " + listed.joined(separator: "; "))
        }
        for note in peers.notes { Swift.print("Peers: \(note)") }
    }
}
