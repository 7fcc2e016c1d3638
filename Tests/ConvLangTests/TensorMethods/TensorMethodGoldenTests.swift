import Foundation
import Testing
import TestSupport

/// Every tensor method and torch function against what PyTorch gave for the same source
/// (`Tests/TensorMethods/torch-methods.json`, written by `generate.py` beside it): values,
/// shapes and dtypes, and PyTorch's own wording for what it refuses.
@Suite("Tensor methods against PyTorch")
struct TensorMethodGoldenTests {
    struct Reference {
        let setup: String
        let cases: [[String: Any]]
    }

    static var reference: Reference? {
        let url = RepositoryFolder.root.appendingPathComponent("Tests/TensorMethods/torch-methods.json")
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let setup = object["setup"] as? String, let cases = object["cases"] as? [[String: Any]] else { return nil }
        // generate.py ran with torch.set_default_dtype(torch.float64); the language follows it the same way.
        return Reference(setup: "import torch\ntorch.set_default_dtype(torch.float64)\n" + setup, cases: cases)
    }


    /// Nested JSON numbers flattened; null (conv's NaN) and PyTorch's "NaN" both read as NaN.
    static func flatten(_ value: Any?) -> [Double] {
        switch value {
        case let list as [Any]: list.flatMap(flatten)
        case let number as NSNumber: [number.doubleValue]
        case let text as String: [text == "Infinity" ? .infinity : text == "-Infinity" ? -.infinity : .nan]
        default: [.nan]
        }
    }

    static func agree(_ actual: [Double], _ expected: [Double]) -> Bool {
        actual.count == expected.count && zip(actual, expected).allSatisfy { a, e in
            (a.isNaN && e.isNaN) || a == e || abs(a - e) <= 1e-12 * max(1, abs(e))
        }
    }

    /// The last value record of running `source`.
    static func lastValue(_ source: String) -> (record: [String: Any]?, errors: [String]) {
        let outcome = run(source)
        let record = outcome.json.last.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        return (record, outcome.errors)
    }

    static func check(tensor expected: [String: Any], against record: [String: Any]?, _ name: String) {
        #expect(record?["type"] as? String == "tensor", "\(name): \(record ?? [:])")
        #expect(record?["shape"] as? [Int] == expected["shape"] as? [Int], "\(name): shape")
        #expect(record?["dtype"] as? String == expected["dtype"] as? String, "\(name): dtype")
        #expect(agree(flatten(record?["value"]), flatten(expected["values"])), "\(name): \(record?["value"] ?? "") vs \(expected["values"] ?? "")")
    }

    static func checkFamily(_ family: String, minimum: Int) throws {
        let reference = try #require(reference)
        let cases = reference.cases.filter { $0["family"] as? String == family }
        #expect(cases.count >= minimum)
        for item in cases {
            let expr = item["expr"] as? String ?? ""
            let (record, errors) = lastValue(reference.setup + "\n" + expr)
            if let error = item["error"] as? [String: Any] {
                #expect(errors.first == error["message"] as? String, "\(expr) must be refused as PyTorch words it")
                continue
            }
            #expect(errors.isEmpty, "\(expr): \(errors)")
            if let tensor = item["tensor"] as? [String: Any] {
                check(tensor: tensor, against: record, expr)
            } else if let flag = item["bool"] as? Bool {
                #expect(record?["value"] as? Bool == flag, "\(expr)")
            } else {
                let expected = item["size"] ?? item["number"] ?? item["list"]
                #expect(agree(flatten(record?["value"]), flatten(expected)), "\(expr): \(record?["value"] ?? "")")
            }
            if let after = item["after"] as? [String: Any], let receiver = expr.split(separator: ".").first {
                let (named, _) = lastValue(reference.setup + "\n" + expr + "\n" + receiver)
                check(tensor: after, against: named, "\(expr), then \(receiver)")
            }
        }
    }

    @Test func shapeMethods() throws { try Self.checkFamily("shape", minimum: 60) }
    @Test func reductions() throws { try Self.checkFamily("reductions", minimum: 35) }
    @Test func elementwise() throws { try Self.checkFamily("elementwise", minimum: 20) }
    @Test func joiningAndProducts() throws { try Self.checkFamily("joining", minimum: 40) }
    @Test func splitting() throws { try Self.checkFamily("splitting", minimum: 40) }
    @Test func inPlaceMethodsChangeTheName() throws { try Self.checkFamily("inplace", minimum: 10) }
}
