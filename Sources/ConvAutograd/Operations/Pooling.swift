import ConvNumerics

/// `max_pool1d` and `avg_pool1d` with their gradients (`SqueezeBackward1`, the name PyTorch's
/// 1-D pooling shows, since it pools a 2-D view of the input).
extension Functional {
    /// `F.max_pool1d`: the gradient of each window goes to its first maximum (NaN wins).
    public static func maxPool1d(_ x: Variable, parameters: PoolingParameters) throws(AutogradError) -> Variable {
        let input = x.data
        let out: Tensor
        do { out = try Pooling.maxPool1d(input, parameters: parameters) } catch { throw .pooling(error) }
        return .record("SqueezeBackward1", out, inputs: [x], details: .maxPool(input: input, parameters: parameters)) { g throws(AutogradError) in
            [try PoolingGradient(input: input, output: out, parameters: parameters).maximum(g)]
        }
    }

    /// `F.avg_pool1d`: each window's gradient shared among its real samples, divided as the
    /// forward divided (`count_include_pad`, and windows cut short by `ceil_mode`).
    public static func avgPool1d(_ x: Variable, parameters: PoolingParameters) throws(AutogradError) -> Variable {
        let input = x.data
        let out: Tensor
        do { out = try Pooling.avgPool1d(input, parameters: parameters) } catch { throw .pooling(error) }
        return .record("SqueezeBackward1", out, inputs: [x], savesTensors: false,
                       details: .avgPool(input: input, parameters: parameters)) { g throws(AutogradError) in
            [try PoolingGradient(input: input, output: out, parameters: parameters).average(g)]
        }
    }
}

/// The windows of a pooling forward, walked again to route gradients.
struct PoolingGradient {
    let input: Tensor
    let output: Tensor
    let parameters: PoolingParameters

    private var length: Int { input.shape.last ?? 1 }
    private var outputLength: Int { output.shape.last ?? 1 }
    private var rows: Int { length == 0 ? 0 : input.count / length }

    func maximum(_ g: Tensor) throws(AutogradError) -> Tensor {
        try TensorMath.onFloats(
            input.dtype, { () throws(AutogradError) in try maximum(g, Float.self) },
            { () throws(AutogradError) in try maximum(g, Double.self) })
    }

    func average(_ g: Tensor) throws(AutogradError) -> Tensor {
        try TensorMath.onFloats(
            input.dtype, { () throws(AutogradError) in try average(g, Float.self) },
            { () throws(AutogradError) in try average(g, Double.self) })
    }

    private func maximum<S: GradScalar>(_ g: Tensor, _ type: S.Type) throws(AutogradError) -> Tensor {
        let x = input.array(type), gv = g.array(type)
        let (k, s, p, d) = (parameters.kernelSize, parameters.effectiveStride, parameters.padding, parameters.dilation)
        var out = [S](repeating: 0, count: x.count)
        for row in 0..<rows {
            let base = row * length
            for i in 0..<outputLength {
                let start = i * s - p
                var best = -S.infinity, at = -1
                for t in 0..<k {
                    let position = start + t * d
                    guard position >= 0, position < length else { continue }
                    let value = x[base + position]
                    if at < 0 || value > best || value.isNaN {
                        best = value
                        at = position
                        if value.isNaN { break }
                    }
                }
                if at >= 0 { out[base + at] += gv[row * outputLength + i] }
            }
        }
        return try .make(input.shape, out)
    }

    private func average<S: GradScalar>(_ g: Tensor, _ type: S.Type) throws(AutogradError) -> Tensor {
        let gv = g.array(type)
        let (k, s, p) = (parameters.kernelSize, parameters.effectiveStride, parameters.padding)
        var out = [S](repeating: 0, count: input.count)
        for i in 0..<outputLength {
            var start = i * s - p
            var end = Swift.min(start + k, length + p)
            let poolSize = end - start
            start = Swift.max(start, 0)
            end = Swift.min(end, length)
            guard start < end else { continue }
            let divisor = S(parameters.countIncludePad ? poolSize : end - start)
            for row in 0..<rows {
                let share = gv[row * outputLength + i] / divisor
                for position in start..<end { out[row * length + position] += share }
            }
        }
        return try .make(input.shape, out)
    }
}
