import Foundation
import Testing
import ConvLang
import ConvNumerics
import TestSupport

/// torch-grad.json run through the language: each case's PyTorch expression as a conv program
/// (`x = torch.tensor(..., requires_grad=True)`, `out = EXPR`, `out.backward(g)`), its output
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
        return "torch.tensor(\(literal(values, shape))" + (requiresGrad ? ", requires_grad=True)" : ")")
    }

    /// The conv program for a case; nil for the cases that build layers from the case's weights.
    static func program(_ item: [String: Any]) -> String? {
        guard let expr = item["expr"] as? String, expr.range(of: #"(^|[^A-Za-z_.])m\("#, options: .regularExpression) == nil,
              let inputs = item["inputs"] as? [[String: Any]] else { return nil }
        // The cases are float64 (PyTorch made them with float64 tensors): the program asks for that
        // dtype as PyTorch code would, so torch.tensor's float data is float64.
        var lines = ["import torch", "import torch.nn.functional as F", "torch.set_default_dtype(torch.float64)"]
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
        // Every case but the three composites that build layers from the case's weights.
        #expect(checked == 176, "checked \(checked) of \(cases.count)")
    }
}
