import CConvKernels

/// A dense matrix product `C = op(A) · op(B)` on the convolution's multiply kernel (the same
/// packed-panel GEMM the multiply strategy runs, vectorised for the processor), where `op`
/// takes an operand as stored or transposed. `nn.Linear`'s forward (`x·Wᵀ`), input gradient
/// (`g·W`) and weight gradient (`gᵀ·x`) are each one of these.
public enum MatrixProduct {
    /// How an operand is stored, row-major: as the product uses it, or as its transpose.
    public enum Layout: Sendable {
        case asIs, transposed
    }

    /// `op(a) · op(b)` for `op(a)` of `m × k` and `op(b)` of `k × n`, row-major `m × n`.
    /// `a` holds `m·k` elements (`k × m` when transposed), `b` holds `k·n` (`n × k` when transposed).
    public static func multiply(
        _ a: [Double], _ aLayout: Layout, _ b: [Double], _ bLayout: Layout, m: Int, k: Int, n: Int
    ) -> [Double] {
        run(a, aLayout, b, bLayout, m: m, k: k, n: n)
    }

    /// The float32 form of the product above.
    public static func multiply(
        _ a: [Float], _ aLayout: Layout, _ b: [Float], _ bLayout: Layout, m: Int, k: Int, n: Int
    ) -> [Float] {
        run(a, aLayout, b, bLayout, m: m, k: k, n: n)
    }

    /// The straightforward triple loop, summed in order: the reference the kernel is tested against.
    public static func reference<S: BinaryFloatingPoint>(
        _ a: [S], _ aLayout: Layout, _ b: [S], _ bLayout: Layout, m: Int, k: Int, n: Int
    ) -> [S] {
        var out = [S](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var total: S = 0
                for r in 0..<k {
                    let left = aLayout == .asIs ? a[i * k + r] : a[r * m + i]
                    let right = bLayout == .asIs ? b[r * n + j] : b[j * k + r]
                    total += left * right
                }
                out[i * n + j] = total
            }
        }
        return out
    }

    /// Output columns one call of the kernel computes: its scratch stays small and in cache.
    private static let tileColumns = 512

    private static func run<S: ConvolutionScalar>(
        _ a: [S], _ aLayout: Layout, _ b: [S], _ bLayout: Layout, m: Int, k: Int, n: Int
    ) -> [S] {
        var out = [S](repeating: 0, count: m * n)
        guard m > 0, n > 0, k > 0 else { return out }
        // The kernel packs A from row-major rows; a transposed A is laid out as rows first.
        let rowMajorA = aLayout == .asIs ? a : transpose(a, rows: k, columns: m)
        let packed = UnsafeMutablePointer<S>.allocate(capacity: S.packedWeightsCount(rows: m, depth: k))
        let width = min(tileColumns, n)
        let scratch = UnsafeMutablePointer<S>.allocate(capacity: S.multiplyScratchCount(depth: k, columns: width, taps: 1, dilation: 0))
        let rowStarts = UnsafeMutablePointer<UnsafePointer<S>?>.allocate(capacity: k)
        defer {
            packed.deallocate()
            scratch.deallocate()
            rowStarts.deallocate()
        }
        rowMajorA.withUnsafeBufferPointer { aBuffer in
            guard let base = aBuffer.baseAddress else { return }
            S.packWeights(base, rowStride: k, rows: m, depth: k, into: packed)
        }
        // Row r of op(B) is read at a stride: 1 when B is as stored, k when it is transposed.
        let (rowStep, columnStride) = bLayout == .asIs ? (n, 1) : (1, k)
        b.withUnsafeBufferPointer { bBuffer in
            out.withUnsafeMutableBufferPointer { outBuffer in
                guard let bBase = bBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return }
                var first = 0
                while first < n {
                    let columns = min(width, n - first)
                    for r in 0..<k { rowStarts[r] = bBase + (r * rowStep + first * columnStride) }
                    S.multiply(level: CONV_KERNELS_BEST, packed: packed, rows: m, depth: k, rowStarts: rowStarts,
                               columnStride: columnStride, columns: columns, taps: 1, dilation: 0, scratch: scratch, into: outBase + first,
                               outputStride: n, initial: nil)
                    first += columns
                }
            }
        }
        return out
    }

    private static func transpose<S>(_ values: [S], rows: Int, columns: Int) -> [S] {
        guard let first = values.first else { return values }
        var out = [S](repeating: first, count: values.count)
        for r in 0..<rows {
            for c in 0..<columns { out[c * rows + r] = values[r * columns + c] }
        }
        return out
    }
}
