import Foundation
import Testing
import ConvLang
import ConvNumerics
import TestSupport

/// torch-layers.json through the language: each case as the PyTorch program it describes
/// (`torch.manual_seed(seed)`, `m = <constructor>`, `x = <input>`, then each call's lines),
/// with the parameters bit-identical to PyTorch's draws, every result within 1e-6 relative
/// (float32 data computed in the layers' dtype) and every refusal refused.
@Suite("torch-layers.json through the language")
struct TorchLayersGoldenTests {
    @Test("every case: parameters bit-identical, outputs within 1e-6, refusals with PyTorch's text")
    func everyCase() throws {
        let cases = try GoldenSet.cases("torch-layers.json")
        #expect(cases.count == 60)
        var checked = 0
        for item in cases {
            let name = try #require(item["name"] as? String)
            try run(item, name: name)
            checked += 1
        }
        #expect(checked == 60)
    }

    private func run(_ item: [String: Any], name: String) throws {
        let interpreter = Interpreter(configuration: .init(seed: 1))
        let seed = try #require(item["seed"] as? NSNumber)
        let constructor = try #require(item["constructor"] as? String)
        let calls = try #require(item["calls"] as? [[String: Any]])
        let setup = interpreter.run("import torch\nimport torch.nn as nn\ntorch.manual_seed(\(seed.int64Value))")
        #expect(setup.succeeded, "\(name): \(setup.diagnostics.map(\.message))")
        let made = interpreter.run("m = \(constructor)")
        if let first = calls.first, (first["code"] as? [String])?.isEmpty == true {
            expectRefusal(made, first["error"] as? String, name: name)
            return
        }
        #expect(made.succeeded, "\(name): \(made.diagnostics.map(\.message))")
        for (key, tensor) in try #require(item["parameters"] as? [String: Any]) {
            let expression = Self.parameterExpression(key)
            let expected = try #require(tensor as? [String: Any])
            let actual = try value(of: expression, in: interpreter, name: name)
            #expect(actual.shape == (expected["shape"] as? [Int]), "\(name) \(expression) shape")
            #expect(actual.scalars.map { Float($0).bitPattern } == Self.values(expected).map { Float($0).bitPattern },
                    "\(name) \(expression) is not PyTorch's draw")
        }
        let input = try #require(item["input"] as? [String: Any])
        let defined = interpreter.run("x = \(Self.literal(input))")
        #expect(defined.succeeded, "\(name): \(defined.diagnostics.map(\.message))")
        for call in calls {
            let code = (call["code"] as? [String] ?? []).joined(separator: "\n")
            let result = interpreter.run(code)
            if let error = call["error"] as? String {
                expectRefusal(result, error, name: name)
                return
            }
            let messages = result.diagnostics.map(\.message)
            #expect(result.succeeded, "\(name): \(code): \(messages)")
            for expected in call["results"] as? [[String: Any]] ?? [] {
                let expression = try #require(expected["expr"] as? String)
                let actual = try value(of: expression, in: interpreter, name: name)
                #expect(actual.shape == (expected["shape"] as? [Int]), "\(name) \(expression) shape \(actual.shape)")
                let values = Self.values(expected)
                #expect(actual.count == values.count, "\(name) \(expression) count")
                for (a, e) in zip(actual.scalars, values) where !(abs(a - e) <= 1e-6 * Swift.max(1, abs(e))) {
                    Issue.record("\(name) \(expression): \(a) where PyTorch gives \(e)")
                    break
                }
            }
        }
    }

    private func expectRefusal(_ result: Interpreter.RunResult, _ error: String?, name: String) {
        #expect(!result.succeeded, "\(name) should be refused")
        guard let error else { return }
        let message = result.diagnostics.first?.message ?? ""
        #expect(message.contains(error), "\(name): '\(message)' lacks PyTorch's '\(error)'")
    }

    private func value(of expression: String, in interpreter: Interpreter, name: String) throws -> Tensor {
        let result = interpreter.run(expression)
        let messages = result.diagnostics.map(\.message)
        guard case .tensor(let tensor)? = result.lastValue else {
            Issue.record("\(name): \(expression) is not a tensor: \(messages)")
            return Tensor([Double]())
        }
        return tensor
    }

    /// `0.weight` is `m[0].weight`; `weight` is `m.weight`.
    static func parameterExpression(_ key: String) -> String {
        key.split(separator: ".").reduce("m") { path, part in Int(part) != nil ? "\(path)[\(part)]" : "\(path).\(part)" }
    }

    static func values(_ tensor: [String: Any]) -> [Double] {
        (tensor["values"] as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }

    /// The input as PyTorch code: `torch.tensor([...]).reshape(2, 4)`.
    static func literal(_ tensor: [String: Any]) -> String {
        // int64 inputs are written as int literals, which torch.tensor makes int64 as PyTorch does.
        let integral = tensor["dtype"] as? String == "int64"
        let values = Self.values(tensor).map { integral ? "\(Int($0))" : "\($0)" }.joined(separator: ", ")
        let shape = (tensor["shape"] as? [Int] ?? []).map(String.init).joined(separator: ", ")
        return "torch.tensor([\(values)]).reshape(\(shape))"
    }
}
