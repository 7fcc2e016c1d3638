import Foundation

extension WeightInitialization {
    /// Rounds of redrawing `truncatedNormal` allows before giving up. Each round keeps an
    /// element with probability above 0.3 on the normal path, so real inputs finish in a few
    /// dozen; the cap only stops bounds far out in a tail from running forever.
    static let truncationAttempts = 10_000

    /// `nn.init.trunc_normal_(tensor, mean, std, a, b)`, as PyTorch draws it.
    ///
    /// When `[a, b]` holds more than 0.3 of the normal's mass, the tensor is filled with
    /// `normal_(mean, std)` and every element outside `[a, b]` is replaced from a fresh
    /// full-size `normal_` draw, until none is outside. Otherwise candidates come from
    /// `uniform_(a, b)` and are accepted when `log(u) <= −½((x − mean)/std)² − log_peak` for a
    /// fresh full-size uniform `u`, rejected elements redrawn the same way. (PyTorch takes that
    /// `log` from its vectorised math library and this the C library's: the two differ by at
    /// most an ulp, so an acceptance could differ only when `log(u)` and the bound round to
    /// neighbouring values.)
    public static func truncatedNormal(
        _ tensor: Tensor, mean: Double = 0, std: Double = 1, a: Double = -2, b: Double = 2,
        generator: inout TorchGenerator
    ) throws(RandomError) -> Tensor {
        guard std != 0 else { throw .zeroStandardDeviation }
        let mass = normalCDF((b - mean) / std) - normalCDF((a - mean) / std)
        switch tensor.dtype {
        case .float32 where mass > 0.3:
            return try redrawingOutside(tensor, Float.self, mean: mean, std: std, a: a, b: b, generator: &generator)
        case .float64 where mass > 0.3:
            return try redrawingOutside(tensor, Double.self, mean: mean, std: std, a: a, b: b, generator: &generator)
        case .float32:
            return try acceptingUniform(tensor, Float.self, mean: mean, std: std, a: a, b: b, generator: &generator, log: logf)
        case .float64:
            return try acceptingUniform(tensor, Double.self, mean: mean, std: std, a: a, b: b, generator: &generator, log: Foundation.log)
        case .int64, .int32, .bool:
            throw .unsupportedDType(tensor.dtype, operation: "trunc_normal_")
        }
    }

    /// `(1 + erf(x/√2)) / 2`, as PyTorch's Python computes it.
    private static func normalCDF(_ x: Double) -> Double {
        (1.0 + erf(x / Double(2).squareRoot())) / 2.0
    }

    private static func redrawingOutside<T: BinaryFloatingPoint & TensorElement>(
        _ tensor: Tensor, _ type: T.Type, mean: Double, std: Double, a: Double, b: Double,
        generator: inout TorchGenerator
    ) throws(RandomError) -> Tensor {
        // PyTorch compares with the bounds rounded to the dtype.
        let low = T(a), high = T(b)
        var result = try draw(generator.normalFilled(tensor, mean: mean, std: std), as: type)
        for _ in 0..<truncationAttempts {
            let outside = result.map { $0 < low || $0 > high }
            guard outside.contains(true) else { return tensor.refilled(result) }
            let fresh = try draw(generator.normalFilled(tensor, mean: mean, std: std), as: type)
            result = result.indices.map { outside[$0] ? fresh[$0] : result[$0] }
        }
        throw .truncationDidNotConverge(attempts: truncationAttempts)
    }

    private static func acceptingUniform<T: BinaryFloatingPoint & TensorElement>(
        _ tensor: Tensor, _ type: T.Type, mean: Double, std: Double, a: Double, b: Double,
        generator: inout TorchGenerator, log: (T) -> T
    ) throws(RandomError) -> Tensor {
        // Python's max(a, min(mean, b)), NaN included.
        let inner = b < mean ? b : mean
        let mode = inner > a ? inner : a
        let standardMode = (mode - mean) / std
        let logPeak = -0.5 * (standardMode * standardMode)
        // The scalar steps run in the dtype, each scalar rounded to it first.
        let bound: (T) -> T = { x in
            let z = (x - T(mean)) / T(std)
            return z * z * T(-0.5) - T(logPeak)
        }
        var result = try draw(generator.uniformFilled(tensor, from: a, to: b), as: type)
        var pending = try zip(result, draw(generator.uniformFilled(tensor), as: type)).map { log($1) > bound($0) }
        for _ in 0..<truncationAttempts {
            guard pending.contains(true) else { return tensor.refilled(result) }
            let candidates = try draw(generator.uniformFilled(tensor, from: a, to: b), as: type)
            let accept = try draw(generator.uniformFilled(tensor), as: type)
            for i in result.indices where pending[i] {
                result[i] = candidates[i]
                pending[i] = log(accept[i]) > bound(candidates[i])
            }
        }
        throw .truncationDidNotConverge(attempts: truncationAttempts)
    }

    private static func draw<T: TensorElement>(_ tensor: Tensor, as type: T.Type) -> [T] {
        tensor.elements(as: type) ?? []
    }
}
