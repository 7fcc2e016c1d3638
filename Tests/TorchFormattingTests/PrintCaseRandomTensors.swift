import ConvNumerics
import TorchFormatting

extension PrintCaseTensors {
    /// The cases whose tensors come from the random stream, built when asked for.
    static let random: [String: @Sendable () -> PrintedValue] = [
        "print-randn-3": { .tensor(randn(seed: 1_485_140_778, 3)) },
        "print-randn-2x3": { .tensor(randn(seed: 1_353_308_263, 2, 3)) },
        "print-randn-2x3x4": { .tensor(randn(seed: 711_199_529, 2, 3, 4)) },
        "print-randn-1x1x5": { .tensor(randn(seed: 1_874_228_177, 1, 1, 5)) },
        "print-randn-30": { .tensor(randn(seed: 613_498_760, 30)) },
        "print-randn-3x25": { .tensor(randn(seed: 1_384_183_978, 3, 25)) },
        "print-randn-times-1000": { .tensor(D.map(randn(seed: 1_207_932_939, 2, 3)) { $0 * 1000 }) },
        "print-randn-times-1e-4": { .tensor(D.map(randn(seed: 1_065_780_564, 4)) { $0 * Float(1e-4) }) },
        "print-randn-row-of-big-and-small": {
            let scale: [Float] = [1e-3, 1, 1e3]
            let values = D.floats(randn(seed: 497_266_551, 2, 3)).enumerated().map { $0.element * scale[$0.offset % 3] }
            return .tensor(D.f32(values, [2, 3]))
        },
        "print-randn-40x40-summarised": { .tensor(randn(seed: 552_584_820, 40, 40)) },
        "print-randn-2x600-summarised": { .tensor(randn(seed: 1_448_992_816, 2, 600)) },
        "print-randn-3d-summarised": { .tensor(randn(seed: 1_414_051_320, 12, 10, 10)) },
        "print-f64-randn": { .tensor(randn(seed: 592_824_507, 4, double: true)) },
        "print-f64-2d": {
            .tensor(D.f64(D.floats(randn(seed: 298_967_927, 2, 3)).map(Double.init), [2, 3]))
        },
        "print-i64-randint": {
            var stream = ReferenceStream(seed: 73_609_769)
            return .tensor(stream.randint(0, 10, [2, 5]))
        },
        "print-bool-compare": {
            .tensor(D.bool(D.floats(randn(seed: 397_562_271, 2, 3)).map { $0 > 0 }, [2, 3]))
        },
        "print-requires-grad-randn": {
            .tensor(randn(seed: 2_000_678_534, 2, 2), TensorMarks(requiresGrad: true))
        },
        "print-grad-fn-add": { .tensor(D.map(gradBase) { $0 + 1 }, grad("AddBackward0")) },
        "print-grad-fn-mul": { .tensor(D.map(gradBase) { $0 * 2 }, grad("MulBackward0")) },
        "print-grad-fn-mean": {
            .tensor(D.f32([D.sum(D.floats(gradBase)) / 6], []), grad("MeanBackward0"))
        },
        "print-grad-fn-relu": { .tensor(D.map(gradBase) { max($0, 0) }, grad("ReluBackward0")) },
        "print-grad-fn-F-relu": { .tensor(D.map(gradBase) { max($0, 0) }, grad("ReluBackward0")) },
        "print-grad-fn-view": { .tensor(D.reshaped(gradBase, [3, 2]), grad("ViewBackward0")) },
        "print-grad-fn-sum-pow": {
            .tensor(D.f32([D.sum(D.floats(gradBase).map { $0 * $0 })], []), grad("SumBackward0"))
        },
        "print-grad-fn-detach": { .tensor(gradBase) },
        "print-grad-after-backward": { .tensor(D.f32([Double](repeating: 3, count: 6), [2, 3])) },
        "print-grad-fn-conv": {
            var stream = ReferenceStream(seed: 1_283_048_036)
            let x = stream.randn(5), w = stream.randn(2)
            return .tensor(D.conv1d(D.reshaped(x, [1, 1, 5]), D.reshaped(w, [1, 1, 2]), bias: nil), grad("ConvolutionBackward0"))
        },
        "print-grad-fn-module": {
            var stream = ReferenceStream(seed: 1_823_426_866)
            let layer = stream.layer(in: 1, out: 2, kernel: 3)
            let x = D.reshaped(stream.randn(5), [1, 1, 5])
            return .tensor(D.conv1d(x, layer.weight, bias: layer.bias), grad("ConvolutionBackward0"))
        },
        "print-parameter-conv-weight": {
            var stream = ReferenceStream(seed: 1_651_750_938)
            return .tensor(stream.layer(in: 1, out: 1, kernel: 2).weight, TensorMarks(requiresGrad: true, isParameter: true))
        },
        "print-parameter-conv-bias": {
            var stream = ReferenceStream(seed: 141_018_452)
            return .tensor(stream.layer(in: 1, out: 2, kernel: 3).bias, TensorMarks(requiresGrad: true, isParameter: true))
        },
        "print-parameter-linear-weight": {
            var stream = ReferenceStream(seed: 90_063_461)
            return .tensor(stream.layer(in: 3, out: 2).weight, TensorMarks(requiresGrad: true, isParameter: true))
        },
        "print-module-user-subclass-output": {
            var stream = ReferenceStream(seed: 1_240_120_452)
            let conv = stream.layer(in: 1, out: 4, kernel: 3)
            let linear = stream.layer(in: 16, out: 2)
            // ones(1, 1, 4) padded by one zero on each side, so every window sees 2 or 3 ones.
            let padded = D.f32([0, 1, 1, 1, 1, 0] as [Double], [1, 1, 6])
            let hidden = D.floats(D.conv1d(padded, conv.weight, bias: conv.bias)).map { max($0, 0) }
            let weight = D.floats(linear.weight), bias = D.floats(linear.bias)
            let output = (0..<2).map { o in
                D.sum((0..<16).map { weight[o * 16 + $0] * hidden[$0] }) + bias[o]
            }
            return .tensor(D.f32(output, [1, 2]), grad("AddmmBackward0"))
        },
        "print-shape": { .text(TorchText.size([2, 3, 4])) },
        "print-size-method": { .text(TorchText.size([2, 3, 4])) },
        "print-dtype": { .text(TorchText.dtype(randn(seed: 91_124_086, 2, 3, 4).dtype)) },
        "print-index-row": {
            .tensor(D.f32(Array(D.floats(randn(seed: 91_124_086, 2, 3, 4)).prefix(12)), [3, 4]))
        },
        "print-printoptions-precision-2": {
            .tensor(randn(seed: 504_831_405, 2, 3), options: options { $0.set(precision: 2) })
        },
        "print-printoptions-sci-off-small": {
            .tensor(D.map(randn(seed: 359_442_045, 3)) { $0 * Float(1e-4) }, options: options { $0.set(sciMode: false) })
        },
        "print-printoptions-precision-6": {
            .tensor(randn(seed: 2_139_376_228, 3), options: options { $0.set(precision: 6) })
        },
        "print-printoptions-linewidth": {
            .tensor(randn(seed: 179_746_295, 12), options: options { $0.set(lineWidth: 40) })
        },
    ]
}
