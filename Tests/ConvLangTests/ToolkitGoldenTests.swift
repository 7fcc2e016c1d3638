import Foundation
import Testing
import ConvLang
import TestSupport

/// torch-init.json in full through the language: every case's layers (Conv1d and
/// ConvTranspose1d, in order, from one seeded stream) and the `rand(5)` after them,
/// bit-identical; and the transposed-convolution and pooling cases of torch-ops.json as
/// conv programs.
@Suite("Golden PyTorch vectors for the toolkit, through the language")
struct ToolkitGoldenTests {
    @Test("torch-init.json: 24 seeds, 72 layers (24 ConvTranspose1d) and then_rand5, bit-identical")
    func everyInitCaseThroughTheLanguage() throws {
        let cases = try GoldenSet.cases("torch-init.json")
        #expect(cases.count == 24)
        var layersChecked = 0
        var transposed = 0
        for item in cases {
            let seed = try #require(item["seed"] as? NSNumber)
            let layers = try #require(item["layers"] as? [[String: Any]])
            var program = "seed(\(seed.int64Value))\n"
            var expected: [(String, [Double])] = []
            for (index, layer) in layers.enumerated() {
                let type = try #require(layer["type"] as? String)
                let hasBias = (layer["bias"] as? Bool) ?? true
                program += "l\(index) = \(type)(\(layer["in_channels"] ?? 0), \(layer["out_channels"] ?? 0), "
                    + "\(layer["kernel_size"] ?? 0), g=\(layer["groups"] ?? 1), bias=\(hasBias))\n"
                expected.append(("l\(index).weight", GoldenTorchTests.flatten(layer["weight"])))
                if hasBias { expected.append(("l\(index).bias", GoldenTorchTests.flatten(layer["bias_values"]))) }
                if type == "ConvTranspose1d" { transposed += 1 }
                layersChecked += 1
            }
            program += "r = rand(5)\n"
            expected.append(("r", GoldenTorchTests.flatten(item["then_rand5"])))
            let interpreter = Interpreter(configuration: .init(seed: 1))
            let result = interpreter.run(program)
            #expect(result.succeeded, "seed \(seed): \(result.diagnostics.map(\.message))")
            for (expression, values) in expected {
                guard case .tensor(let tensor)? = interpreter.run(expression).lastValue else {
                    Issue.record("seed \(seed): \(expression) is not a tensor")
                    continue
                }
                #expect(tensor.scalars.map { Float($0).bitPattern } == values.map { Float($0).bitPattern },
                        "seed \(seed) \(expression)")
                #expect(tensor.scalars.allSatisfy { Double(Float($0)) == $0 }, "seed \(seed) \(expression) is float32")
            }
        }
        #expect(layersChecked == 72 && transposed == 24, "\(layersChecked) layers, \(transposed) transposed")
    }

    @Test("torch-ops.json: conv_transpose1d, max_pool1d and avg_pool1d cases as conv programs")
    func opsThroughTheLanguage() throws {
        var computed = 0
        var refused = 0
        for item in try GoldenSet.cases("torch-ops.json") {
            guard let op = item["op"] as? String, let source = Self.program(op, item) else { continue }
            switch GoldenTorchTests.check(item, source: source) {
            case .computed: computed += 1
            case .refused: refused += 1
            case .failed: break
            }
        }
        #expect(computed == 60 + 14 + 15 && refused == 14 + 17, "\(computed) computed, \(refused) refused")
    }

    /// The call a golden case describes, in conv syntax; `nil` for other ops.
    static func program(_ op: String, _ item: [String: Any]) -> String? {
        let literal = GoldenTorchTests.literal
        let x = literal(item["input"])
        let stride = item["stride"] is NSNull ? "none" : literal(item["stride"])
        let ceil = (item["ceil_mode"] as? Bool) == true
        switch op {
        case "conv_transpose1d":
            return "F.conv_transpose1d(\(x), \(literal(item["weight"])), b=\(literal(item["bias"])), s=\(stride), "
                + "p=\(literal(item["padding"])), output_padding=\(literal(item["output_padding"])), "
                + "g=\(literal(item["groups"])), d=\(literal(item["dilation"])))"
        case "max_pool1d":
            return "m = nn.MaxPool1d(\(literal(item["kernel_size"])), s=\(stride), p=\(literal(item["padding"])), "
                + "d=\(literal(item["dilation"])), ceil_mode=\(ceil))\nm(\(x))"
        case "avg_pool1d":
            return "avg_pool1d(\(x), \(literal(item["kernel_size"])), s=\(stride), p=\(literal(item["padding"])), "
                + "ceil_mode=\(ceil), count_include_pad=\((item["count_include_pad"] as? Bool) ?? true))"
        default:
            return nil
        }
    }
}
