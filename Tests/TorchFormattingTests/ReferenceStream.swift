import Foundation
import ConvNumerics

/// PyTorch's CPU random stream as the golden README describes it, enough to rebuild the random
/// tensors of the printing cases: `randn` (both paths, with the cached second normal),
/// `rand`, `randint` and the default initialisation of Conv1d and Linear.
///
/// The float32 `randn` path for 16 or more elements runs vectorised code in PyTorch whose last
/// bits can differ from the double-precision Box–Muller computed here; four printed decimals
/// hide that difference except on a rounding boundary.
struct ReferenceStream {
    private var generator: TorchGenerator
    private var cachedNormal: Double?

    /// `torch.manual_seed(seed)`.
    init(seed: UInt64) { generator = TorchGenerator(seed: seed) }

    private mutating func uniform53() -> Double {
        let high = UInt64(generator.nextUInt32())
        let low = UInt64(generator.nextUInt32())
        return Double((high << 32 | low) & (1 << 53 - 1)) * 0x1p-53
    }

    private mutating func uniform24() -> Float {
        Float(generator.nextUInt32() & 0xFF_FFFF) * 0x1p-24
    }

    /// One float64 normal from the small-tensor path.
    private mutating func scalarNormal() -> Double {
        if let cached = cachedNormal {
            cachedNormal = nil
            return cached
        }
        let u1 = uniform53()
        let u2 = uniform53()
        let radius = (-2 * log1p(-u2)).squareRoot()
        let theta = 2 * Double.pi * u1
        cachedNormal = radius * sin(theta)
        return radius * cos(theta)
    }

    /// Box–Muller over one block of 16 float32 uniforms, step by step in float32 as PyTorch's
    /// vectorised kernel does (each step rounded to float32; only its log, sin and cos differ).
    private static func fill16(_ data: inout [Double], at start: Int) {
        for j in 0..<8 {
            let u1 = 1 - Float(data[start + j])
            let u2 = Float(data[start + j + 8])
            let radius = (-2 * Float(log(Double(u1)))).squareRoot()
            let theta = Float(2 * Double.pi) * u2
            data[start + j] = Double(radius * Float(cos(Double(theta))))
            data[start + j + 8] = Double(radius * Float(sin(Double(theta))))
        }
    }

    /// `torch.randn(*shape)` in float32, or float64 with `double` (the float64 path for 16 or
    /// more elements is not needed by the cases and not rebuilt: it gives float32-path values).
    mutating func randn(_ shape: Int..., double: Bool = false) -> Tensor {
        let count = shape.reduce(1, *)
        var values: [Double]
        if count < 16 {
            values = (0..<count).map { _ in scalarNormal() }
        } else {
            values = (0..<count).map { _ in Double(uniform24()) }
            for start in stride(from: 0, to: count - 15, by: 16) { Self.fill16(&values, at: start) }
            if count % 16 != 0 {
                for i in (count - 16)..<count { values[i] = Double(uniform24()) }
                Self.fill16(&values, at: count - 16)
            }
        }
        return double ? TensorData.f64(values, shape) : TensorData.f32(values.map { Float($0) }, shape)
    }

    /// `torch.rand(*shape)` in float32.
    mutating func rand(_ shape: Int...) -> Tensor {
        let count = shape.reduce(1, *)
        return TensorData.f32((0..<count).map { _ in uniform24() }, shape)
    }

    /// `torch.randint(low, high, shape)`.
    mutating func randint(_ low: Int64, _ high: Int64, _ shape: [Int]) -> Tensor {
        let count = shape.reduce(1, *)
        let values = (0..<count).map { _ in low + Int64(generator.nextUInt32() % UInt32(high - low)) }
        return TensorData.i64(values, shape)
    }

    /// `nn.Conv1d(in, out, k)`'s weight and bias, or `nn.Linear(in, out)`'s with `k` nil, as
    /// float32 tensors.
    mutating func layer(in inputs: Int, out outputs: Int, kernel: Int? = nil) -> (weight: Tensor, bias: Tensor) {
        let fanIn = inputs * (kernel ?? 1)
        let weightShape = kernel.map { [outputs, inputs, $0] } ?? [outputs, inputs]
        let weightBound = LayerInitialization.weightBound(fanIn: fanIn)
        let weight = (0..<weightShape.reduce(1, *)).map { _ in
            generator.uniformFloat(from: -weightBound, to: weightBound)
        }
        let biasBound = LayerInitialization.biasBound(fanIn: fanIn)
        let bias = (0..<outputs).map { _ in generator.uniformFloat(from: -biasBound, to: biasBound) }
        return (TensorData.f32(weight, weightShape), TensorData.f32(bias, [outputs]))
    }
}
