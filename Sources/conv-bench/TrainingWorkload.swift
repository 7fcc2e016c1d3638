/// W6: a small training loop written as a PyTorch user writes it (`import torch`,
/// `nn.Sequential`, `optim.SGD`, a `for` loop), run by conv as a whole process beside PyTorch
/// eager on the very same file, one of each per round. Each step is a forward pass, the MSE
/// loss, backward, the optimizer's step and `zero_grad`, so the row measures the language's
/// per-step overhead (autograd wiring, dispatch) as much as the convolutions.
enum TrainingWorkload {
    static let name = "W6"
    static let summary = "1,000 SGD steps: Conv1d(1,4,5), ReLU, Conv1d(4,1,5); batch 16 × 128"
    /// conv is to be this many times as fast as PyTorch for the whole process.
    static let speedUp = 5.0

    static let program = """
        import torch
        import torch.nn as nn
        import torch.optim as optim

        torch.manual_seed(0)
        model = nn.Sequential(nn.Conv1d(1, 4, 5), nn.ReLU(), nn.Conv1d(4, 1, 5))
        x = torch.randn(16, 1, 128)
        y = torch.randn(16, 1, 120)
        loss_fn = nn.MSELoss()
        optimizer = optim.SGD(model.parameters(), lr=0.01)

        for step in range(1000):
            pred = model(x)
            loss = loss_fn(pred, y)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()

        print(f"loss {loss.item():.4f}")

        """
}

extension BenchRunner {
    /// W6 beside PyTorch (the Python `--python` names, python3 by default). Without an importable PyTorch
    /// the row says so and has no ratio; the bench goes on.
    func measureTraining(into peers: inout PeerResults) -> BenchRow {
        let workload = TrainingWorkload.self
        let base = "/tmp/conv-bench-\(workload.name)"
        let programs = [
            ProcessProgram(peer: nil, path: base + ".conv", text: workload.program, command: [options.conv, base + ".conv"]),
            ProcessProgram(
                peer: "PyTorch eager", path: base + ".py", text: workload.program,
                command: ["/usr/bin/env", options.python, base + ".py"]),
        ]
        let target = "≥ \(formatFixed(workload.speedUp, digits: 0))× PyTorch"
        guard let measured = alternate(programs, workload: workload.name, into: &peers) else {
            return BenchRow(workload: workload.name, summary: workload.summary, milliseconds: .nan, target: target, met: false)
        }
        let (conv, torch) = (measured[0], measured[1])
        let ratio = torch.milliseconds / conv.milliseconds
        let note = !conv.succeeded ? "script failed"
            : torch.succeeded ? "the same file in both; median of whole processes"
            : "PyTorch missing or failed (\(options.python)): no ratio"
        return BenchRow(
            workload: workload.name, summary: workload.summary, milliseconds: conv.milliseconds,
            peakMiB: ChildProcess.peakMiB(programs[0].command), target: target,
            met: conv.succeeded && torch.succeeded ? ratio >= workload.speedUp : nil, note: note)
    }
}
