import ConvNumerics
import TorchFormatting

/// What a value case of torch-print.json prints: a tensor with its marks and the print options
/// its setup chose, or a text the formatter makes directly (sizes, dtypes).
struct PrintedValue: Sendable {
    var text: @Sendable (TorchPrintOptions) -> String
    var options = TorchPrintOptions()

    static func tensor(_ tensor: Tensor, _ marks: TensorMarks = .plain, options: TorchPrintOptions = TorchPrintOptions()) -> PrintedValue {
        PrintedValue(text: { TorchText.tensor(tensor, options: $0, marks: marks) }, options: options)
    }

    static func text(_ text: String) -> PrintedValue { PrintedValue(text: { _ in text }) }
}

/// Each value case of torch-print.json whose value is a tensor, a size or a dtype, rebuilt from
/// its `setup` and `source`: literals as PyTorch rounds them to float32, random tensors from
/// the reference stream after the case's seed, float32 arithmetic for the expressions.
enum PrintCaseTensors {
    typealias D = TensorData

    static func options(_ change: (inout TorchPrintOptions) -> Void) -> TorchPrintOptions {
        var options = TorchPrintOptions()
        change(&options)
        return options
    }

    static func randn(seed: UInt64, _ shape: Int..., double: Bool = false) -> Tensor {
        var stream = ReferenceStream(seed: seed)
        switch shape.count {
        case 1: return stream.randn(shape[0], double: double)
        case 2: return stream.randn(shape[0], shape[1], double: double)
        default: return D.reshaped(stream.randn(shape.reduce(1, *), double: double), shape)
        }
    }

    /// `a = torch.randn(2, 3, requires_grad=True)` after seed 1655051188, shared by the grad_fn cases.
    static var gradBase: Tensor { randn(seed: 1_655_051_188, 2, 3) }

    static func grad(_ name: String) -> TensorMarks { TensorMarks(gradFunction: name) }

    static let literals: [String: PrintedValue] = [
        "print-f32-0d": .tensor(D.f32(scalar: 6.5)),
        "print-f32-0d-integral": .tensor(D.f32(scalar: 6)),
        "print-f32-negative-zero-0d": .tensor(D.f32(scalar: -0.0)),
        "print-f32-integral": .tensor(D.f32([1, 6, -9] as [Double])),
        "print-f32-simple": .tensor(D.f32([0.5, -1.25, 9] as [Double])),
        "print-f32-third": .tensor(D.f32([1.0 / 3, 2.0 / 3] as [Double])),
        "print-f32-sum-noise": .tensor(D.f32([Float(0.1) + Float(0.2), Float(0.2) + Float(0.1)])),
        "print-f32-mixed-magnitudes": .tensor(D.f32([1e-5, 1, 1e5] as [Double])),
        "print-f32-very-small": .tensor(D.f32([1e-8, 2.5e-8] as [Double])),
        "print-f32-very-large": .tensor(D.f32([1e10, 3e12] as [Double])),
        "print-f32-large-and-small": .tensor(D.f32([123456.789, 0.001] as [Double])),
        "print-f32-1e-4": .tensor(D.f32([0.0001, 1] as [Double])),
        "print-f32-1e-3": .tensor(D.f32([0.001, 1] as [Double])),
        "print-f32-thousand": .tensor(D.f32([1000, 0.5] as [Double])),
        "print-f32-7-digits-integral": .tensor(D.f32([1234567] as [Double])),
        "print-f32-8-digits-integral": .tensor(D.f32([12345678] as [Double])),
        "print-f32-1e8": .tensor(D.f32([1e8] as [Double])),
        "print-f32-single-small": .tensor(D.f32([1e-5] as [Double])),
        "print-f32-negative-zero": .tensor(D.f32([-0.0, 0, 1] as [Double])),
        "print-f32-nan-inf": .tensor(D.f32([.nan, .infinity, -.infinity, 1.5] as [Double])),
        "print-f32-nan-integral": .tensor(D.f32([.nan, 1, 2] as [Double])),
        "print-f32-nan-0d": .tensor(D.f32(scalar: .nan)),
        "print-f32-inf-large": .tensor(D.f32([.infinity, 1e6, 2] as [Double])),
        "print-f32-all-nan": .tensor(D.f32([.nan, .nan] as [Double])),
        "print-arange-1200-summarised": .tensor(D.arange(1200, float: true)),
        "print-arange-10": .tensor(D.arange(10, float: true)),
        "print-linspace": .tensor(D.f32((0..<7).map { Double($0) / 6 })),
        "print-zeros-2x3": .tensor(D.f32([Double](repeating: 0, count: 6), [2, 3])),
        "print-ones-2x2x2": .tensor(D.f32([Double](repeating: 1, count: 8), [2, 2, 2])),
        "print-empty-list": .tensor(D.f32([Double]())),
        "print-empty-0x3": .tensor(D.f32([Double](), [0, 3])),
        "print-empty-2x0": .tensor(D.f32([Double](), [2, 0])),
        "print-empty-f64": .tensor(D.f64([])),
        "print-empty-int64": .tensor(D.i64([])),
        "print-conv-output-row": .tensor(D.f32([Float(-2) + Float(0.1), Float(1.5) - 4 + Float(0.1)], [1, 1, 2])),
        "print-f64-simple": .tensor(D.f64([1.5, 2.25])),
        "print-f64-0d": .tensor(D.f64([2.5], [])),
        "print-f64-integral": .tensor(D.f64([1, 2])),
        "print-f64-mixed": .tensor(D.f64([1e-7, 1])),
        "print-i64-list": .tensor(D.i64([1, 2, 3])),
        "print-i64-0d": .tensor(D.i64([42], [])),
        "print-i64-matrix": .tensor(D.arange(12, shape: [3, 4])),
        "print-i64-widths": .tensor(D.i64([-100, 5, 123_456_789])),
        "print-i64-summarised": .tensor(D.arange(2000)),
        "print-bool-list": .tensor(D.bool([true, false, true])),
        "print-bool-0d": .tensor(D.bool([true], [])),
        "print-bool-empty": .tensor(D.bool([])),
        "print-requires-grad-ones": .tensor(D.f32([1, 1, 1] as [Double]), TensorMarks(requiresGrad: true)),
        "print-requires-grad-0d": .tensor(D.f32(scalar: 1.5), TensorMarks(requiresGrad: true)),
        "print-parameter-ones": .tensor(D.f32([1, 1] as [Double]), TensorMarks(requiresGrad: true, isParameter: true)),
        "print-shape-0d": .text(TorchText.size([])),
        "print-dtype-f64": .text(TorchText.dtype(.float64)),
        "print-dtype-i64": .text(TorchText.dtype(.int64)),
        "print-dtype-bool": .text(TorchText.dtype(.bool)),
        "print-torch-size": .text(TorchText.size([2, 3])),
        "print-transpose": .tensor(D.f32([0, 3, 1, 4, 2, 5] as [Double], [3, 2])),
        "print-printoptions-sci-off": .tensor(D.f32([1e-5, 1, 1e5] as [Double]), options: options { $0.set(sciMode: false) }),
        "print-printoptions-sci-on": .tensor(D.f32([1.5, 2.25] as [Double]), options: options { $0.set(sciMode: true) }),
        "print-printoptions-threshold": .tensor(D.arange(10, float: true), options: options { $0.set(threshold: 5) }),
        "print-printoptions-threshold-edgeitems": .tensor(D.arange(20), options: options { $0.set(threshold: 5, edgeItems: 2) }),
    ]
}
