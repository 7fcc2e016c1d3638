import Foundation
import Testing
import ConvNumerics
import ConvAutograd
import TestSupport

/// Every case of torch-optim.json: a seeded `nn.Conv1d(2, 3, 3)` trained six steps in float32
/// with `zero_grad(); loss = F.mse_loss(m(x), target); loss.backward(); step()`; every loss and
/// every parameter after every step within 1e-6 relative, in the golden set's own measure of
/// float32 deviation, `|a − b| / (1 + |b|)` (the last-bit differences of float32 sums taken in
/// another order are about 3e-8 on these parameters, whose largest magnitudes are near 1).
@Suite("PyTorch golden optimizer trajectories")
struct OptimGoldenTests {
    @Test("torch-optim.json: all 17 trajectories within 1e-6")
    func everyTrajectory() throws {
        let cases = try GoldenSet.cases("torch-optim.json")
        #expect(cases.count == 17)
        var failures: [String] = []
        var worst = 0.0
        for json in cases {
            let name = json["name"] as? String ?? "?"
            let (weight, bias) = try initialParameters(json)
            let x = try Variable(GoldenTensor.tensor(json["input"]))
            let target = try Variable(GoldenTensor.tensor(json["target"]))
            let step = try OptimizerSpec(json["optimizer"] as? String ?? "").stepper([weight, bias])
            for (index, entry) in (json["trajectory"] as? [[String: Any]] ?? []).enumerated() {
                let loss = try step {
                    try Functional.mseLoss(Functional.conv1d(x, weight, bias), target)
                }
                let expectedLoss = try GoldenTensor.number(entry["loss"] ?? 0)
                let lossError = Swift.abs(loss - expectedLoss) / Swift.abs(expectedLoss)
                worst = Swift.max(worst, lossError)
                if lossError > 1e-6 { failures.append("\(name) step \(index): loss \(loss) vs \(expectedLoss)") }
                let parameters = entry["parameters"] as? [String: Any] ?? [:]
                for (key, variable) in [("weight", weight), ("bias", bias)] {
                    let expected = try GoldenTensor.tensor(parameters[key])
                    let error = Self.deviation(variable.data, expected)
                    worst = Swift.max(worst, error)
                    if error > 1e-6 { failures.append("\(name) step \(index): \(key) off by \(error)") }
                }
            }
        }
        #expect(worst > 0, "float32 rounding differs somewhere; zero means nothing was compared")
        #expect(failures.isEmpty, "\(failures.count) failing:\n\(failures.joined(separator: "\n"))")
    }

    /// The largest `|a − b| / (1 + |b|)` over the elements (infinite for different shapes).
    static func deviation(_ actual: Tensor, _ expected: Tensor) -> Double {
        guard actual.shape == expected.shape else { return .infinity }
        return zip(actual.scalars, expected.scalars).map { Swift.abs($0 - $1) / (1 + Swift.abs($1)) }.max() ?? 0
    }

    /// The layer after `torch.manual_seed(seed); m = nn.Conv1d(2, 3, 3)`, drawn by
    /// ConvNumerics and checked bit for bit against the case's `initial`.
    private func initialParameters(_ json: [String: Any]) throws -> (Variable, Variable) {
        var generator = TorchGenerator(seed: UInt64(json["seed"] as? Int ?? 0))
        let layer = try LayerInitialization.conv1d(inChannels: 2, outChannels: 3, kernelSize: 3, generator: &generator)
        let initial = json["initial"] as? [String: Any] ?? [:]
        let weight = layer.weight.converted(to: .float32), bias = (layer.bias ?? Tensor([0.0])).converted(to: .float32)
        #expect(weight == (try GoldenTensor.tensor(initial["weight"])))
        #expect(bias == (try GoldenTensor.tensor(initial["bias"])))
        return (try Variable(weight, requiresGrad: true), try Variable(bias, requiresGrad: true))
    }
}

/// A `torch.optim.X(m.parameters(), k=v, ...)` line, read into one of the engine's optimizers.
struct OptimizerSpec {
    struct Unknown: Error, CustomStringConvertible {
        var description: String
    }

    let kind: String
    let arguments: [String: String]

    init(_ source: String) throws {
        guard let open = source.firstIndex(of: "("), source.hasPrefix("torch.optim.") else {
            throw Unknown(description: "not an optimizer: \(source)")
        }
        kind = String(source[source.index(source.startIndex, offsetBy: "torch.optim.".count)..<open])
        var arguments: [String: String] = [:]
        let pattern = try NSRegularExpression(pattern: #"(\w+)=(\([^)]*\)|[^,)]+)"#)
        let text = source as NSString
        for match in pattern.matches(in: source, range: NSRange(location: 0, length: text.length)) {
            arguments[text.substring(with: match.range(at: 1))] = text.substring(with: match.range(at: 2))
        }
        self.arguments = arguments
    }

    private func number(_ key: String, _ fallback: Double) -> Double { arguments[key].flatMap(Double.init) ?? fallback }
    private func flag(_ key: String) -> Bool { arguments[key] == "True" }
    private func pair(_ key: String, _ fallback: (Double, Double)) -> (Double, Double) {
        guard let text = arguments[key] else { return fallback }
        let parts = text.trimmingCharacters(in: CharacterSet(charactersIn: "()")).split(separator: ",")
            .compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        return parts.count == 2 ? (parts[0], parts[1]) : fallback
    }

    /// A function running one training step (`zero_grad`, the loss, `backward`, `step`) and
    /// returning the loss.
    func stepper(_ params: [Variable]) throws -> (() throws -> Variable) throws -> Double {
        switch kind {
        case "SGD":
            let rule = try SGD(
                lr: number("lr", 1e-3), momentum: number("momentum", 0), dampening: number("dampening", 0),
                weightDecay: number("weight_decay", 0), nesterov: flag("nesterov"))
            return try Self.stepper(Optimizer(params, rule))
        case "Adam", "AdamW":
            let rule = try Adam(
                lr: number("lr", 1e-3), betas: pair("betas", (0.9, 0.999)), eps: number("eps", 1e-8),
                weightDecay: number("weight_decay", kind == "AdamW" ? 1e-2 : 0), amsgrad: flag("amsgrad"),
                decoupledWeightDecay: kind == "AdamW")
            return try Self.stepper(Optimizer(params, rule))
        case "RMSprop":
            let rule = try RMSprop(
                lr: number("lr", 1e-2), alpha: number("alpha", 0.99), eps: number("eps", 1e-8),
                weightDecay: number("weight_decay", 0), momentum: number("momentum", 0), centered: flag("centered"))
            return try Self.stepper(Optimizer(params, rule))
        case "Adagrad":
            let rule = try Adagrad(
                lr: number("lr", 1e-2), lrDecay: number("lr_decay", 0), weightDecay: number("weight_decay", 0),
                initialAccumulatorValue: number("initial_accumulator_value", 0), eps: number("eps", 1e-10))
            return try Self.stepper(Optimizer(params, rule))
        default:
            throw Unknown(description: "optimizer \(kind)")
        }
    }

    private static func stepper<Rule>(_ optimizer: Optimizer<Rule>) -> (() throws -> Variable) throws -> Double {
        { lossFunction in
            optimizer.zeroGrad()
            let loss = try lossFunction()
            try loss.backward()
            try optimizer.step()
            return loss.data.scalars.first ?? .nan
        }
    }
}
