import Foundation
import Testing
import ConvNumerics
import TestSupport

/// Every `conv_transpose1d`, `max_pool1d` and `avg_pool1d` case of torch-ops.json: outputs
/// within 1e-9, refusals refused with the kind of error PyTorch's message names.
@Suite("PyTorch golden transposed convolution and pooling")
struct TransposeAndPoolingGoldenTests {
    @Test("torch-ops.json: all 60 conv_transpose1d cases")
    func everyConvTransposeCase() throws {
        let cases = try GoldenSet.cases("torch-ops.json").filter { $0["op"] as? String == "conv_transpose1d" }
        #expect(cases.count == 60)
        for testCase in cases {
            let name = testCase["name"] as? String ?? "?"
            let parameters = ConvolutionTransposeParameters(
                stride: try GoldenFile.int(testCase["stride"], "stride"),
                padding: try GoldenFile.int(testCase["padding"], "padding"),
                outputPadding: try GoldenFile.int(testCase["output_padding"], "output_padding"),
                dilation: try GoldenFile.int(testCase["dilation"], "dilation"),
                groups: try GoldenFile.int(testCase["groups"], "groups"))
            let input = try GoldenFile.tensor(testCase["input"])
            let weight = try GoldenFile.tensor(testCase["weight"])
            let bias = testCase["bias"] is NSNull || testCase["bias"] == nil ? nil : try GoldenFile.tensor(testCase["bias"])
            let run = { () throws(ConvolutionTransposeError) -> Tensor in
                try ConvolutionTranspose.convTranspose1d(input, weight: weight, bias: bias, parameters: parameters)
            }
            if let message = testCase["error"] as? String {
                #expect(throws: ConvolutionTransposeError.self, "\(name): \(message)") { try run() }
            } else {
                let expected = try GoldenFile.tensor(testCase["output"])
                expectClose(try run(), expected, name)
                let length = try ConvolutionTranspose.outputLength(
                    inputLength: input.shape.last ?? 0, kernelSize: weight.shape.last ?? 0, parameters: parameters)
                #expect(length == expected.shape.last, "\(name): outputLength")
            }
        }
    }

    @Test("torch-ops.json: all 28 max_pool1d cases (14 outputs, 14 refusals)")
    func everyMaxPoolCase() throws {
        let counts = try runPoolingCases(op: "max_pool1d") { input, parameters throws(PoolingError) in
            try Pooling.maxPool1d(input, parameters: parameters)
        }
        #expect(counts.outputs == 14 && counts.refusals == 14, "\(counts)")
    }

    @Test("torch-ops.json: all 32 avg_pool1d cases (15 outputs, 17 refusals)")
    func everyAvgPoolCase() throws {
        let counts = try runPoolingCases(op: "avg_pool1d") { input, parameters throws(PoolingError) in
            try Pooling.avgPool1d(input, parameters: parameters)
        }
        #expect(counts.outputs == 15 && counts.refusals == 17, "\(counts)")
    }

    private func runPoolingCases(
        op: String, _ pool: (Tensor, PoolingParameters) throws(PoolingError) -> Tensor
    ) throws -> (outputs: Int, refusals: Int) {
        var outputs = 0
        var refusals = 0
        for testCase in try GoldenSet.cases("torch-ops.json") where testCase["op"] as? String == op {
            let name = testCase["name"] as? String ?? "?"
            let parameters = PoolingParameters(
                kernelSize: try GoldenFile.int(testCase["kernel_size"], "kernel_size"),
                stride: (testCase["stride"] as? NSNumber)?.intValue,
                padding: try GoldenFile.int(testCase["padding"], "padding"),
                dilation: (testCase["dilation"] as? NSNumber)?.intValue ?? 1,
                ceilMode: testCase["ceil_mode"] as? Bool ?? false,
                countIncludePad: testCase["count_include_pad"] as? Bool ?? true)
            let input = try GoldenFile.tensor(testCase["input"])
            if let message = testCase["error"] as? String {
                refusals += 1
                let expectedKind = try #require(Self.kind(ofPoolingMessage: message), "unmapped: \(message)")
                do throws(PoolingError) {
                    let output = try pool(input, parameters)
                    Issue.record("\(name): expected a refusal (\(message)) but got shape \(output.shape)")
                } catch {
                    #expect(Self.kind(of: error) == expectedKind, "\(name): PyTorch said '\(message)', we said '\(error)'")
                }
            } else {
                outputs += 1
                let expected = try GoldenFile.tensor(testCase["output"])
                do throws(PoolingError) {
                    expectClose(try pool(input, parameters), expected, name)
                } catch {
                    Issue.record("\(name): refused with '\(error)'")
                }
            }
        }
        return (outputs, refusals)
    }

    static func kind(ofPoolingMessage message: String) -> String? {
        if message.contains("at most half") { return "paddingTooLarge" }
        if message.contains("Invalid computed output size") || message.contains("Output size is too small") {
            return "outputTooShort"
        }
        return nil
    }

    static func kind(of error: PoolingError) -> String {
        Mirror(reflecting: error).children.first?.label ?? "interrupted"
    }
}
