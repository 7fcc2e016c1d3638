@testable import ConvLang
import ConvNumerics
import Testing

/// The shape walk's rules for layers that work on the whole shape (Flatten, Linear, the
/// normalisations, Unflatten) and for the adaptive pools, checked without running any data.
@Suite("explain shape: rules of the reshaping layers")
struct ShapeWalkRuleTests {
    private func linear(_ inFeatures: Int, _ outFeatures: Int) -> ShapeChange {
        .linear(inFeatures: inFeatures, outFeatures: outFeatures)
    }

    @Test func flattenMergesChannelsAndLength() throws {
        let flat = try ShapeChange.flatten.apply(WalkShape(channels: 4, length: 16), 1).get()
        #expect(flat == WalkShape(channels: nil, length: 64, flat: true))
        // A flat row stays as it is; unknown channels cannot be merged.
        #expect(try ShapeChange.flatten.apply(flat, 1).get() == flat)
        #expect(throws: LayerRefusal.self) { try ShapeChange.flatten.apply(WalkShape(channels: nil, length: 16), 1).get() }
    }

    @Test func linearChecksInFeaturesInPyTorchsWordsWithTheFix() {
        let ok = linear(64, 10).apply(WalkShape(channels: nil, length: 64, flat: true), 1)
        #expect((try? ok.get()) == WalkShape(channels: nil, length: 10, flat: true))
        guard case .failure(let refusal) = linear(64, 10).apply(WalkShape(channels: nil, length: 32, flat: true), 1) else {
            Issue.record("a row of 32 features passed Linear(64, 10)")
            return
        }
        #expect(refusal.message.hasPrefix("mat1 and mat2 shapes cannot be multiplied (1x32 and 64x10)"))
        #expect(refusal.message.hasSuffix("Linear(32, 10) takes this input"))
        // On (N, C, L) it acts on the length; PyTorch's rows are N·C.
        guard case .failure(let rows) = linear(5, 2).apply(WalkShape(channels: 3, length: 4), 2) else {
            Issue.record("a length of 4 passed Linear(5, 2)")
            return
        }
        #expect(rows.message.hasPrefix("mat1 and mat2 shapes cannot be multiplied (6x4 and 5x2)"))
        #expect((try? linear(4, 2).apply(WalkShape(channels: 3, length: 4), 1).get()) == WalkShape(channels: 3, length: 2))
    }

    @Test func normalisationsCheckTheirFeatures() {
        #expect((try? ShapeChange.batchNorm(features: 4).apply(WalkShape(channels: 4, length: 9), 1).get()) == WalkShape(channels: 4, length: 9))
        #expect((try? ShapeChange.batchNorm(features: 64).apply(WalkShape(channels: nil, length: 64, flat: true), 1).get()) != nil)
        if case .failure(let refusal) = ShapeChange.batchNorm(features: 8).apply(WalkShape(channels: 4, length: 9), 1) {
            #expect(refusal.message.hasPrefix("running_mean should contain 4 elements not 8"))
        } else {
            Issue.record("BatchNorm1d(8) took 4 channels")
        }
        #expect((try? ShapeChange.layerNorm(normalizedShape: [4, 9]).apply(WalkShape(channels: 4, length: 9), 1).get()) != nil)
        if case .failure(let refusal) = ShapeChange.layerNorm(normalizedShape: [8]).apply(WalkShape(channels: 4, length: 9), 2) {
            #expect(refusal.message == "Given normalized_shape=[8], expected input with shape [*, 8], but got input of size[2, 4, 9]")
        } else {
            Issue.record("LayerNorm(8) took a length of 9")
        }
    }

    @Test func unflattenSplitsARowBack() {
        let change = ShapeChange.unflatten(dim: 1, sizes: [4, -1])
        #expect((try? change.apply(WalkShape(channels: nil, length: 64, flat: true), 1).get()) == WalkShape(channels: 4, length: 16))
        #expect((try? change.apply(WalkShape(channels: 4, length: 16), 1).get()) == nil)
    }

    @Test func adaptivePoolsGiveTheirSizeWhateverTheLength() {
        let rule = AdaptiveLength(outputSize: 3)
        #expect((try? rule.outputLength(7).get()) == 3)
        #expect((try? rule.outputLength(1).get()) == 3)
        #expect(rule.formula(input: "7", output: "L_out", inputLength: 7) == "L_out = output_size, whatever 7 is (windows of about 7/3 samples)")
    }

    @Test func aWalkThroughAClassifierHeadFindsTheOneLengthThatFits() throws {
        let run = ExplainRun("""
            import torch.nn as nn
            head = nn.Sequential(nn.Conv1d(2, 4, 3, padding=1), nn.MaxPool1d(4), nn.Flatten(), nn.Linear(64, 10))
            explain shape head(L=32)
            explain shape head(L=64)
            """)
        #expect(run.diagnostics.isEmpty, "\(run.firstError)")
        #expect(run.values == ["10"], "only the walk that passes gives a length")
        let fails = try #require(run.explanations.first)
        #expect(fails.contains("      4 channels × 8 merge into 4·8 = 32 features\n      → 32 features in one row\n"))
        #expect(fails.contains("      fails here: mat1 and mat2 shapes cannot be multiplied (1x32 and 64x10)"))
        #expect(fails.hasSuffix("layer 3 (Linear) fails; the shortest input every layer accepts is L=64\n"))
        let passes = try #require(run.explanations.last)
        #expect(passes.contains("      in_features = 64 = the 64 features it gets ✓ → 10 features\n"))
        #expect(passes.hasSuffix("output: 10 features in one row; the last dimension goes 64 → 64 → 16 → 64 → 10\n"))
    }
}
