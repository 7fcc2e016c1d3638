import Foundation
import Testing
import ConvLang
import ConvNumerics
import TestSupport

/// torch-grad.json run through the language: each case's PyTorch expression as a conv program
/// (its `setup` lines, such as `m = nn.Conv1d(2, 3, 3).double()` after `torch.manual_seed(...)`,
/// then `x = torch.tensor(..., requires_grad=True)`, `out = EXPR`, `out.backward(g)`), its output
/// and every `.grad` within 1e-9 relative of PyTorch's (float64, as the cases are).
@Suite("torch-grad.json through the language")
struct GradProgramTests {
    /// A flat list of values in `shape` as a nested list literal.
    static func literal(_ values: [Double], _ shape: [Int]) -> String {
        guard let first = shape.first else { return values.first.map { "\($0)" } ?? "0.0" }
        let rest = Array(shape.dropFirst())
        let size = rest.reduce(1, *)
        return "[" + (0..<first).map { literal(Array(values[($0 * size)..<(($0 + 1) * size)]), rest) }.joined(separator: ", ") + "]"
    }

    static func tensorSource(_ item: [String: Any], requiresGrad: Bool) -> String {
        let values = (item["values"] as? [NSNumber] ?? []).map(\.doubleValue)
        let shape = (item["shape"] as? [NSNumber] ?? []).map(\.intValue)
        var text = literal(values, shape)
        // Class indices are int64, written as ints so torch.tensor infers that dtype.
        if item["dtype"] as? String == "int64" { text = text.replacingOccurrences(of: ".0", with: "") }
        return "torch.tensor(\(text)" + (requiresGrad ? ", requires_grad=True)" : ")")
    }

    /// The conv program for a case.
    static func program(_ item: [String: Any]) -> String? {
        guard let expr = item["expr"] as? String, let inputs = item["inputs"] as? [[String: Any]] else { return nil }
        // The setup makes the case's layers as PyTorch did: seeded, in float32, then `.double()`.
        // The cases are float64 (PyTorch made them with float64 tensors): the program then asks
        // for that dtype as PyTorch code would, so torch.tensor's float data is float64.
        var lines = ["import torch", "import torch.nn as nn", "import torch.nn.functional as F"]
        lines += item["setup"] as? [String] ?? []
        lines.append("torch.set_default_dtype(torch.float64)")
        for input in inputs {
            guard let name = input["name"] as? String else { return nil }
            lines.append("\(name) = " + tensorSource(input, requiresGrad: input["requires_grad"] as? Bool == true))
        }
        lines.append("out = \(expr)")
        if let g = item["g"] as? [String: Any] {
            lines.append("out.backward(\(tensorSource(g, requiresGrad: false)))")
        } else {
            lines.append("out.backward()")
        }
        return lines.joined(separator: "\n")
    }

    static func worst(_ actual: Tensor?, _ expected: [String: Any]?) -> Double {
        let values = (expected?["values"] as? [NSNumber] ?? []).map(\.doubleValue)
        guard let actual, actual.count == values.count else { return .infinity }
        return zip(actual.scalars, values).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
    }

    static func tensor(_ interpreter: Interpreter, _ expression: String) -> Tensor? {
        switch interpreter.run(expression).lastValue {
        case .tensor(let tensor)?: tensor
        case .number(let number)?: Tensor(scalar: number)
        default: nil
        }
    }

    @Test func everyCaseTheLanguageCanWriteMatchesPyTorch() throws {
        let cases = try GoldenSet.cases("torch-grad.json")
        var checked = 0
        for item in cases {
            guard let source = Self.program(item) else { continue }
            let name = item["name"] as? String ?? "?"
            let interpreter = Interpreter(configuration: .init(seed: 0))
            let result = interpreter.run(source)
            guard result.succeeded else {
                Issue.record("\(name): \(result.diagnostics.map(\.message))")
                continue
            }
            #expect(Self.worst(Self.tensor(interpreter, "out"), item["output"] as? [String: Any]) <= 1e-9, "\(name) output")
            for grad in item["grads"] as? [[String: Any]] ?? [] {
                let of = grad["of"] as? String ?? "?"
                #expect(Self.worst(Self.tensor(interpreter, "\(of).grad"), grad) <= 1e-9, "\(name) \(of).grad")
            }
            checked += 1
        }
        // Every case, the composites that build seeded layers included.
        #expect(checked == 179, "checked \(checked) of \(cases.count)")
    }
}
