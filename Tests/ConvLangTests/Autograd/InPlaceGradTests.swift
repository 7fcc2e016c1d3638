import Foundation
import Testing
import ConvLang
import ConvNumerics
import TestSupport

/// In-place operations on tensors of a graph and dtype conversions of tensors that require grad,
/// against what PyTorch did for the same programs (`Tests/InPlaceGrad/inplace-grad.json`, written
/// by `generate.py` beside it): the `grad_fn` each leaves and the leaf's gradient within 1e-12
/// relative (float64 cases; float32 ones within 1e-6), or PyTorch's refusal word for word.
@Suite("In-place operations under autograd")
struct InPlaceGradTests {
    static func cases() -> [[String: Any]] {
        let url = RepositoryFolder.root.appendingPathComponent("Tests/InPlaceGrad/inplace-grad.json")
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        return object["cases"] as? [[String: Any]] ?? []
    }

    /// The program of a case, with the imports PyTorch's scope had.
    static func source(_ item: [String: Any]) -> String {
        "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n" + (item["code"] as? String ?? "")
    }

    @Test func everyRecordedCaseMatchesPyTorch() {
        var checked = 0
        for item in Self.cases() where item["error"] == nil {
            let name = item["name"] as? String ?? "?"
            let interpreter = Interpreter(configuration: .init(seed: 0))
            let result = interpreter.run(Self.source(item))
            guard result.succeeded else {
                Issue.record("\(name): \(result.diagnostics.map(\.message))")
                continue
            }
            let gradFn: String? = if case .string(let text)? = interpreter.run("type(y.grad_fn).__name__").lastValue { text } else { nil }
            #expect(gradFn == item["grad_fn"] as? String, "\(name): grad_fn \(gradFn ?? "none")")
            for (leaf, expected) in item["grads"] as? [String: [String: Any]] ?? [:] {
                let grad = GradProgramTests.tensor(interpreter, "\(leaf).grad")
                let dtype = expected["dtype"] as? String ?? "float64"
                #expect(grad?.dtype.description == dtype, "\(name): \(leaf).grad dtype \(String(describing: grad?.dtype))")
                let tolerance = dtype == "float64" ? 1e-12 : 1e-6
                #expect(GradProgramTests.worst(grad, expected) <= tolerance, "\(name): \(leaf).grad \(String(describing: grad?.scalars))")
            }
            checked += 1
        }
        #expect(checked == 52)
    }

    @Test func everyRefusalIsPyTorchsWordForWord() {
        var checked = 0
        for item in Self.cases() {
            guard let error = item["error"] as? String else { continue }
            let outcome = run(Self.source(item))
            #expect(outcome.errors == [error], "\(item["name"] as? String ?? "?")")
            checked += 1
        }
        #expect(checked == 13)
    }

    /// A refusal is a RuntimeError the program catches, located at the call that found it.
    @Test func theVersionRefusalIsLocatedAndCatchable() {
        let outcome = run("""
            import torch
            x = torch.tensor([1.0, -2.0], requires_grad=True)
            h = torch.relu(x * 1)
            h += 1
            try:
                h.sum().backward()
            except RuntimeError as e:
                print(str(e).split(":")[0])
            h.sum().backward()
            """)
        #expect(outcome.lines == ["one of the variables needed for gradient computation has been modified by an inplace operation"])
        #expect(outcome.diagnostics.first.map { "\($0.location)" } == "9:1")
    }

    /// Changes through `.data` are not seen by autograd, as in PyTorch: no refusal follows.
    @Test func changesThroughDataAreNotCounted() {
        let outcome = run("""
            import torch
            x = torch.tensor([1.0, 2.0], requires_grad=True)
            y = x * 1
            z = y * y
            y.data.mul_(2)
            y.data = torch.tensor([5.0, 6.0])
            z.sum().backward()
            print(x.grad is not None)
            """)
        #expect(outcome.lines == ["[2, 4]", "True"])
        #expect(outcome.diagnostics.isEmpty)
    }

    /// The version counter moves with every in-place change, recorded or not, as `_version` does
    /// in PyTorch; a tensor converted to its own dtype is the tensor itself.
    @Test func conversionsToTheSameDTypeGiveTheTensorItself() {
        let outcome = run("""
            import torch
            x = torch.tensor([1.0, -2.0], requires_grad=True)
            print(x.float() is x, x.to(torch.float32) is x, x.double() is x, x.long().requires_grad)
            print(x.double().grad_fn, x.double().is_leaf, x.double().dtype)
            with torch.no_grad():
                d = x.double()
            print(d.requires_grad, d.grad_fn)
            """)
        #expect(outcome.lines == ["True True False False", "<ToCopyBackward0 object> False torch.float64", "False None"])
    }
}
