import Foundation
import Testing
import TestSupport

/// Every operator on every pair of conv's operand kinds against PyTorch's promotion table
/// (`Tests/DTypes/dtype-promotion.json`, written by `generate_promotion.py` beside it):
/// the result's dtype, or PyTorch's refusal in its words, exactly, after `import torch`.
@Suite struct TypePromotionTests {
    @Test func everyOperatorPromotesAsPyTorch() throws {
        let url = RepositoryFolder.root.appendingPathComponent("Tests/DTypes/dtype-promotion.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let cases = try #require(root?["cases"] as? [[String: Any]])
        #expect(cases.count == 1440)
        for item in cases {
            let source = item["source"] as? String ?? ""
            let shown = TorchDisplayTests.shown("import torch\n(\(source)).dtype")
            if let error = item["error"] as? String {
                #expect(shown == ["error: " + error], "\(source)")
            } else {
                #expect(shown == ["torch." + (item["dtype"] as? String ?? "?")], "\(source)")
            }
        }
    }

    /// The one place conv departs from the table, as README says: in conv's display (no
    /// `import torch`), a comparison whose tensor operands are all float64 (the short language's
    /// arithmetic) gives float64 ones and zeros, as the short language always has.
    @Test func shortLanguageComparisonsStayFloat() {
        #expect(TorchDisplayTests.shown("(torch.tensor([1.], dtype=torch.float64) < 2).dtype", display: .conv) == ["torch.float64"])
        #expect(TorchDisplayTests.shown("let x = [1, 2, 3]\nx > 1", display: .conv) == ["[0, 1, 1]"])
        #expect(TorchDisplayTests.shown("import torch\n(torch.tensor([1.], dtype=torch.float64) < 2).dtype") == ["torch.bool"])
        #expect(TorchDisplayTests.shown("(torch.tensor([1.]) < 2).dtype", display: .conv) == ["torch.bool"])
    }

    /// Products of integer tensors stay integers, with the values PyTorch 2.15 printed; bool has no product kernel, and integer `//`
    /// and `%` by zero and `**` a negative int are PyTorch's refusals.
    @Test func integerArithmeticStaysInteger() {
        let setup = "import torch\na = torch.tensor([1, 2, 3])\nb = torch.tensor([4, 5, 6])\nm = torch.arange(6).view(2, 3)\n"
        #expect(TorchDisplayTests.shown(setup + "print(a @ b, torch.dot(a, b), torch.mm(a.view(1, 3), b.view(3, 1)))")
                == ["tensor(32) tensor(32) tensor([[32]])"])
        #expect(TorchDisplayTests.shown(setup + "print(m @ m.T, torch.bmm(m.view(1, 2, 3), m.view(1, 3, 2)).dtype)")
                == ["tensor([[ 5, 14],\n        [14, 50]]) torch.int64"])
        #expect(TorchDisplayTests.shown(setup + "print((a.int() @ a.int()).dtype, (a * b).dtype, (a ** 2).dtype, (a // 2).dtype, a.sum().dtype)")
                == ["torch.int32 torch.int64 torch.int64 torch.int64 torch.int64"])
        #expect(TorchDisplayTests.shown("import torch\ntorch.ones(2, 2) @ torch.ones(2, 2)") == ["tensor([[2., 2.],\n        [2., 2.]])"])
        #expect(TorchDisplayTests.shown(setup + "a.bool() @ a.bool()") == ["error: \"dot\" not implemented for 'Bool'"])
        #expect(TorchDisplayTests.shown(setup + "a // torch.tensor([1, 0, 1])") == ["error: ZeroDivisionError"])
        #expect(TorchDisplayTests.shown(setup + "a % 0") == ["error: ZeroDivisionError"])
        #expect(TorchDisplayTests.shown(setup + "a ** -1") == ["error: Integers to negative integer powers are not allowed."])
        #expect(TorchDisplayTests.shown(setup + "print(2 ** torch.tensor([2, -1]), a // 0.0)") == ["tensor([4, 0]) tensor([inf, inf, inf])"])
    }

    @Test func valuesFollowTheDType() {
        // float32 arithmetic rounds as PyTorch's: 0.1 as float32 times 3.
        #expect(TorchDisplayTests.shown("import torch\n(torch.tensor([0.1]) * 3).tolist()") == ["[0.30000001192092896]"])
        #expect(TorchDisplayTests.shown("import torch\ntorch.tensor([7, -7]) // 2") == ["tensor([ 3, -4])"])
        #expect(TorchDisplayTests.shown("import torch\ntorch.tensor([1, 2]) / 2") == ["tensor([0.5000, 1.0000])"])
        #expect(TorchDisplayTests.shown("import torch\ntorch.tensor([1, 2]) > 1") == ["tensor([False,  True])"])
        #expect(TorchDisplayTests.shown("import torch\n-torch.tensor([1, 2])") == ["tensor([-1, -2])"])
    }
}
