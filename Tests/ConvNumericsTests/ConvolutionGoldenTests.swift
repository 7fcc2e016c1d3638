import Foundation
import Testing
import ConvNumerics
import TestSupport

/// Every `conv1d` case of torch-ops.json: outputs within 1e-9, refusals refused with the
/// kind of error PyTorch's message names.
@Suite("PyTorch golden conv1d")
struct ConvolutionGoldenTests {
    /// The case counts of torch-ops.json, so a truncated or misread file fails loudly.
    static let expectedCases = 244
    static let expectedRefusals = 59

    @Test("torch-ops.json: all 244 conv1d cases (185 outputs, 59 refusals), main and reference kernels")
    func everyConv1dCase() throws {
        let cases = try GoldenSet.cases("torch-ops.json").filter { $0["op"] as? String == "conv1d" }
        var outputs = 0
        var refusals = 0
        for testCase in cases {
            let name = testCase["name"] as? String ?? "?"
            let call = try GoldenCall(testCase)
            if let message = testCase["error"] as? String {
                refusals += 1
                try expectRefusal(call, message: message, name: name)
            } else {
                outputs += 1
                let expected = try GoldenFile.tensor(testCase["output"])
                let actual = try call.run(reference: false)
                expectClose(actual, expected, name)
                expectClose(try call.run(reference: true), expected, "\(name) (reference)")
            }
        }
        #expect(outputs + refusals == Self.expectedCases, "conv1d cases: \(outputs) outputs + \(refusals) refusals")
        #expect(refusals == Self.expectedRefusals)
    }

    private func expectRefusal(_ call: GoldenCall, message: String, name: String) throws {
        let expectedKind = try #require(Self.kind(ofTorchMessage: message), "unmapped message in \(name): \(message)")
        do throws(ConvolutionError) {
            let output = try call.run(reference: false)
            Issue.record("\(name): expected a refusal (\(message)) but got shape \(output.shape)")
        } catch {
            #expect(error.kind == expectedKind, "\(name): PyTorch said '\(message)', we said '\(error)'")
            if case .kernelLongerThanInput(let length, let left, let right, let k, let d) = error {
                // PyTorch prints the padded length and the dilated span; ours must agree.
                let expectedText = "Calculated padded input size per channel: (\(length + left + right)). "
                    + "Kernel size: (\(d * (k - 1) + 1))."
                #expect(message.hasPrefix(expectedText), "\(name): \(message) vs \(error)")
            }
        }
    }

    /// Maps PyTorch's first error line to the ``ConvolutionError`` case that must be thrown.
    static func kind(ofTorchMessage message: String) -> String? {
        let table: [(String, String)] = [
            ("padding='same' is not supported for strided", "sameWithStride"),
            ("Padding size should be less than the corresponding input dimension", "reflectPaddingTooLarge"),
            ("wrapping around more than once", "circularPaddingTooLarge"),
            ("Kernel size can't be greater than actual input size", "kernelLongerThanInput"),
            ("negative padding is not supported", "negativePadding"),
            ("non-positive stride is not supported", "nonPositiveStride"),
            ("non-positive groups is not supported", "nonPositiveGroups"),
            ("dilation should be greater than zero", "nonPositiveDilation"),
            ("kernel size should be greater than zero", "nonPositiveKernelSize"),
            ("expected weight to be at least", "outChannelsFewerThanGroups"),
            ("expected weight to be divisible by", "outChannelsNotDivisibleByGroups"),
            ("channels instead", "channelMismatch"),
            ("expected bias to be 1-dimensional", "biasShape"),
            ("Expected 2D (unbatched) or 3D (batched) input", "inputRank"),
            ("Only zero batch or zero channel inputs are supported", "emptyInput"),
            ("weight should have at least three dimensions", "weightRank"),
        ]
        return table.first { message.contains($0.0) }?.1
    }
}

/// One golden conv1d call, ready to run.
struct GoldenCall {
    var input: Tensor
    var weight: Tensor
    var bias: Tensor?
    var parameters: ConvolutionParameters

    init(_ testCase: [String: Any]) throws {
        input = try GoldenFile.tensor(testCase["input"])
        weight = try GoldenFile.tensor(testCase["weight"])
        bias = testCase["bias"] is NSNull || testCase["bias"] == nil ? nil : try GoldenFile.tensor(testCase["bias"])
        guard let mode = PaddingMode(rawValue: testCase["padding_mode"] as? String ?? "") else {
            throw GoldenFile.Missing(description: "padding_mode")
        }
        parameters = ConvolutionParameters(
            stride: try GoldenFile.int(testCase["stride"], "stride"),
            padding: try GoldenFile.padding(testCase["padding"]),
            dilation: try GoldenFile.int(testCase["dilation"], "dilation"),
            groups: try GoldenFile.int(testCase["groups"], "groups"),
            paddingMode: mode)
    }

    func run(reference: Bool) throws(ConvolutionError) -> Tensor {
        reference
            ? try Convolution.referenceConv1d(input, weight: weight, bias: bias, parameters: parameters)
            : try Convolution.conv1d(input, weight: weight, bias: bias, parameters: parameters)
    }
}

/// Same shape and every element within 1e-9·(1 + |expected|).
func expectClose(_ actual: Tensor, _ expected: Tensor, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.shape == expected.shape, "\(label): shape", sourceLocation: sourceLocation)
    guard actual.shape == expected.shape else { return }
    let worst = zip(actual.scalars, expected.scalars)
        .map { abs($0 - $1) / (1 + abs($1)) }
        .max() ?? 0
    #expect(worst <= 1e-9, "\(label): worst scaled error \(worst)", sourceLocation: sourceLocation)
}
