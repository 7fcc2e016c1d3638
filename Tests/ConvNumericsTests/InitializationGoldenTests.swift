import Foundation
import Testing
import ConvNumerics
import TestSupport

/// Every case of torch-init.json, bit for bit: each layer's weight and bias in order from one
/// generator, then `torch.rand(5)`.
@Suite("PyTorch golden initialisation")
struct InitializationGoldenTests {
    @Test("torch-init.json: 24 seeds × 3 layers (48 Conv1d, 24 ConvTranspose1d) + then_rand5, bit-identical")
    func everyInitCase() throws {
        let cases = try GoldenSet.cases("torch-init.json")
        var layersChecked = 0
        var valuesChecked = 0
        for testCase in cases {
            let seed = try GoldenFile.int(testCase["seed"], "seed")
            var generator = TorchGenerator(seed: UInt64(seed))
            for layer in testCase["layers"] as? [[String: Any]] ?? [] {
                valuesChecked += try checkLayer(layer, seed: seed, generator: &generator)
                layersChecked += 1
            }
            let drawnRand = generator.uniformTensor(shape: [5])
            let rand = try #require(drawnRand)
            valuesChecked += expectBitIdentical(rand, try GoldenFile.tensor(testCase["then_rand5"]), "seed \(seed) then_rand5")
        }
        #expect(cases.count == 24, "cases: \(cases.count)")
        #expect(layersChecked == 72, "layers: \(layersChecked)")
        #expect(valuesChecked > 1000, "float32 values compared: \(valuesChecked)")
    }

    /// Draws one layer and compares it; returns how many values were compared.
    private func checkLayer(_ layer: [String: Any], seed: Int, generator: inout TorchGenerator) throws -> Int {
        let type = layer["type"] as? String ?? "?"
        let inChannels = try GoldenFile.int(layer["in_channels"], "in_channels")
        let outChannels = try GoldenFile.int(layer["out_channels"], "out_channels")
        let kernelSize = try GoldenFile.int(layer["kernel_size"], "kernel_size")
        let groups = try GoldenFile.int(layer["groups"], "groups")
        let hasBias = layer["bias"] as? Bool ?? true
        let drawn = type == "ConvTranspose1d"
            ? try LayerInitialization.convTranspose1d(
                inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize,
                groups: groups, bias: hasBias, generator: &generator)
            : try LayerInitialization.conv1d(
                inChannels: inChannels, outChannels: outChannels, kernelSize: kernelSize,
                groups: groups, bias: hasBias, generator: &generator)
        let label = "seed \(seed) \(type)(\(inChannels), \(outChannels), \(kernelSize), groups=\(groups))"
        var compared = expectBitIdentical(drawn.weight, try GoldenFile.tensor(layer["weight"]), "\(label) weight")
        if hasBias {
            let bias = try #require(drawn.bias, "\(label): bias missing")
            compared += expectBitIdentical(bias, try GoldenFile.tensor(layer["bias_values"]), "\(label) bias")
        } else {
            #expect(drawn.bias == nil, "\(label): unexpected bias")
        }
        return compared
    }

    /// Compares float32 bit patterns; returns the number of values compared.
    private func expectBitIdentical(_ actual: Tensor, _ expected: Tensor, _ label: String) -> Int {
        #expect(actual.shape == expected.shape, "\(label): shape \(actual.shape) vs \(expected.shape)")
        let mismatches = zip(actual.scalars, expected.scalars).enumerated().filter { _, pair in
            Float(pair.0).bitPattern != Float(pair.1).bitPattern || Double(Float(pair.0)) != pair.0
        }
        let mismatchCount = mismatches.count
        #expect(mismatchCount == 0, "\(label): values differ, first at \(mismatches.first?.offset ?? -1)")
        return expected.count
    }
}
