import ConvNumerics

/// `conv1d`, `conv_transpose1d` and `F.pad` with their gradients.
///
/// The gradients are themselves convolutions, run by ConvNumerics' fast kernels: the input
/// gradient of a convolution is the transposed convolution of the upstream gradient, and its
/// weight gradient is a correlation of the (padded) input with the upstream gradient, which is
/// a convolution once batch and channels swap places (the upstream gradient acts as a kernel
/// dilated by the stride, slid with a step of the dilation).
extension Functional {
    /// `F.conv1d(x, w, b, ...)`, or `nn.Conv1d`'s forward with its `padding_mode`
    /// (`ConvolutionBackward0`; a padding mode other than zeros pads first, as `nn.Conv1d`
    /// does, through ``pad(_:left:right:mode:)``). `x` is `(C, L)` or `(N, C, L)`.
    public static func conv1d(
        _ x: Variable, _ w: Variable, _ b: Variable?, parameters: ConvolutionParameters = ConvolutionParameters()
    ) throws(AutogradError) -> Variable {
        guard x.data.rank == 2 || x.data.rank == 3 else {
            throw .invalidArgument("Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: \(Tensor.list(x.shape))")
        }
        guard w.data.rank == 3 else { throw .invalidArgument("conv1d: weight should be 3-D, but got \(w.data.rank)-D") }
        let details = OperationRecord.convolution(input: x.data, weight: w.data, bias: b?.data, parameters: parameters)
        var input = x
        var parameters = parameters
        if parameters.paddingMode != .zeros {
            let (left, right) = try resolvedPadding(parameters, kernelSize: w.shape[2])
            if left > 0 || right > 0 { input = try pad(x, left: left, right: right, mode: parameters.paddingMode) }
            parameters.padding = .valid
            parameters.paddingMode = .zeros
        }
        let (left, right) = try resolvedPadding(parameters, kernelSize: w.shape[2])
        let out: Tensor
        do {
            out = try Convolution.conv1d(input.data, weight: w.data, bias: b?.data, parameters: parameters)
        } catch { throw .convolution(error) }
        let geometry = ConvolutionGradient(
            input: input.data, weight: w.data, stride: parameters.stride, dilation: parameters.dilation,
            groups: parameters.groups, left: left, right: right)
        let needs = (input.requiresGrad, w.requiresGrad, b?.requiresGrad ?? false)
        let inputs = [input, w] + (b.map { [$0] } ?? [])
        return .record("ConvolutionBackward0", out, inputs: inputs, details: details) { g throws(AutogradError) in
            let g3 = try geometry.batched(g)
            var grads: [Tensor?] = [
                needs.0 ? try geometry.inputGradient(g3) : nil,
                needs.1 ? try geometry.weightGradient(g3) : nil,
            ]
            if b != nil { grads.append(needs.2 ? try TensorMath.sum(g3, dims: [0, 2], keepDimensions: false) : nil) }
            return grads
        }
    }

    /// `F.conv_transpose1d(x, w, b, ...)` (`ConvolutionBackward0`); `w` is `(in, out/g, k)`.
    public static func convTranspose1d(
        _ x: Variable, _ w: Variable, _ b: Variable?,
        parameters: ConvolutionTransposeParameters = ConvolutionTransposeParameters()
    ) throws(AutogradError) -> Variable {
        guard x.data.rank == 2 || x.data.rank == 3 else {
            throw .invalidArgument("Expected 2D (unbatched) or 3D (batched) input to conv_transpose1d, but got input of size: \(Tensor.list(x.shape))")
        }
        guard w.data.rank == 3 else { throw .invalidArgument("conv_transpose1d: weight should be 3-D, but got \(w.data.rank)-D") }
        let out: Tensor
        do {
            out = try ConvolutionTranspose.convTranspose1d(x.data, weight: w.data, bias: b?.data, parameters: parameters)
        } catch { throw .convolutionTranspose(error) }
        let (input, weight) = (x.data, w.data)
        let needs = (x.requiresGrad, w.requiresGrad, b?.requiresGrad ?? false)
        let inputs = [x, w] + (b.map { [$0] } ?? [])
        let details = OperationRecord.transposedConvolution(input: input, weight: weight, bias: b?.data, parameters: parameters)
        return .record("ConvolutionBackward0", out, inputs: inputs, details: details) { g throws(AutogradError) in
            let batched = input.rank == 2
            let x3 = batched ? try input.viewed([1] + input.shape) : input
            let g3 = batched ? try g.viewed([1] + g.shape) : g
            let gradient = TransposeGradient(input: x3, weight: weight, parameters: parameters)
            var grads: [Tensor?] = [
                needs.0 ? try gradient.inputGradient(g3).viewed(input.shape) : nil,
                needs.1 ? try gradient.weightGradient(g3) : nil,
            ]
            if b != nil { grads.append(needs.2 ? try TensorMath.sum(g3, dims: [0, 2], keepDimensions: false) : nil) }
            return grads
        }
    }

    /// `F.pad(x, (left, right), mode=...)` on the last dimension (`ConstantPadNdBackward0`,
    /// `ReflectionPad1DBackward0`, `ReplicationPad1DBackward0`): the gradient of each padded
    /// sample flows back to the input sample it copies.
    /// `value`: what constant padding (`.zeros`) puts in the new positions (`F.pad(x, p, value=v)`).
    /// A negative side removes samples, as PyTorch's does: circular padding cuts the input
    /// first and wraps what is left, the other modes pad first and cut the result.
    public static func pad(_ x: Variable, left: Int, right: Int, mode: PaddingMode, value: Double = 0) throws(AutogradError) -> Variable {
        guard let length = x.shape.last else { throw .invalidArgument("pad: the input must have at least one dimension") }
        // Amounts beyond ±2^62 are refused rather than overflowing below.
        let limit = 1 << 62
        guard (-limit...limit).contains(left), (-limit...limit).contains(right) else {
            throw .invalidArgument("pad: padding (\(left), \(right)) is too large")
        }
        let (cutLeft, cutRight) = (Swift.max(-left, 0), Swift.max(-right, 0))
        let kept = mode == .circular ? length - cutLeft - cutRight : length
        guard kept >= 0, length + left + right >= 0 else { throw .invalidArgument("narrow(): length must be non-negative.") }
        var sources: [Int?]
        do {
            sources = try Convolution.padded([Double](repeating: 0, count: kept), left: Swift.max(left, 0), right: Swift.max(right, 0), mode: mode)
                .map(\.sourceIndex)
        } catch { throw .convolution(error) }
        if mode == .circular {
            sources = sources.map { $0.map { $0 + cutLeft } }
        } else {
            sources = Array(sources.dropFirst(cutLeft).dropLast(cutRight))
        }
        let out = try TensorMath.pad(x.data, sources: sources, fill: value)
        let inputShape = x.shape
        let name = switch mode {
        case .zeros: "ConstantPadNdBackward0"
        case .reflect: "ReflectionPad1DBackward0"
        case .replicate: "ReplicationPad1DBackward0"
        case .circular: "CopySlices"
        }
        return .record(name, out, inputs: [x], savesTensors: false) { g throws(AutogradError) in
            [try TensorMath.unpad(g, sources: sources, to: inputShape)]
        }
    }

    static func resolvedPadding(_ parameters: ConvolutionParameters, kernelSize: Int) throws(AutogradError) -> (Int, Int) {
        do { return try Convolution.resolvedPadding(parameters, kernelSize: kernelSize) } catch { throw .convolution(error) }
    }
}

/// What a convolution's backward needs: the (padded, batched) geometry of its forward.
struct ConvolutionGradient {
    let input: Tensor
    let weight: Tensor
    let stride: Int
    let dilation: Int
    let groups: Int
    let left: Int
    let right: Int

    /// The upstream gradient as `(N, O, L_out)`.
    func batched(_ g: Tensor) throws(AutogradError) -> Tensor {
        g.rank == 2 ? try g.viewed([1] + g.shape) : g
    }

    /// The transposed convolution of `g` with the weight, cut to the input's span, run as a
    /// convolution (so by the fast kernels): `g` spread out by the stride, padded by the
    /// kernel's reach on both sides, correlated with the weight flipped along its taps and with
    /// input and output channels exchanged within each group.
    func inputGradient(_ g: Tensor) throws(AutogradError) -> Tensor {
        let kernel = weight.shape[2]
        let reach = dilation * (kernel - 1)
        let spread = try TensorMath.spread(g, stride: stride)
        let flipped = try TensorMath.flippedTransposedWeight(weight, groups: groups)
        let full: Tensor
        do {
            full = try Convolution.conv1d(
                spread, weight: flipped, bias: nil,
                parameters: ConvolutionParameters(
                    padding: .explicit(left: reach, right: reach), dilation: dilation, groups: groups))
        } catch { throw .convolution(error) }
        let length = input.shape[input.rank - 1]
        return try TensorMath.window(full, start: left, length: length).viewed(input.shape)
    }

    /// `∂w[o, c, j] = Σ_n Σ_i g[n, o, i] · xpad[n, group(o)·C/G + c, i·s + j·d]`.
    func weightGradient(_ g: Tensor) throws(AutogradError) -> Tensor {
        let x3 = input.rank == 2 ? try input.viewed([1] + input.shape) : input
        return try TensorMath.exchangedCorrelation(
            signal: x3, kernel: g, groups: groups, stride: stride, dilation: dilation,
            left: left, right: right, taps: weight.shape[2])
    }
}

/// What a transposed convolution's backward needs.
struct TransposeGradient {
    let input: Tensor
    let weight: Tensor
    let parameters: ConvolutionTransposeParameters

    /// The convolution of `g` with the weight (the adjoint of the scatter), cut to `L`.
    func inputGradient(_ g: Tensor) throws(AutogradError) -> Tensor {
        let p = parameters
        let out: Tensor
        do {
            out = try Convolution.conv1d(
                g, weight: weight, bias: nil,
                parameters: ConvolutionParameters(
                    stride: p.stride, padding: .explicit(left: p.padding, right: p.padding),
                    dilation: p.dilation, groups: p.groups))
        } catch { throw .convolution(error) }
        return try TensorMath.window(out, start: 0, length: input.shape[2])
    }

    /// `∂w[c, o, j] = Σ_n Σ_i x[n, c, i] · g[n, group(c)·O/G + o, i·s + j·d − p]`.
    func weightGradient(_ g: Tensor) throws(AutogradError) -> Tensor {
        let p = parameters
        return try TensorMath.exchangedCorrelation(
            signal: g, kernel: input, groups: p.groups, stride: p.stride, dilation: p.dilation,
            left: p.padding, right: p.padding, taps: weight.shape[2])
    }
}

extension TensorMath {
    /// `out[o, c, j] = Σ_n Σ_i kernel[n, o, i] · signal[n, group(o)·P + c, i·stride + j·dilation − left]`
    /// for `j < taps`, with `signal` `(N, G·P, L)` zero-padded by `left` and `right` and `kernel`
    /// `(N, O, K)`: a weight gradient. With batch and channels exchanged it is one grouped
    /// convolution, `kernel` acting as a weight dilated by `stride` and slid `dilation` apart.
    static func exchangedCorrelation(
        signal: Tensor, kernel: Tensor, groups: Int, stride: Int, dilation: Int, left: Int, right: Int, taps: Int
    ) throws(AutogradError) -> Tensor {
        let (n, channels, length) = (signal.shape[0], signal.shape[1], signal.shape[2])
        let perGroup = channels / groups
        let lhs = try permute(try signal.viewed([n, groups, perGroup, length]), [2, 1, 0, 3])
            .viewed([perGroup, groups * n, length])
        let rhs = try permute(kernel, [1, 0, 2])
        let correlation: Tensor
        do {
            correlation = try Convolution.conv1d(
                lhs, weight: rhs, bias: nil,
                parameters: ConvolutionParameters(
                    stride: dilation, padding: .explicit(left: left, right: right), dilation: stride, groups: groups))
        } catch { throw .convolution(error) }
        return try window(try permute(correlation, [1, 0, 2]), start: 0, length: taps)
    }

    /// Every row of `t` with `stride − 1` zeros between neighbouring samples.
    static func spread(_ t: Tensor, stride: Int) throws(AutogradError) -> Tensor {
        guard stride > 1, let length = t.shape.last, length > 0 else { return t }
        let spreadLength = (length - 1) * stride + 1
        let rows = t.count / length
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let source = t.array(type)
            var out = [S](repeating: 0, count: rows * spreadLength)
            for row in 0..<rows {
                for i in 0..<length { out[row * spreadLength + i * stride] = source[row * length + i] }
            }
            return try .make(Array(t.shape.dropLast()) + [spreadLength], out)
        }
        return try onFloats(t.dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }

    /// A convolution weight `(O, C/G, k)` as the weight of its adjoint convolution
    /// `(C, O/G, k)`: taps reversed, input and output channels exchanged within each group.
    static func flippedTransposedWeight(_ w: Tensor, groups: Int) throws(AutogradError) -> Tensor {
        let (outChannels, perGroupIn, kernel) = (w.shape[0], w.shape[1], w.shape[2])
        let perGroupOut = outChannels / groups
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let source = w.array(type)
            var out = [S](repeating: 0, count: source.count)
            for group in 0..<groups {
                for o in 0..<perGroupOut {
                    for c in 0..<perGroupIn {
                        let from = ((group * perGroupOut + o) * perGroupIn + c) * kernel
                        let to = ((group * perGroupIn + c) * perGroupOut + o) * kernel
                        for j in 0..<kernel { out[to + j] = source[from + kernel - 1 - j] }
                    }
                }
            }
            return try .make([groups * perGroupIn, perGroupOut, kernel], out)
        }
        return try onFloats(w.dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }

    /// Every row (last dimension) of `t` cut or zero-extended to `t[start ..< start + length]`.
    static func window(_ t: Tensor, start: Int, length: Int) throws(AutogradError) -> Tensor {
        let rowLength = t.shape.last ?? 1
        if start == 0, length == rowLength { return t }
        let rows = rowLength == 0 ? 0 : t.count / rowLength
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let source = t.array(type)
            var out = [S](repeating: 0, count: rows * length)
            let from = Swift.max(start, 0), to = Swift.min(start + length, rowLength)
            if from < to {
                for row in 0..<rows {
                    for j in from..<to { out[row * length + j - start] = source[row * rowLength + j] }
                }
            }
            return try .make(Array(t.shape.dropLast()) + [length], out)
        }
        return try onFloats(t.dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }

    /// Every row padded: position `p` copies input sample `sources[p]` (zero when `nil`).
    static func pad(_ t: Tensor, sources: [Int?], fill: Double = 0) throws(AutogradError) -> Tensor {
        let dtype = try floatingDType(t, operation: "pad")
        let rowLength = t.shape.last ?? 1
        let rows = rowLength == 0 ? 0 : t.count / rowLength
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let source = t.array(type)
            var out = [S](repeating: S(fill), count: rows * sources.count)
            for row in 0..<rows {
                for (position, index) in sources.enumerated() {
                    if let index { out[row * sources.count + position] = source[row * rowLength + index] }
                }
            }
            return try .make(Array(t.shape.dropLast()) + [sources.count], out)
        }
        return try onFloats(dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }

    /// The adjoint of ``pad(_:sources:)``: each padded sample's gradient added to its source.
    static func unpad(_ g: Tensor, sources: [Int?], to shape: [Int]) throws(AutogradError) -> Tensor {
        let rowLength = shape.last ?? 1
        let rows = rowLength == 0 ? 0 : product(shape) / rowLength
        func run<S: GradScalar>(_ type: S.Type) throws(AutogradError) -> Tensor {
            let source = g.array(type)
            var out = [S](repeating: 0, count: product(shape))
            for row in 0..<rows {
                for (position, index) in sources.enumerated() {
                    if let index { out[row * rowLength + index] += source[row * sources.count + position] }
                }
            }
            return try .make(shape, out)
        }
        return try onFloats(g.dtype, { () throws(AutogradError) in try run(Float.self) }, { () throws(AutogradError) in try run(Double.self) })
    }
}
