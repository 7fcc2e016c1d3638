import Foundation
import Testing
import ConvLang
import ConvNumerics
import TestSupport

/// Reductions, selections and rearrangements under autograd, against what PyTorch computed for
/// the same programs (`Tests/GradReductions/grad-reductions.json`, written by `generate.py`
/// beside it): the `grad_fn` of the result, its values and every leaf's gradient within 1e-9
/// relative (float64; float32 cases within 1e-6).
@Suite("Gradients of reductions and selections")
struct GradReductionTests {
    static func cases() -> [[String: Any]] {
        let url = RepositoryFolder.root.appendingPathComponent("Tests/GradReductions/grad-reductions.json")
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        return object["cases"] as? [[String: Any]] ?? []
    }

    @Test func everyCaseMatchesPyTorch() {
        var checked = 0
        for item in Self.cases() {
            let name = item["name"] as? String ?? "?"
            let interpreter = Interpreter(configuration: .init(seed: 0))
            let result = interpreter.run(item["code"] as? String ?? "")
            guard result.succeeded else {
                Issue.record("\(name): \(result.diagnostics.map(\.message))")
                continue
            }
            let gradFn: String? = if case .string(let text)? = interpreter.run("type(y.grad_fn).__name__").lastValue { text } else { nil }
            #expect(gradFn == item["grad_fn"] as? String, "\(name): grad_fn \(gradFn ?? "none")")
            let expectedY = item["y"] as? [String: Any]
            let tolerance = expectedY?["dtype"] as? String == "float32" ? 1e-6 : 1e-9
            let y = GradProgramTests.tensor(interpreter, "y.detach()")
            #expect(GradProgramTests.worst(y, expectedY) <= tolerance, "\(name): y \(String(describing: y?.scalars))")
            #expect(y?.shape == (expectedY?["shape"] as? [Int]), "\(name): y shape")
            for (leaf, expected) in item["grads"] as? [String: [String: Any]] ?? [:] {
                let grad = GradProgramTests.tensor(interpreter, "\(leaf).grad")
                #expect(grad?.dtype.description == expected["dtype"] as? String, "\(name): \(leaf).grad dtype")
                #expect(grad?.shape == (expected["shape"] as? [Int]), "\(name): \(leaf).grad shape")
                #expect(GradProgramTests.worst(grad, expected) <= tolerance, "\(name): \(leaf).grad \(String(describing: grad?.scalars))")
            }
            checked += 1
        }
        #expect(checked == 82)
    }

    /// A method PyTorch differentiates and conv does not record is refused on a tensor that
    /// requires grad, at the call, rather than giving values cut from the graph; on its values
    /// (`detach()`) or under `no_grad` it computes.
    @Test func anUnrecordedMethodIsRefusedNotDropped() {
        let outcome = run("""
            import torch
            w = torch.ones(2, 2, requires_grad=True)
            print(w.detach().mm(w.detach()).sum().item())
            with torch.no_grad():
                print(torch.matmul(w, w).requires_grad)
            print(w.argmax().item(), w.numel())
            w.mm(w)
            """)
        #expect(outcome.lines == ["8.0", "False", "0 4"])
        #expect(outcome.errors == ["conv does not record the gradient of mm() yet, and this tensor requires grad"])
        #expect(outcome.diagnostics.first.map { "\($0.location)" } == "7:1")
    }

    /// Without grad mode, or on a plain tensor, the methods give plain tensors and `max(dim)`
    /// still answers `.values` and `.indices`.
    @Test func plainAndNoGradResultsHaveNoGraph() {
        let outcome = run("""
            import torch
            x = torch.tensor([[1.0, 5.0], [4.0, 2.0]], requires_grad=True)
            with torch.no_grad():
                m = x.max(1)
            print(m.values.requires_grad, m.indices.tolist(), x.std().requires_grad, x.detach().prod().requires_grad)
            v, i = x.max(dim=0)
            print(v.grad_fn, i.tolist())
            """)
        #expect(outcome.lines == ["False [1, 0] True False", "<MaxBackward0 object> [1, 0]"])
    }
}
