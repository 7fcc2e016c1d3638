import Foundation
import Testing
import ConvLang
import ConvNumerics
import TestSupport

/// torch-optim.json run through the language: the seeded `nn.Conv1d`, the case's optimizer and
/// loss in the classic loop, every loss and every parameter after each of the six steps.
///
/// The trajectories are float32 while conv's tensors are float64 (holding the same float32
/// initial values): the golden set records that the float64 trajectories deviate from the
/// float32 ones by at most 7.1e-8 in its measure `|a − b| / (1 + |b|)`, so 1e-6 is that bound
/// with room for the order of sums, and far below any real difference in an update rule.
@Suite("torch-optim.json through the language")
struct OptimProgramTests {
    static let tolerance = 1e-6

    static func program(_ item: [String: Any]) -> String? {
        guard let seed = item["seed"] as? NSNumber, let model = item["model"] as? String,
              let optimizer = item["optimizer"] as? String, let loss = item["loss"] as? String,
              let input = item["input"] as? [String: Any], let target = item["target"] as? [String: Any] else { return nil }
        return """
        import torch
        import torch.nn as nn
        import torch.nn.functional as F
        torch.manual_seed(\(seed))
        m = \(model)
        x = \(GradProgramTests.tensorSource(input, requiresGrad: false))
        target = \(GradProgramTests.tensorSource(target, requiresGrad: false))
        opt = \(optimizer)
        losses, weights, biases = [], [], []
        for step in range(\(item["steps"] as? NSNumber ?? 6)):
            opt.zero_grad()
            loss = \(loss)
            loss.backward()
            opt.step()
            losses.append(loss.item())
            weights.append(m.weight.detach())
            biases.append(m.bias.detach())
        """
    }

    static func deviation(_ actual: [Double], _ expected: [String: Any]?) -> Double {
        let values = (expected?["values"] as? [NSNumber] ?? []).map(\.doubleValue)
        guard actual.count == values.count else { return .infinity }
        return zip(actual, values).map { abs($0 - $1) / (1 + abs($1)) }.max() ?? 0
    }

    static func values(_ interpreter: Interpreter, _ expression: String) -> [Double] {
        switch interpreter.run(expression).lastValue {
        case .tensor(let tensor)?: tensor.scalars
        case .number(let number)?: [number]
        default: []
        }
    }

    @Test func everyTrajectoryMatchesPyTorch() throws {
        let cases = try GoldenSet.cases("torch-optim.json")
        #expect(cases.count == 17)
        for item in cases {
            let name = item["name"] as? String ?? "?"
            guard let source = Self.program(item) else {
                Issue.record("\(name): unreadable case")
                continue
            }
            let interpreter = Interpreter(configuration: .init(seed: 0))
            let result = interpreter.run(source)
            guard result.succeeded else {
                Issue.record("\(name): \(result.diagnostics.map(\.message))")
                continue
            }
            for (step, point) in (item["trajectory"] as? [[String: Any]] ?? []).enumerated() {
                let loss = (point["loss"] as? NSNumber)?.doubleValue ?? .nan
                #expect(Self.deviation(Self.values(interpreter, "losses[\(step)]"), ["values": [loss]]) <= Self.tolerance, "\(name) loss \(step)")
                let parameters = point["parameters"] as? [String: Any]
                #expect(Self.deviation(Self.values(interpreter, "weights[\(step)]"), parameters?["weight"] as? [String: Any]) <= Self.tolerance,
                        "\(name) weight \(step)")
                #expect(Self.deviation(Self.values(interpreter, "biases[\(step)]"), parameters?["bias"] as? [String: Any]) <= Self.tolerance,
                        "\(name) bias \(step)")
            }
        }
    }
}
