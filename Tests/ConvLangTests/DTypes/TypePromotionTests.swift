import Foundation
import Testing
import TestSupport

/// Every operator on every pair of conv's operand kinds against PyTorch's promotion table
/// (`Tests/DTypes/dtype-promotion.json`, written by `generate_promotion.py` beside it):
/// the result's dtype, or PyTorch's refusal in its words.
@Suite struct TypePromotionTests {
    /// The one place conv departs from the table, as README says: with every tensor operand
    /// float64 (the short language's arithmetic), a comparison gives float64 ones and zeros.
    static func expectedDType(_ item: [String: Any]) -> String? {
        guard let dtype = item["dtype"] as? String else { return nil }
        let operands = [item["left"] as? String ?? "", item["right"] as? String ?? ""].filter { !$0.hasPrefix("python") }
        let comparison = ["==", "<"].contains(item["op"] as? String ?? "")
        return comparison && operands.allSatisfy({ $0.hasSuffix("float64") }) ? "float64" : dtype
    }

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
                #expect(shown == ["torch." + (Self.expectedDType(item) ?? "?")], "\(source)")
            }
        }
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
