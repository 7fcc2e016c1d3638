import Foundation
import Testing
import ConvNumerics
import ConvAutograd
import TestSupport

/// Every case of torch-grad.json: the output and every named `.grad` within 1e-9 relative
/// (relative to the larger of the value and a thousandth of the tensor's largest magnitude).
@Suite("PyTorch golden gradients")
struct GradGoldenTests {
    @Test("torch-grad.json: all 179 cases, outputs and gradients within 1e-9")
    func everyGradCase() throws {
        let cases = try GoldenSet.cases("torch-grad.json")
        #expect(cases.count == 179)
        var failures: [String] = []
        var compared = 0
        var worst = 0.0
        for json in cases {
            let golden = try GradCase(json)
            do {
                let (output, grads) = try golden.run()
                if let error = GoldenTensor.relativeError(output, golden.output), error <= 1e-9 {} else {
                    failures.append("\(golden.name): output \(output.shape) \(output.scalars.prefix(4)) vs \(golden.output.scalars.prefix(4))")
                }
                for (of, expected) in golden.grads {
                    compared += 1
                    guard let actual = grads[of] ?? nil else { failures.append("\(golden.name): no grad of \(of)"); continue }
                    let error = GoldenTensor.relativeError(actual, expected)
                    worst = Swift.max(worst, error ?? .infinity)
                    if error == nil || error.map({ $0 > 1e-9 }) == true {
                        failures.append("\(golden.name): grad of \(of) off by \(String(describing: error)) \(actual.scalars.prefix(4)) vs \(expected.scalars.prefix(4))")
                    }
                }
            } catch {
                failures.append("\(golden.name): \(error)")
            }
        }
        // The 179 cases name 329 gradients between them; each is compared.
        #expect(compared == 329)
        #expect(worst > 0, "the engine's rounding differs from PyTorch's somewhere; zero means nothing was compared")
        #expect(failures.isEmpty, "\(failures.count) failing:\n\(failures.joined(separator: "\n"))")
    }
}
