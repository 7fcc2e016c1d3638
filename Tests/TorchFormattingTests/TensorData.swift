import ConvNumerics

/// Tensors written out in the printing cases, and the float32 arithmetic PyTorch does on them.
enum TensorData {
    /// A float32 tensor of `shape` (a vector when no shape is given) from Python floats, each
    /// rounded to float32 as `torch.tensor([...])` does.
    static func f32(_ values: [Double], _ shape: [Int]? = nil) -> Tensor {
        f32(values.map { Float($0) }, shape)
    }

    static func f32(_ values: [Float], _ shape: [Int]? = nil) -> Tensor {
        Tensor(shape: shape ?? [values.count], scalars: values) ?? Tensor(scalar: Double.nan)
    }

    static func f64(_ values: [Double], _ shape: [Int]? = nil) -> Tensor {
        Tensor(shape: shape ?? [values.count], scalars: values) ?? Tensor(scalar: Double.nan)
    }

    static func i64(_ values: [Int64], _ shape: [Int]? = nil) -> Tensor {
        Tensor(shape: shape ?? [values.count], scalars: values) ?? Tensor(scalar: Double.nan)
    }

    static func bool(_ values: [Bool], _ shape: [Int]? = nil) -> Tensor {
        Tensor(shape: shape ?? [values.count], scalars: values) ?? Tensor(scalar: Double.nan)
    }

    /// A 0-dim float32 tensor.
    static func f32(scalar: Double) -> Tensor { f32([scalar], []) }

    /// The float32 elements of `tensor` (empty for other dtypes).
    static func floats(_ tensor: Tensor) -> [Float] { tensor.float32Scalars ?? [] }

    /// Elementwise float32 `transform`, keeping the shape.
    static func map(_ tensor: Tensor, _ transform: (Float) -> Float) -> Tensor {
        f32(floats(tensor).map(transform), tensor.shape)
    }

    /// `torch.arange(n)` as int64, or float32 with `float`.
    static func arange(_ count: Int, float: Bool = false, shape: [Int]? = nil) -> Tensor {
        float ? f32((0..<count).map { Float($0) }, shape) : i64((0..<count).map { Int64($0) }, shape)
    }

    /// `tensor.reshape(shape)`.
    static func reshaped(_ tensor: Tensor, _ shape: [Int]) -> Tensor {
        tensor.reshaped(to: shape) ?? Tensor(scalar: Double.nan)
    }

    /// The sum of float32 `values`, accumulated in float32.
    static func sum(_ values: [Float]) -> Float { values.reduce(0, +) }

    /// A valid 1-D float32 convolution (cross-correlation) of one channel per input channel:
    /// `out[o][t] = bias[o] + Σ_c Σ_k w[o][c][k] x[c][t + k]`, for a batch of one.
    static func conv1d(_ x: Tensor, _ w: Tensor, bias: Tensor?) -> Tensor {
        let channels = x.shape[1], length = x.shape[2]
        let outputs = w.shape[0], kernel = w.shape[2]
        let input = floats(x), weight = floats(w), biases = bias.map(floats)
        let outLength = length - kernel + 1
        var result: [Float] = []
        for o in 0..<outputs {
            for t in 0..<outLength {
                var total: Float = 0
                for c in 0..<channels {
                    for k in 0..<kernel { total += weight[(o * channels + c) * kernel + k] * input[c * length + t + k] }
                }
                result.append(total + (biases?[o] ?? 0))
            }
        }
        return f32(result, [1, outputs, outLength])
    }
}
