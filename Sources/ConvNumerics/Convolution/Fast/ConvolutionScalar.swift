import CConvKernels

/// An element type the fast kernels compute in: `Double` (float64) or `Float` (float32).
///
/// Each maps the kernels' C entry points of its family (`_f64` or `_f32`, compiled from one
/// body) and carries what the cost model needs to know about it, so that the kernels, the
/// planning and the threading exist once for both. Every `level` argument caps the compiled
/// version that runs (`CONV_KERNELS_BEST` for the processor's best; tests pass lower levels to
/// compare the versions); the C side never runs more than the processor has.
protocol ConvolutionScalar: TensorScalar {
    /// What this type's kernels cost, for ``ConvolutionCostModel``.
    static var kernelCosts: KernelCosts { get }

    /// Output samples the multiply kernel works on at once: two vector registers' worth.
    static var panelWidth: Int { get }

    /// `out[i] += Σ_j taps[j] · x[i·stride + j·dilation]` for `i` in `0..<count`.
    static func row(
        level: Int32, _ x: UnsafePointer<Self>, count: Int, stride: Int, dilation: Int,
        taps: UnsafePointer<Self>, tapCount: Int, into out: UnsafeMutablePointer<Self>)

    /// Elements ``packWeights(_:rowStride:rows:depth:into:)`` writes for a `rows × depth` matrix.
    static func packedWeightsCount(rows: Int, depth: Int) -> Int

    /// Packs the row-major `rows × depth` matrix `a` (rows `rowStride` apart) for ``multiply``.
    static func packWeights(
        _ a: UnsafePointer<Self>, rowStride: Int, rows: Int, depth: Int, into packed: UnsafeMutablePointer<Self>)

    /// Elements of scratch ``multiply`` needs for `depth` rows and `columns` columns in windows
    /// of `taps` rows `dilation` apart, at any level.
    static func multiplyScratchCount(depth: Int, columns: Int, taps: Int, dilation: Int) -> Int

    /// `out[o·outputStride + t] += Σ_r A[o, r] · rowStarts[r][t·columnStride]` for `o < rows`,
    /// `t < columns`, where `A` (`rows × depth`) was packed by ``packWeights``; or, when
    /// `initial` (`rows` values) is given, `out[…] = initial[o] + Σ_r …`, never reading `out`.
    /// The rows come in windows of `taps` (which divides `depth`), `rowStarts[w·taps + j] ==
    /// rowStarts[w·taps] + j·dilation`: the kernel packs each window once (`taps` 1 for rows
    /// that are not windows of one another).
    static func multiply(
        level: Int32, packed: UnsafePointer<Self>, rows: Int, depth: Int,
        rowStarts: UnsafePointer<UnsafePointer<Self>?>, columnStride: Int, columns: Int, taps: Int, dilation: Int,
        scratch: UnsafeMutablePointer<Self>, into out: UnsafeMutablePointer<Self>, outputStride: Int,
        initial: UnsafePointer<Self>?)

    /// Tiles the Winograd transforms work on at once: one 64-byte vector's lanes.
    static var winogradLanes: Int { get }

    /// `u[ξ·uStride + i] = Σ_j G[ξ][j] · w[i·r + j]` for `rows` kernel rows of `r` taps, for each
    /// point ξ of F(m, r), summed in float64 and rounded once.
    static func winogradWeights(
        m: Int, r: Int, _ w: UnsafePointer<Self>, rows: Int, into u: UnsafeMutablePointer<Self>, uStride: Int)

    /// The input transform of ``winogradLanes`` segments of `steps·m` outputs (segment `l` reads
    /// `window[l·steps·m ..< l·steps·m + roundup(steps·m + r − 1, lanes)]`) into
    /// `v[ξ·vStride + s·lanes + l]`, fetching the window at `next` (when given) meanwhile.
    static func winogradInput(
        level: Int32, m: Int, r: Int, window: UnsafePointer<Self>, steps: Int,
        into v: UnsafeMutablePointer<Self>, vStride: Int, scratch: UnsafeMutablePointer<Self>,
        next: UnsafePointer<Self>?)

    /// The output transform of `products[ξ·pStride + s·lanes + l]` plus `bias` into
    /// `out[l·steps·m + s·m + i]` below `count`; true when a result is infinite or NaN (which
    /// any infinite or NaN input or weight of the block makes one). Fetches the `count` outputs
    /// at `next` (when given) meanwhile.
    static func winogradOutput(
        level: Int32, m: Int, r: Int, products: UnsafePointer<Self>, pStride: Int, steps: Int, bias: Self,
        into out: UnsafeMutablePointer<Self>, count: Int, scratch: UnsafeMutablePointer<Self>,
        next: UnsafeMutablePointer<Self>?) -> Bool

    /// Elements between the rows of a right-hand matrix laid out for ``multiplyLaidOut``.
    static func multiplyRowStride(columns: Int) -> Int

    /// ``multiply`` for a right-hand matrix of `depth` rows its caller laid out as the kernel
    /// packs them (row `r` at `b + r·rowStride`, ``multiplyRowStride(columns:)`` apart, `b` on a
    /// 64-byte boundary): no copy. Meanwhile fetches `fetch` (when given) into the cache for
    /// what the caller does next.
    static func multiplyLaidOut(
        level: Int32, packed: UnsafePointer<Self>, rows: Int, depth: Int, b: UnsafePointer<Self>, rowStride: Int,
        columns: Int, into out: UnsafeMutablePointer<Self>, outputStride: Int, initial: UnsafePointer<Self>?,
        fetch: RowsAhead<Self>?)

    /// The `size − 1` twiddle factors of a power-of-two FFT, stage by stage.
    static func fftTwiddles(size: Int, re: UnsafeMutablePointer<Self>, im: UnsafeMutablePointer<Self>)

    /// In-place complex FFT of power-of-two `size` on split arrays: forward from natural to
    /// bit-reversed order, or (when `inverse`) backward from bit-reversed to natural order,
    /// without the `1/size`. Spectra multiplied element by element never need reordering.
    static func fft(
        level: Int32, re: UnsafeMutablePointer<Self>, im: UnsafeMutablePointer<Self>,
        twiddleRe: UnsafePointer<Self>, twiddleIm: UnsafePointer<Self>, size: Int, inverse: Bool)

    /// `(re, im) ·= conj(kernel)` element by element.
    static func multiplyConjugate(
        level: Int32, re: UnsafeMutablePointer<Self>, im: UnsafeMutablePointer<Self>,
        kernelRe: UnsafePointer<Self>, kernelIm: UnsafePointer<Self>, count: Int)
}

extension Double: ConvolutionScalar {
    static var kernelCosts: KernelCosts { .float64 }

    static var panelWidth: Int { conv_kernels_panel_width_f64() }

    static func row(
        level: Int32, _ x: UnsafePointer<Double>, count: Int, stride: Int, dilation: Int,
        taps: UnsafePointer<Double>, tapCount: Int, into out: UnsafeMutablePointer<Double>
    ) {
        conv_kernels_row_f64(level, x, count, stride, dilation, taps, tapCount, out)
    }

    static func packedWeightsCount(rows: Int, depth: Int) -> Int { conv_kernels_packed_weights_count_f64(rows, depth) }

    static func packWeights(
        _ a: UnsafePointer<Double>, rowStride: Int, rows: Int, depth: Int, into packed: UnsafeMutablePointer<Double>
    ) {
        conv_kernels_pack_weights_f64(a, rowStride, rows, depth, packed)
    }

    static func multiplyScratchCount(depth: Int, columns: Int, taps: Int, dilation: Int) -> Int {
        conv_kernels_multiply_scratch_count_f64(depth, columns, taps, dilation)
    }

    static func multiply(
        level: Int32, packed: UnsafePointer<Double>, rows: Int, depth: Int,
        rowStarts: UnsafePointer<UnsafePointer<Double>?>, columnStride: Int, columns: Int, taps: Int, dilation: Int,
        scratch: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Double>, outputStride: Int,
        initial: UnsafePointer<Double>?
    ) {
        conv_kernels_multiply_f64(
            level, packed, rows, depth, rowStarts, columnStride, columns, taps, dilation, scratch, out, outputStride,
            initial)
    }

    static var winogradLanes: Int { conv_kernels_winograd_lanes_f64() }

    static func winogradWeights(
        m: Int, r: Int, _ w: UnsafePointer<Double>, rows: Int, into u: UnsafeMutablePointer<Double>, uStride: Int
    ) {
        conv_kernels_winograd_weights_f64(m, r, w, rows, u, uStride)
    }

    static func winogradInput(
        level: Int32, m: Int, r: Int, window: UnsafePointer<Double>, steps: Int,
        into v: UnsafeMutablePointer<Double>, vStride: Int, scratch: UnsafeMutablePointer<Double>,
        next: UnsafePointer<Double>?
    ) {
        conv_kernels_winograd_input_f64(level, m, r, window, steps, v, vStride, scratch, next)
    }

    static func winogradOutput(
        level: Int32, m: Int, r: Int, products: UnsafePointer<Double>, pStride: Int, steps: Int, bias: Double,
        into out: UnsafeMutablePointer<Double>, count: Int, scratch: UnsafeMutablePointer<Double>,
        next: UnsafeMutablePointer<Double>?
    ) -> Bool {
        conv_kernels_winograd_output_f64(level, m, r, products, pStride, steps, bias, out, count, scratch, next) != 0
    }

    static func multiplyRowStride(columns: Int) -> Int { conv_kernels_multiply_row_stride_f64(columns) }

    static func multiplyLaidOut(
        level: Int32, packed: UnsafePointer<Double>, rows: Int, depth: Int, b: UnsafePointer<Double>, rowStride: Int,
        columns: Int, into out: UnsafeMutablePointer<Double>, outputStride: Int, initial: UnsafePointer<Double>?,
        fetch: RowsAhead<Double>?
    ) {
        conv_kernels_multiply_laid_out_f64(
            level, packed, rows, depth, b, rowStride, columns, out, outputStride, initial,
            fetch?.first, fetch?.rows ?? 0, fetch?.stride ?? 0, fetch?.length ?? 0)
    }

    static func fftTwiddles(size: Int, re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>) {
        conv_kernels_fft_twiddles_f64(size, re, im)
    }

    static func fft(
        level: Int32, re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>,
        twiddleRe: UnsafePointer<Double>, twiddleIm: UnsafePointer<Double>, size: Int, inverse: Bool
    ) {
        conv_kernels_fft_f64(level, re, im, twiddleRe, twiddleIm, size, inverse ? 1 : 0)
    }

    static func multiplyConjugate(
        level: Int32, re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>,
        kernelRe: UnsafePointer<Double>, kernelIm: UnsafePointer<Double>, count: Int
    ) {
        conv_kernels_multiply_conjugate_f64(level, re, im, kernelRe, kernelIm, count)
    }
}

extension Float: ConvolutionScalar {
    static var kernelCosts: KernelCosts { .float32 }

    static var panelWidth: Int { conv_kernels_panel_width_f32() }

    static func row(
        level: Int32, _ x: UnsafePointer<Float>, count: Int, stride: Int, dilation: Int,
        taps: UnsafePointer<Float>, tapCount: Int, into out: UnsafeMutablePointer<Float>
    ) {
        conv_kernels_row_f32(level, x, count, stride, dilation, taps, tapCount, out)
    }

    static func packedWeightsCount(rows: Int, depth: Int) -> Int { conv_kernels_packed_weights_count_f32(rows, depth) }

    static func packWeights(
        _ a: UnsafePointer<Float>, rowStride: Int, rows: Int, depth: Int, into packed: UnsafeMutablePointer<Float>
    ) {
        conv_kernels_pack_weights_f32(a, rowStride, rows, depth, packed)
    }

    static func multiplyScratchCount(depth: Int, columns: Int, taps: Int, dilation: Int) -> Int {
        conv_kernels_multiply_scratch_count_f32(depth, columns, taps, dilation)
    }

    static func multiply(
        level: Int32, packed: UnsafePointer<Float>, rows: Int, depth: Int,
        rowStarts: UnsafePointer<UnsafePointer<Float>?>, columnStride: Int, columns: Int, taps: Int, dilation: Int,
        scratch: UnsafeMutablePointer<Float>, into out: UnsafeMutablePointer<Float>, outputStride: Int,
        initial: UnsafePointer<Float>?
    ) {
        conv_kernels_multiply_f32(
            level, packed, rows, depth, rowStarts, columnStride, columns, taps, dilation, scratch, out, outputStride,
            initial)
    }

    static var winogradLanes: Int { conv_kernels_winograd_lanes_f32() }

    static func winogradWeights(
        m: Int, r: Int, _ w: UnsafePointer<Float>, rows: Int, into u: UnsafeMutablePointer<Float>, uStride: Int
    ) {
        conv_kernels_winograd_weights_f32(m, r, w, rows, u, uStride)
    }

    static func winogradInput(
        level: Int32, m: Int, r: Int, window: UnsafePointer<Float>, steps: Int,
        into v: UnsafeMutablePointer<Float>, vStride: Int, scratch: UnsafeMutablePointer<Float>,
        next: UnsafePointer<Float>?
    ) {
        conv_kernels_winograd_input_f32(level, m, r, window, steps, v, vStride, scratch, next)
    }

    static func winogradOutput(
        level: Int32, m: Int, r: Int, products: UnsafePointer<Float>, pStride: Int, steps: Int, bias: Float,
        into out: UnsafeMutablePointer<Float>, count: Int, scratch: UnsafeMutablePointer<Float>,
        next: UnsafeMutablePointer<Float>?
    ) -> Bool {
        conv_kernels_winograd_output_f32(level, m, r, products, pStride, steps, bias, out, count, scratch, next) != 0
    }

    static func multiplyRowStride(columns: Int) -> Int { conv_kernels_multiply_row_stride_f32(columns) }

    static func multiplyLaidOut(
        level: Int32, packed: UnsafePointer<Float>, rows: Int, depth: Int, b: UnsafePointer<Float>, rowStride: Int,
        columns: Int, into out: UnsafeMutablePointer<Float>, outputStride: Int, initial: UnsafePointer<Float>?,
        fetch: RowsAhead<Float>?
    ) {
        conv_kernels_multiply_laid_out_f32(
            level, packed, rows, depth, b, rowStride, columns, out, outputStride, initial,
            fetch?.first, fetch?.rows ?? 0, fetch?.stride ?? 0, fetch?.length ?? 0)
    }

    static func fftTwiddles(size: Int, re: UnsafeMutablePointer<Float>, im: UnsafeMutablePointer<Float>) {
        conv_kernels_fft_twiddles_f32(size, re, im)
    }

    static func fft(
        level: Int32, re: UnsafeMutablePointer<Float>, im: UnsafeMutablePointer<Float>,
        twiddleRe: UnsafePointer<Float>, twiddleIm: UnsafePointer<Float>, size: Int, inverse: Bool
    ) {
        conv_kernels_fft_f32(level, re, im, twiddleRe, twiddleIm, size, inverse ? 1 : 0)
    }

    static func multiplyConjugate(
        level: Int32, re: UnsafeMutablePointer<Float>, im: UnsafeMutablePointer<Float>,
        kernelRe: UnsafePointer<Float>, kernelIm: UnsafePointer<Float>, count: Int
    ) {
        conv_kernels_multiply_conjugate_f32(level, re, im, kernelRe, kernelIm, count)
    }
}
