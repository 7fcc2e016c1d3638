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
        #expect(checked == 104)
    }

    /// The methods whose results carry no gradient compute on the values of a tensor that
    /// requires grad (a method PyTorch differentiates and conv did not record would be refused
    /// at the call instead of giving values cut from the graph); `no_grad` records nothing.
    @Test func valueMethodsComputeAndProductsRecord() {
        let outcome = run("""
            import torch
            w = torch.tensor([[1.0, 2.0], [3.0, 0.5]], requires_grad=True)
            print(w.argmax().item(), w.argmin(dim=1).tolist(), w.numel(), w.dim(), w.allclose(w), w.equal(w))
            with torch.no_grad():
                print(torch.matmul(w, w).requires_grad)
            print(w.mm(w).grad_fn, (w @ w[0]).grad_fn, torch.dot(w[0], w[1]).grad_fn)
            """)
        #expect(outcome.lines == ["2 [0, 1] 4 2 True True", "False", "<MmBackward0 object> <MvBackward0 object> <DotBackward0 object>"])
        #expect(outcome.diagnostics.isEmpty)
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

    /// `grad_fn` is PyTorch's node object: its class name, `name()`, and `next_functions` down to
    /// `AccumulateGrad` for a leaf and None for an input without grad. It shows without the
    /// address PyTorch adds (which changes from run to run); the rest is PyTorch's text.
    @Test func gradFnIsANodeWithItsNextFunctions() {
        let outcome = run("""
            import torch
            x = torch.tensor([1.0, 3.0, 3.0], requires_grad=True)
            c = torch.tensor([2.0, 0.0, 1.0])
            y = (x * c).max()
            print(y.grad_fn)
            print(repr(y.grad_fn), y.grad_fn.name(), type(y.grad_fn).__name__)
            print(y.grad_fn.next_functions)
            m = y.grad_fn.next_functions[0][0]
            print(m.name(), m.next_functions)
            acc = m.next_functions[0][0]
            print(acc.name(), acc.next_functions, type(acc).__name__)
            print(acc.variable.requires_grad, acc.variable.shape == x.shape)
            """)
        #expect(outcome.lines == [
            "<MaxBackward1 object>",
            "<MaxBackward1 object> MaxBackward1 MaxBackward1",
            "((<MulBackward0 object>, 0),)",
            "MulBackward0 ((<AccumulateGrad object>, 0), (None, 0))",
            "torch::autograd::AccumulateGrad () AccumulateGrad",
            "True True",
        ])
    }

    /// Gradients of gradients are refused at the argument, saying what is supported.
    @Test func createGraphIsRefusedWithWhatIsSupported() {
        let outcome = run("""
            import torch
            x = torch.tensor([1.0, 2.0], requires_grad=True)
            (x * x).sum().backward(create_graph=True)
            """)
        #expect(outcome.errors == ["create_graph=True (gradients of gradients) is not supported by conv yet"])
        #expect(outcome.diagnostics.first?.notes.contains { $0.contains("create_graph=False (the default) are supported") } == true)
        #expect(outcome.diagnostics.first.map { "\($0.location)" } == "3:37")
    }
}
